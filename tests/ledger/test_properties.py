"""Properties of filling from any ledger: the arithmetic rules hold, and years chain."""

import csv
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.ledger import apply, count_ledger
from assistant.ledger.vocab import APPLICANT_LABELS
from assistant.report.format import T3_COLUMNS, FormatVersion, t3_result_rows
from assistant.report.model import blank_report
from assistant.validate import validate

ARITHMETIC = {"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE"}
RESULTS = [r.key for r in t3_result_rows(FormatVersion.V2021)]  # 2021 keys also fit 2019 years
DAY0, DAYS = dt.date(2018, 6, 1), 6 * 365

application = st.tuples(
    st.integers(0, DAYS),  # received, days after DAY0
    st.one_of(st.none(), st.integers(0, 400)),  # answered: still open, or days after receipt
    st.sampled_from(list(APPLICANT_LABELS.values())),
    st.sampled_from(RESULTS),
    st.booleans(),  # write the result as its key or as its printed label
)


def _write_ledger(folder: Path, apps) -> Path:
    from assistant.ledger.vocab import result_labels

    labels = dict(zip(RESULTS, result_labels(FormatVersion.V2021)))
    path = folder / "l.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["编号", "收到日期", "申请人类型", "办理结果", "答复日期"])
        for i, (received, wait, applicant, result, as_key) in enumerate(apps):
            day = DAY0 + dt.timedelta(days=received)
            answered = "" if wait is None else (day + dt.timedelta(days=wait)).strftime("%Y年%m月%d日")
            result_text = "" if wait is None else (result if as_key else labels[result])
            writer.writerow([f"N{i}", day.isoformat(), applicant, result_text, answered])
    return path


def _filled(path: Path, year: int):
    tally = count_ledger(path, year)
    assert tally.problems == []
    report = blank_report(year, "某某局", "部门")
    apply(report, tally.cells(), source="台账")
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(apps=st.lists(application, max_size=60), year=st.integers(2019, 2024))
def test_filled_t3_passes_every_arithmetic_rule(apps, year):
    with tempfile.TemporaryDirectory() as folder:
        report = _filled(_write_ledger(Path(folder), apps), year)
    assert validate(report, codes=ARITHMETIC) == []
    for col, _ in T3_COLUMNS:  # the printed 勾稽关系, checked here as well as by the rule
        n = lambda row: report.number(f"t3.{row}.{col}")  # noqa: E731
        assert n("new") + n("carried_in") == n("results_total") + n("carried_out")
    received_in_year = sum(1 for a in apps if (DAY0 + dt.timedelta(days=a[0])).year == year)
    assert report.number("t3.new.total") == received_in_year


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(apps=st.lists(application, max_size=60), year=st.integers(2019, 2023))
def test_consecutive_years_chain(apps, year):
    with tempfile.TemporaryDirectory() as folder:
        path = _write_ledger(Path(folder), apps)
        this, following = _filled(path, year), _filled(path, year + 1)
    for col, _ in T3_COLUMNS:
        assert following.number(f"t3.carried_in.{col}") == this.number(f"t3.carried_out.{col}")
    assert validate(following, previous=this, codes={"X-CARRY-OVER"}) == []
