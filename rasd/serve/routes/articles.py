"""``GET /articles/{id}``: one stored article with its entity mentions and events."""

from fastapi import APIRouter

from rasd.aggregate import query
from rasd.serve.common import READ, ApiError, Cur
from rasd.serve.models import Article

router = APIRouter(tags=["articles"])


@router.get("/articles/{article_id}", dependencies=READ)
def article(cur: Cur, article_id: str) -> Article:
    """An article's text with its entity mentions and events (character offsets into `text`)."""
    a = query.article_detail(cur, article_id[:1000])
    if a is None:
        raise ApiError(404, f"no article {article_id[:80]!r}")
    return a
