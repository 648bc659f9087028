"""One settings object for the whole program (environment prefix NIANBAO_).

Create it once at the edge (CLI entry, web app factory) with `load_settings()` and pass
it in; nothing reads the environment on its own. (NIANBAO_DEBUG is the one exception: the
error handler needs it even when the settings themselves cannot be read.)
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import NianbaoError


def _default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "nianbao"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NIANBAO_", extra="ignore")

    # Workspace: the index, the database, drafts.
    home: Path = Field(default_factory=_default_home)

    # Retrieval: embedded Chroma in the workspace unless a Chroma server URL is given.
    chroma_url: str | None = None
    embedding_base_url: str | None = None  # OpenAI-compatible /v1/embeddings
    embedding_model: str | None = None
    embedding_api_key: str | None = None
    rerank_base_url: str | None = None  # a /v1/rerank endpoint (Xinference, vLLM, TEI…); none = no reranking
    rerank_model: str | None = None
    rerank_api_key: str | None = None
    index_threads: int | None = Field(default=None, ge=1)  # embedder threads while indexing (both cores when idle)

    # Drafting: any OpenAI-compatible chat endpoint; none = template drafter.
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 60.0
    llm_max_retries: int = 3
    llm_retry_backoff: float = 1.0  # seconds before the first retry; doubles each time
    llm_ask_again: bool = False  # a model's draft with findings is asked for once more, with the findings

    # Web server: uploads are refused past this size; blocking jobs (import, validate) run in
    # at most this many worker threads at once and are stopped waiting after this many seconds.
    web_max_upload_mb: int = Field(default=50, ge=1)
    web_max_jobs: int = Field(default=4, ge=1)
    web_job_timeout: float = Field(default=300.0, gt=0)
    web_session_hours: float = Field(default=8.0, gt=0)  # a signed-in browser stays signed in this long
    web_login_attempts: int = Field(default=5, ge=1)  # failed sign-ins per user (x4 per address) in 15 minutes
    web_secure_cookie: bool = False  # set behind HTTPS so the cookie is never sent in clear

    # Review store: SQLite in the workspace unless a database URL is given.
    database_url: str | None = None

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


def load_settings() -> Settings:
    """The settings from the environment; a bad value is a clear message naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = [
            f"环境变量 NIANBAO_{str(err['loc'][0]).upper()} 的值「{err.get('input')}」无效" for err in exc.errors()
        ]
        raise NianbaoError("设置有误，请改正环境变量后重试", details=problems) from None
