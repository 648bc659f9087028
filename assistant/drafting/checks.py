"""The checks every draft goes through after substitution, LLM or template alike.

- NUM-UNSUPPORTED: a quantity in the text matches no allowed figure of its unit family;
- PLACEHOLDER-UNKNOWN: `{{…}}` that names no figure (left verbatim, never evaluated);
- NUM-CONCEPT: a number stated for a row of the tables that is not that row's (concepts.py);
- NUM-YEAR: a year other than the report year, unless an earlier year is compared with it
  (同比, 较上年 …) in the same sentence; a statistical period of another year (variant period);
- CITE-UNKNOWN: a citation [n] to a source that was not given;
- DRAFT-COPIED: more than a sentence or two copied verbatim from last year's text;
- DRAFT-CLAIM: an assertion of something done or achieved (assertions.py) with no source;
- DRAFT-CLAIM-LAST-YEAR: an assertion whose only source is last year's own text (please verify).

Quantities come from the shared text toolkit (`assistant.text.numbers`), which already
skips article numbers, list markers, fixed phrases and phone numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from ..validate.catalogue import make
from ..validate.finding import Finding, Span
from .figures import FigureSet
from .placeholders import Substituted

CITATION = re.compile(r"[\[［](\d{1,3})[\]］]")
# Spans never read as quantities: book titles, document numbers (国办函〔2020〕109号).
_SKIP = (re.compile(r"《[^》\n]{0,80}》"), re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号"))
_YEAR_IN = re.compile(r"(\d{4})")
# An earlier year is spoken of only to compare the report year with it.
_COMPARISON = re.compile(r"同比|环比|相比|相较|较上年|比上年|较去年|比去年|上年同期|[较比]\d{4}年|增加|减少|增长|下降|上升|持平|增至|降至")

# DRAFT-COPIED: allowed verbatim passages from last year (≈ a sentence or two).
MAX_COPIED_PASSAGES = 2
MAX_COPIED_CHARS = 120

def finding(code: str, section: str, start: int | None = None, end: int | None = None, cells=None,
            variant: str | None = None, **args) -> Finding:
    span = Span(section=section, start=start, end=end) if start is not None and end is not None else None
    return make(code, variant=variant, cells=cells, span=span, **args)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _skipped_spans(text: str, literals: Iterable[str]) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for rx in _SKIP for m in rx.finditer(text)]
    spans += [(m.start(), m.end()) for m in CITATION.finditer(text)]
    for lit in literals:
        lit = (lit or "").strip()
        if len(lit) < 3:
            continue
        start = text.find(lit)
        while start >= 0:
            spans.append((start, start + len(lit)))
            start = text.find(lit, start + len(lit))
    return spans


def _candidates(value: Decimal, raw: str) -> set[Decimal]:
    """The value as read, and rescaled in case 万/亿 was or was not applied by the reader."""
    out = {value}
    if "万" in raw or "亿" in raw:
        for factor in (Decimal(10000), Decimal(100000000)):
            out.add(value / factor)
            out.add(value * factor)
    return {v.normalize() for v in out}


def _support(q, figures: FigureSet):
    """The figure a quantity states (the first that fits), True for a bare year, None for none."""
    kind = q.kind
    if kind == "percent":
        return next((f for f in figures
                     if f.family == "percent" and abs(abs(f.value) - abs(q.value)) < Decimal("0.05")), None)
    families = {"count": ("count",), "money": ("money",)}.get(kind, ("count", "money", "percent"))
    wanted = _candidates(q.value, q.raw)
    for f in figures:
        if f.family in families and f.value.normalize() in wanted:
            return f
    if kind not in ("count", "money") and q.value in (figures.year, figures.year - 1):
        return True  # a bare year written without 年
    return None


def _supported(q, figures: FigureSet) -> bool:
    return _support(q, figures) is not None


def number_support(
    text: str,
    figures: FigureSet,
    literals: Iterable[str] = (),
    filled: Iterable[tuple[int, int, str]] = (),
) -> list[dict]:
    """The support of every number in a text: the figure each placeholder put there, else the
    figure whose value a written number states. Unsupported numbers are left out (the checks
    flag them). Stored with the section, so the validator can re-check them (N-NUMBER-SUPPORT)."""
    from ..text.numbers import find_quantities

    out: dict[str, dict] = {}
    placed = list(filled)
    for _, _, key in placed:
        f = figures.get(key)
        if f is not None:
            out.setdefault(key, f.to_record())
    skipped = _skipped_spans(text, literals)
    for q in find_quantities(text):
        if q.kind in ("year", "date") or _overlaps(q.start, q.end, skipped):
            continue
        if any(s <= q.start and q.end <= e for s, e, _ in placed):
            continue
        f = _support(q, figures)
        if f is not None and f is not True:
            out.setdefault(f.key, f.to_record())
    return list(out.values())


def check_numbers(
    text: str,
    figures: FigureSet,
    section: str,
    literals: Iterable[str] = (),
    skip: Iterable[tuple[int, int]] = (),
) -> list[Finding]:
    from ..text.numbers import find_quantities

    from ..validate.narrative import sentence_bounds
    from ..validate.rules.s_period import _statements as period_statements

    skipped = _skipped_spans(text, literals) + list(skip)
    periods = period_statements(text)
    out: list[Finding] = []
    flagged_periods: set[tuple[int, int]] = set()
    for q in find_quantities(text):
        if _overlaps(q.start, q.end, skipped):
            continue
        if q.kind in ("year", "date"):
            years = [int(y) for y in _YEAR_IN.findall(q.raw)] if q.kind == "date" else [int(q.value)]
            bad = [y for y in years if y != figures.year]
            if not bad:
                continue
            period = next(((s, e) for s, e in periods if s <= q.start < e), None)
            if period is not None:
                if period not in flagged_periods:  # one finding per period sentence
                    flagged_periods.add(period)
                    out.append(finding("NUM-YEAR", section, period[0], period[1], variant="period",
                                       raw=text[period[0]:period[1]].strip(), year=figures.year))
                continue
            s_start, s_end = sentence_bounds(text, q.start)
            if all(y < figures.year for y in bad) and _COMPARISON.search(text, s_start, s_end):
                continue
            out.append(finding("NUM-YEAR", section, q.start, q.end, raw=q.raw, year=figures.year))
            continue
        if not _supported(q, figures):
            out.append(finding("NUM-UNSUPPORTED", section, q.start, q.end, raw=q.raw))
    return out


def check_placeholders(sub: Substituted, section: str) -> list[Finding]:
    return [finding("PLACEHOLDER-UNKNOWN", section, s, e, raw=raw) for s, e, raw in sub.unknown]


def cited_numbers(text: str) -> list[int]:
    return [int(m.group(1)) for m in CITATION.finditer(text)]


def check_citations(text: str, count: int, section: str) -> list[Finding]:
    out = []
    for m in CITATION.finditer(text):
        n = int(m.group(1))
        if not 1 <= n <= count:
            out.append(finding("CITE-UNKNOWN", section, m.start(), m.end(), raw=m.group(0), count=count))
    return out


def check_copied(text: str, previous_text: str | None, section: str) -> list[Finding]:
    if not previous_text or not text:
        return []
    from ..text.similarity import copied_passages

    passages = copied_passages(text, previous_text, min_chars=30)
    if len(passages) <= MAX_COPIED_PASSAGES and all(e - s <= MAX_COPIED_CHARS for s, e in passages):
        return []
    return [
        finding("DRAFT-COPIED", section, s, e, chars=e - s, excerpt=_excerpt(text[s:e]))
        for s, e in passages
    ]


def check_claims(text: str, support, section: str) -> list[Finding]:
    """Every assertion must have a source; one whose only source is last year's text is marked."""
    from .assertions import BY_ID, find

    out = []
    for found in find(text):
        a = BY_ID[found.id]
        if found.id in support.sources:
            continue
        code = "DRAFT-CLAIM-LAST-YEAR" if found.id in support.last_year else "DRAFT-CLAIM"
        out.append(finding(code, section, found.start, found.end, clause=_excerpt(found.clause), label=a.label,
                           need=a.need, claim=found.id))
    return out


def _excerpt(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_draft(
    section: str,
    sub: Substituted,
    figures: FigureSet,
    *,
    source_count: int,
    previous_text: str | None = None,
    literals: Iterable[str] = (),
    support=None,
    report=None,
) -> list[Finding]:
    text = sub.text
    concepts = []
    if report is not None:
        from .concepts import check_concepts

        concepts = check_concepts(report, section, text, figures)
    taken = [(f.span.start, f.span.end) for f in concepts]  # one number, one finding
    return (
        check_placeholders(sub, section)
        + concepts
        + check_numbers(text, figures, section, literals, skip=[(s, e) for s, e, _ in sub.unknown] + taken)
        + check_citations(text, source_count, section)
        + check_copied(text, previous_text, section)
        + (check_claims(text, support, section) if support is not None else [])
    )
