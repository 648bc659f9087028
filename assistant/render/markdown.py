"""Markdown: headings and paragraphs as text, the tables as HTML blocks (merged cells matter)."""

from __future__ import annotations

from ..report.model import Report
from .compare import Appendix
from .html import render_grid_html
from .outline import outline


def _escape(text: str) -> str:
    # Section text is data: neutralise markup and Markdown syntax at line starts.
    import html

    text = html.escape(text, quote=False)
    if text[:1] in "#>-+*|=`~" or text[:1].isdigit() and ". " in text[:6]:
        text = "\\" + text
    return text


def render_markdown(report: Report, *, draft: bool = False, appendix: Appendix | None = None) -> str:
    out = outline(report)
    lines: list[str] = []
    if draft:
        lines += ["> **草稿 · 未经审核，不得发布**", ""]
    lines += [f"# {_escape(out.title)}", ""]
    for part in out.parts:
        if part.heading:
            lines += [f"## {_escape(part.heading)}", ""]
        for p in part.paragraphs:
            # no emphasis on the lead-in: CommonMark does not close "*" after "。" before a character
            lines += [_escape(p.text), ""]
        if part.table is not None:
            lines += [render_grid_html(part.table).strip(), ""]
    if appendix is not None:
        lines += [f"## {_escape(appendix.title)}", ""]
        lines += [f"| 项目 | {appendix.last_year}年 | {appendix.this_year}年 | 增减 | 增减幅度 |", "|---|---:|---:|---:|---:|"]
        for c in appendix.changes:
            lines.append(f"| {c.label} | {c.show(c.last)} | {c.show(c.this)} | {c.delta_text} | {c.percent_text} |")
        lines += ["", "注：增减幅度按上年数为基数计算；上年为 0 或任一年未填数字时不计算。", ""]
        if appendix.chart:
            lines += [f"![{appendix.last_year}年与{appendix.this_year}年主要数据对比图](data:image/png;base64,{appendix.chart})", ""]
    if draft:
        lines += ["> **草稿 · 未经审核，不得发布**", ""]
    return "\n".join(lines)
