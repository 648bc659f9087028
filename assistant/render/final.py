"""Final vs draft: a final report is only printed when nothing blocks it."""

from __future__ import annotations

from ..errors import EXIT_FINDINGS, NianbaoError
from ..report.model import Report


def blocking_findings(report: Report, previous: Report | None = None):
    from ..validate import validate  # the validator loads every rule module; only when needed

    return [f for f in validate(report, previous) if f.severity.blocks]


def ensure_final(report: Report, previous: Report | None = None) -> None:
    """Refuse (exit 1) while the validator reports any error or inconsistency."""
    blocking = blocking_findings(report, previous)
    if not blocking:
        return
    details = [f"[{f.severity.label}] {f.code}：{f.message}" for f in blocking]
    raise NianbaoError(
        f"报告还有 {len(blocking)} 处错误或数据不一致，不能输出正式稿；"
        "请先改正，或加 --draft 输出带“草稿”标记的稿子",
        exit_code=EXIT_FINDINGS,
        status=422,
        details=details,
    )
