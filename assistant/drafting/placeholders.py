"""Substitute `{{key}}` placeholders in generated text with the figures' values.

One pass over the model's text with a regular expression: nothing is evaluated, a
value is never re-scanned, and anything between braces that is not a known key
(`{{ 7*7 }}`, `{{fact.unknown}}`) stays in the text verbatim and is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .figures import FigureSet

PLACEHOLDER = re.compile(r"\{\{([^{}\n]{0,80})\}\}")
_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$")


@dataclass
class Substituted:
    text: str
    used: dict[str, str] = field(default_factory=dict)  # key -> substituted text
    filled: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, key) in `text`
    unknown: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, raw) in `text`


def substitute(raw: str, figures: FigureSet) -> Substituted:
    out: list[str] = []
    result = Substituted(text="")
    pos = 0
    length = 0
    for m in PLACEHOLDER.finditer(raw):
        before = raw[pos : m.start()]
        out.append(before)
        length += len(before)
        key = m.group(1).strip()
        figure = figures.get(key) if _KEY.match(key) else None
        if figure is None:
            piece = m.group(0)
            result.unknown.append((length, length + len(piece), piece))
        else:
            piece = figure.text
            result.used[key] = piece
            result.filled.append((length, length + len(piece), key))
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if figure is not None and figure.family == "percent" and raw[pos : pos + 1] in ("%", "％"):
            pos += 1  # "{{…share}}%": the value already carries its %
    out.append(raw[pos:])
    result.text = "".join(out)
    return result


def placeholders_in(raw: str) -> list[str]:
    return [m.group(1).strip() for m in PLACEHOLDER.finditer(raw)]


class StreamSubstituter:
    """For the terminal: show streamed text with values in place of complete placeholders,
    holding back a `{{…` until it closes (or clearly is not a placeholder)."""

    def __init__(self, figures: FigureSet):
        self.figures = figures
        self.pending = ""

    def feed(self, piece: str) -> str:
        text = self.pending + piece
        cut = text.rfind("{{")
        if cut >= 0 and "}}" not in text[cut:] and len(text) - cut <= 80:
            self.pending, text = text[cut:], text[:cut]
        elif text.endswith("{"):
            self.pending, text = "{", text[:-1]
        else:
            self.pending = ""
        return substitute(text, self.figures).text

    def flush(self) -> str:
        text, self.pending = self.pending, ""
        return text
