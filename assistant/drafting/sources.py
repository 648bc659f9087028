"""Grounding: retrieve numbered sources for a section and turn cited ones into citations.

Three searches per section: this agency's own past reports (same part), peers'
reports (same part), and the regulation. Retrieved text is material for the model,
never instructions; it only ever enters a prompt as a variable.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel

from ..retrieval.hit import Hit
from ..report.format import SECTION_LABELS
from ..report.model import Report
from ..report.parts import DRAFT_SECTIONS

# What to ask the index for, per section (Chinese queries; the index is bilingual-agnostic).
QUERIES = {
    "intro": "政府信息公开工作年度报告 编制依据 统计期限 联系方式",
    "overview": "总体情况 主动公开 依申请公开 政府信息管理 平台建设 监督保障",
    "requests": "收到和处理政府信息公开申请情况 办理结果",
    "review_litigation": "政府信息公开行政复议 行政诉讼",
    "problems": "存在的主要问题及改进情况 改进措施",
    "other": "信息处理费 政务公开工作要点 人大代表建议 政协提案 创新",
}
REGULATION_QUERIES = {
    "intro": "政府信息公开工作年度报告 第四十九条 第五十条",
    "overview": "主动公开 政府信息公开平台 监督和保障",
    "requests": "依申请公开 答复期限 不予公开",
    "review_litigation": "行政复议 行政诉讼 政府信息公开工作",
    "problems": "政府信息公开工作考核 社会评议 责任追究",
    "other": "信息处理费 第四十二条",
}


class Retriever(Protocol):
    def search(
        self,
        query: str,
        *,
        k: int = 5,
        agency: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        part: str | None = None,
        doc_type: str | None = None,
    ) -> list[Hit]: ...


class Source(BaseModel):
    """A numbered source as shown to the model; cited as [n]."""

    n: int
    kind: str  # own | peer | regulation
    source: str
    agency: str | None = None
    year: int | None = None
    part: str | None = None
    article: str | None = None
    text: str

    @property
    def label(self) -> str:
        if self.kind == "regulation":
            return f"{_title(self.source)}{self.article or ''}"
        who = self.agency or _title(self.source)
        year = f"{self.year}年" if self.year else ""
        return f"{who}{year}年报"

    def citation(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "kind": self.kind,
            "source": self.source,
            "agency": self.agency,
            "year": self.year,
            "part": self.part,
            "part_name": SECTION_LABELS.get(self.part or "", None),
            "article": self.article,
            "passage": self.text,
        }


def _title(source: str) -> str:
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def gather_sources(
    retriever: Retriever | None,
    report: Report,
    section: str,
    *,
    per_kind: int = 3,
    max_chars: int = 600,
) -> list[Source]:
    """Numbered sources for one section; empty when no index is available."""
    if retriever is None:
        return []
    part = section if section in DRAFT_SECTIONS else None
    query = QUERIES.get(section, section)
    own = retriever.search(query, k=per_kind, agency=report.agency, year_to=report.year - 1, part=part,
                           doc_type="report")
    peers = retriever.search(query, k=per_kind + len(own), year_to=report.year, part=part, doc_type="report")
    peers = [h for h in peers if h.agency != report.agency][:per_kind]
    law = retriever.search(REGULATION_QUERIES.get(section, query), k=per_kind, doc_type="regulation")
    out: list[Source] = []
    seen: set[str] = set()
    for kind, hits in (("own", own), ("peer", peers), ("regulation", law)):
        for h in hits:
            if h.id in seen:
                continue
            seen.add(h.id)
            text = h.text.strip()
            if len(text) > max_chars:
                text = text[: max_chars - 1] + "…"
            out.append(
                Source(n=len(out) + 1, kind=kind, source=h.source, agency=h.agency, year=h.year, part=h.part,
                       article=h.article, text=text)
            )
    return out


def citations_for(text: str, sources: list[Source]) -> list[dict[str, Any]]:
    """The cited sources, in order of first citation."""
    from .checks import cited_numbers

    by_n = {s.n: s for s in sources}
    out, seen = [], set()
    for n in cited_numbers(text):
        if n in by_n and n not in seen:
            seen.add(n)
            out.append(by_n[n].citation())
    return out
