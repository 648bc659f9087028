"""Issue 21 item 9 (part): the figures the drafter's phrasebook writes about requests are
figures the validator checks: an edited 办结 count in any of its phrasings is flagged."""

from __future__ import annotations

import pytest

from tests.validate.test_narrative_numbers import clean_report

from assistant.drafting.phrasebook import PHRASES
from assistant.validate import validate

# clean_report(): new 21, carried in 0, results total 19, carried out 2
FIGURES = {"new": 21, "chg": "", "ci": 0, "co": 2, "detail": "", "year": 2021, "agency": "本办", "prev_year": 2020}
PHRASINGS = [(key, i) for key in ("ov_requests", "req_results") for i in range(len(PHRASES[key]))]


@pytest.mark.parametrize("key,i", PHRASINGS)
def test_an_edited_results_count_is_flagged_in_every_phrasing(key, i):
    report = clean_report()
    report.sections.requests = PHRASES[key][i].format(done=19, **FIGURES)
    assert [f for f in validate(report) if f.code == "N-TABLE-MISMATCH"] == []
    report.sections.requests = PHRASES[key][i].format(done=17, **FIGURES)
    [wrong] = [f for f in validate(report) if f.code == "N-TABLE-MISMATCH"]
    assert wrong.cells == ["t3.results_total.total"] and wrong.args["stated"] == 17 and wrong.args["actual"] == 19
