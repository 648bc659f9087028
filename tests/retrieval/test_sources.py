"""The index reads documents through the importer's readers: the same words, the same decoding."""

from __future__ import annotations

import docx
import pytest

from assistant.ingest.readers import read_document
from assistant.ingest.recognition.tokens import document_lines
from assistant.retrieval.sources import load, read_text
from retrieval_helpers import SHARED

PDF = SHARED / "samples" / "2023-洪泽区人民政府.pdf"

_REGULATION_HTML = """<html><head><title>某某办法</title><style>p{color:red}</style></head><body>
<div class="nav-menu"><a href="/">网站首页</a><a href="/zwgk">政务公开</a></div>
<div class="content"><h1>某某信息公开办法</h1>
<p>第一条 为了规范信息公开工作，制定本办法。</p>
<p>第二条 本办法适用于本市各级行政机关。</p>
<table><tr><td>收费项目</td><td>标准</td></tr><tr><td>信息处理费</td><td>按件计收</td></tr></table>
<p>第三条 申请人逾期未缴纳信息处理费的，行政机关不再处理其申请。</p></div>
<div class="footer">版权所有 某某市人民政府办公室</div>
<script>var tracker = "统计代码";</script></body></html>"""


def _regulation_docx(path):
    document = docx.Document()
    document.add_paragraph("某某信息公开办法")
    document.add_paragraph("第一条 为了规范信息公开工作，制定本办法。")
    document.add_paragraph("第二条 本办法适用于本市各级行政机关。")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("收费项目", "标准"), ("信息处理费", "按件计收"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("第三条 申请人逾期未缴纳信息处理费的，行政机关不再处理其申请。")
    document.save(path)
    return path


@pytest.fixture
def documents(tmp_path):
    html = tmp_path / "某某办法.html"
    html.write_text(_REGULATION_HTML, encoding="utf-8")
    return {"pdf": PDF, "docx": _regulation_docx(tmp_path / "某某办法.docx"), "html": html}


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_index_and_importer_read_the_same_text(documents, kind):
    path = documents[kind]
    importer = "\n".join(line.raw for line in document_lines(read_document(path)))
    assert read_text(path) == importer


def test_page_chrome_and_tables_reach_the_index_as_the_importer_reads_them(documents):
    text = read_text(documents["html"])
    # the reader drops menus, footers and scripts; a text extractor of the whole page did not
    assert "网站首页" not in text and "版权所有" not in text and "统计代码" not in text
    assert "信息处理费\t按件计收" in text
    # Word tables were missing from the index altogether
    assert "信息处理费\t按件计收" in read_text(documents["docx"])
    loaded = load(documents["docx"])
    assert loaded.doc_type == "regulation"
    articles = {c.meta.get("article"): c.text for c in loaded.chunks}
    assert "按件计收" in articles["第二条"] and "逾期未缴纳" in articles["第三条"]


def test_pdf_page_numbers_stay_out_of_the_index():
    lines = read_text(PDF).splitlines()
    assert not [x for x in lines if x.strip() in {f"- {n} -" for n in range(1, 30)} or x.strip().startswith("第") and x.strip().endswith("页") and len(x.strip()) <= 6]
    assert any("洪泽区" in x for x in lines)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_text_in_any_office_encoding_is_indexed(tmp_path, encoding):
    text = "某某信息公开办法\n第一条 为了规范工作，制定本办法。\n第二条 适用范围。\n第三条 逾期未缴纳信息处理费的不再处理。\n"
    path = tmp_path / f"办法-{encoding}.md"
    path.write_bytes(text.encode(encoding))
    loaded = load(path)
    assert loaded.doc_type == "regulation" and loaded.chunks[-1].meta["article"] == "第三条"
    assert "信息处理费" in loaded.chunks[-1].text
