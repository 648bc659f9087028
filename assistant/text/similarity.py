"""How much of this year's narrative repeats last year's.

The measure (shared by the validator and the drafting module): both texts are
normalised — whitespace and punctuation dropped, full-width folded, every run of
digits or Chinese year digits replaced by one placeholder so a changed year or count
does not hide a copy — and cut into overlapping shingles of SHINGLE characters. A
character of this year's text counts as repeated when it lies inside a shingle that
also occurs in last year's text. `repeated_fraction` is the share of repeated
characters among all normalised characters of this year's text: 1.0 for a copy,
near 0 for unrelated prose (a shingle of 10 Chinese characters rarely recurs by chance).
"""

from __future__ import annotations

import re
import unicodedata

SHINGLE = 10
_NUMBER_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?|[〇零○一二三四五六七八九]{4}(?=年)")


_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # full-width ASCII -> ASCII, same length


def _normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Normalised text and, for each of its characters, the [start, end) it stands for."""
    source = text.translate(_FOLD)
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    numbers = {m.start(): m.end() for m in _NUMBER_RUN.finditer(source)}
    i = 0
    while i < len(source):
        if i in numbers:
            chars.append("0")
            spans.append((i, numbers[i]))
            i = numbers[i]
            continue
        ch = source[i]
        cat = unicodedata.category(ch)
        if not (cat[0] in "PZS" or cat == "Cc"):
            chars.append(ch.lower())
            spans.append((i, i + 1))
        i += 1
    return "".join(chars), spans


def _coverage(text: str, previous: str) -> tuple[str, list[int], list[bool]]:
    norm, where = _normalise(text)
    prev_norm, _ = _normalise(previous)
    covered = [False] * len(norm)
    if len(norm) < SHINGLE or len(prev_norm) < SHINGLE:
        return norm, where, covered
    seen = {prev_norm[i : i + SHINGLE] for i in range(len(prev_norm) - SHINGLE + 1)}
    for i in range(len(norm) - SHINGLE + 1):
        if norm[i : i + SHINGLE] in seen:
            for j in range(i, i + SHINGLE):
                covered[j] = True
    return norm, where, covered


def normalised(text: str) -> str:
    """The text as compared: punctuation and spaces dropped, each number one placeholder."""
    return _normalise(text or "")[0]


def repeated_fraction(text: str, previous: str) -> float:
    """Share (0..1) of this year's text that repeats last year's (see module doc)."""
    norm, _, covered = _coverage(text or "", previous or "")
    if not norm:
        return 0.0
    return sum(covered) / len(norm)


def copied_passages(text: str, previous: str, min_chars: int = 30) -> list[tuple[int, int]]:
    """[start, end) offsets into `text` of passages repeated from `previous`, each at least
    `min_chars` normalised characters long, in order."""
    norm, where, covered = _coverage(text or "", previous or "")
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(norm):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j < len(norm) and covered[j]:
            j += 1
        if j - i >= min_chars:
            spans.append((where[i][0], where[j - 1][1]))
        i = j
    return spans
