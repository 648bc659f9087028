"""HTML reader: web pages and Word "save as web page" exports.

Page chrome (menus, headers, footers, scripts) is dropped, the report's own container is
found as the smallest element holding the title, the part headings and the report
tables, and its content is read in order: paragraphs, and tables with rowspan/colspan.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import NianbaoError
from ...report.parts import BY_KEY
from .builder import DocumentBuilder
from ..document import Document, Where

_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "select", "button", "head")
_CHROME_ATTR = re.compile(r"(^|[\s_-])(nav|menu|footer|header|breadcrumb|crumb|share|copyright|sidebar|topbar|banner|toolbar)", re.I)
_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main",
    "tr", "td", "th", "table", "tbody", "thead", "blockquote", "center", "dl", "dt", "dd", "pre", "body", "form",
}
# words only a report prints: three part headings and three table labels
_MARKERS = (BY_KEY["overview"].mark, BY_KEY["active"].mark, BY_KEY["other"].mark, "本年新收", "结果维持", "第二十条")


def read_html(path: str | Path) -> Document:
    from .limits import MAX_TEXT_BYTES, check_file_size
    from .text import decode

    check_file_size(Path(path), MAX_TEXT_BYTES, "网页")
    data = Path(path).read_bytes()
    text = decode(data, str(path))
    return html_document(text, str(path))


def html_document(text: str, source: str) -> Document:
    from lxml import etree

    # plain etree elements: the lxml.html element classes cost a lookup per node
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except (etree.ParserError, ValueError) as exc:
        raise NianbaoError(f"网页无法解析（{exc}）", file=source) from None
    if root is None:
        raise NianbaoError("网页没有内容", file=source)
    for el in list(root.iter(*_CHROME_TAGS)):
        _drop(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        attrs = f"{el.get('id', '')} {el.get('class', '')}"
        if _CHROME_ATTR.search(attrs) and el.tag not in ("body", "html") and not _holds_report(el):
            _drop(el)
    content = _content_root(root)
    builder = DocumentBuilder(source, "html")
    _walk(content, builder, [])
    return builder.build()


def _drop(el) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _text(el) -> str:
    return "".join(el.itertext())


def _holds_report(el) -> bool:
    text = _text(el)
    return sum(1 for m in _MARKERS if m in text) >= 2


def _content_root(root):
    """The smallest element holding every report marker found on the page (and the title)."""
    body = root.find("body")
    body = body if body is not None else root
    holders = _holders(body, _MARKERS + ("年度报告",))
    if len(holders) < 2:
        return body
    paths = [list(reversed([h, *h.iterancestors()])) for h in holders]
    common = body
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    while common is not None and common.tag in ("table", "tr", "td", "th", "tbody", "thead"):
        common = common.getparent()
    return common if common is not None else body


def _holders(body, markers: tuple[str, ...]) -> list:
    """For each marker, the first element whose own text (or a child's tail) contains it."""
    found: dict[str, object] = {}
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        own = (el.text or "") + "".join(child.tail or "" for child in el)
        if not own.strip():
            continue
        for marker in markers:
            if marker not in found and marker in own:
                found[marker] = el
        if len(found) == len(markers):
            break
    return list(found.values())


def _is_leaf_table(el) -> bool:
    return el.tag == "table" and el.find(".//table") is None and not _is_layout_table(el)


def _is_layout_table(table) -> bool:
    """A page-layout table (the article in one cell) rather than a table of data.

    Sites wrap the whole article in a table; when its own tables are images, nothing
    nested gives it away, but a data cell never holds several paragraphs of prose.
    """
    from ..recognition.tokens import cell_value

    prose = False
    for td in table.iter("td", "th"):
        blocks = sum(1 for _ in td.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li"))
        if blocks >= 4 or len(_text(td).strip()) > 300:
            prose = True
            break
    if not prose:
        return False
    # a data table with one long remark cell is still a data table: it has rows of numbers
    for tr in table.iter("tr"):
        numbers = sum(1 for td in tr if isinstance(td.tag, str) and _text(td).strip() and cell_value(_text(td)) is not None)
        if numbers >= 3:
            return False
    return True


def _walk(el, builder: DocumentBuilder, buf: list[str]) -> None:
    """Depth-first: inline text gathers in buf, block boundaries flush it as a paragraph."""

    def flush(at) -> None:
        text = "".join(buf).replace("\xa0", " ")
        buf.clear()
        for line in text.split("\n"):
            if line.strip():
                builder.paragraph(line.strip(), Where(kind="html", line=at.sourceline))

    if not isinstance(el.tag, str):  # comments, processing instructions
        if el.tail:
            buf.append(_inline(el.tail))
        return
    tag = el.tag.lower()
    if tag == "table" and _is_leaf_table(el):
        flush(el)
        _table(el, builder)
    elif tag == "br":
        buf.append("\n")
    else:
        block = tag in _BLOCK
        if block:
            flush(el)
        if el.text:
            buf.append(_inline(el.text))
        for child in el:
            _walk(child, builder, buf)
        if block:
            flush(el)
    if el.tail:
        buf.append(_inline(el.tail))


_SOURCE_BREAK = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _inline(text: str) -> str:
    """Line breaks in the page source are not line breaks on the page (only <br> and blocks are)."""
    if "\n" not in text:
        return text

    def join(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return "" if (_CJK.match(before or " ") and _CJK.match(after or " ")) else " "

    return _SOURCE_BREAK.sub(join, text)


def _cell_text(td) -> str:
    if len(td) == 0:  # the common case: plain text, no markup inside
        return _clean(td.text or "")
    if next(td.iter("br"), None) is None and sum(1 for _ in td.iter("p", "div", "li")) <= 1:
        return _clean("".join(td.itertext()))  # one paragraph of styled runs
    parts: list[str] = []

    def rec(el) -> None:
        if not isinstance(el.tag, str):
            parts.append(el.tail or "")
            return
        tag = el.tag.lower()
        if tag == "br":
            parts.append("\n")
        elif tag in ("p", "div", "li") and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
        if el.text and tag != "br":
            parts.append(el.text)
        for child in el:
            rec(child)
        if el.tail and el is not td:
            parts.append(el.tail)

    parts.append(td.text or "")
    for child in td:
        rec(child)
    return _clean("".join(parts))


_BLANKS = re.compile(r"[ \t\r\f\v\xa0]+")


def _clean(text: str) -> str:
    """Cell text as printed: inner line breaks kept, runs of spaces (and &nbsp;) as one."""
    lines = [_BLANKS.sub(" ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _span(td, name: str) -> int:
    try:
        return max(1, int(str(td.get(name, "1")).strip() or 1))
    except ValueError:
        return 1


def _table(table, builder: DocumentBuilder) -> None:
    rows = []
    for tr in table.iter("tr"):
        row = []
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            row.append((_cell_text(td), _span(td, "rowspan"), _span(td, "colspan"), Where(kind="html", line=td.sourceline)))
        if row:
            rows.append(row)
    builder.table(rows, Where(kind="html", line=table.sourceline))
