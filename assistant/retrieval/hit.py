"""A search hit: the contract between the index and its users (drafting, CLI, web)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

DocType = Literal["report", "regulation", "note"]


class Hit(BaseModel):
    id: str
    score: float
    doc_type: DocType
    source: str  # the path as added
    agency: str | None = None
    year: int | None = None
    part: str | None = None  # section key for reports (overview, problems, …)
    article: str | None = None  # e.g. 第四十二条 for regulations
    heading: str | None = None  # sub-item heading or chapter
    title: str | None = None  # the document's title (report title or regulation name)
    text: str
    start: int | None = None  # character offsets in the source section / document
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        keys = ("id", "score", "doc_type", "source", "agency", "year", "part", "article", "text")
        return {k: getattr(self, k) for k in keys}
