"""Batch audit at province scale: reports per second, peak memory, and resuming after an interruption.

    .venv/bin/python benchmarks/bench_audit.py [--count 5000] [--workers N] [--smoke]

A folder of `--count` mixed documents (copies of the import fixtures: text, HTML, Word,
PDF, and one broken file in fifty) is audited with `nianbao audit`'s service. Printed:
documents per second, peak memory of the main process and of the largest worker. Then
the same folder is audited again after an interruption (the run is stopped when a third
is done) and resumed: the resumed run reports how many documents it skipped.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.services.audit import AuditRequest, audit  # noqa: E402
from assistant.settings import Settings  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "import"
KINDS = (".txt", ".md", ".html", ".docx", ".pdf")


class Interrupted(Exception):
    pass


def make_folder(folder: Path, count: int) -> None:
    sources = sorted(p for p in [*FIXTURES.iterdir(), *(FIXTURES / "pdf").iterdir()] if p.suffix in KINDS)
    for i in range(count):
        if i % 50 == 49:
            (folder / f"{i:05d}-坏文件.docx").write_bytes(b"PK\x03\x04 broken")
            continue
        src = sources[i % len(sources)]
        shutil.copy(src, folder / f"{i:05d}-{src.name}")


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--smoke", action="store_true", help="a few documents, to check the benchmark runs")
    args = parser.parse_args()
    count = 12 if args.smoke else args.count
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        make_folder(folder, count)
        start = time.perf_counter()
        result = audit(settings, AuditRequest([folder], Path(tmp) / "out", args.workers))
        took = time.perf_counter() - start
        print(
            f"== audit：{len(result.rows)} 份混合文件，{args.workers} 个进程，用时 {took:.1f} 秒"
            f"（{len(result.rows) / took:.1f} 份/秒）；无法导入 {len(result.failed)} 份 =="
        )
        print(f"   内存峰值：主进程 {peak_mb(resource.RUSAGE_SELF):.0f} MB，最大的工作进程 "
              f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")

        out = Path(tmp) / "resume"
        stop_at = max(1, count // 3)

        def interrupt(done: int, total: int, row) -> None:
            if done >= stop_at:
                raise Interrupted

        try:
            audit(settings, AuditRequest([folder], out, args.workers), progress=interrupt)
        except Interrupted:
            pass
        start = time.perf_counter()
        again = audit(settings, AuditRequest([folder], out, args.workers))
        took = time.perf_counter() - start
        print(f"== 中断后续做：{again.skipped} 份已完成而跳过，其余 {len(again.rows) - again.skipped} 份用时 "
              f"{took:.1f} 秒；汇总共 {len(again.rows)} 份 ==")
        assert len(again.rows) == count and again.skipped >= stop_at


if __name__ == "__main__":
    multiprocessing.set_start_method("fork" if sys.platform == "linux" else "spawn", force=True)
    main()
