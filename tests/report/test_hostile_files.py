"""Hostile or odd report files end fast with a clear Chinese message naming the field (exit 2).

Each case here was an internal error, a hang or a memory blow-up before the bounds.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from assistant.errors import NianbaoError
from assistant.report.io import loads_report, read_report

HEAD = 'agency: 某某县财政局\nissuer_kind: 部门\nyear: 2022\nformat: "2021"\n'
HEAD_JSON = {"agency": "某某县财政局", "issuer_kind": "部门", "year": 2022, "format": "2021"}

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)

# name, file text, words the message must contain
BAD_YAML = [
    ("billion_laughs_in_provenance", HEAD + "provenance:\n  t2.rules.issued: {note: *x}\n" + LAUGHS.replace("a:", "x:", 1), "别名"),
    ("laughs_in_year", HEAD.replace("year: 2022", "year: &y 2022") + "published: *y\n", "锚点"),
    ("merge_key", HEAD + "contact: &c {phone: '1'}\nprovenance:\n  t2.rules.issued: {<<: *c}\n", "锚点"),
    ("digits_5000", HEAD + "cells:\n  t3.new.total: " + "9" * 5000 + "\n", "位数过多"),
    ("digits_as_text", HEAD + "cells:\n  t3.new.total: '" + "9" * 80 + "'\n", "位数过多"),
    ("huge_exponent", HEAD + "cells:\n  t2.fees.amount: 1.5e+999999999\n", "位数过多"),
    ("tiny_exponent", HEAD + "cells:\n  t2.fees.amount: 1.5e-999999999\n", "位数过多"),
    ("deep_nesting", HEAD + "provenance: " + "[" * 100_000 + "]" * 100_000 + "\n", "嵌套层次过深"),
    ("year_out_of_range", HEAD.replace("2022", "3000"), "2008—2100"),
    ("contact_number", HEAD + "contact: 5\n", "contact"),
    ("contact_list", HEAD + "contact:\n  phone: [1, 2]\n", "contact.phone"),
    ("headings_list", HEAD + "headings: [一、总体情况]\n", "headings"),
    ("heading_number", HEAD + "headings:\n  overview: [1]\n", "headings.overview"),
    ("nan_in_cell", HEAD + "cells:\n  t2.fees.amount: .nan\n", "t2.fees.amount"),
    ("long_agency", HEAD.replace("某某县财政局", "局" * 300), "太长"),
    ("long_section", HEAD + "sections:\n  overview: " + "字" * 600_000 + "\n", "超过上限"),
]


@pytest.mark.parametrize("name,text,words", BAD_YAML, ids=[c[0] for c in BAD_YAML])
def test_hostile_yaml_is_refused_fast_and_named(tmp_path, name, text, words):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(NianbaoError) as info:
        read_report(path)
    assert time.perf_counter() - started < 5
    assert words in info.value.message, info.value.message
    assert info.value.file == str(path)
    assert "Input should" not in info.value.message and "validation error" not in info.value.message


BAD_JSON = [
    ("money_1e999999999", '{"cells": {"t2.fees.amount": 1e999999999}}', "位数过多"),
    ("int_5000_digits", '{"cells": {"t3.new.total": ' + "7" * 5000 + "}}", "位数过多"),
    ("nested_100k", '{"provenance": {"t2.rules.issued": ' + "[" * 100_000 + "]" * 100_000 + "}}", "嵌套层次过深"),
    ("nested_50", '{"provenance": {"t2.rules.issued": ' + "[" * 50 + "]" * 50 + "}}", "嵌套层次过深"),
]


@pytest.mark.parametrize("name,extra,words", BAD_JSON, ids=[c[0] for c in BAD_JSON])
def test_hostile_json_is_refused_fast(name, extra, words):
    head = json.dumps(HEAD_JSON, ensure_ascii=False)[:-1]
    text = head + ", " + extra[1:]
    started = time.perf_counter()
    with pytest.raises(NianbaoError) as info:
        loads_report(text, "json", f"{name}.json")
    assert time.perf_counter() - started < 5
    assert words in info.value.message, info.value.message


def test_sound_numbers_and_ordinary_nesting_still_read():
    text = HEAD + (
        "cells:\n  t2.fees.amount: 12345678.50\n  t3.new.total: 99999\n"
        "provenance:\n  t3.new.total: {kind: ledger, rows: [1, 2, 3], where: {sheet: 台账, row: 5}}\n"
    )
    report = loads_report(text, "yaml")
    assert report.cell("t2.fees.amount").display() == "12345678.50"
    assert report.provenance["t3.new.total"]["where"]["row"] == 5


@pytest.mark.parametrize(
    "args,words",
    [
        (("--year", "3000", "--agency", "某某局"), "2008—2100"),
        (("--year", "2024", "--agency", "局" * 300), "太长"),
    ],
)
def test_new_names_the_field_instead_of_an_internal_error(run_cli, monkeypatch, args, words):
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    code, _, err = run_cli("new", *args)
    assert code == 2 and words in err and "内部错误" not in err


def test_set_refuses_an_over_long_number(run_cli, tmp_path):
    path = tmp_path / "r.yaml"
    run_cli("new", "--year", "2022", "--agency", "某某局", "-o", path)
    before = path.read_bytes()
    code, _, err = run_cli("set", path, "t2.rules.issued=" + "9" * 5000)
    assert code == 2 and "位数过多" in err and path.read_bytes() == before


def test_import_and_audit_name_an_over_long_agency(run_cli, tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    source = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "2022-某市生态环境局.txt"
    code, _, err = run_cli("import", source, "-o", tmp_path / "r.yaml", "--agency", "局" * 300)
    assert code == 2 and "机关名称" in err and "太长" in err and "内部错误" not in err
    assert not (tmp_path / "r.yaml").exists()
