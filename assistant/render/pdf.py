"""PDF from the HTML page with WeasyPrint (optional extra `pdf`), in the fonts the install ships."""

from __future__ import annotations

import warnings
from functools import cache

from ..errors import NianbaoError
from ..report.model import Report
from .compare import Appendix
from . import page
from .fonts import SERIF_FAMILY, dash_top_in_line, shipped_fonts
from .html import render_html, stylesheet

MISSING = "输出 PDF 需要 WeasyPrint，当前未安装。请运行：pip install 'nianbao[pdf]'（或改用 --format html / docx）"


def render_pdf(report: Report, *, draft: bool = False, appendix: Appendix | None = None) -> bytes:
    try:
        with warnings.catch_warnings():
            # A machine without fonts is expected: the page brings its own (render/fonts.py).
            warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:  # OSError: the package is there but its system libraries are not
        raise NianbaoError(MISSING, details=[str(exc)] if isinstance(exc, OSError) else []) from exc
    fonts = shipped_fonts()
    fetcher = _local_fetcher(fonts.urls)
    css = fonts.css() + stylesheet("pdf.css") + page_css()
    font_config = FontConfiguration()
    breaks: dict[str, tuple[int, ...]] = {}
    # A table cut by a page is laid out again as pieces (layout.split_grid), so the piece on
    # the next page repeats the group labels, not only the header rows. Each pass may find
    # the next turn of a long table; a few passes settle it.
    for _ in range(MAX_PASSES):
        page = render_html(report, draft=draft, appendix=appendix, extra_css=css, breaks=breaks, mark_rows=True)
        # No base_url: the page is self-contained; only data: URLs and the shipped fonts are read.
        document = weasyprint.HTML(string=page, url_fetcher=fetcher).render(font_config=font_config)
        found = _page_turns(document, breaks)
        if all(set(rows) <= set(breaks.get(table, ())) for table, rows in found.items()):
            break
        breaks = {t: tuple(sorted(set(breaks.get(t, ())) | set(found.get(t, ())))) for t in {*breaks, *found}}
    return document.write_pdf()


MAX_PASSES = 4


def _page_turns(document, breaks: dict[str, tuple[int, ...]]) -> dict[str, set[int]]:
    """For each table, the grid rows that begin a page inside it (the table's first page aside)."""
    from weasyprint.formatting_structure.boxes import TableBox, TableRowBox

    seen: set[tuple[str, int]] = set()
    turns: dict[str, set[int]] = {}
    for page in document.pages:
        for table in _boxes(page._page_box, TableBox):
            name = table.element.get("data-table") if table.element is not None else None
            if not name:
                continue
            piece = int(table.element.get("data-piece", "0"))
            if (name, piece) in seen:
                rows = [row for group in table.children if not getattr(group, "is_header", False)
                        for row in group.children if isinstance(row, TableRowBox)]
                if rows and rows[0].element is not None and rows[0].element.get("data-row"):
                    index = int(rows[0].element.get("data-row"))  # within this piece
                    if piece:  # a later piece: its header rows, then the grid's rows from its cut on
                        index += sorted(breaks[name])[piece - 1] - _header_rows(table)
                    turns.setdefault(name, set()).add(index)
            seen.add((name, piece))
    return turns


def _header_rows(table) -> int:
    return sum(len(group.children) for group in table.children if getattr(group, "is_header", False))


def _boxes(box, kind):
    if isinstance(box, kind):
        yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child, kind)


def page_css() -> str:
    """The 公文 page (render/page.py): 22 lines of 28 characters, page numbers where GB/T 9704 puts them."""
    number = (
        f'content: "— " counter(page) " —"; font-family: "{SERIF_FAMILY}"; font-size: {page.PAGE_NUMBER_PT}pt; '
        f"line-height: {page.PAGE_NUMBER_PT}pt; vertical-align: top; letter-spacing: 0; "
        # the 一字线 7 mm below the text block: the padding leaves room for the glyph's own offset
        f"padding-top: {page.PAGE_NUMBER_GAP_MM - dash_top_in_line(page.PAGE_NUMBER_PT) / page.PT_PER_MM:.2f}mm;"
    )
    one_char = f"{page.PAGE_NUMBER_PT}pt"
    pitch, indent = f"{page.LINE_PITCH_PT}pt", f"{2 * page.CHAR_PITCH_PT}pt"
    return f"""
@page {{ size: A4; margin: {page.TOP_MM}mm {page.RIGHT_MM}mm {page.BOTTOM_MM}mm {page.LEFT_MM}mm;
  @bottom-center {{ content: none; }} }}
@page :right {{ @bottom-right {{ {number} text-align: right; margin-right: {one_char}; }} }}
@page :left {{ @bottom-left {{ {number} text-align: left; margin-left: {one_char}; }} }}
body {{ font-size: {page.BODY_PT}pt; line-height: {pitch}; letter-spacing: {page.CONDENSE_TWIPS / 20}pt; orphans: 1; widows: 1; }}
p, h2.part {{ line-height: {pitch}; margin: 0; text-indent: {indent}; }}
table.grid, h1.title, .draft-mark, .draft-banner {{ letter-spacing: normal; }}
"""


def _local_fetcher(allowed: frozenset[str]):
    return _fetcher_class()(allowed)


@cache
def _fetcher_class():
    from weasyprint import URLFetcher

    class LocalOnly(URLFetcher):
        """WeasyPrint's fetcher, limited to embedded data: URLs and the shipped font files."""

        def __init__(self, allowed: frozenset[str]) -> None:
            super().__init__(allowed_protocols=("data", "file"))
            self.allowed = allowed

        def fetch(self, url, headers=None):
            if url.startswith("data:") or url in self.allowed:
                return super().fetch(url, headers)
            raise ValueError(f"不加载外部资源：{url}")

    return LocalOnly
