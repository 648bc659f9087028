"""PDF from the HTML page with WeasyPrint (optional extra `pdf`), CJK fonts from the system."""

from __future__ import annotations

from ..errors import NianbaoError
from ..report.model import Report
from .compare import Appendix
from .html import render_html

MISSING = "输出 PDF 需要 WeasyPrint，当前未安装。请运行：pip install 'nianbao[pdf]'（或改用 --format html / docx）"


def render_pdf(report: Report, *, draft: bool = False, appendix: Appendix | None = None) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the package is there but its system libraries are not
        raise NianbaoError(MISSING, details=[str(exc)] if isinstance(exc, OSError) else []) from exc
    page = render_html(report, draft=draft, appendix=appendix)
    # No base_url and a fetcher that refuses everything: the page is self-contained, nothing is fetched.
    return weasyprint.HTML(string=page, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url: str, *args, **kwargs):
    if url.startswith("data:"):
        import weasyprint

        return weasyprint.default_url_fetcher(url)
    raise ValueError(f"不加载外部资源：{url}")
