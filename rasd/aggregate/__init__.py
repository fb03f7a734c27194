"""Cross-article merging: reports of the same occurrence become one canonical event.

``merge`` holds the rules (pure functions), ``build`` loads stored events and rewrites the ``canonical_*``
tables in one transaction, ``filters`` turns user filters into parameterised SQL, and ``query`` reads
canonical events for the CLI (``rasd query``, ``rasd ledger``) and the HTTP API alike.
"""
