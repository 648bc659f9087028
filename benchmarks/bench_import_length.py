"""Import time against text length: the recognizer must stay linear (issue 15 item 3).

Shapes: a report followed by one long line of words with single spaces (before the fix,
the recognizer re-joined the line's tail for every word: 12 k characters took 6 s, a
24 KB line 8–18 s); one long line of numbers; a whole report flattened into one line and
repeated; a report followed by many ordinary lines. Time per character should stay flat
as the text grows.

Run: .venv/bin/python benchmarks/bench_import_length.py [MAX_CHARS]   (default 1,000,000;
10,000,000 for the full line, several minutes; --smoke: 10,000 only)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

from layouts import text_cells  # noqa: E402

from assistant.errors import NianbaoError  # noqa: E402
from assistant.ingest import import_document  # noqa: E402
from assistant.ingest.readers.text import text_document  # noqa: E402
from assistant.report.io import read_report  # noqa: E402

BASE = text_cells(read_report(ROOT / "tests" / "fixtures" / "import" / "2022-某市生态环境局.expected.yaml"))
FLAT = BASE.replace("\n", " ").replace("\t", " ") + " "


def _repeat(piece: str, n: int) -> str:
    return piece * max(1, n // len(piece))


SHAPES = {
    "report + one line of words": lambda n: BASE + "\n" + _repeat("公开 申请 办理 结果 ", n) + "\n",
    "report + one line of numbers": lambda n: BASE + "\n" + _repeat("12 0 3 ", n) + "\n",
    "report flattened, repeated": lambda n: _repeat(FLAT, n),
    "report + many prose lines": lambda n: BASE + "\n" + _repeat("本机关依法公开政府信息，共计12件。\n", n),
}


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--smoke"]
    top = 10_000 if "--smoke" in sys.argv else int(float(args[0])) if args else 1_000_000
    sizes = [n for n in (10_000, 100_000, 1_000_000, 10_000_000) if n <= top]
    print(f"{'shape':<30} {'chars':>11} {'seconds':>9} {'µs/char':>8}")
    for name, make in SHAPES.items():
        for n in sizes:
            text = make(n)
            start = time.perf_counter()
            try:
                import_document(text_document(text, "bench.txt"), year=2022)
            except NianbaoError:
                pass  # a flattened report may not be one; the time to decide is what counts
            took = time.perf_counter() - start
            print(f"{name:<30} {len(text):>11,} {took:>9.2f} {took / len(text) * 1e6:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
