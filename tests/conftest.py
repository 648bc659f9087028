"""Shared fixtures: an isolated workspace per test, paths to ../shared and fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs the same generated examples every time (a failure there is reproducible, not
# luck); locally hypothesis explores new ones on each run.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_TXT = SHARED / "samples" / "2021-中韩示范区党政综合办公室.txt"
SAMPLE_PDF = SHARED / "samples" / "2023-洪泽区人民政府.pdf"
LAW_DIR = SHARED / "law"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own NIANBAO_HOME and no configured LLM/embedding endpoint."""
    home = tmp_path_factory.mktemp("nianbao-home")
    monkeypatch.setenv("NIANBAO_HOME", str(home))
    for var in ("NIANBAO_LLM_BASE_URL", "NIANBAO_EMBEDDING_BASE_URL", "NIANBAO_CHROMA_URL", "NIANBAO_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    yield home


@pytest.fixture
def settings(_isolated_home):
    from assistant.settings import Settings

    return Settings(home=_isolated_home)


@pytest.fixture
def run_cli():
    """Run `nianbao ARGS…` in-process through the real entry point and its error handler.

    Returns (exit_code, stdout, stderr).
    """
    from click.testing import CliRunner

    from assistant.cli import main

    def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
        runner = CliRunner()
        with runner.isolation(input=input) as streams:
            out, err = streams[0], streams[1]
            try:
                main([str(a) for a in args])
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
        return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")

    return run
