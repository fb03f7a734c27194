"""Arabic language layer: normalisation, tokens, sentences, numbers, dates, named entities."""

from rasd.lang.document import Document, analyze

__all__ = ["Document", "analyze"]
