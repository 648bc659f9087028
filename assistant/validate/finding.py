"""A finding: what a rule says about a report (Arelle-style: code, severity, message, refs)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, Field


class Severity(str, Enum):
    ERROR = "error"
    INCONSISTENCY = "inconsistency"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "inconsistency": "数据不一致", "warning": "警告", "info": "提示"}[self.value]

    @property
    def blocks(self) -> bool:
        """Errors and inconsistencies block a final report (exit 1, render refuses)."""
        return self in (Severity.ERROR, Severity.INCONSISTENCY)


SEVERITY_ORDER = (Severity.ERROR, Severity.INCONSISTENCY, Severity.WARNING, Severity.INFO)


class Span(BaseModel):
    """Character offsets [start, end) into one section's text."""

    section: str
    start: int
    end: int


class Finding(BaseModel):
    code: str
    severity: Severity
    message: str
    args: dict[str, Any] = Field(default_factory=dict)
    cells: list[str] = Field(default_factory=list)
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "args": self.args,
            "cells": self.cells,
            "span": self.span.model_dump() if self.span else None,
        }
