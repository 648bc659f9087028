"""One self-contained HTML page (inline CSS, embedded chart) from jinja2 templates."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..report.model import Report
from .compare import Appendix
from .layout import split_grid
from .outline import outline


@cache
def _environment():
    import jinja2

    # Autoescape always: section text comes from drafts and imports and is data, never markup.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("assistant.render", "templates"),
        autoescape=True,
        trim_blocks=False,
        undefined=jinja2.StrictUndefined,
    )


def stylesheet(name: str) -> str:
    return resources.files("assistant.render").joinpath(f"templates/{name}").read_text(encoding="utf-8")


def render_html(
    report: Report,
    *,
    draft: bool = False,
    appendix: Appendix | None = None,
    extra_css: str = "",
    breaks: dict[str, tuple[int, ...]] | None = None,
    mark_rows: bool = False,
) -> str:
    """The page. For the PDF: `extra_css` (our own, e.g. its font rules) follows the base
    stylesheet and wins; `breaks` cuts tables where pages turn (layout.split_grid);
    `mark_rows` numbers the table rows so the layout can say where a page turned."""
    template = _environment().get_template("report.html.j2")
    css = stylesheet("report.css") + extra_css
    cuts = breaks or {}
    return template.render(
        outline=outline(report),
        draft=draft,
        appendix=appendix,
        css=css,
        pieces=lambda grid: split_grid(grid, cuts.get(grid.table, ())),
        mark_rows=mark_rows,
    )


def render_grid_html(grid) -> str:
    """A table alone (Markdown embeds these where merged cells matter)."""
    return _environment().get_template("grid.html.j2").render(grid=grid)
