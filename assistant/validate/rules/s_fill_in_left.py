"""S-FILL-IN: fill-in notes (〔请补充…〕) or unsubstituted {{placeholders}} left in the text.

The template drafter leaves such notes where only staff know the answer; a report that
still carries them must not be published as is.
"""

from __future__ import annotations

import re

from ...report.format import SECTION_KEYS, SECTION_LABELS
from ..finding import Span
from ..rule import Rule

FILL_IN_NOTE = re.compile(r"〔\s*请[^〔〕]{0,80}〕|\{\{[^{}]{1,80}\}\}")


class SFillInLeft(Rule):
    code = "S-FILL-IN"

    def check(self, ctx):
        for key in SECTION_KEYS:
            text = ctx.report.sections.text(key)
            for match in FILL_IN_NOTE.finditer(text):
                yield self.finding(
                    span=Span(section=key, start=match.start(), end=match.end()),
                    section=key,
                    section_label=SECTION_LABELS[key],
                    note=match.group(),
                )
