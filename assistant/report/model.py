"""The typed report: metadata, the six parts plus the opening paragraph, every table cell."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .cells import BLANK, CellValue
from .format import SECTION_KEYS, FormatVersion, cell_keys, cell_specs

IssuerKind = Literal["人民政府", "部门"]

YEAR_MIN, YEAR_MAX = 2008, 2100  # the regulation's first reports .. far enough
AGENCY_MAX_CHARS = 100  # the longest real names are about 40; names become file names


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: str | None = None
    phone: str | None = None
    postcode: str | None = None
    email: str | None = None
    website: str | None = None


class Sections(BaseModel):
    """Narrative text without the part headings; None = not written / not found."""

    model_config = ConfigDict(extra="forbid")

    intro: str | None = None
    overview: str | None = None
    active: str | None = None
    requests: str | None = None
    review_litigation: str | None = None
    problems: str | None = None
    other: str | None = None

    def items(self) -> list[tuple[str, str | None]]:
        return [(k, getattr(self, k)) for k in SECTION_KEYS]

    def text(self, key: str) -> str:
        return getattr(self, key) or ""


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, validate_assignment=False)

    agency: str = Field(min_length=1, max_length=AGENCY_MAX_CHARS)
    issuer_kind: IssuerKind
    year: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    format: FormatVersion
    published: dt.date | None = None
    contact: Contact | None = None
    source: str | None = None  # the document this report was imported from
    cells: dict[str, CellValue] = Field(default_factory=dict)
    sections: Sections = Field(default_factory=Sections)
    # Part headings as printed, in printed order (imported reports); drives S-PARTS/S-NUMBERING.
    headings: dict[str, str] = Field(default_factory=dict)
    # Where each cell was read from (imported reports): cell key -> {kind, page, line, ...}.
    provenance: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @field_validator("headings")
    @classmethod
    def _known_headings(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = [k for k in value if k not in SECTION_KEYS]
        if unknown:
            raise ValueError(f"未知的部分：{', '.join(unknown)}")
        return value

    @model_validator(mode="after")
    def _complete_cells(self) -> "Report":
        """Keep cells in printed order with every key of the version present (missing = blank)."""
        keys = cell_keys(self.format)
        unknown = [k for k in self.cells if k not in cell_specs(self.format)]
        if unknown:
            raise ValueError(f"{self.format.value} 版格式没有这些单元格：{', '.join(unknown)}")
        self.cells = {k: self.cells.get(k, BLANK) for k in keys}
        return self

    # -- convenience -------------------------------------------------------------------
    def cell(self, key: str) -> CellValue:
        return self.cells[key]

    def number(self, key: str) -> Decimal | None:
        return self.cells[key].number

    def set(self, key: str, value: CellValue | int | Decimal | None) -> None:
        if key not in self.cells:
            raise KeyError(key)
        if value is None:
            value = BLANK
        elif not isinstance(value, CellValue):
            value = CellValue.of(value)
        self.cells[key] = value

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def is_government(self) -> bool:
        return self.issuer_kind == "人民政府"


def blank_report(year: int, agency: str, issuer_kind: str) -> Report:
    """A new report: the right format version for the year, all cells blank, section stubs."""
    return Report(
        agency=agency,
        issuer_kind=issuer_kind,  # type: ignore[arg-type]
        year=year,
        format=FormatVersion.for_year(year),
        sections=Sections(**{k: "" for k in SECTION_KEYS}),
    )
