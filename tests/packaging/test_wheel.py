"""The installed wheel works outside the checkout: prompts, corpus, templates and fonts ship inside it.

The wheel is built from a copy of the sources and installed without dependencies into a
fresh virtual environment in a temporary folder; the dependencies come from the running
environment's site-packages through a .pth line (plain path: the checkout's editable
install there is not activated). Commands run from a folder outside the checkout with no
PYTHONPATH, so only the wheel's files can be found.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "sample-2021.yaml"


def _run(args: list, *, cwd: Path, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict, Path]:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "assistant", source / "assistant", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
                    symlinks=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYTEST", "VIRTUAL_ENV"))}
    dist = base / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source], cwd=base, env=env, timeout=600)
    (wheel,) = dist.glob("nianbao-*.whl")

    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=base, env=env)
    python = venv / "bin" / "python"
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        cwd=base, env=env).stdout.strip())
    (purelib / "shared-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel], cwd=base, env=env)

    work = base / "work"
    work.mkdir()
    env = {**env, "NIANBAO_HOME": str(base / "home"), "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"}
    return venv, env, work


def test_the_package_comes_from_the_wheel(installed):
    venv, env, work = installed
    where = _run([venv / "bin" / "python", "-c", "import assistant; print(assistant.__file__)"], cwd=work, env=env)
    assert str(venv) in where.stdout and str(ROOT) not in where.stdout


def test_draft_offline_and_render_from_the_installed_wheel(installed):
    venv, env, work = installed
    nianbao = venv / "bin" / "nianbao"
    report = work / "r.yaml"
    shutil.copy(SAMPLE, report)
    _run([nianbao, "corpus", "add", "--bundled"], cwd=work, env=env)
    drafted = _run([nianbao, "draft", report, "--offline", "--section", "overview", "--format", "json"],
                   cwd=work, env=env)
    assert "overview" in drafted.stdout
    out = work / "r.html"
    _run([nianbao, "render", report, "--format", "html", "--draft", "-o", out], cwd=work, env=env)
    page = out.read_text(encoding="utf-8")
    assert "政府信息公开工作年度报告" in page
    docx = work / "r.docx"
    _run([nianbao, "render", report, "--format", "docx", "--draft", "-o", docx], cwd=work, env=env)
    assert docx.stat().st_size > 5000
    doctor = _run([nianbao, "doctor", "--format", "json"], cwd=work, env=env)
    assert '"offline_ok": true' in doctor.stdout
