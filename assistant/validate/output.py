"""What `nianbao validate` prints: the JSON document and the readable text table.

The JSON shape is shared with the web app:
{"report": {...}, "findings": [...], "summary": {"error": n, ...}}.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..report.model import Report
from .catalogue import blocking, summarize
from .finding import SEVERITY_ORDER, Finding
from .tables import describe_cells


def report_identity(report: Report, path: str | Path | None = None) -> dict[str, Any]:
    return {
        "path": str(path) if path is not None else None,
        "agency": report.agency,
        "year": report.year,
        "format": report.format.value,
        "issuer_kind": report.issuer_kind,
    }


def validation_json(report: Report, findings: list[Finding], path: str | Path | None = None) -> dict[str, Any]:
    return {
        "report": report_identity(report, path),
        "findings": [f.to_json() for f in findings],
        "summary": summarize(findings),
    }


def summary_line(findings: list[Finding]) -> str:
    counts = summarize(findings)
    if not findings:
        return "检查完毕：没有发现问题。"
    parts = [f"{s.label} {counts[s.value]} 项" for s in SEVERITY_ORDER if counts[s.value]]
    verdict = "须改正后才能定稿" if blocking(findings) else "没有错误和数据不一致，请逐条核看警告和提示"
    return f"检查完毕：共 {len(findings)} 项（{'，'.join(parts)}）；{verdict}。"


def where_text(finding: Finding, report: Report) -> str:
    """The cells (as printed row/column labels) or the text span a finding points at."""
    lines = describe_cells(finding.cells, report.format)
    if finding.span is not None:
        from ..report.format import SECTION_LABELS

        span = finding.span
        section = SECTION_LABELS.get(span.section, span.section)
        whole = report.sections.text(span.section)
        text = whole[span.start : span.end]
        excerpt = text if len(text) <= 40 else text[:40] + "…"
        if span.start >= span.end:  # an empty span points at the part as a whole (its heading)
            heading = report.headings.get(span.section)
            lines.append(f"「{section}」部分标题" + (f"：{heading}" if heading else ""))
        elif span.start == 0 and span.end >= len(whole):
            lines.append(f"「{section}」部分全文：{excerpt}")
        else:
            lines.append(f"「{section}」第 {span.start + 1}–{span.end} 字：{excerpt}")
    return "\n".join(lines) or "—"


def render_text(
    report: Report,
    findings: list[Finding],
    path: str | Path | None = None,
    previous: Report | None = None,
    width: int = 120,
) -> str:
    """A table per severity (most severe first) and a summary line, as plain text."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, markup=False)
    head = f"{report.title}（{report.format.value} 版格式，{report.issuer_kind}）"
    if path is not None:
        head += f"\n文件：{path}"
    if previous is not None:
        head += f"\n对照上一年度：{previous.title}"
    console.print(Text(head))
    for severity in SEVERITY_ORDER:
        group = [f for f in findings if f.severity is severity]
        if not group:
            continue
        table = Table(title=Text(f"{severity.label}（{len(group)} 项）"), show_lines=True, expand=True)
        table.add_column("代码", no_wrap=True)
        table.add_column("说明", ratio=3, overflow="fold")
        table.add_column("涉及的单元格或文字", ratio=2, overflow="fold")
        for f in group:
            table.add_row(Text(f.code), Text(f.message), Text(where_text(f, report)))
        console.print(table)
    console.print(Text(summary_line(findings)))
    return buffer.getvalue()
