"""The embedded DuckDB store, its schema and migrations, and exports."""
