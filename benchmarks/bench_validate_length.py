"""Validate time against narrative length: the narrative rules must stay linear (issue 15 item 3).

Before the fix every number's sentence and clause were found by rescanning the section
from its start (200 k characters: 18 s; 9 MB: > 300 s). Now the marks are found once
per text and each position is looked up. Time per character should stay flat.

Run: .venv/bin/python benchmarks/bench_validate_length.py [MAX_CHARS] [--budget SECONDS]
(default up to 10,000,000 characters, stopping before a size whose predicted time would
take the run past the budget, 600 s; --smoke: 10,000 and 20,000 only)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.report.io import read_report  # noqa: E402
from assistant.validate import validate  # noqa: E402

SAMPLE = read_report(ROOT / "tests" / "fixtures" / "sample-2021.yaml")
# prose as reports write it: counts the rules compare, years, fillers without numbers
PARAGRAPH = (
    "全年新收政府信息公开申请21件，予以公开15件，部分公开2件，结转下年度继续办理2件。"
    "2021年，我办组织政务公开培训3次，发布政策解读12篇；与2020年相比，主动公开信息增加120条。"
    "（一）主动公开。通过门户网站发布信息1,280条，其中机构职能类30条。\n"
)


def report_of(chars: int):
    report = SAMPLE.model_copy(deep=True)
    report.sections.overview = (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars]
    return report


def main() -> None:
    args = sys.argv[1:]
    smoke = "--smoke" in args
    budget = float(args[args.index("--budget") + 1]) if "--budget" in args else 600.0
    plain = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] != "--budget")]
    top = int(float(plain[0])) if plain else 10_000_000
    sizes = (10_000, 20_000) if smoke else tuple(n for n in (10_000, 100_000, 1_000_000, 10_000_000) if n <= top)
    validate(report_of(1_000))  # load every rule module once: not part of the figures
    print(f"{'chars':>11} {'seconds':>9} {'µs/char':>8} {'findings':>9}")
    spent, per_char = 0.0, 0.0
    for n in sizes:
        if per_char and spent + per_char * n * 1.5 > budget:
            print(f"{n:>11,} {'skipped':>9}  (about {per_char * n:.0f} s predicted; over the {budget:.0f} s budget)")
            break
        report = report_of(n)
        start = time.perf_counter()
        findings = validate(report)
        took = time.perf_counter() - start
        spent += took
        per_char = took / n
        print(f"{n:>11,} {took:>9.2f} {per_char * 1e6:>8.2f} {len(findings):>9}", flush=True)


if __name__ == "__main__":
    main()
