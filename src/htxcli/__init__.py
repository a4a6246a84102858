"""htx: a command-line registry for Vietnam's collective economy."""

__version__ = "0.1.0"
