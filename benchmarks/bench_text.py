"""Speed of the text toolkit on report-sized prose: quantities, items, repeated-text measure,
and the nine narrative rules on the seed sample.

Run: .venv/bin/python benchmarks/bench_text.py [ROUNDS] [--smoke]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.report.io import read_report  # noqa: E402
from assistant.text import copied_passages, find_quantities, repeated_fraction, split_items  # noqa: E402
from assistant.validate import validate  # noqa: E402

SAMPLE = ROOT / "tests" / "fixtures" / "sample-2021.yaml"
NARRATIVE = {"S-PARTS", "S-PERIOD", "S-NUMBERING", "S-FEE-REPORT", "S-PROBLEMS-EMPTY",
             "S-GOV-ASSESSMENT", "N-TABLE-MISMATCH", "N-STALE-YEAR", "N-SIMILAR-LAST-YEAR"}


def timed(label: str, rounds: int, fn, chars: int | None = None) -> None:
    fn()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        fn()
    wall = (time.perf_counter() - start) / rounds
    cpu_s = (time.process_time() - cpu) / rounds
    rate = f"  {chars / wall / 1000:8.0f} k chars/s" if chars else ""
    print(f"{label:<44} {wall * 1000:8.2f} ms wall {cpu_s * 1000:8.2f} ms CPU{rate}")


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--smoke"]
    rounds = 1 if "--smoke" in sys.argv else int(args[0]) if args else 20
    report = read_report(SAMPLE)
    text = "\n".join(t for _, t in report.sections.items() if t)
    big = text * 10  # ~ a long 50-page report's prose
    last = report.model_copy(deep=True)
    last.year = report.year - 1
    print(f"sample prose: {len(text)} chars; large: {len(big)} chars")
    timed("find_quantities (sample prose)", rounds, lambda: find_quantities(text), len(text))
    timed("find_quantities (large)", max(1, rounds // 4), lambda: find_quantities(big), len(big))
    timed("split_items (large)", max(1, rounds // 4), lambda: split_items(big), len(big))
    timed("repeated_fraction (large vs large)", max(1, rounds // 4), lambda: repeated_fraction(big, big), len(big))
    timed("copied_passages (large vs sample)", max(1, rounds // 4), lambda: copied_passages(big, text), len(big))
    timed("narrative rules, sample, with last year", rounds, lambda: validate(report, last, codes=NARRATIVE))


if __name__ == "__main__":
    main()
