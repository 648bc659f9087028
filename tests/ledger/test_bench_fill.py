"""The fill benchmark's smoke mode: every register shape right or refused as expected, none wrong."""

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_fill.py"


def _bench():
    if "bench_fill" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_fill", BENCH)
        bench = importlib.util.module_from_spec(spec)
        sys.modules["bench_fill"] = bench  # dataclasses look their module up there
        spec.loader.exec_module(bench)
    return sys.modules["bench_fill"]


def test_bench_fill_smoke(capsys):
    bench = _bench()
    result = bench.main(["--smoke"])
    out = capsys.readouterr().out
    assert result["wrong"] == 0 and result["unexpected"] == 0, out
    assert len(result["shapes"]) == len(bench.SHAPES) + 1
    assert {suffix for suffix, _, _ in result["speed"]} == {".xlsx", ".csv"} and "行/秒" in out


def test_the_expected_table_is_computed_by_the_rules():
    bench = _bench()
    D = bench.D
    apps = [
        bench.App("1", D(2023, 12, 20), D(2024, 1, 5), "natural", "granted"),  # carried in, answered
        bench.App("2", D(2024, 12, 30), None, "commercial", None),  # new, carried out
        bench.App("3", D(2023, 5, 1), D(2023, 5, 9), "natural", "granted"),  # not in 2024
    ]
    t = bench.expected_table(apps)
    assert t == {
        "t3.carried_in.natural": 1, "t3.carried_in.total": 1, "t3.granted.natural": 1, "t3.granted.total": 1,
        "t3.results_total.natural": 1, "t3.results_total.total": 1, "t3.new.commercial": 1, "t3.new.total": 1,
        "t3.carried_out.commercial": 1, "t3.carried_out.total": 1,
    }
