"""通办 Tongban: an open-source 一网通办 government-service platform."""

__version__ = "0.1.0"
