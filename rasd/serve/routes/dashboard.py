"""The dashboard page at ``/``, its static files under ``/static`` and the Swagger UI at ``/docs``."""


from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from rasd import paths

STATIC = paths.STATIC
NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Rasd</title>
<body><h1>Rasd</h1><p>The dashboard is not built yet. The API is at <a href="/docs">/docs</a>.</p></body></html>"""

router = APIRouter(include_in_schema=False)


@router.get("/")  # the page holds no data: the API calls it makes need the key
def index() -> Response:
    page = STATIC / "index.html"
    if page.is_file():
        return HTMLResponse(page.read_text(encoding="utf-8"))
    return HTMLResponse(NOT_BUILT)


@router.get("/docs")
def docs() -> Response:
    """Swagger UI from the vendored files (``make web``): the docs page must not reach for a CDN."""
    from fastapi.openapi.docs import get_swagger_ui_html

    vendor = "/static/vendor"
    return get_swagger_ui_html(openapi_url="/openapi.json", title="Rasd API",
                               swagger_js_url=f"{vendor}/swagger-ui-bundle.js",
                               swagger_css_url=f"{vendor}/swagger-ui.css", swagger_favicon_url=f"{vendor}/none")


def mount_static(app: FastAPI) -> None:
    """Serve ``static/`` (the page's script, styles and vendored libraries) when it exists."""
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
