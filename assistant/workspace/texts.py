"""Text operations of the review: hashes, character-level diffs, re-anchoring a span.

Chinese has no spaces, so diffs work character by character (diff-match-patch, with
its semantic clean-up so a changed phrase reads as one change, not scattered characters).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from diff_match_patch import diff_match_patch

CONTEXT_CHARS = 20  # quoted context kept on each side of a suggestion's span
DIFF_TIMEOUT_S = 0.5  # bounds the work on long or hostile texts

Op = Literal["equal", "insert", "delete"]
_OPS: dict[int, Op] = {0: "equal", 1: "insert", -1: "delete"}


def text_hash(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT_S
    return dmp


def char_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """The changes from `old` to `new`, character by character, as (op, text) runs."""
    dmp = _dmp()
    diffs = dmp.diff_main(old, new)
    dmp.diff_cleanupSemantic(diffs)
    return [(_OPS[op], chunk) for op, chunk in diffs if chunk]


@dataclass(frozen=True)
class Quote:
    """A span of a text with what it says and a little context either side."""

    start: int
    end: int
    quote: str
    before: str
    after: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Quote:
        return cls(
            start=start,
            end=end,
            quote=text[start:end],
            before=text[max(0, start - CONTEXT_CHARS) : start],
            after=text[end : end + CONTEXT_CHARS],
        )

    def holds_in(self, text: str) -> bool:
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.quote


def reanchor(span: Quote, old: str, new: str) -> Quote | None:
    """Where the quoted span of `old` is in `new`, or None when it is gone or ambiguous.

    1. Map the span through the character diff; if the same quote stands at the mapped
       place, the change happened elsewhere.
    2. Otherwise look for the quote with its context; exactly one match counts.
    Never a fuzzy match: a suggestion is applied only to the very text it quoted.
    """
    if old == new:
        return span if span.holds_in(new) else None
    if not span.quote:
        return _reanchor_insertion(span, old, new)
    dmp = _dmp()
    diffs = dmp.diff_main(old, new)
    start = dmp.diff_xIndex(diffs, span.start)
    end = start + len(span.quote)
    if new[start:end] == span.quote and _untouched(diffs, span.start, span.end):
        return Quote.of(new, start, end)
    needle = span.before + span.quote + span.after
    first = new.find(needle)
    if first >= 0 and new.find(needle, first + 1) < 0:
        start = first + len(span.before)
        return Quote.of(new, start, start + len(span.quote))
    return None


def _untouched(diffs: list[tuple[int, str]], start: int, end: int) -> bool:
    """True when no insertion or deletion falls strictly inside old[start:end]."""
    pos = 0
    for op, chunk in diffs:
        if op == 0:
            pos += len(chunk)
            continue
        if op == -1:
            if pos < end and pos + len(chunk) > start:
                return False
            pos += len(chunk)
        elif start < pos < end:  # an insertion between two quoted characters
            return False
    return True


def _reanchor_insertion(span: Quote, old: str, new: str) -> Quote | None:
    """An insertion point: where the diff maps it when the characters either side are
    untouched, else between its unchanged context."""
    if not span.before and not span.after:
        return Quote.of(new, 0, 0) if not new else None
    dmp = _dmp()
    diffs = dmp.diff_main(old, new)
    if _untouched(diffs, max(0, span.start - 1), min(len(old), span.start + 1)):
        at = dmp.diff_xIndex(diffs, span.start)
        if new[at - 1 : at] == old[span.start - 1 : span.start] and new[at : at + 1] == old[span.start : span.start + 1]:
            return Quote.of(new, at, at)
    needle = span.before + span.after
    first = new.find(needle)
    if first >= 0 and new.find(needle, first + 1) < 0:
        at = first + len(span.before)
        return Quote.of(new, at, at)
    return None


def apply(text: str, span: Quote, replacement: str) -> str:
    if not span.holds_in(text):  # pragma: no cover - callers re-anchor first
        raise ValueError("span does not hold in text")
    return text[: span.start] + replacement + text[span.end :]
