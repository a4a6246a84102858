"""Vocabularies, value parsing and errors. Imports nothing from the layers above."""
