"""The dashboard page at ``/``, its static files under ``/static`` and the Swagger UI at ``/docs``."""


from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from rasd import paths
from rasd.serve.common import state_of
from rasd.serve.headers import content_security_policy, inline_script_hashes

STATIC = paths.STATIC
NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Rasd</title>
<body><h1>Rasd</h1><p>The dashboard is not built yet. The API is at <a href="/docs">/docs</a>.</p></body></html>"""

router = APIRouter(include_in_schema=False)


@router.get("/")  # the page holds no data: the API calls it makes need the key
def index(request: Request) -> Response:
    page = STATIC / "index.html"
    if not page.is_file():
        return HTMLResponse(NOT_BUILT)
    html = page.read_text(encoding="utf-8")
    tiles = state_of(request).tiles_origin
    if tiles:  # the page's own policy allows the configured tile server too (the header does already)
        html = html.replace("img-src 'self' data:;", f"img-src 'self' data: {tiles};", 1)
    return HTMLResponse(html)


@router.get("/docs")
def docs() -> Response:
    """Swagger UI from the vendored files (``make web``): the docs page must not reach for a CDN; its one
    inline script is allowed by hash in the page's own policy."""
    from fastapi.openapi.docs import get_swagger_ui_html

    vendor = "/static/vendor"
    page = get_swagger_ui_html(openapi_url="/openapi.json", title="Rasd API",
                               swagger_js_url=f"{vendor}/swagger-ui-bundle.js",
                               swagger_css_url=f"{vendor}/swagger-ui.css", swagger_favicon_url=f"{vendor}/none")
    hashes = inline_script_hashes(bytes(page.body).decode("utf-8"))
    page.headers["content-security-policy"] = content_security_policy(script_hashes=hashes)
    return page


def mount_static(app: FastAPI) -> None:
    """Serve ``static/`` (the page's script, styles and vendored libraries) when it exists."""
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
