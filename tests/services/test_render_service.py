"""services.render: the render workflow without the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.errors import NianbaoError
from assistant.services.render import RenderRequest, render_file

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample-2021.yaml"


def test_writes_the_whole_file_and_says_what(settings, tmp_path):
    report = tmp_path / "2021.yaml"
    shutil.copy(SAMPLE, report)
    result = render_file(settings, RenderRequest(report, "md"))
    assert result.path == tmp_path / "2021.md" and result.kind == "正式稿"
    assert result.path.read_text(encoding="utf-8").startswith("# 中韩示范区党政综合办公室")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021.md", "2021.yaml"]  # no temporary file left


def test_unwritable_target_names_the_file(settings, tmp_path):
    report = tmp_path / "2021.yaml"
    shutil.copy(SAMPLE, report)
    blocker = tmp_path / "不是目录"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(NianbaoError) as caught:
        render_file(settings, RenderRequest(report, "html", output=blocker / "r.html"))
    assert caught.value.exit_code == 2 and "r.html" in str(caught.value)
