"""groupwcc: plan group well-child care for parents in recovery and their babies."""

__version__ = "0.1.0"
__all__ = ["__version__"]
