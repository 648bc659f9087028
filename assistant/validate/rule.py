"""The rule unit: a code, a severity, a Chinese message template, and a check that yields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..report.model import Report
from .finding import Finding, Severity, Span


@dataclass(frozen=True)
class Context:
    report: Report
    previous: Report | None = None  # last year's report, enables the X-… rules


class Rule:
    """Subclass per module: set `code`, `severity`, `template`; implement `check`.

    `check` never raises: the runner turns an unexpected exception into an error finding
    rather than losing the other rules' findings.
    """

    code: str = ""
    severity: Severity = Severity.WARNING
    template: str = ""  # str.format template over the finding's args, in Chinese
    needs_previous: bool = False

    def check(self, ctx: Context) -> Iterator[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finding(
        self,
        *,
        cells: list[str] | None = None,
        span: Span | None = None,
        severity: Severity | None = None,
        template: str | None = None,
        **args: Any,
    ) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=(template or self.template).format(**args),
            args=args,
            cells=cells or [],
            span=span,
        )
