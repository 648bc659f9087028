"""Every benchmark runs to the end in its smoke mode (small inputs), so none breaks unnoticed.

`make bench` runs the full ones and prints the figures; here only "it runs and prints" is checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = sorted((ROOT / "benchmarks").glob("bench_*.py"))
COVERED_ELSEWHERE = {"bench_fill.py"}  # tests/ledger/test_bench_fill.py runs its smoke mode


def test_every_benchmark_is_listed():
    assert len(BENCHMARKS) >= 8


@pytest.mark.parametrize("bench", [b for b in BENCHMARKS if b.name not in COVERED_ELSEWHERE], ids=lambda b: b.stem)
def test_benchmark_smoke(bench, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NIANBAO_HOME": str(tmp_path / "home")}
    proc = subprocess.run([sys.executable, str(bench), "--smoke"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, (proc.stdout[-2000:], proc.stderr[-3000:])
    assert len(proc.stdout.strip().splitlines()) >= 2, proc.stdout  # it printed figures
    assert "Traceback" not in proc.stderr
