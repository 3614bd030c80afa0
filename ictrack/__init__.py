"""ictrack: keep the promises you make to the people you work with."""

__version__ = "0.1.0"
