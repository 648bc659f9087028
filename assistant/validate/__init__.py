"""The validator: every rule of REPORT_FORMAT.md §7, one module each under rules/."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from ..report.model import Report
from . import rules as _rules_pkg
from .catalogue import blocking, make, summarize
from .finding import SEVERITY_ORDER, Finding, Severity, Span
from .rule import Context, Rule

__all__ = ["Context", "Finding", "Rule", "Severity", "Span", "all_rules", "blocking", "summarize", "validate"]


@cache
def all_rules() -> tuple[Rule, ...]:
    """One instance of every Rule subclass found in assistant/validate/rules/*."""
    found: list[Rule] = []
    for info in sorted(pkgutil.iter_modules(_rules_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_rules_pkg.__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.code:
                if obj.__module__ == module.__name__:
                    found.append(obj())
    return tuple(found)


def validate(report: Report, previous: Report | None = None, codes: set[str] | None = None) -> list[Finding]:
    """All findings for the report, most severe first. Never raises on report content."""
    ctx = Context(report=report, previous=previous)
    findings: list[Finding] = []
    for rule in all_rules():
        if codes is not None and rule.code not in codes:
            continue
        if rule.needs_previous and previous is None:
            continue
        try:
            findings.extend(rule.check(ctx))
        except Exception as exc:  # a broken rule must not hide the others' findings
            findings.append(make(rule.code, f"规则 {rule.code} 检查时出错：{exc}", severity=Severity.ERROR, error=str(exc)))
    order = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    findings.sort(key=lambda f: order[f.severity])
    return findings

