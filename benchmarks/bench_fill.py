"""Fill speed and memory for a large ledger: 100,000 rows as .xlsx and as .csv.

    .venv/bin/python benchmarks/bench_fill.py [ROWS]

Prints rows per second (timed run; wall clock and CPU time, since the machine may be shared) and the peak Python memory during the fill
(tracemalloc, separate run, since tracing slows the reading down).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.ledger import count_ledger  # noqa: E402
from assistant.ledger.vocab import APPLICANT_LABELS, result_labels  # noqa: E402

HEADER = ["编号", "收到日期", "申请人类型", "办理结果", "答复日期", "申请内容"]


def rows(n: int):
    rng = random.Random(7)
    applicants, results = list(APPLICANT_LABELS.values()), result_labels("2021")
    start = dt.date(2021, 1, 1)
    for i in range(n):
        received = start + dt.timedelta(days=rng.randint(0, 3 * 365))
        open_ = rng.random() < 0.05
        answered = None if open_ else received + dt.timedelta(days=rng.randint(1, 40))
        yield [
            f"YSQ-{i:06d}",
            received,
            rng.choice(applicants),
            None if open_ else rng.choice(results),
            answered,
            "（基准测试）申请公开某某文件",
        ]


def write_xlsx(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(HEADER)
    for row in rows(n):
        ws.append(row)
    wb.save(path)


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for row in rows(n):
            writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in row])


def measure(path: Path, n: int) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    tally = count_ledger(path, 2022)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert tally.rows == n and not tally.problems, (tally.rows, tally.problems[:3])
    tracemalloc.start()
    count_ledger(path, 2022)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = path.stat().st_size / 1e6
    print(
        f"{path.suffix[1:]:>4}: {n} 行，文件 {size:.1f} MB，用时 {elapsed:.2f} s，"
        f"{n / elapsed:,.0f} 行/秒（CPU 时间 {cpu:.2f} s，{n / cpu:,.0f} 行/秒），峰值内存（tracemalloc）{peak / 1e6:.1f} MB；"
        f"2022 年新收 {tally.counts['t3.new.total']}，结转下年度 {tally.counts['t3.carried_out.total']}"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        for suffix, writer in ((".csv", write_csv), (".xlsx", write_xlsx)):
            path = Path(folder) / f"ledger{suffix}"
            writer(path, n)
            measure(path, n)


if __name__ == "__main__":
    main()
