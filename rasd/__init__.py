"""Rasd: Arabic conflict reporting turned into structured, geocoded, source-attributed events and claims."""

__version__ = "0.1.0"
