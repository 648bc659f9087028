"""App factory: settings passed in, one error body for every failure (the same as the CLI's NianbaoError).

Pages need a signed-in user (a signed-out visitor is sent to /login); the stateless file
tools (/tools, /api/validate, /api/import) touch no stored report and stay open.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..settings import Settings, load_settings
from . import errors
from .auth import SignInRequired

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    app = FastAPI(title="年报助手", version=__version__, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.job_limiter = anyio.CapacityLimiter(settings.web_max_jobs)

    errors.install(app)  # every non-success answer has NianbaoError's body

    @app.exception_handler(SignInRequired)
    async def _sign_in_first(request: Request, exc: SignInRequired) -> RedirectResponse:
        return RedirectResponse(f"/login?next={quote(exc.target, safe='/')}", status_code=303)

    from .api import router as files_api
    from .chat import api as chat_api
    from .chat import router as chat_pages
    from .pages import api as pages_api
    from .pages import router as pages

    for router in (files_api, pages_api, pages, chat_api, chat_pages):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    _docs(app)

    @app.get("/tools", response_class=HTMLResponse, include_in_schema=False)
    def tools() -> str:
        return (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True, "version": __version__}

    return app


def _docs(app: FastAPI) -> None:
    """OpenAPI at /docs with Swagger UI's files served by the app itself (from the
    fastapi-offline package): an intranet has no CDN."""
    import fastapi_offline
    from fastapi.openapi.docs import get_swagger_ui_html

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="年报助手 接口说明",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js", swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png",
        )
