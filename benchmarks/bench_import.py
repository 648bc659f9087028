"""Import speed per input kind (one core) and accuracy on the fixtures and samples.

    .venv/bin/python benchmarks/bench_import.py [--seconds 2] [--audit 100]

Speed: reports per second, importing the fixture documents of each kind in a loop in
this one process. Accuracy: cells equal to the expected report / cells expected, over
tests/fixtures/import (+ pdf/) and the two samples in ../shared/samples.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.ingest import import_report  # noqa: E402
from assistant.report.io import read_report  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "import"
SAMPLES = ROOT.parent / "shared" / "samples"
KINDS = {"text": (".txt", ".md"), "html": (".html", ".htm"), "docx": (".docx",), "pdf": (".pdf",)}


def pairs() -> list[tuple[Path, Path]]:
    """(document, expected report file) for every fixture and sample."""
    out = []
    for expected in sorted(FIXTURES.rglob("*.expected.yaml")):
        source = read_report(expected).source or ""
        for folder in (expected.parent, SAMPLES):
            if (folder / source).exists():
                out.append((folder / source, expected))
                break
    out.append((SAMPLES / "2021-中韩示范区党政综合办公室.txt", ROOT / "tests" / "fixtures" / "sample-2021.yaml"))
    return out


def kind_of(path: Path) -> str:
    return next(k for k, exts in KINDS.items() if path.suffix.lower() in exts)


def speed(files: list[Path], seconds: float) -> tuple[float, int]:
    for f in files:  # warm up: imports, caches
        import_report(f)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for f in files:
            import_report(f)
            n += 1
    return n / (time.perf_counter() - start), n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--audit", type=int, default=0, help="also time `audit` of this many documents (2 workers)")
    parser.add_argument("--smoke", action="store_true", help="0.2 s per kind (a test runs this)")
    args = parser.parse_args()
    if args.smoke:
        args.seconds = 0.2

    all_pairs = pairs()
    print("== 速度（单进程，每秒导入份数）==")
    for kind in KINDS:
        files = [doc for doc, _ in all_pairs if kind_of(doc) == kind]
        if not files:
            print(f"{kind:5s}  （无样本）")
            continue
        rate, n = speed(files, args.seconds)
        print(f"{kind:5s}  {rate:8.1f} 份/秒  （{len(files)} 个文件，共导入 {n} 次）")

    print("== 准确率（与期望报告一致的单元格 / 应有单元格）==")
    totals: dict[str, list[int]] = {}
    for doc, expected_path in all_pairs:
        expected = read_report(expected_path)
        got = import_report(doc).report
        right = sum(1 for k, v in expected.cells.items() if got.cells.get(k) == v)
        total = len(expected.cells)
        t = totals.setdefault(kind_of(doc), [0, 0])
        t[0] += right
        t[1] += total
        print(f"  {doc.name:40s} {right}/{total}")
    for kind, (right, total) in totals.items():
        print(f"{kind:5s}  {right}/{total} = {right / total:.4f}")

    if args.audit:
        from assistant.services.audit import run_audit

        docs = [doc for doc, _ in all_pairs]
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            for i in range(args.audit):
                src = docs[i % len(docs)]
                shutil.copy(src, folder / f"{i:04d}-{src.name}")
            files = sorted(folder.iterdir())
            start = time.perf_counter()
            rows = run_audit(files, Path(tmp) / "out", workers=2)
            took = time.perf_counter() - start
        print(f"== audit：{len(rows)} 份混合文件，2 个进程，用时 {took:.1f} 秒（{len(rows) / took:.1f} 份/秒）==")


if __name__ == "__main__":
    main()
