"""Round trip: read -> write -> read gives the same report, in YAML and in JSON."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.report.cells import BLANK, CellValue
from assistant.report.format import NA_MARKS, SECTION_KEYS, FormatVersion, cell_specs
from assistant.report.io import dumps_report, loads_report, read_report, write_report
from assistant.report.model import Contact, Report, Sections

FIXTURE = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"

texts = st.text(max_size=60)
money = st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


def cell_values(kind: str):
    numbers = money if kind == "money" else st.integers(min_value=-50, max_value=10**9).map(Decimal)
    return st.one_of(
        st.just(BLANK),
        st.sampled_from(NA_MARKS).map(CellValue.na),
        numbers.map(lambda n: CellValue(number=n)),
    )


@st.composite
def reports(draw) -> Report:
    version = draw(st.sampled_from(list(FormatVersion)))
    cells = {key: draw(cell_values(spec.kind)) for key, spec in cell_specs(version).items()}
    sections = {k: draw(st.one_of(st.none(), texts)) for k in SECTION_KEYS}
    heading_keys = draw(st.lists(st.sampled_from(SECTION_KEYS[1:]), unique=True))
    contact = draw(
        st.one_of(st.none(), st.builds(Contact, address=st.one_of(st.none(), texts), phone=st.one_of(st.none(), texts)))
    )
    provenance = draw(
        st.dictionaries(
            st.sampled_from(list(cells)),
            st.fixed_dictionaries({"kind": st.sampled_from(["pdf", "html"]), "page": st.integers(1, 99), "text": texts}),
            max_size=3,
        )
    )
    return Report(
        agency=draw(st.text(min_size=1, max_size=30)),
        issuer_kind=draw(st.sampled_from(["人民政府", "部门"])),
        year=draw(st.integers(2019, 2030)),
        format=version,
        published=draw(st.one_of(st.none(), st.dates(dt.date(2019, 1, 1), dt.date(2031, 12, 31)))),
        contact=contact,
        source=draw(st.one_of(st.none(), texts)),
        cells=cells,
        sections=Sections(**sections),
        headings={k: draw(st.text(min_size=1, max_size=20)) for k in heading_keys},
        provenance=provenance,
    )


def same(a: Report, b: Report) -> None:
    assert a.model_dump(exclude={"cells"}) == b.model_dump(exclude={"cells"})
    assert list(a.cells) == list(b.cells)
    for key in a.cells:
        x, y = a.cells[key], b.cells[key]
        # exact: the same number with the same printed decimals, the same mark, blank stays blank
        assert (x.display(), x.is_blank, x.is_na) == (y.display(), y.is_blank, y.is_na), key


@pytest.mark.parametrize("kind", ["yaml", "json"])
@settings(max_examples=80, deadline=None)
@given(report=reports())
def test_round_trip_is_exact(kind, report):
    text = dumps_report(report, kind)
    again = loads_report(text, kind, f"r.{kind}")
    same(report, again)
    assert dumps_report(again, kind) == text


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_round_trip_through_files_keeps_money_marks_and_blanks(tmp_path, suffix):
    report = read_report(FIXTURE)
    report.set("t2.fees.amount", Decimal("12.50"))
    report.set("t3.new.natural", CellValue.na("—"))
    report.set("t3.new.total", None)
    path = tmp_path / f"r{suffix}"
    write_report(report, path)
    again = read_report(path)
    same(report, again)
    assert again.cells["t2.fees.amount"].display() == "12.50"
    assert again.cells["t3.new.natural"].na_mark == "—"
    assert again.cells["t3.new.total"].is_blank
    assert again.headings["other"] == "6、 其他需要报告的事项"
    assert not list(tmp_path.glob("*.tmp"))
