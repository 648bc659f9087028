"""Mutated report files: the reader returns a report or a NianbaoError, nothing else, and quickly.

A bounded, derandomized run in CI (hypothesis profile "ci"); locally each run explores new
mutations. A crash found here becomes a case in test_hostile_files.py.
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import NianbaoError
from assistant.report.io import dumps_report, loads_report, read_report
from assistant.report.model import blank_report


def _small_report():
    """Every kind of field of a report file, in a few lines (short inputs shrink well)."""
    sample = read_report(Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml")
    small = blank_report(2021, sample.agency, "部门")
    small.contact, small.published, small.headings = sample.contact, sample.published, dict(sample.headings)
    for key in ("t2.rules.issued", "t2.fees.amount", "t3.new.total", "t4.review.total"):
        small.set(key, sample.cell(key))
    small.set("t2.fees.amount", Decimal("12.50"))
    small.sections.overview = "2021年，共收到申请3件。"
    small.provenance = {"t3.new.total": {"kind": "ledger", "rows": [1, 2], "where": {"sheet": "台账"}}}
    small.cells = {k: v for k, v in small.cells.items() if not v.is_blank}
    return small


SMALL = _small_report()
TEXTS = {"yaml": dumps_report(SMALL, "yaml"), "json": dumps_report(SMALL, "json")}
PIECES = [
    "&a ", "*a", "<<: *a", "!!python/object:os.system ", "!!binary ", "? ", "- ", "[", "]", "{", "}", ": ", "\n  ",
    "\t", "'", '"', "\\u0000", "\x00", "\ufeff", ".nan", ".inf", "1e999999999", "9" * 400, "-0", "0x1F", "0o7",
    "2023-13-45", "~", "null", "/", "—", "\u2028", "%YAML 1.1\n", "--- ", "...", "#", "|", ">", "NaN", "Infinity",
    "年" * 50, '"t3.new.total": ', "t3.new.total: ", "year: ", "format: '2019'\n", "cells:\n", "sections: ",
]


@st.composite
def mutated(draw):
    kind = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[kind]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "cut", "repeat"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif action == "replace":
            text = text[:at] + draw(st.text(max_size=8)) + text[at + 1:]
        elif action == "cut":
            text = text[:at]
        else:
            piece = text[at : at + draw(st.integers(1, 200))]
            text = text[:at] + piece * draw(st.integers(2, 20)) + text[at:]
    return kind, text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_mutated_report_file_is_read_or_refused_never_crashes(case):
    kind, text = case
    started = time.perf_counter()
    try:
        report = loads_report(text, kind, f"fuzz.{kind}")
    except NianbaoError as error:
        assert error.message and error.file == f"fuzz.{kind}"
    else:
        dumps_report(report, kind)  # what was read can be written again
    assert time.perf_counter() - started < 5
