"""The HTTP API (FastAPI, docs/api.md) and the dashboard's static files (``static/``), served by ``rasd serve``."""
