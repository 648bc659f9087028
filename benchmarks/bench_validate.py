"""How long reading and validating one report takes (the seed sample, with and without last year).

Run: .venv/bin/python benchmarks/bench_validate.py [ROUNDS] [--smoke]
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

from assistant.report.io import dumps_report, loads_report, read_report
from assistant.validate import validate

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sample-2021.yaml"


def timed(label: str, rounds: int, fn) -> None:
    fn()  # warm up: rule discovery, imports
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        fn()
    wall = (time.perf_counter() - start) / rounds * 1000
    cpu_ms = (time.process_time() - cpu) / rounds * 1000
    print(f"{label:<40} {wall:8.2f} ms wall  {cpu_ms:8.2f} ms CPU  (mean of {rounds})")


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--smoke"]
    rounds = 1 if "--smoke" in sys.argv else int(args[0]) if args else 50
    report = read_report(SAMPLE)
    last = report.model_copy(deep=True)
    last.year = report.year - 1
    text = dumps_report(report, "yaml")
    timed("read report file (YAML)", rounds, lambda: loads_report(text, "yaml"))
    timed("validate (all rules)", rounds, lambda: validate(report))
    timed("validate with previous year", rounds, lambda: validate(report, last))
    tracemalloc.start()
    validate(report, last)
    _, peak = tracemalloc.get_traced_memory()
    print(f"{'peak memory of one validation':<40} {peak / 1024:8.0f} KiB")


if __name__ == "__main__":
    main()
