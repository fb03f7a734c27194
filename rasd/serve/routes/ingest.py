"""``POST /articles``: validate the posted articles, then store and extract them under the write lock."""

import orjson
from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from rasd.serve.common import WRITE, ApiError, state_of
from rasd.serve.models import IngestResult

MAX_ARTICLES = 100
#: The longest posted text and page: what extraction handles in a second or two (BENCHMARKS.md: ~0.25 s
#: per 100k characters) while the write lock is held; longer texts go through `rasd run`.
MAX_TEXT_CHARS = 500_000
MAX_HTML_CHARS = 2_000_000


class ArticleIn(BaseModel):
    """One input article (the FORMAT.md input shape)."""

    model_config = ConfigDict(extra="ignore")
    id: str | None = Field(None, max_length=500)
    text: str | None = Field(None, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(None, max_length=5_000)
    published: str | None = Field(None, max_length=40, description="YYYY-MM-DD")
    outlet: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=5_000)
    html: str | None = Field(None, max_length=MAX_HTML_CHARS)


_article_list = TypeAdapter(list[ArticleIn])
_body_schema = {"oneOf": [ArticleIn.model_json_schema(),
                          {"type": "array", "items": ArticleIn.model_json_schema(), "maxItems": MAX_ARTICLES}]}

router = APIRouter(tags=["articles"])


def _validated(data: object) -> list[ArticleIn]:
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ApiError(422, "no articles in the request")
    if len(items) > MAX_ARTICLES:
        raise ApiError(413, f"at most {MAX_ARTICLES} articles per request")
    try:
        articles = _article_list.validate_python(items)
    except ValidationError as e:
        err = e.errors()[0]
        loc = [str(x) for x in err.get("loc", ())]
        where = f"article {loc[0]}" + (f": {'.'.join(loc[1:])}" if len(loc) > 1 else "")
        raise ApiError(422, f"{where}: {err.get('msg', 'invalid value')}") from None
    for i, it in enumerate(articles):
        if not (it.text and it.text.strip()) and not (it.html and it.html.strip()):
            raise ApiError(422, f"article {i}: needs a non-empty 'text' (or 'html')")
    return articles


@router.post("/articles", dependencies=WRITE, openapi_extra={
    "requestBody": {"required": True, "content": {"application/json": {"schema": _body_schema}}}})
async def post_articles(request: Request) -> IngestResult:
    """Ingest and extract one article or a list (at most 100); canonical events are refreshed."""
    from rasd.serve.ingest import ingest_records

    try:
        data = orjson.loads(await request.body())
    except orjson.JSONDecodeError as e:
        raise ApiError(422, f"body is not valid JSON ({str(e).splitlines()[0][:120]})") from None
    articles = _validated(data)
    state = state_of(request)

    def work() -> dict:
        with state.write_lock:
            return ingest_records(state.db, [it.model_dump() for it in articles])

    return await run_in_threadpool(work)
