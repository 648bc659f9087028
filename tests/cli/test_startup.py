"""Start-up: a command's --help loads neither the settings machinery nor the report file reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from assistant.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted(m for m in ("pydantic_settings", "yaml", "assistant.report.io", "assistant.settings") if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


def _heavy_after(*args: str) -> str:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    (line,) = [ln for ln in done.stdout.splitlines() if ln.startswith("HEAVY:")]
    return line.removeprefix("HEAVY:")


def test_help_pages_stay_light():
    for args in (["--help"], ["new", "--help"], ["set", "--help"], ["validate", "--help"], ["import", "--help"]):
        assert _heavy_after(*args) == "", args


def test_a_command_that_runs_loads_them():
    assert "assistant.report.io" in _heavy_after("validate", str(ROOT / "tests" / "fixtures" / "sample-2021.yaml"))
