"""volunteer-app: micro-volunteering on the desktop."""

__version__ = "0.1.0"
