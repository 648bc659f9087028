"""The 公文 page (GB/T 9704-2012), measured on the Word XML and on the PDF (pdfplumber boxes).

Standard: A4, text block 156 × 225 mm (margins top 37, bottom 35, left 28, right 26 mm);
3号 body, 22 lines × 28 characters; page numbers 4号 宋体 「— 1 —」, the 一字线 7 mm below
the text block, odd pages right and even pages left, one character in from the edge;
body 仿宋, 一、 headings 黑体, （一） headings 楷体. Measured on the demo agency's report and
on two reports of other agencies with pages of plain prose. `python tests/render/test_gongwen_page.py`
prints the measured table.
"""

from __future__ import annotations

import collections
import io
import re
import statistics
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from render_gen import WORDS, zero_report

from assistant.render import render
from assistant.render.fonts import SANS_FAMILY, SERIF_FAMILY
from assistant.report.io import read_report

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4  # points per millimetre
TWIP_MM = 25.4 / 1440
SUBHEADING = r"\s*[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]"  # as render/outline.py reads them
HEADING = r"[一二三四五六1-6]、"  # as recorded: the demo's imported report prints 「6、 其他需要报告的事项」


def prose(seed: int, sentences: int) -> str:
    words = [WORDS[(seed * 7 + i * 5) % len(WORDS)] for i in range(sentences * 6)]
    return "。".join("".join(words[i : i + 6]) for i in range(0, len(words), 6)) + "。"


def other_agency(agency: str, seed: int):
    report = zero_report(2022, agency)
    report.sections.overview = "\n".join(
        [f"（一）主动公开情况。{prose(seed, 20)}", prose(seed + 1, 40), f"（二）依申请公开情况。{prose(seed + 2, 30)}"]
    )
    report.sections.problems = f"（一）存在的主要问题。{prose(seed + 3, 8)}\n（二）改进情况。{prose(seed + 4, 8)}"
    return report


REPORTS = {
    "demo": lambda: read_report(SAMPLE),
    "生态环境局": lambda: other_agency("某某市生态环境局", 1),
    "街道办事处": lambda: other_agency("某某街道办事处", 4),
}


# -- Word -------------------------------------------------------------------------------
def docx_parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")}


def measure_docx(data: bytes) -> dict:
    parts = docx_parts(data)
    doc, styles, settings = parts["word/document.xml"], parts["word/styles.xml"], parts["word/settings.xml"]
    sect = doc.find(f".//{W}body/{W}sectPr")
    size, margin, grid = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar"), sect.find(f"{W}docGrid")
    twips = lambda el, key: int(el.get(f"{W}{key}"))  # noqa: E731
    text_w = twips(size, "w") - twips(margin, "left") - twips(margin, "right")
    text_h = twips(size, "h") - twips(margin, "top") - twips(margin, "bottom")
    normal = styles.find(f"{W}style[@{W}styleId='Normal']")
    sz = int(normal.find(f"{W}rPr/{W}sz").get(f"{W}val")) / 2
    condensed = int(normal.find(f"{W}rPr/{W}spacing").get(f"{W}val")) / 20
    line = normal.find(f"{W}pPr/{W}spacing")
    footers = {}
    for ref in sect.findall(f"{W}footerReference"):
        rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        footers[ref.get(f"{W}type")] = rid
    rels = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    numbers = {}
    for kind, rid in footers.items():
        p = parts["word/" + targets[rid]].find(f"{W}p")
        ppr = p.find(f"{W}pPr")
        runs = p.findall(f"{W}r")
        numbers[kind] = {
            "text": "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}instrText")),
            "jc": ppr.find(f"{W}jc").get(f"{W}val"),
            "indent_mm": {k: int(v) * TWIP_MM for k, v in ppr.find(f"{W}ind").attrib.items() if k in (f"{W}left", f"{W}right")},
            "fonts": {(r.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii"), r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")) for r in runs},
            "size": {int(r.find(f"{W}rPr/{W}sz").get(f"{W}val")) / 2 for r in runs},
            "line_pt": int(ppr.find(f"{W}spacing").get(f"{W}line")) / 20,
        }
    footer_mm = twips(margin, "footer") * TWIP_MM
    number_line_pt = numbers["default"]["line_pt"]
    fonts = collections.defaultdict(set)
    for p in doc.find(f"{W}body").findall(f"{W}p"):  # the text, not the table cells
        runs = [r for r in p.findall(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
        if not runs:
            continue
        text = "".join(t.text or "" for t in runs[0].iter(f"{W}t"))
        east = runs[0].find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
        if re.match(HEADING, text):
            fonts["一、 heading"].add(east)
        elif re.match(SUBHEADING, text) and len(runs) > 1:  # a lead-in sentence, then the text
            fonts["（一） heading"].add(east)
            fonts["body"].update(r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in runs[1:])
        elif p.find(f"{W}pPr/{W}jc") is None:  # the title is centred
            fonts["body"].update(r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in runs)
    every_part = b"".join(etree.tostring(x) for x in parts.values()).decode("utf-8")
    return {
        "margins_mm": tuple(round(twips(margin, k) * TWIP_MM, 1) for k in ("top", "bottom", "left", "right")),
        "grid": (grid.get(f"{W}type"), int(grid.get(f"{W}linePitch"))),
        "lines": int(text_h // int(grid.get(f"{W}linePitch"))),
        "line_rule": (line.get(f"{W}lineRule"), int(line.get(f"{W}line"))),
        "chars": int(text_w / 20 // (sz + condensed)),
        "body_pt": sz,
        "odd_even": settings.find(f"{W}evenAndOddHeaders") is not None,
        "numbers": numbers,
        # the footer line is exact, so the 一字线 sits at its middle
        "number_gap_mm": round(twips(margin, "bottom") * TWIP_MM - footer_mm - number_line_pt / 2 / MM, 2),
        "fonts": {k: sorted(v) for k, v in fonts.items()},
        "ja": "ja-JP" in every_part or "ＭＳ" in every_part,
        "theme_lang": settings.find(f"{W}themeFontLang").get(f"{W}eastAsia"),
    }


# -- PDF --------------------------------------------------------------------------------
def is_han(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def measure_pdf(data: bytes) -> dict:
    pitch_mm = 15.75 / MM
    out = {"chars": [], "lines": {}, "pitch_pt": [], "left_mm": [], "right_mm": [], "top_mm": [], "numbers": [], "fonts": collections.defaultdict(set)}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            body = collections.defaultdict(list)
            for c in page.chars:
                if abs(c["size"] - 16) < 0.3 and c["top"] < 262 * MM:
                    body[round(c["top"], 1)].append(c)
            tops = sorted(body)
            has_table = any(abs(c["size"] - 10.5) < 0.3 or abs(c["size"] - 9) < 0.3 for c in page.chars)
            if not has_table and number not in (1, pages):
                out["lines"][number] = len(tops)
            out["pitch_pt"] += [round(b - a, 2) for a, b in zip(tops, tops[1:]) if b - a < 40]
            for top in tops:
                line = sorted(body[top], key=lambda c: c["x0"])
                text = "".join(c["text"] for c in line)
                out["left_mm"].append(line[0]["x0"] / MM)
                out["top_mm"].append(top / MM)
                if all(is_han(ch) for ch in text) and line[-1]["x1"] / MM > 180:
                    slots = round((line[0]["x0"] / MM - 28) / pitch_mm) + len(line)
                    out["chars"].append(slots)
                    out["right_mm"].append(line[-1]["x1"] / MM)
                name = line[0]["fontname"].split("+", 1)[-1]
                if re.match(HEADING, text):
                    out["fonts"]["一、 heading"].add(name)
                elif re.match(SUBHEADING, text):
                    out["fonts"]["（一） heading"].add(name)
                else:
                    out["fonts"]["body"].add(name)
            foot = sorted((c for c in page.chars if c["top"] > 262 * MM), key=lambda c: c["x0"])
            dash = foot[0]
            baseline_mm = (page.height - dash["matrix"][5]) / MM
            out["numbers"].append(
                {
                    "page": number,
                    "text": "".join(c["text"] for c in foot),
                    "left_mm": foot[0]["x0"] / MM,
                    "right_mm": foot[-1]["x1"] / MM,
                    # the top edge of the 一字线 of the shipped serif: 0.293 em above the baseline
                    "gap_mm": baseline_mm - 0.293 * dash["size"] / MM - (297 - 35),
                    "font": dash["fontname"].split("+", 1)[-1],
                    "size": dash["size"],
                }
            )
    return out


@pytest.fixture(scope="module", params=list(REPORTS))
def outputs(request):
    report = REPORTS[request.param]()
    return request.param, render(report, "docx"), render(report, "pdf")


def test_word_page(outputs):
    name, docx, _ = outputs
    m = measure_docx(docx)
    assert m["margins_mm"] == (37.0, 35.0, 28.0, 26.0), name
    assert m["grid"][0] in ("lines", "linesAndChars") and m["lines"] == 22
    assert m["line_rule"] == ("exact", m["grid"][1])  # body lines sit on the grid
    assert m["chars"] == 28 and m["body_pt"] == 16
    assert m["odd_even"]
    odd, even = m["numbers"]["default"], m["numbers"]["even"]
    assert odd["text"] == even["text"] == "—  PAGE 1 —"
    assert (odd["jc"], even["jc"]) == ("right", "left")
    assert odd["indent_mm"] == {f"{W}right": pytest.approx(14 / MM, abs=0.05)}  # one 4号 character in
    assert even["indent_mm"] == {f"{W}left": pytest.approx(14 / MM, abs=0.05)}
    assert odd["fonts"] == even["fonts"] == {("宋体", "宋体")} and odd["size"] == {14.0}
    assert m["number_gap_mm"] == pytest.approx(7, abs=0.1)
    assert m["fonts"]["body"] == ["仿宋_GB2312"]
    assert m["fonts"]["一、 heading"] == ["黑体"] and m["fonts"]["（一） heading"] == ["楷体_GB2312"]
    assert not m["ja"] and m["theme_lang"] == "zh-CN"


def test_pdf_page(outputs):
    name, _, pdf = outputs
    m = measure_pdf(pdf)
    assert m["chars"] and set(m["chars"]) == {28}, (name, collections.Counter(m["chars"]))
    assert statistics.median(m["pitch_pt"]) == pytest.approx(28.95, abs=0.1)
    assert min(m["left_mm"]) == pytest.approx(28, abs=0.3)
    assert max(m["right_mm"]) <= 184.3  # full lines end at the text block's right edge
    assert min(m["top_mm"]) >= 37
    if name != "demo":  # the generated reports have pages of plain prose
        assert m["lines"] and set(m["lines"].values()) == {22}, m["lines"]
    for n in m["numbers"]:
        assert n["text"] == f"— {n['page']} —" and n["size"] == pytest.approx(14, abs=0.01)
        if n["page"] % 2:
            assert n["right_mm"] == pytest.approx(184 - 14 / MM, abs=0.3)
        else:
            assert n["left_mm"] == pytest.approx(28 + 14 / MM, abs=0.3)
        assert n["gap_mm"] == pytest.approx(7, abs=0.3)
        assert n["font"] == SERIF_FAMILY.replace(" ", "-")  # the 宋体 stand-in
    assert m["fonts"]["body"] == {SERIF_FAMILY.replace(" ", "-")}
    assert m["fonts"]["一、 heading"] == {SANS_FAMILY.replace(" ", "-")}
    assert m["fonts"]["（一） heading"] == {SERIF_FAMILY.replace(" ", "-")}  # no open 楷体 on PyPI: see fonts.py


def test_word_tables_never_leave_a_row_without_its_label(outputs):
    """Word repeats header rows only; so rows never split and a small group (（三）不予公开 …)
    stays on one page with its label (keep with next on all its rows but the last)."""
    _, docx, _ = outputs
    body = docx_parts(docx)["word/document.xml"].find(f"{W}body")
    rows = {"".join(t.text or "" for t in tr.iter(f"{W}t")): tr for tbl in body.findall(f"{W}tbl") for tr in tbl.findall(f"{W}tr")}
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows.values())
    keeps = lambda tr: all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p"))  # noqa: E731
    row = lambda start: next(tr for text, tr in rows.items() if text.startswith(start))  # noqa: E731
    assert keeps(row("（三）不予公开1.属于国家秘密")) and keeps(row("7.属于行政执法案卷"))
    assert not keeps(row("8.属于行政查询事项"))  # the group's last row may end a page


GROUP_ROWS = ("不予公开", "无法提供", "不予处理", "其他处理", "（七）总计")  # rows under 「三、本年度办理结果」


def test_pdf_table_pieces_repeat_header_and_group_labels(outputs):
    """表三 starts where it falls; on every page it runs onto, the header rows and the labels
    of the groups its rows belong to are printed again (read down the first column)."""
    name, _, pdf = outputs
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        t3_pages = []
        for page in doc.pages:
            cells = [c for c in page.chars if abs(c["size"] - 10.5) < 0.3]
            text = "".join(c["text"] for c in cells)
            if "申请人情况" in text and any(row in text for row in GROUP_ROWS):
                left = min(c["x0"] for c in cells)
                first_column = sorted((c for c in cells if c["x0"] < left + 8 * MM), key=lambda c: (round(c["top"]), c["x0"]))
                t3_pages.append((page.page_number, "".join(c["text"] for c in first_column)))
    assert t3_pages, name
    for number, column in t3_pages:
        assert "三、本年度办理结果" in column, (name, number, column)


if __name__ == "__main__":  # the measured table
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    for key, make in REPORTS.items():
        report = make()
        d, p = measure_docx(render(report, "docx")), measure_pdf(render(report, "pdf"))
        print(f"== {key}")
        print("DOCX", {k: d[k] for k in ("margins_mm", "grid", "lines", "chars", "number_gap_mm", "fonts")})
        print("     numbers", {k: (v["jc"], v["text"], v["indent_mm"]) for k, v in d["numbers"].items()})
        print("PDF  chars/line", collections.Counter(p["chars"]), "lines/page", p["lines"], "pitch", statistics.mode(p["pitch_pt"]))
        print("     left", round(min(p["left_mm"]), 2), "right", round(max(p["right_mm"]), 2), "top", round(min(p["top_mm"]), 2))
        print("     numbers", [(n["text"], round(n["left_mm"], 1), round(n["right_mm"], 1), round(n["gap_mm"], 2)) for n in p["numbers"]])
        print("     fonts", dict(p["fonts"]))
