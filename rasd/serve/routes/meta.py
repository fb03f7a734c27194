"""``GET /health``: counts that say the server and its database are up."""

from fastapi import APIRouter

from rasd.aggregate import query
from rasd.serve.common import READ, Cur
from rasd.serve.models import Health

router = APIRouter(tags=["meta"])


@router.get("/health", dependencies=READ)
def health(cur: Cur) -> Health:
    return query.health(cur)
