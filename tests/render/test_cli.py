"""nianbao render through the real entry point."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from docx import Document
from render_gen import zero_report

from assistant.report.io import read_report, write_report

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"


def test_default_output_next_to_report(run_cli, tmp_path):
    report = tmp_path / "2021.yaml"
    shutil.copy(SAMPLE, report)
    for fmt, ext in (("html", ".html"), ("docx", ".docx"), ("md", ".md")):
        code, out, err = run_cli("render", report, "--format", fmt)
        assert code == 0, err
        target = report.with_suffix(ext)
        assert target.exists() and str(target) in out
    assert "中韩示范区党政综合办公室" in (tmp_path / "2021.html").read_text(encoding="utf-8")
    assert Document(str(tmp_path / "2021.docx")).tables


def test_refuses_final_copy_with_findings_and_keeps_existing_output(run_cli, tmp_path):
    report = zero_report(2022)
    report.set("t3.new.natural", 2)
    path = tmp_path / "2022.yaml"
    write_report(report, path)
    existing = tmp_path / "2022.html"
    existing.write_text("上次的输出", encoding="utf-8")
    code, out, err = run_cli("render", path, "--format", "html")
    assert code == 1
    assert "不能输出正式稿" in err and "T3-ROW-TOTAL" in err and "--draft" in err
    assert existing.read_text(encoding="utf-8") == "上次的输出"

    code, out, err = run_cli("render", path, "--format", "html", "--draft", "-o", tmp_path / "草稿" / "r.html")
    assert code == 0, err
    assert "草稿" in out
    assert 'class="draft-mark"' in (tmp_path / "草稿" / "r.html").read_text(encoding="utf-8")


def test_compare_adds_appendix_and_checks_carry_over(run_cli, tmp_path):
    last, this = zero_report(2021), zero_report(2022)
    write_report(last, tmp_path / "2021.yaml")
    write_report(this, tmp_path / "2022.yaml")
    code, out, err = run_cli("render", tmp_path / "2022.yaml", "-f", "docx", "--compare", tmp_path / "2021.yaml")
    assert code == 0, err
    doc = Document(io.BytesIO((tmp_path / "2022.docx").read_bytes()))
    assert any(p.text == "附：2022年与2021年主要数据对比" for p in doc.paragraphs)
    assert len(doc.tables) == 4 and doc.inline_shapes  # the comparison table and the chart

    last.set("t3.carried_out.natural", 1)
    last.set("t3.carried_out.total", 1)
    last.set("t3.new.natural", 1)
    last.set("t3.new.total", 1)
    write_report(last, tmp_path / "2021.yaml")
    assert read_report(tmp_path / "2021.yaml").number("t3.carried_out.total") == 1
    code, out, err = run_cli("render", tmp_path / "2022.yaml", "-f", "html", "--compare", tmp_path / "2021.yaml")
    assert code == 1 and "X-CARRY-OVER" in err


def test_bad_input_is_a_clear_message(run_cli, tmp_path):
    code, out, err = run_cli("render", tmp_path / "无此文件.yaml")
    assert code == 2 and "无此文件.yaml" in err and "Traceback" not in err
    report = tmp_path / "r.yaml"
    shutil.copy(SAMPLE, report)
    code, out, err = run_cli("render", report, "-o", report)
    assert code == 2 and "不能与报告文件相同" in err
    code, out, err = run_cli("render", report, "--format", "odt")
    assert code == 2 and "odt" in err


def test_final_copy_refused_while_fill_in_notes_remain(run_cli, tmp_path):
    report = zero_report(2022)
    report.sections.problems = "一是〔请填写本年度存在的主要问题〕。二是已整改。"
    report.sections.other = "本年度未收取信息处理费。〔请补充本年度政务公开工作创新做法〕"
    path = tmp_path / "2022.yaml"
    write_report(report, path)
    code, out, err = run_cli("render", path, "--format", "docx")
    assert code == 1 and not (tmp_path / "2022.docx").exists()
    assert "2 处待填写的提示" in err and "不能输出正式稿" in err
    assert "「存在的主要问题及改进情况」待填写：〔请填写本年度存在的主要问题〕" in err
    assert "「其他需要报告的事项」待填写：〔请补充本年度政务公开工作创新做法〕" in err
    assert err.index("存在的主要问题") < err.index("其他需要报告的事项")  # part by part, in printed order

    code, out, err = run_cli("render", path, "--format", "html", "--draft")
    assert code == 0, err
    page = (tmp_path / "2022.html").read_text(encoding="utf-8")
    assert 'class="draft-mark"' in page and "〔请填写本年度存在的主要问题〕" in page


def test_compared_pdf_renders(run_cli, tmp_path):
    import pdfplumber

    write_report(zero_report(2021), tmp_path / "2021.yaml")
    this = zero_report(2022)
    this.set("t3.new.natural", 5)
    this.set("t3.new.total", 5)
    write_report(this, tmp_path / "2022.yaml")
    code, out, err = run_cli("render", tmp_path / "2022.yaml", "-f", "pdf", "--compare", tmp_path / "2021.yaml", "--draft")
    assert code == 0, err
    with pdfplumber.open(tmp_path / "2022.pdf") as pdf:
        text = "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)
        images = [image for page in pdf.pages for image in page.images]
    assert "附：2022年与2021年主要数据对比" in text and "本年新收政府信息公开申请" in text
    assert images  # the chart, embedded from its data: URL
