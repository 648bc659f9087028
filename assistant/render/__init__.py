"""Render the final report: HTML, DOCX in 公文 style, Markdown, PDF.

`render(report, fmt, draft=False, previous=None) -> bytes`. Without `draft` it refuses
while the validator reports errors or inconsistencies (NianbaoError, exit 1). With a
`previous` report the validator checks across years and a comparison appendix is added.
"""

from __future__ import annotations

from ..errors import NianbaoError
from ..report.model import Report

FORMATS = ("html", "docx", "md", "pdf")
EXTENSIONS = {"html": ".html", "docx": ".docx", "md": ".md", "pdf": ".pdf"}
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
}


def render(report: Report, fmt: str, *, draft: bool = False, previous: Report | None = None) -> bytes:
    from .final import ensure_final

    if fmt not in FORMATS:
        raise NianbaoError(f"不支持的输出格式「{fmt}」，可选：{'、'.join(FORMATS)}")
    if previous is not None and previous.year >= report.year:
        raise NianbaoError(
            f"用于对比的报告是 {previous.year} 年的，应早于本报告的 {report.year} 年；请给上一年度的报告"
        )
    if not draft:
        ensure_final(report, previous)
    extra = _appendix(report, previous) if previous is not None else None
    if fmt == "html":
        from .html import render_html

        return render_html(report, draft=draft, appendix=extra).encode("utf-8")
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(report, draft=draft, appendix=extra).encode("utf-8")
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(report, draft=draft, appendix=extra)
    from .pdf import render_pdf

    return render_pdf(report, draft=draft, appendix=extra)


def _appendix(report: Report, previous: Report):
    """The comparison appendix: the figures (compare) and their chart (chart), which know nothing of each other."""
    from .chart import bar_chart_png
    from .compare import Appendix, appendix_title, changes

    found = changes(report, previous)
    png = bar_chart_png(found, previous.year, report.year)  # None when nothing is comparable
    return Appendix(appendix_title(report, previous), previous.year, report.year, found, png)


__all__ = ["EXTENSIONS", "FORMATS", "MEDIA_TYPES", "render"]
