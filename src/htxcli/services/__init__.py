"""Use cases: each runs in one unit of work and returns plain data for the renderers."""
