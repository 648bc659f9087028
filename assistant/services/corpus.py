"""The retrieval library (检索库) as a service: add, list, search, remove, reindex.

The CLI (`nianbao corpus …`) and the web app call these; each takes the settings (or a
warm `Corpus` kept by a server), returns a typed result and prints nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import NianbaoError
from ..settings import Settings

if TYPE_CHECKING:  # the index pulls in numpy, jieba and Chroma: only on the paths that search or write
    from ..retrieval.hit import Hit
    from ..retrieval.index import Index

Progress = Callable[[int, int, str], None]


def bundled_corpus() -> Path:
    """The sample reports and guide that ship inside the package (what a fresh install indexes)."""
    return Path(str(resources.files("assistant.corpus")))


def parse_years(text: str | None) -> tuple[int | None, int | None]:
    """「2021」→ (2021, 2021); 「2019-2021」→ (2019, 2021); 「2019-」→ (2019, None); empty → (None, None)."""
    if not text:
        return None, None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[-~～至到]\s*(\d{4})?\s*)?", text)
    if not m:
        raise NianbaoError(f"年度“{text}”写法不对", details=["写成 2021，或范围 2019-2021"])
    start = int(m.group(1))
    if m.group(2):
        return start, int(m.group(2))
    return (start, None) if re.search(r"[-~～至到]\s*$", text) else (start, start)


@dataclass
class AddSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)  # {source, message}
    chunks: int = 0


@dataclass
class ReindexSummary:
    documents: int = 0
    chunks: int = 0
    from_store: list[str] = field(default_factory=list)  # files gone: rebuilt from the stored text


@dataclass
class SearchRequest:
    query: str
    k: int = 5
    agency: str | None = None
    years: str | None = None  # 2021, 2019-2021, 2019-
    part: str | None = None
    doc_type: str | None = None
    mode: str = "hybrid"


@dataclass
class SearchResult:
    hits: list[Hit]
    library_empty: bool  # no hit because nothing is indexed (not because nothing matched)


class Corpus:
    """One library; a server keeps one instance warm, the CLI makes one per command."""

    def __init__(self, settings: Settings, index: Index | None = None) -> None:
        self.settings = settings
        self._index = index

    @property
    def index(self) -> Index:
        if self._index is None:
            from ..retrieval.index import Index

            self._index = Index(self.settings)
        return self._index

    def add(self, paths: list[Path], progress: Progress | None = None) -> AddSummary:
        return AddSummary(**self.index.add_paths(list(paths), progress=progress))

    def add_bundled(self, progress: Progress | None = None) -> AddSummary:
        return self.add([bundled_corpus()], progress=progress)

    def list_docs(self) -> list[dict[str, Any]]:
        return self.index.list_docs()

    def remove(self, target: str) -> list[dict[str, Any]]:
        return self.index.remove(target)

    def reindex(self, progress: Progress | None = None) -> ReindexSummary:
        return ReindexSummary(**self.index.reindex(progress=progress))

    def search(self, request: SearchRequest) -> SearchResult:
        year_from, year_to = parse_years(request.years)
        hits = self.index.search(request.query, k=request.k, agency=request.agency, year_from=year_from,
                                 year_to=year_to, part=request.part, doc_type=request.doc_type, mode=request.mode)
        return SearchResult(hits, library_empty=not hits and not self.index.list_docs())
