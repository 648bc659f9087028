"""Sentence and clause bounds, looked up from marks found once per text (linear validate),
agree with a plain scan from the start of the text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.validate.narrative import clause_start, sentence_bounds

_SENTENCE = re.compile(r"[。！？!?\n]")
_CLAUSE = re.compile(r"[。！？!?\n；;，,]")


def _scan_sentence(text, pos):
    start = 0
    for m in _SENTENCE.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE.search(text, pos)
    return start, (m.end() if m else len(text))


def _scan_clause(text, pos):
    start = 0
    for m in _CLAUSE.finditer(text, 0, pos):
        start = m.end()
    return start


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet="申请3件。，;\n?！a", max_size=40))
def test_bounds_agree_with_a_scan_from_the_start(text):
    for pos in range(len(text) + 1):
        assert sentence_bounds(text, pos) == _scan_sentence(text, pos)
        assert clause_start(text, pos) == _scan_clause(text, pos)
