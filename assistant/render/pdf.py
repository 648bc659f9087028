"""PDF from the HTML page with WeasyPrint (optional extra `pdf`), in the fonts the install ships."""

from __future__ import annotations

import warnings
from functools import cache

from ..errors import NianbaoError
from ..report.model import Report
from .compare import Appendix
from .fonts import shipped_fonts
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
    page = render_html(report, draft=draft, appendix=appendix, extra_css=fonts.css() + stylesheet("pdf.css"))
    # No base_url: the page is self-contained; only data: URLs and the shipped fonts are read.
    document = weasyprint.HTML(string=page, url_fetcher=fetcher)
    return document.write_pdf(font_config=FontConfiguration())


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
