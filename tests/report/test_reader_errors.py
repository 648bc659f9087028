"""Bad report files: a Chinese message naming the file, the line and the key; exit code 2."""

from __future__ import annotations

import pytest

from assistant.errors import NianbaoError
from assistant.report.io import read_report

HEAD = 'agency: 某某县财政局\nissuer_kind: 部门\nyear: 2022\nformat: "2021"\n'

# name, file text, key the message must name, line it must name (None: no line applies)
BAD_YAML = [
    ("unknown_cell", HEAD + "cells:\n  t3.new.natural: 1\n  t3.nwe.commercial: 2\n", "t3.nwe.commercial", 7),
    ("key_of_2019", HEAD + "cells:\n  t3.new.natural: 1\n  t3.other.natural: 0\n", "t3.other.natural", 7),
    ("key_of_2021", HEAD.replace("2022", "2020").replace('"2021"', '"2019"')
     + "cells:\n  t2.rules.in_force: 3\n", "t2.rules.in_force", 6),
    ("not_a_number", HEAD + "cells:\n  t3.new.natural: 1\n  t3.new.total: 十二件\n", "t3.new.total", 7),
    ("yaml_nan", HEAD + "cells:\n  t4.review.total: .nan\n", "t4.review.total", 6),
    ("boolean", HEAD + "cells:\n\n  t4.review.total: true\n", "t4.review.total", 7),
    ("duplicate_cell", HEAD + "cells:\n  t3.new.natural: 1\n  t3.new.natural: 2\n", "t3.new.natural", 7),
    ("duplicate_field", HEAD + "year: 2023\n", "year", 5),
    ("unknown_field", HEAD + "agencyy: 某某\n", "agencyy", 5),
    ("bad_issuer", HEAD.replace("部门", "局") + "cells: {}\n", "issuer_kind", 2),
    ("bad_format", HEAD.replace('"2021"', '"2020"'), "format", 4),
    ("bad_year", HEAD.replace("2022", "今年"), "year", 3),
    ("bad_date", HEAD + "published: 2023-13-45\n", "published", 5),
    ("unknown_section", HEAD + "sections:\n  summary: 文字\n", "summary", 6),
    ("bad_yaml", HEAD + "cells:\n  t3.new.natural: [1\n  t3.new.total: 2\n", "YAML", 7),
]


@pytest.mark.parametrize("name,text,key,line", BAD_YAML, ids=[c[0] for c in BAD_YAML])
def test_bad_yaml_names_file_line_and_key(tmp_path, run_cli, name, text, key, line):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NianbaoError) as info:
        read_report(path)
    assert info.value.file == str(path) and info.value.line == line
    assert key in info.value.message
    code, out, err = run_cli("validate", path)
    assert code == 2
    assert f"{path} 第{line}行" in err and key in err
    assert "Traceback" not in err and out == ""


@pytest.mark.parametrize(
    "name,text,key,line",
    [
        ("unknown_cell", '{"agency": "某局", "issuer_kind": "部门", "year": 2022, "format": "2021",\n'
         ' "cells": {\n  "t3.new.natural": 1,\n  "t9.x": 2}}', "t9.x", 4),
        ("duplicate", '{"agency": "某局", "issuer_kind": "部门", "year": 2022, "format": "2021",\n'
         ' "cells": {\n  "t3.new.natural": 1,\n  "t3.new.natural": 2}}', "t3.new.natural", 4),
        ("nan", '{"agency": "某局", "issuer_kind": "部门", "year": 2022, "format": "2021",\n'
         ' "cells": {"t3.new.natural": NaN}}', "t3.new.natural", 2),
        ("not_a_number", '{"agency": "某局", "issuer_kind": "部门", "year": 2022, "format": "2021",\n'
         ' "cells": {"t3.new.natural": "abc"}}', "t3.new.natural", 2),
        ("bad_json", '{"agency": "某局",\n "year": 2022,,\n}', "JSON", 2),
    ],
)
def test_bad_json_names_file_line_and_key(tmp_path, run_cli, name, text, key, line):
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("validate", path, "--format", "json")
    assert code == 2
    assert f"{path} 第{line}行" in err and key in err
    # programs reading --format json get the same error as a JSON body
    import json

    body = json.loads(out)
    assert body["ok"] is False and body["error"]["line"] == line and key in body["error"]["message"]


def test_missing_required_field_names_file_and_field(tmp_path, run_cli):
    path = tmp_path / "missing.yaml"
    path.write_text(HEAD.replace("issuer_kind: 部门\n", ""), encoding="utf-8")
    code, _, err = run_cli("validate", path)
    assert code == 2
    assert str(path) in err and "issuer_kind" in err and "发布机关类型" in err


@pytest.mark.parametrize(
    "filename,content,expected",
    [
        ("empty.yaml", "", "文件是空的"),
        ("blank.json", "  \n", "文件是空的"),
        ("report.txt", HEAD, "扩展名"),
        ("list.yaml", "- 1\n- 2\n", "最外层"),
        ("latin1.yaml", None, "UTF-8"),
    ],
)
def test_unusable_files(tmp_path, run_cli, filename, content, expected):
    path = tmp_path / filename
    if content is None:
        path.write_bytes(HEAD.encode("gb18030"))
    else:
        path.write_text(content, encoding="utf-8")
    code, _, err = run_cli("validate", path)
    assert code == 2
    assert str(path) in err and expected in err


def test_missing_file(tmp_path, run_cli):
    code, _, err = run_cli("validate", tmp_path / "nope.yaml")
    assert code == 2 and "找不到报告文件" in err


def test_bad_previous_report_is_also_exit_2(tmp_path, run_cli):
    good = tmp_path / "good.yaml"
    good.write_text(HEAD, encoding="utf-8")
    bad = tmp_path / "last.yaml"
    bad.write_text(HEAD + "cells:\n  t3.x: 1\n", encoding="utf-8")
    code, _, err = run_cli("validate", good, "--previous", bad)
    assert code == 2 and f"{bad} 第6行" in err and "t3.x" in err
