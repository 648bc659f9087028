"""The rule unit: a code, a severity, a Chinese message template, and a check that yields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..report.model import Report
from .catalogue import entry, make
from .finding import Finding, Severity, Span


@dataclass(frozen=True)
class Context:
    report: Report
    previous: Report | None = None  # last year's report, enables the X-… rules


class Rule:
    """Subclass per module: set `code` (declared in catalogue.py with its severity and
    message templates); implement `check`.

    `check` never raises: the runner turns an unexpected exception into an error finding
    rather than losing the other rules' findings.
    """

    code: str = ""
    needs_previous: bool = False

    @property
    def severity(self) -> Severity:
        return entry(self.code).severity

    @property
    def template(self) -> str:
        return entry(self.code).template

    def check(self, ctx: Context) -> Iterator[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    def finding(
        self,
        *,
        cells: list[str] | None = None,
        span: Span | None = None,
        variant: str | None = None,
        **args: Any,
    ) -> Finding:
        return make(self.code, variant=variant, cells=cells, span=span, **args)
