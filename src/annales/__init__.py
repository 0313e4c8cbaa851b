"""annales: French news to coded political events."""
__version__ = "0.1.0"
