"""Drafting the narrative sections: grounded, cited, numbers by placeholder.

`Drafter` runs section by section: figures (figures.py) -> sources (sources.py) ->
prompt (prompts.py, prompts/*.j2) -> model (llm.py) or template (template.py) ->
substitution (placeholders.py) -> checks (checks.py).
"""

from .drafter import Drafter, default_chat, default_retriever
from .facts import Fact, load_facts
from .figures import Figure, FigureSet, build_figures
from .outline import SECTION_ORDER
from .result import SectionDraft
from .service import draft_sections, write_drafts

__all__ = [
    "Drafter",
    "Fact",
    "Figure",
    "FigureSet",
    "SECTION_ORDER",
    "SectionDraft",
    "build_figures",
    "default_chat",
    "default_retriever",
    "draft_sections",
    "load_facts",
    "write_drafts",
]
