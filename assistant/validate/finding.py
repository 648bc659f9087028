"""A finding: what a rule says about a report (Arelle-style: code, severity, message, refs)."""

from __future__ import annotations

from decimal import Decimal
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
            "args": {k: jsonable(v) for k, v in self.args.items()},
            "cells": self.cells,
            "span": self.span.model_dump() if self.span else None,
        }


def jsonable(value: Any) -> Any:
    """Finding args for JSON: Decimals become JSON numbers (int when whole), recursively.

    The exact printed text of a cell, where it matters, is passed as a separate str arg.
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    return value
