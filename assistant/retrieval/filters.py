"""Search filters (agency, year range, part, doc type): one mask, applied alike to both searches."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import NianbaoError
from ..report.parts import INTRO, PARTS, SECTION_KEYS

DOC_TYPES = {"report": "report", "regulation": "regulation", "note": "note",
             "报告": "report", "年报": "report", "法规": "regulation", "条例": "regulation", "说明": "note"}

_PART_WORDS = {INTRO.key: INTRO.aliases}
for _part in PARTS:
    _PART_WORDS[_part.key] = (_part.heading.split("、", 1)[0], _part.label, _part.heading, str(_part.number))


def normalize_part(part: str) -> str:
    text = part.strip()
    if text in SECTION_KEYS:
        return text
    for key, words in _PART_WORDS.items():
        if text in words or any(len(text) >= 2 and text in w for w in words[1:]):
            return key
    raise NianbaoError(f"不认识的部分“{part}”",
                       details=["可用：" + "、".join(SECTION_KEYS) + "，或“一”至“六”、部分名称（如 存在的主要问题）"])


def normalize_doc_type(doc_type: str) -> str:
    try:
        return DOC_TYPES[doc_type.strip()]
    except KeyError:
        raise NianbaoError(f"不认识的文件类别“{doc_type}”", details=["可用：report（报告）、regulation（法规）、note（说明）"]) from None


@dataclass
class Filters:
    agencies: list[str] | None = None  # exact names matching what the user typed
    year_from: int | None = None
    year_to: int | None = None
    part: str | None = None
    doc_type: str | None = None
    empty: bool = False  # nothing can match (e.g. an agency not in the index)

    @classmethod
    def make(cls, agencies: list[str], *, agency: str | None = None, year_from: int | None = None,
             year_to: int | None = None, part: str | None = None, doc_type: str | None = None) -> "Filters":
        f = cls(year_from=year_from, year_to=year_to,
                part=normalize_part(part) if part else None,
                doc_type=normalize_doc_type(doc_type) if doc_type else None)
        if agency and agency.strip():
            wanted = agency.strip()
            known = agencies
            exact = [a for a in known if a == wanted]
            # Part of a name is enough ("中韩示范区"), since nobody types the full 机关 name.
            f.agencies = exact or [a for a in known if wanted in a]
            f.empty = not f.agencies
        if year_from is not None and year_to is not None and year_from > year_to:
            raise NianbaoError(f"年度范围 {year_from}-{year_to} 起止颠倒")
        return f

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.agencies, self.year_from, self.year_to, self.part, self.doc_type))

    def sql(self) -> tuple[str, list]:
        """The filter as an SQL condition on the passage store (and its parameters)."""
        # A filter on a field excludes passages without that field (regulations have no year).
        clauses, params = [], []
        if self.agencies is not None:
            clauses.append(f"agency IN ({', '.join('?' * len(self.agencies))})")
            params += self.agencies
        if self.year_from is not None:
            clauses.append("year >= ?")
            params.append(self.year_from)
        if self.year_to is not None:
            clauses.append("year <= ?")
            params.append(self.year_to)
        if self.part is not None:
            clauses.append("part = ?")
            params.append(self.part)
        if self.doc_type is not None:
            clauses.append("doc_type = ?")
            params.append(self.doc_type)
        return " AND ".join(clauses) or "1", params
