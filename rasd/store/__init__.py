"""The DuckDB store. Open it with :class:`Database` (``read()`` / ``write()``: one piece of work, then
closed); tables are declared in :mod:`rasd.store.tables`, migrations in :mod:`rasd.store.schema`.

To add a table: declare it in ``tables.py`` (add it to ``ALL``) and append a migration
``Migration(N, "what", (create(T.NEW_TABLE),))`` to ``schema.MIGRATIONS``; a new column on an existing
table is declared there too and migrated with ``add_columns(T.TABLE, "column")``.
"""

from rasd.store.connection import Database, DatabaseBusy, StoreError

__all__ = ["Database", "DatabaseBusy", "StoreError"]
