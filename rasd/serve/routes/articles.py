"""``GET /articles/{id}``: one stored article with its entity mentions and events (any id, ``/`` included)."""

from fastapi import APIRouter

from rasd.aggregate import query
from rasd.serve.common import READ, ApiError, Cur
from rasd.serve.models import Article

router = APIRouter(tags=["articles"])


@router.get("/articles/{article_id:path}", dependencies=READ)
def article(cur: Cur, article_id: str) -> Article:
    """An article's text with its entity mentions and events (character offsets into `text`).

    Ids are opaque and may hold ``/`` (a feed item's id is its URL): the rest of the path is the id,
    sent as is or percent-encoded (``%2F``).
    """
    a = query.article_detail(cur, article_id[:1000])
    if a is None:
        raise ApiError(404, f"no article {article_id[:80]!r}")
    return a
