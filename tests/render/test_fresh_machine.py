"""A fresh machine (no Chinese font installed) renders readable Chinese.

The render runs in a child process whose fontconfig sees no font at all (FONTCONFIG_FILE
points at an empty configuration) and whose matplotlib cache is new, as on a machine with
only Python. The PDF must carry extractable Chinese text set in the fonts the install
ships, every character with a real glyph in that font, and the chart must draw every
label (matplotlib warns for each missing glyph).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from assistant.render.fonts import SANS_FAMILY, SERIF_FAMILY, shipped_fonts

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "sample-2021.yaml"
EMPTY_FONTCONFIG = '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig></fontconfig>\n'

CHILD = r"""
import json, sys, warnings
from pathlib import Path
warnings.simplefilter("always")
with warnings.catch_warnings(record=True) as caught:
    from assistant.render import render
    from assistant.render.chart import bar_chart_png
    from assistant.render.compare import changes
    from assistant.report.io import read_report
    current = read_report(sys.argv[1])
    previous = read_report(sys.argv[1])
    previous.year = current.year - 1
    Path(sys.argv[2]).write_bytes(render(current, "pdf", draft=True, previous=previous))
    bar_chart_png(changes(current, previous), previous.year, current.year)
print(json.dumps([str(w.message) for w in caught], ensure_ascii=False))
"""


def fresh_env(tmp_path: Path) -> dict[str, str]:
    conf = tmp_path / "fonts.conf"
    conf.write_text(EMPTY_FONTCONFIG, encoding="utf-8")
    env = dict(os.environ)
    env.update(FONTCONFIG_FILE=str(conf), MPLCONFIGDIR=str(tmp_path / "mpl"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def test_pdf_and_chart_on_a_machine_without_chinese_fonts(tmp_path):
    env = fresh_env(tmp_path)
    if shutil.which("fc-list"):  # the setting really hides every installed font
        listed = subprocess.run(["fc-list"], env=env, capture_output=True, text=True, timeout=60)
        assert listed.stdout.strip() == ""
    target = tmp_path / "report.pdf"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(SAMPLE), str(target)], env=env, capture_output=True, text=True, timeout=300
    )
    assert child.returncode == 0, child.stderr[-3000:]
    messages = json.loads(child.stdout.strip().splitlines()[-1])
    assert not [m for m in messages if "missing from font" in m or "Glyph" in m], messages

    fonts = shipped_fonts()
    cmaps = {SERIF_FAMILY: TTFont(fonts.serif).getBestCmap(), SANS_FAMILY: TTFont(fonts.sans).getBestCmap()}
    with pdfplumber.open(io.BytesIO(target.read_bytes())) as pdf:
        text = "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)
        chars = [c for page in pdf.pages for c in page.chars if not c["text"].isspace()]
    assert "中韩示范区党政综合办公室2021年政府信息公开工作年度报告" in text
    assert "附：2021年与2020年主要数据对比" in text
    used = {c["fontname"].split("+", 1)[-1] for c in chars}
    assert used == {SERIF_FAMILY.replace(" ", "-"), SANS_FAMILY.replace(" ", "-")}
    for c in chars:  # a real glyph, not the empty box of a font without the character
        family = SERIF_FAMILY if "Serif" in c["fontname"] else SANS_FAMILY
        assert ord(c["text"]) in cmaps[family], (c["text"], c["fontname"])


def test_missing_font_package_is_a_clear_message(monkeypatch):
    import builtins

    from assistant.errors import NianbaoError
    from assistant.render import fonts

    real_import = builtins.__import__

    def no_fonts(name, *args, **kwargs):
        if name.startswith("pylopdf_fonts_zh_cn"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_fonts)
    fonts.shipped_fonts.cache_clear()
    try:
        with pytest.raises(NianbaoError) as caught:
            fonts.shipped_fonts()
    finally:
        fonts.shipped_fonts.cache_clear()
    assert caught.value.exit_code == 2
    assert "中文字体" in caught.value.message and "pip install 'pylopdf-fonts-zh-cn'" in caught.value.message
