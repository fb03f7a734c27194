"""Ingestion: read inputs of every format, clean them, give them stable ids, find duplicates."""
