"""A drafted section: the text, how it was made, what it cites, what the checks found."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from ..validate.finding import Finding

Mode = Literal["llm", "template"]


class SectionDraft(BaseModel):
    section: str
    mode: Mode
    text: str
    raw: str  # before substitution, as the model (or template) wrote it
    citations: list[dict[str, Any]] = Field(default_factory=list)
    placeholders: dict[str, str] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    model: str | None = None
    prompt_version: str
    complete: bool = True
    notice: str | None = None  # e.g. why the template was used, or why the text is partial
    claims: dict[str, str] = Field(default_factory=dict)  # assertion id -> its source (「事实数据 x」, 「上年报告原文」)
    unplaced_facts: list[str] = Field(default_factory=list)  # fact keys with no place: listed, not written
    numbers: list[dict[str, Any]] = Field(default_factory=list)  # the support of each number (Figure.to_record)
    literals: list[str] = Field(default_factory=list)  # text taken as is (agency, contact), never a quantity
    earlier_findings: list[Finding] = Field(default_factory=list)  # the first attempt's, when asked again
    repairs: list[str] = Field(default_factory=list)  # form repaired deterministically (form.py), in Chinese

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "mode": self.mode,
            "text": self.text,
            "citations": self.citations,
            "placeholders": self.placeholders,
            "findings": [f.to_json() for f in self.findings],
            "model": self.model,
            "prompt_version": self.prompt_version,
            "complete": self.complete,
            "notice": self.notice,
            "claims": self.claims,
            "unplaced_facts": self.unplaced_facts,
            "numbers": self.numbers,
            "repairs": self.repairs,
            "earlier_findings": [f.to_json() for f in self.earlier_findings],
        }
