"""PDF import: speed (reports per second on one core) and cell accuracy.

    .venv/bin/python benchmarks/bench_import_pdf.py [--rounds N]

Runs `import_report` on the 2023 洪泽区 sample and every fixture PDF under
tests/fixtures/import/pdf/ (each has a hand-made `.expected.yaml`), in this process
only (one core). Prints per-file cells right / expected, then the rate. Target: >= 5/s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.ingest import import_report  # noqa: E402
from assistant.ingest.readers.pdf import read_pdf  # noqa: E402
from assistant.report.io import read_report  # noqa: E402

FIX = ROOT / "tests" / "fixtures" / "import" / "pdf"
SAMPLE = ROOT.parent / "shared" / "samples" / "2023-洪泽区人民政府.pdf"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="one round (a test runs this)")
    args = parser.parse_args()
    if args.smoke:
        args.rounds = 1
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    pdfs = [p for p in [SAMPLE, *sorted(FIX.glob("20*.pdf"))] if p.exists()]

    print("准确率（单元格逐个比对手工转录的预期文件）")
    total_right = total_cells = exact_files = 0
    for pdf in pdfs:
        expected = read_report(FIX / f"{pdf.stem}.expected.yaml")
        got = import_report(pdf).report
        right = sum(1 for k, v in expected.cells.items() if got.cells[k] == v)
        total_right += right
        total_cells += len(expected.cells)
        exact_files += right == len(expected.cells)
        print(f"  {pdf.name}: {right}/{len(expected.cells)}")
    print(f"  合计：{total_right}/{total_cells} 个单元格正确，{exact_files}/{len(pdfs)} 份全部正确")

    print(f"速度（单核，{args.rounds} 轮，每轮 {len(pdfs)} 份 PDF）")
    for label, fn in (("read_pdf（仅读取）", read_pdf), ("import_report（读取+识别+核对）", import_report)):
        rates = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            for pdf in pdfs:
                fn(pdf)
            rates.append(len(pdfs) / (time.perf_counter() - start))
        print(f"  {label}: 中位数 {statistics.median(rates):.1f} 份/秒（最低 {min(rates):.1f}，最高 {max(rates):.1f}）")


if __name__ == "__main__":
    main()
