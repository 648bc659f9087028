"""A person's value entered while another workflow works on the same report file is never lost in silence.

The interleaving is made exact: the other workflow's slow step (counting the ledger) runs
`set` on the same file before the workflow writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import assistant.services.fill as fill_service
from assistant.errors import NianbaoError
from assistant.report.io import read_report
from assistant.services.fill import FillRequest, fill
from assistant.services.new import NewRequest, new_report
from assistant.services.set_cells import SetRequest, set_cells

ROOT = Path(__file__).resolve().parents[2]
LEDGER = ROOT / "examples" / "台账-示例.xlsx"


def test_set_while_fill_runs_keeps_the_hand_entered_value(settings, tmp_path, monkeypatch):
    report = tmp_path / "2022.yaml"
    new_report(settings, NewRequest(2022, "中韩示范区党政综合办公室", output=report))
    counted = fill_service.count_ledger

    def count_while_someone_sets(*args, **kwargs):
        tally = counted(*args, **kwargs)
        set_cells(settings, SetRequest(report, ["t2.rules.issued=7"]))  # a person, meanwhile
        return tally

    monkeypatch.setattr(fill_service, "count_ledger", count_while_someone_sets)
    with pytest.raises(NianbaoError, match="已被改动"):
        fill(settings, FillRequest(report, LEDGER))
    kept = read_report(report)
    assert kept.number("t2.rules.issued") == 7  # before: fill wrote its stale copy over it
    monkeypatch.setattr(fill_service, "count_ledger", counted)
    fill(settings, FillRequest(report, LEDGER))  # run again: both the value and the fill are there
    again = read_report(report)
    assert again.number("t2.rules.issued") == 7 and again.number("t3.new.total") is not None
