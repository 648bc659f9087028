"""Drafting the narrative sections: grounded, cited, numbers by placeholder.

`Drafter` runs section by section: figures (figures.py) -> sources (sources.py) ->
prompt (prompts.py, assistant/prompts/*.j2) -> model (llm.py) or template (template.py) ->
substitution (placeholders.py) -> checks (checks.py).
The workflow around it (reading files, writing drafts back) is services/draft.py.
"""

from .drafter import Drafter, default_chat, default_retriever
from .facts import Fact, load_facts
from .figures import Figure, FigureSet, build_figures
from .outline import SECTION_ORDER
from .result import SectionDraft

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
    "load_facts",
]
