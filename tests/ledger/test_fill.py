import datetime as dt

from assistant.ledger import count_ledger
from assistant.report.io import read_report, write_report
from assistant.report.model import blank_report
from assistant.validate import validate

D = dt.date
HEADER = ["编号", "收到日期", "申请人类型", "办理结果", "答复日期"]
ARITHMETIC = {"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE"}

# A small ledger whose 2022 figures can be worked out by hand:
LEDGER = [
    HEADER,
    ["O-1", D(2021, 6, 1), "自然人", "予以公开", D(2021, 6, 20)],  # closed in 2021: not in 2022 at all
    ["O-2", D(2021, 12, 20), "自然人", "部分公开", D(2022, 1, 10)],  # carried in, answered 2022
    ["O-3", D(2021, 12, 28), "商业企业", None, None],  # carried in, still open -> carried out
    ["N-1", D(2022, 1, 3), "自然人", "予以公开", D(2022, 1, 20)],
    ["N-2", D(2022, 2, 3), "自然人", "本机关不掌握相关政府信息", D(2022, 2, 20)],
    ["N-3", D(2022, 3, 3), "法律服务机构", "保护第三方合法权益", D(2022, 3, 30)],
    ["N-4", D(2022, 12, 30), "科研机构", "予以公开", D(2023, 1, 5)],  # new, carried out
    ["N-5", D(2022, 12, 31), "自然人", None, None],  # new, carried out
    ["L-1", D(2023, 1, 2), "自然人", None, None],  # next year: not in 2022
]


def test_counts_for_the_year_by_hand(tmp_path, write_xlsx):
    path = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    t = count_ledger(path, 2022)
    c = t.counts
    assert t.problems == [] and t.rows == 9
    assert (c["t3.new.natural"], c["t3.new.legal_service"], c["t3.new.research"], c["t3.new.total"]) == (3, 1, 1, 5)
    assert (c["t3.carried_in.natural"], c["t3.carried_in.commercial"], c["t3.carried_in.total"]) == (1, 1, 2)
    assert c["t3.granted.natural"] == 1 and c["t3.granted.research"] == 0
    assert c["t3.partly_granted.natural"] == 1 and c["t3.unable.not_held.total"] == 1
    assert c["t3.refused.third_party.legal_service"] == 1
    assert c["t3.results_total.total"] == 4 and c["t3.results_total.natural"] == 3
    assert (c["t3.carried_out.commercial"], c["t3.carried_out.research"], c["t3.carried_out.natural"]) == (1, 1, 1)
    assert c["t3.carried_out.total"] == 3
    assert c["t3.new.total"] + c["t3.carried_in.total"] == c["t3.results_total.total"] + c["t3.carried_out.total"]


def _new_report(tmp_path, year=2022, name="r.yaml"):
    path = tmp_path / name
    write_report(blank_report(year, "某某局", "部门"), path)
    return path


def test_fill_writes_t3_and_t4_with_provenance(tmp_path, run_cli, write_xlsx, write_csv):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    cases = write_csv(
        tmp_path / "cases.csv",
        [
            ["编号", "类型", "结果", "年度"],
            ["F1", "行政复议", "维持", "2022"],
            ["F2", "行政复议", "尚未审结", "2022年"],
            ["S1", "复议后起诉", "纠正", 2022],
            ["S0", "直接起诉", "维持", 2021],
        ],
    )
    report = _new_report(tmp_path)
    code, out, err = run_cli("fill", report, "--ledger", ledger, "--cases", cases)
    assert code == 0, err
    r = read_report(report)
    assert r.number("t3.new.total") == 5 and r.number("t3.carried_out.total") == 3
    assert r.number("t4.review.total") == 2 and r.number("t4.review.pending") == 1
    assert r.number("t4.suit_after_review.corrected") == 1 and r.number("t4.suit_direct.total") == 0
    assert r.provenance["t3.new.total"]["from"] == "台账 l.xlsx"
    assert r.provenance["t4.review.total"]["from"] == "案件表 cases.csv"
    assert validate(r, codes=ARITHMETIC | {"T4-BLOCK-TOTAL"}) == []
    assert "本年新收 5 件" in out and "结转下年度 3 件" in out


def test_bad_rows_refuse_and_leave_the_report_untouched(tmp_path, run_cli, write_xlsx):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER + [["X-1", D(2022, 5, 1), "机器人", "予以公开", D(2022, 5, 2)],
                                                      ["X-2", D(2022, 5, 1), "自然人", "予以公开", "下周"]])
    report = _new_report(tmp_path)
    before = report.read_bytes()
    code, _, err = run_cli("fill", report, "--ledger", ledger)
    assert code == 2
    assert "第11行「申请人类型」列" in err and "第12行「答复日期」列" in err and "--skip-bad-rows" in err
    assert report.read_bytes() == before


def test_skip_bad_rows_fills_from_the_good_ones_and_lists_the_skipped(tmp_path, run_cli, write_xlsx):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER + [["X-1", D(2022, 5, 1), "机器人", "予以公开", D(2022, 5, 2)]])
    report = _new_report(tmp_path)
    code, out, err = run_cli("fill", report, "--ledger", ledger, "--skip-bad-rows")
    assert code == 0, err
    assert "已跳过 1 处" in out and "第11行「申请人类型」列" in out
    assert read_report(report).number("t3.new.total") == 5


def test_hand_entered_cells_are_not_overwritten_silently(tmp_path, run_cli, write_xlsx):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    r = blank_report(2022, "某某局", "部门")
    r.set("t3.new.natural", 7)  # differs: the ledger says 3
    r.set("t3.new.total", 5)  # agrees: no complaint
    report = tmp_path / "r.yaml"
    write_report(r, report)
    before = report.read_bytes()
    code, _, err = run_cli("fill", report, "--ledger", ledger)
    assert code == 2 and report.read_bytes() == before
    assert "表三「一、本年新收政府信息公开申请数量」行「自然人」列：报告中为 7，按台账计算为 3" in err
    assert "本年新收政府信息公开申请数量」行「总计」列" not in err
    code, out, err = run_cli("fill", report, "--ledger", ledger, "--overwrite")
    assert code == 0, err
    assert "已覆盖" in out and read_report(report).number("t3.new.natural") == 3


def test_output_option_leaves_the_input_alone(tmp_path, run_cli, write_xlsx):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    report = _new_report(tmp_path)
    before = report.read_bytes()
    out_path = tmp_path / "filled.json"
    code, _, err = run_cli("fill", report, "--ledger", ledger, "-o", out_path)
    assert code == 0, err
    assert report.read_bytes() == before and read_report(out_path).number("t3.carried_in.total") == 2


def test_previous_carry_over_difference_names_the_applications(tmp_path, run_cli, write_xlsx):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    last = blank_report(2021, "某某局", "部门")
    for col in ("natural", "commercial", "research", "public_interest", "legal_service", "other_org", "total"):
        last.set(f"t3.carried_out.{col}", 0)
    last.set("t3.carried_out.natural", 1)
    last.set("t3.carried_out.total", 1)  # the ledger has O-2 (自然人) and O-3 (商业企业) open at year end
    previous = tmp_path / "2021.yaml"
    write_report(last, previous)
    report = _new_report(tmp_path)
    code, out, err = run_cli("fill", report, "--ledger", ledger, "--previous", previous)
    assert code == 1, err  # written, but the carry-over does not agree
    assert read_report(report).number("t3.carried_in.total") == 2
    lines = [line for line in out.splitlines() if "X-CARRY-OVER" in line]
    assert len(lines) == 2, out  # 商业企业 and 总计 differ; 自然人 agrees
    commercial = next(line for line in lines if "「商业企业」列" in line)
    assert "结转下年度 0 件" in commercial and "为 1 件" in commercial and "O-3" in commercial
    total = next(line for line in lines if "「总计」列" in line)
    assert "O-2" in total and "O-3" in total


def test_previous_of_the_wrong_year_is_refused(tmp_path, run_cli, write_xlsx, paths):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    report = _new_report(tmp_path, 2023)
    code, _, err = run_cli("fill", report, "--ledger", ledger, "--previous", paths["sample_2021"])
    assert code == 2 and "2022" in err


def test_bundled_sample_ledger_matches_the_seed_2021_report_and_fills_2022(tmp_path, run_cli, paths):
    seed = tmp_path / "2021.yaml"
    seed.write_bytes(paths["sample_2021"].read_bytes())
    code, _, err = run_cli("fill", seed, "--ledger", paths["ledger"])
    assert code == 0, err  # every 2021 cell is 0 in both: no difference to refuse
    assert read_report(seed).cells == read_report(paths["sample_2021"]).cells

    report = tmp_path / "2022.yaml"
    code, _, err = run_cli("new", "--year", "2022", "--agency", "中韩示范区党政综合办公室", "-o", report)
    assert code == 0, err
    code, out, err = run_cli(
        "fill", report, "--ledger", paths["ledger"], "--cases", paths["cases"], "--previous", paths["sample_2021"]
    )
    assert code == 0, out + err
    r = read_report(report)
    assert 20 <= r.number("t3.new.total") <= 40
    assert r.number("t3.carried_in.total") == 0 and r.number("t3.carried_out.total") >= 2
    assert r.number("t4.review.total") + r.number("t4.suit_direct.total") + r.number("t4.suit_after_review.total") > 0
    assert validate(r, previous=read_report(paths["sample_2021"]), codes=ARITHMETIC | {"X-CARRY-OVER"}) == []
    used_columns = [c for c in ("natural", "commercial", "legal_service") if r.number(f"t3.new.{c}")]
    assert len(used_columns) >= 2  # varied applicant types


def test_bad_case_rows_are_listed_with_their_file(tmp_path, run_cli, write_xlsx, write_csv):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    cases = write_csv(
        tmp_path / "cases.csv",
        [
            ["编号", "类型", "结果", "年度"],
            ["F1", "行政复议", "维持", "2022"],
            ["F1", "复议后起诉", "纠正", "2022"],
            ["F3", "信访", "维持", "2022"],
            ["F4", "直接起诉", "胜诉", "2022"],
            ["F5", "直接起诉", "维持", "前年"],
        ],
    )
    report = _new_report(tmp_path)
    before = report.read_bytes()
    code, _, err = run_cli("fill", report, "--ledger", ledger, "--cases", cases)
    assert code == 2 and report.read_bytes() == before
    for fragment in ("第3行「编号」列", "第4行「类型」列", "「信访」", "第5行「结果」列", "「胜诉」", "第6行「年度」列"):
        assert f"cases.csv {fragment}" in err or fragment in err, (fragment, err)
    assert err.count("cases.csv 第") == 4


def test_missing_ledger_file_is_named(tmp_path, run_cli):
    report = _new_report(tmp_path)
    code, _, err = run_cli("fill", report, "--ledger", tmp_path / "没有.xlsx")
    assert code == 2 and "找不到台账文件" in err and "没有.xlsx" in err


def test_fewer_carried_in_than_last_year_points_at_december_answers(tmp_path, run_cli, write_xlsx):
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER + [["D-1", D(2021, 11, 2), "自然人", "予以公开", D(2021, 12, 29)]])
    last = blank_report(2021, "某某局", "部门")
    last.set("t3.carried_out.natural", 2)  # last year D-1 was still open when the report was made
    previous = tmp_path / "2021.yaml"
    write_report(last, previous)
    report = _new_report(tmp_path)
    code, out, err = run_cli("fill", report, "--ledger", ledger, "--previous", previous)
    assert code == 1, err
    [natural] = [line for line in out.splitlines() if "X-CARRY-OVER" in line and "「自然人」列" in line]
    assert "结转下年度 2 件" in natural and "为 1 件" in natural
    assert "O-2" in natural and "12 月答复的申请：D-1" in natural


def test_fill_and_validate_agree_on_blank_carried_out_of_last_year(tmp_path, run_cli, write_xlsx):
    """Issue 21 item 10: last year's 结转下年度 left blank is one warning in both, not five inconsistencies."""
    ledger = write_xlsx(tmp_path / "l.xlsx", LEDGER)
    last = blank_report(2021, "某某局", "部门")
    last.set("t3.carried_out.natural", 1)  # agrees with the ledger (O-2); the other columns are blank
    previous = tmp_path / "2021.yaml"
    write_report(last, previous)
    report = _new_report(tmp_path)
    code, out, err = run_cli("fill", report, "--ledger", ledger, "--previous", previous)
    assert code == 0, out + err
    fill_lines = [line for line in out.splitlines() if "X-CARRY-OVER" in line]
    assert len(fill_lines) == 1 and fill_lines[0].startswith("[警告]"), out
    assert "「商业企业」" in fill_lines[0] and "「自然人」" not in fill_lines[0] and "未核对" in fill_lines[0]

    found = [f for f in validate(read_report(report), previous=read_report(previous)) if f.code == "X-CARRY-OVER"]
    assert [f"[{f.severity.label}] {f.code} {f.message}" for f in found] == fill_lines
