"""The record kept with a drafted section in the report file (provenance 「sections.<key>」).

It says how the text was made and what supports it: the figure behind every number (cell,
derived value, fact, ledger, or a person who confirmed it), the source of every assertion,
and a hash of the text as written. The validator re-checks the text against it (a file
edited by hand is covered), and `draft --write` uses the hash to tell a person's edit from
the last draft, which it will not overwrite unless asked.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
from typing import Any

from ..report.model import Report
from .result import SectionDraft

PREFIX = "sections."


def text_hash(text: str | None) -> str:
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()[:16]


def record_of(report: Report, section: str) -> dict[str, Any] | None:
    rec = report.provenance.get(PREFIX + section)
    return rec if isinstance(rec, dict) and rec.get("kind") == "draft" else None


def edited_by_a_person(report: Report, section: str) -> bool:
    """The section holds text that is not the last draft written into it (or was never drafted)."""
    text = report.sections.text(section)
    if not text.strip():
        return False
    rec = record_of(report, section)
    return rec is None or rec.get("sha256") != text_hash(text)


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "未知用户"


def write_record(report: Report, draft: SectionDraft, *, accepted: list[str] | None = None) -> None:
    """Keep the record of a draft written into the report; `accepted` are the blocking codes the
    user accepted with --accept-flagged (their unsupported numbers are kept as 「entered by a person」)."""
    numbers = list(draft.numbers)
    rec: dict[str, Any] = {
        "kind": "draft",
        "mode": draft.mode,
        "model": draft.model,
        "prompt_version": draft.prompt_version,
        "at": dt.datetime.now().isoformat(timespec="seconds"),
        "sha256": text_hash(draft.text),
        "claims": dict(draft.claims),
        "numbers": numbers,
        "literals": list(draft.literals),
    }
    if accepted:
        who = current_user()
        rec["accepted_flagged"] = {"by": who, "codes": sorted(set(accepted)), "at": rec["at"]}
        for f in draft.findings:
            if f.code == "NUM-UNSUPPORTED" and f.span is not None:
                raw = draft.text[f.span.start:f.span.end]
                value, family = _value_of(raw)
                numbers.append({"key": f"person.{len(numbers)}", "value": value, "family": family,
                                "origin": "person", "unit": "", "description": f"{who} 确认保留的数字「{raw}」"})
            if f.code == "DRAFT-CLAIM":
                rec["claims"][f.args.get("claim", "")] = f"{who} 确认保留"
    report.provenance[PREFIX + draft.section] = rec


def _value_of(raw: str) -> tuple[str, str]:
    from ..text.numbers import find_quantities

    found = find_quantities(raw)
    if not found:
        return "0", "count"
    q = found[0]
    return str(q.value), q.kind if q.kind in ("count", "money", "percent") else "count"


def recorded_figures(report: Report, previous: Report | None, rec: dict[str, Any]):
    """The figures a recorded section may state, at today's values: a cell or derived value as
    the tables now give it (a changed table makes the old number unsupported), a fact, a ledger
    count or a person's confirmed number as recorded."""
    from decimal import InvalidOperation

    from .figures import Figure, FigureSet, build_figures

    now = build_figures(report, previous)
    out = []
    for entry in rec.get("numbers") or []:
        if not isinstance(entry, dict) or "key" not in entry:
            continue
        origin = entry.get("origin")
        if origin in ("cell", "derived"):
            current = now.get(str(entry["key"]))
            if current is not None:
                out.append(current)
                continue
            if origin == "cell" or previous is not None or ".t" not in str(entry["key"]) and "derived." not in str(entry["key"]):
                continue  # the cell is blank now: nothing supports the number any more
            # a 同比 value needs last year's report; without it the recorded value stands
        try:
            out.append(Figure.from_record(entry))
        except (InvalidOperation, ValueError, KeyError, TypeError):
            continue
    return FigureSet(out, report.year)
