"""Paragraphs of a PDF where the lines between two tables are all indented and short.

Such lines carry no margin of their own: the left edge they share is the 2em indent and
the right edge is the end of the longest. The reader must take the text column from the
whole page and document (wrapped lines elsewhere, the ruled tables' edges) and still
split the paragraphs, and keep every part heading a paragraph of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.document import Paragraph
from assistant.ingest.readers.pdf import read_pdf

CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 16pt; line-height: 1.8; }
h1 { font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 1em; }
h2 { font-size: 16pt; font-weight: normal; margin: 0.4em 0 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 0.8em; font-size: 10.5pt; }
td { border: 1px solid #000; padding: 2px 3px; text-align: center; }
"""

WRAPPED = (
    "本报告根据《中华人民共和国政府信息公开条例》要求编制，报告中所列数据统计期限自年初起至年末止，"
    "本报告电子版可在门户网站查阅，如对本报告有疑问，请与办公室联系。"
)
# between the two tables: every line indented, none reaching the right margin, the
# heading and the paragraph after it of the same width
MIDDLE = [
    ("h2", "五、存在的主要问题及改进情况"),
    ("p", "认真贯彻落实，认真贯彻落实。"),
    ("p", "认真贯彻落实完善准确、依申请公开。"),
    ("p", "制度考核办理参与权工作。"),
    ("h2", "六、其他需要报告的事项"),
    ("p", "认真贯彻落实，认真贯彻落实。"),
]
TAIL = [("p", "及时准确全面。"), ("p", "规范办理。")]


def _table(n: int) -> str:
    rows = "".join(f"<tr><td>项目{n}{i}</td><td>{i}</td><td>{i + 1}</td></tr>" for i in range(3))
    return f"<table>{rows}</table>"


def _blocks(items: list[tuple[str, str]]) -> str:
    return "".join(f"<{tag}>{text}</{tag}>" for tag, text in items)


def _pdf(folder: Path, body: str) -> Path:
    from weasyprint import HTML

    body = "<h1>某某局政府信息公开工作年度报告</h1>" + body
    page = f'<html><head><meta charset="utf-8"><style>{CSS}</style></head><body>{body}</body></html>'
    path = folder / "short-lines.pdf"
    HTML(string=page).write_pdf(path)
    return path


@pytest.mark.parametrize(
    "opening",
    [
        [("p", WRAPPED)],  # the page above shows the margin: a paragraph wraps
        [("p", "认真贯彻落实。")],  # no line anywhere shows a margin: the tables do
    ],
    ids=["wrapped-opening", "all-lines-short"],
)
def test_short_indented_lines_between_tables_stay_apart(opening, tmp_path):
    doc = read_pdf(_pdf(tmp_path, _blocks(opening) + _table(1) + _blocks(MIDDLE) + _table(2) + _blocks(TAIL)))
    texts = _texts(doc)
    expected = [text for _, text in MIDDLE]
    at = texts.index(expected[0])
    assert texts[at : at + len(expected)] == expected
    assert texts[-len(TAIL) :] == [text for _, text in TAIL]
    assert texts[1 : 1 + len(opening)] == [text for _, text in opening]  # the opening paragraph is whole


def test_a_part_heading_stands_alone_when_nothing_shows_the_margin(tmp_path):
    """A page with no table and no wrapped line: the heading and the line after it are
    its widest lines and the same width, so neither an indent nor a short line tells
    them apart."""
    items = [
        ("h2", "五、存在的主要问题及改进情况"),
        ("p", "认真贯彻落实，认真贯彻落实。"),
        ("h2", "六、其他需要报告的事项"),
        ("p", "认真贯彻落实。"),
    ]
    page_two = '<div style="page-break-before: always">' + _blocks(items) + "</div>"
    body = "<p>认真贯彻落实。</p>" + page_two
    doc = read_pdf(_pdf(tmp_path, body))
    assert {b.where.page for b in doc.blocks if "五、" in b.text} == {2}
    assert _texts(doc)[2:] == [text for _, text in items]


def _texts(doc) -> list[str]:
    return ["".join(b.text.split()) for b in doc.blocks if isinstance(b, Paragraph)]
