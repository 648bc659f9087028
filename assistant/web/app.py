"""App factory: settings passed in, one error body for every failure (the same as the CLI's NianbaoError)."""

from __future__ import annotations

from pathlib import Path

import anyio
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from .. import __version__
from ..settings import Settings, load_settings
from . import errors


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    app = FastAPI(title="年报助手", version=__version__, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.job_limiter = anyio.CapacityLimiter(settings.web_max_jobs)

    errors.install(app)  # every non-success answer has NianbaoError's body

    from .api import router

    app.include_router(router)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> str:
        return (Path(__file__).parent / "static" / "index.html").read_text(encoding="utf-8")

    @app.get("/healthz")
    def healthz() -> dict:
        return {"ok": True, "version": __version__}

    return app
