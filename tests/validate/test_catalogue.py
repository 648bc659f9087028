"""One catalogue of finding codes: every code emitted anywhere is declared there once,
and the validator's codes are those of REPORT_FORMAT.md §7."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from assistant.validate import all_rules
from assistant.validate.catalogue import CATALOGUE, blocking, make, summarize, summary_blocks
from assistant.validate.finding import Severity

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "format" / "REPORT_FORMAT.md"
CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")
NOT_CODES = {"UTF-8"}
# validator rules the project added after the spec's §7 was written
BEYOND_SPEC = {
    "S-FILL-IN": "a 〔请填写…〕 note of the template drafter left in a section",
    "N-NUMBER-SUPPORT": "a number of a drafted section without its recorded support (issue 15)",
    "N-CLAIM": "an assertion of a drafted section without a source (issue 15)",
}


def _code_constants() -> dict[str, list[str]]:
    """Every string constant in the package shaped like a finding code, with where it is."""
    found: dict[str, list[str]] = {}
    for path in (ROOT / "assistant").rglob("*.py"):
        if path.name == "catalogue.py" and path.parent.name == "validate":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
                if node.value not in NOT_CODES:
                    found.setdefault(node.value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_code_in_the_package_is_catalogued():
    missing = {code: where for code, where in _code_constants().items() if code not in CATALOGUE}
    assert missing == {}


def test_every_catalogued_code_is_emitted_by_its_owner():
    used = _code_constants()
    for code, entry in CATALOGUE.items():
        owner = ROOT / "assistant" / (entry.owner.replace(".", "/") + ".py")
        assert owner.exists(), (code, entry.owner)
        assert any(w.startswith(str(owner.relative_to(ROOT))) for w in used.get(code, [])), (code, entry.owner)


def test_every_rule_is_catalogued_and_owned_by_its_module():
    for rule in all_rules():
        entry = CATALOGUE[rule.code]
        assert type(rule).__module__ == f"assistant.{entry.owner}"
        assert rule.severity is entry.severity and rule.template == entry.template


def test_no_code_declares_severity_or_template_outside_the_catalogue():
    """grep: no rule class sets its own severity or template; no second severity table."""
    for path in (ROOT / "assistant" / "validate" / "rules").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s+(severity|template)\s*=", text, re.M), path.name
    for path in (ROOT / "assistant").rglob("*.py"):
        if path.name == "catalogue.py":
            continue
        text = path.read_text(encoding="utf-8")
        # the one verdict: only the catalogue reads Severity.blocks
        assert ".severity.blocks" not in text, path


def _spec_rules() -> dict[str, str]:
    text = SPEC.read_text(encoding="utf-8")
    section = text[text.index("## 7."):]
    section = section[: section.index("\n## ", 4)] if "\n## " in section[4:] else section
    return dict(re.findall(r"^\|\s*`([A-Z0-9-]+)`\s*\|\s*(\w+)\s*\|", section, re.M))


@pytest.mark.skipif(not SPEC.exists(), reason="shared format spec not mounted")
def test_catalogue_matches_the_spec_rules():
    spec = _spec_rules()
    assert len(spec) >= 18
    for code, severity in spec.items():
        assert CATALOGUE[code].severity is Severity(severity), code
        assert CATALOGUE[code].owner.startswith("validate.rules."), code
    rules = {c for c, e in CATALOGUE.items() if e.owner.startswith("validate.rules.")}
    assert rules - set(spec) == set(BEYOND_SPEC)
    assert {r.code for r in all_rules()} == rules


def test_verdicts_exist_once():
    warn = make("S-PERIOD", year=2023)
    inconsistent = make("T3-BALANCE", column="自然人", new=1, carried_in=0, received=1, results_total=1,
                        carried_out=1, handled=2)
    assert warn.severity is Severity.WARNING and "2023年1月1日" in warn.message
    assert not blocking([warn]) and blocking([warn, inconsistent])
    counts = summarize([warn, inconsistent, warn])
    assert counts == {"error": 0, "inconsistency": 1, "warning": 2, "info": 0}
    assert summary_blocks(counts) and not summary_blocks(summarize([warn]))


def test_a_variant_may_weigh_otherwise():
    wrong = make("X-CARRY-OVER", variant="wrong_year", previous_year=2020, year=2023, expected_year=2022)
    assert wrong.severity is Severity.WARNING and "2020 年度" in wrong.message
