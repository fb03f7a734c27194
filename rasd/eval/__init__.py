"""Scoring extraction against gold files."""
