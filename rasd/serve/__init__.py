"""HTTP API and dashboard (arrive with their own issue)."""
