"""Cross-article merging of events into canonical events (arrives with its own issue)."""
