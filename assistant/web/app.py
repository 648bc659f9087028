"""App factory: settings passed in, one handler for NianbaoError (same body as the CLI's)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse

from .. import __version__
from ..errors import NianbaoError, error_body
from ..settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="年报助手", version=__version__, docs_url=None, redoc_url=None)
    app.state.settings = settings

    @app.exception_handler(NianbaoError)
    async def _nianbao_error(request: Request, exc: NianbaoError) -> JSONResponse:
        return JSONResponse(error_body(exc), status_code=exc.status)

    from .api import router

    app.include_router(router)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return (Path(__file__).parent / "static" / "index.html").read_text(encoding="utf-8")

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True, "version": __version__}

    return app
