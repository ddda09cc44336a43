"""A static-site generator for chronologies of negotiations."""

__version__ = "0.1.0"
