"""Workspace review: latency of suggest and accept (save, then the validator on the result).

    .venv/bin/python benchmarks/bench_workspace.py [--count 100] [--database-url URL] [--smoke]

A fresh SQLite workspace in a temporary folder (or the database URL given, which must be
empty) gets one report with all sections filled; then `--count` times a reviewer accepts a
suggestion on one section. Printed: p50 / p95 / max of suggest, of the accept's
transaction (commit included) and of the validator run after it, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.services import workspace as ws  # noqa: E402
from assistant.services import workspace_reports as reports  # noqa: E402
from assistant.services import workspace_review as rv  # noqa: E402
from assistant.settings import Settings  # noqa: E402

AGENCY = "演示区人民政府"
TEXT = "2024年，本区认真贯彻《中华人民共和国政府信息公开条例》，加强政策解读和平台建设。" * 12


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:6.1f}  p95 {p95 * 1000:6.1f}  max {ordered[-1] * 1000:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--database-url")
    parser.add_argument("--smoke", action="store_true", help="a few rounds only (the tests run it)")
    args = parser.parse_args()
    if args.smoke:
        args.count = 5
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), database_url=args.database_url)
        ws.init(settings, admin="admin", agency=AGENCY)
        ws.set_roles(settings, "admin", "admin", add=["起草人", "审核人"])
        ref = f"{AGENCY}/2024"
        reports.create(settings, "admin", AGENCY, 2024)
        for key in ("intro", "overview", "active", "requests", "review_litigation", "problems", "other"):
            reports.edit_section(settings, "admin", ref, key, TEXT, base=1)
        rv.accept(settings, "admin", rv.suggest(settings, "admin", ref, "overview", "预热。", start=0, end=4).id, base=2)
        suggest, save, check = [], [], []
        for n in range(args.count):
            started = time.perf_counter()
            sug = rv.suggest(settings, "admin", ref, "overview", f"第{n}次", start=0, end=4)
            suggest.append(time.perf_counter() - started)
            result = rv.accept(settings, "admin", sug.id, base=sug.anchor_revision)
            save.append(result.seconds)
            check.append(result.check_seconds)
        backend = ws.store(settings).dialect
        ws.close_stores()
    print(f"workspace ({backend}), {args.count} suggestions accepted on one section of a full report")
    print(f"  suggest            {percentiles(suggest)}")
    print(f"  accept (saved)     {percentiles(save)}")
    print(f"  validator after it {percentiles(check)}")
    print(f"  accept in all      {percentiles([a + b for a, b in zip(save, check)])}")


if __name__ == "__main__":
    main()
