"""How long rendering takes per format, and how big the outputs are (prints figures).

    .venv/bin/python benchmarks/bench_render.py [--smoke]   (--smoke: one run per format, no PDF)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.render import render  # noqa: E402
from assistant.report.io import read_report  # noqa: E402

REPEAT = {"html": 20, "md": 20, "docx": 10, "pdf": 3}


def main() -> None:
    smoke = "--smoke" in sys.argv
    repeat = {fmt: 1 for fmt in ("html", "md", "docx")} if smoke else REPEAT
    report = read_report(ROOT / "tests" / "fixtures" / "sample-2021.yaml")
    render(report, "html")  # warm imports and templates
    print(f"{'format':<6} {'runs':>4} {'ms/run':>8} {'cpu ms':>8} {'bytes':>9}")
    for fmt, runs in repeat.items():
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(runs):
            data = render(report, fmt)
        wall_ms = (time.perf_counter() - wall) * 1000 / runs
        cpu_ms = (time.process_time() - cpu) * 1000 / runs
        print(f"{fmt:<6} {runs:>4} {wall_ms:>8.1f} {cpu_ms:>8.1f} {len(data):>9}")
    # --compare needs last year's report: the sample serves as 2021 for a 2022 copy of itself
    # (comparing the sample with itself is refused, which stopped `make bench` here).
    last = read_report(ROOT / "tests" / "fixtures" / "sample-2021.yaml")
    current = report.model_copy(update={"year": last.year + 1})
    wall = time.perf_counter()
    data = render(current, "html", previous=last)
    print(f"html with --compare appendix and chart: {(time.perf_counter() - wall) * 1000:.1f} ms, {len(data)} bytes")


if __name__ == "__main__":
    main()
