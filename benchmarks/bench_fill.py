"""Fill from registers as offices keep them: right / refused / wrong per shape, then speed and memory.

    .venv/bin/python benchmarks/bench_fill.py             # every shape, then 100,000 rows (.xlsx, .csv)
    .venv/bin/python benchmarks/bench_fill.py --million   # also 1,000,000 rows
    .venv/bin/python benchmarks/bench_fill.py --smoke     # small inputs (a test runs this)

Each shape is a register written the way an office writes it (hidden sheets and rows, notes
above the header, merged cells, office words, old .xls files …) from a list of applications
whose correct 表三 is computed here, independently of the program, by the four rules of
docs/ledger.md. A shape is "right" when every 表三 cell equals that table, "refused" when the
fill stops with a reason (or lists problem rows), "wrong" when it fills another table: the
target is 0 wrong, and each shape's outcome is the one expected (right, or refused where a
person could not read it either). Speed: seconds for the whole fill, and peak resident
memory of a fresh process doing only the fill (python-calamine allocates outside Python, so
tracemalloc would not see it). Target: 100,000 rows in at most 3 s. The machine may be shared:
CPU time is printed beside the wall clock.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

YEAR = 2024
D = dt.date
# Written out here on purpose (not imported): the expected table must not share the program's words.
APPLICANTS = {
    "natural": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
}
RESULTS = {
    "granted": "予以公开",
    "partly_granted": "部分公开",
    "refused.third_party": "保护第三方合法权益",
    "refused.process_info": "属于四类过程性信息",
    "unable.not_held": "本机关不掌握相关政府信息",
    "not_processed.repeated": "重复申请",
    "other.no_correction": "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.other": "其他",
}
OFFICE_APPLICANT = {"natural": "个人", "commercial": "公司", "legal_service": "律所", "research": "高校", "public_interest": "协会"}
OFFICE_RESULT = {"granted": "已公开", "unable.not_held": "信息不存在", "other.no_correction": "逾期未补正", "other.other": "申请人撤回"}
HEADER = ["编号", "收到日期", "申请人类型", "办理结果", "答复日期"]


@dataclass
class App:
    id: str
    received: dt.date
    answered: dt.date | None
    applicant: str  # key
    result: str | None  # key, None while open


def applications(n: int, seed: int, prefix: str = "A") -> list[App]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        received = D(YEAR - 1, 6, 1) + dt.timedelta(days=rng.randint(0, 560))
        answered = None if rng.random() < 0.1 else received + dt.timedelta(days=rng.randint(0, 40))
        result = rng.choice(list(RESULTS)) if answered else None
        out.append(App(f"{prefix}{i:06d}", received, answered, rng.choice(list(APPLICANTS)), result))
    return out


def expected_table(apps: list[App], year: int = YEAR) -> dict[str, int]:
    """表三 by the rules, written independently of assistant.ledger."""
    start, end = D(year, 1, 1), D(year, 12, 31)
    counts: Counter = Counter()

    def add(row: str, col: str) -> None:
        counts[f"t3.{row}.{col}"] += 1
        counts[f"t3.{row}.total"] += 1

    for a in apps:
        if start <= a.received <= end:
            add("new", a.applicant)
        elif a.received < start and (a.answered is None or a.answered >= start):
            add("carried_in", a.applicant)
        if a.answered is not None and start <= a.answered <= end:
            add(a.result, a.applicant)
            add("results_total", a.applicant)
        if a.received <= end and (a.answered is None or a.answered > end):
            add("carried_out", a.applicant)
    return dict(counts)


def plain_row(a: App) -> list:
    return [a.id, a.received, APPLICANTS[a.applicant], RESULTS[a.result] if a.result else None, a.answered]


# --- writers -------------------------------------------------------------------------------


def write_book(path: Path, sheets: list[dict]) -> Path:
    """sheets: dict(name, rows, hidden, hidden_rows, hidden_cols, merges, formats)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec["name"])
        for row in spec["rows"]:
            ws.append(row)
        for number in spec.get("hidden_rows", ()):
            ws.row_dimensions[number].hidden = True
        for letter in spec.get("hidden_cols", ()):
            ws.column_dimensions[letter].hidden = True
        for merge in spec.get("merges", ()):
            ws.merge_cells(merge)
        for ref, fmt in spec.get("formats", {}).items():
            ws[ref].number_format = fmt
        if spec.get("hidden"):
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def write_xls(path: Path, header: list, rows: list[list], hidden_rows=(), hidden_sheet: list[list] | None = None) -> Path:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("台账")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for c, title in enumerate(header):
        ws.write(0, c, title)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value, dates if isinstance(value, dt.date) else xlwt.Style.default_style)
    for number in hidden_rows:
        ws.row(number - 1).hidden = True
    if hidden_sheet is not None:
        other = wb.add_sheet("作废")
        for r, row in enumerate([header] + hidden_sheet):
            for c, value in enumerate(row):
                if value is not None:
                    other.write(r, c, value, dates if isinstance(value, dt.date) else xlwt.Style.default_style)
        other.visibility = 1
    wb.save(str(path))
    return path


def write_csv(path: Path, rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for row in rows:
            writer.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in row])
    return path


# --- shapes: (name, expected outcome, builder(folder, n) -> (path, apps that count)) ----------


def quarter_sheets(folder: Path, n: int):
    apps = applications(n, 1)
    quarters = [apps[i::4] for i in range(4)]
    sheets = []
    for i, part in enumerate(quarters):
        header = list(HEADER)
        if i == 2:
            header[4] = "答复时间"
        if i == 3:
            header[3] = "办理结果\n（按表三口径）"
        sheets.append({"name": f"第{i + 1}季度", "rows": [header] + [plain_row(a) for a in part]})
    return write_book(folder / "quarters.xlsx", sheets), apps


def notes_above_header(folder: Path, n: int):
    old, new = applications(n // 2, 2, "O"), applications(n, 3, "N")
    notes = [[f"说明{i}：本表按收到日期逐件登记，答复后填写办理结果。"] for i in range(11)]
    return write_book(folder / "notes.xlsx", [
        {"name": "2023年", "rows": [HEADER] + [plain_row(a) for a in old]},
        {"name": "2024年", "rows": notes + [HEADER] + [plain_row(a) for a in new]},
    ]), old + new


def hidden_sheet_and_rows(folder: Path, n: int):
    apps, void = applications(n, 4), applications(8, 5, "V")
    rows = [HEADER]
    hidden = []
    for i, a in enumerate(apps):
        rows.append(plain_row(a))
        if i % 10 == 3:
            v = void.pop() if void else None
            if v is not None:
                rows.append(plain_row(v)[:3] + ["作废", v.answered])
                hidden.append(len(rows))
    return write_book(folder / "hidden.xlsx", [
        {"name": "台账", "rows": rows, "hidden_rows": hidden},
        {"name": "误登记、已作废（不计入统计）", "rows": [HEADER] + [plain_row(a) for a in applications(5, 6, "X")], "hidden": True},
        {"name": "填写说明", "rows": [["填写说明：每件申请一行"], HEADER] + [plain_row(a) for a in applications(2, 7, "例")]},
    ]), apps


def two_result_columns(folder: Path, n: int):
    apps = applications(n, 8)
    header = ["编号", "收到日期", "申请人类型", "办理结果", "办理结果（按2021版口径）", "答复日期"]
    rows = [header] + [[a.id, a.received, APPLICANTS[a.applicant], "同意" if a.result else None,
                        RESULTS[a.result] if a.result else None, a.answered] for a in apps]
    return write_book(folder / "twocols.xlsx", [{"name": "台账", "rows": rows, "hidden_cols": ("D",)}]), apps


def office_header_words(folder: Path, n: int):
    apps = applications(n, 9)
    header = ["序号", "申请时间", "申请人性质", "申请内容", "答复结果", "答复时间"]
    rows = [["某某局政府信息公开申请登记表"], header]
    rows += [[i + 1, a.received, APPLICANTS[a.applicant], "某文件", RESULTS[a.result] if a.result else None, a.answered]
             for i, a in enumerate(apps)]
    return write_book(folder / "words.xlsx", [{"name": "登记表", "rows": rows}]), apps


def two_level_header(folder: Path, n: int):
    apps = applications(n, 10)
    top = ["编号", "申请情况", None, "办理情况", None]
    sub = [None, "收到日期", "申请人类型", "办理结果", "答复日期"]
    return write_book(folder / "twolevel.xlsx", [{"name": "台账", "rows": [top, sub] + [plain_row(a) for a in apps],
                                                  "merges": ("A1:A2", "B1:C1", "D1:E1")}]), apps


def office_cell_words(folder: Path, n: int):
    apps = [a for a in applications(n, 11) if a.applicant in OFFICE_APPLICANT and (a.result is None or a.result in OFFICE_RESULT)]
    rows = [HEADER] + [[a.id, a.received, OFFICE_APPLICANT[a.applicant], OFFICE_RESULT[a.result] if a.result else None, a.answered]
                       for a in apps]
    return write_book(folder / "cellwords.xlsx", [{"name": "台账", "rows": rows}]), apps


def office_words_file(folder: Path, n: int):
    sub = folder / "own-words"
    sub.mkdir()
    (sub / "台账用语.csv").write_text("列,写法,含义\n申请人类型,村民,自然人\n办理结果,已答复（公开）,予以公开\n", encoding="utf-8")
    apps = [a for a in applications(n, 12) if a.applicant == "natural" and a.result in (None, "granted")]
    rows = [HEADER] + [[a.id, a.received, "村民", "已答复（公开）" if a.result else None, a.answered] for a in apps]
    return write_book(sub / "ownwords.xlsx", [{"name": "台账", "rows": rows}]), apps


def unknown_word(folder: Path, n: int):
    apps = applications(n, 13)
    rows = [HEADER] + [plain_row(a) for a in apps]
    rows[5][2] = "群众代表"
    return write_book(folder / "unknown.xlsx", [{"name": "台账", "rows": rows}]), apps


def compact_dates(folder: Path, n: int):
    apps = applications(n, 14)
    rows = [HEADER]
    for i, a in enumerate(apps):
        received = a.received.strftime("%Y%m%d")
        answered = int(a.answered.strftime("%Y%m%d")) if a.answered else None
        rows.append([a.id, received if i % 2 else int(received), APPLICANTS[a.applicant],
                     RESULTS[a.result] if a.result else None, answered])
    return write_book(folder / "compact.xlsx", [{"name": "台账", "rows": rows}]), apps


def day_month_dates(folder: Path, n: int):
    apps = applications(n, 15)
    rows = [HEADER] + [[a.id, f"{a.received.month}/{a.received.day}/{a.received.year}", APPLICANTS[a.applicant],
                        RESULTS[a.result] if a.result else None, a.answered] for a in apps]
    return write_csv(folder / "mdy.csv", rows), apps


def dates_with_times(folder: Path, n: int):
    apps = applications(n, 16)
    rows = [HEADER]
    formats = {}
    for i, a in enumerate(apps, start=2):
        received = dt.datetime.combine(a.received, dt.time(9 + i % 8, 30))
        answered = dt.datetime.combine(a.answered, dt.time(17, 15)) if a.answered else None
        rows.append([a.id, received, APPLICANTS[a.applicant], RESULTS[a.result] if a.result else None, answered])
        formats[f"B{i}"] = 'yyyy"年"m"月"d"日" h:mm'
        formats[f"E{i}"] = "[$-804]yyyy年m月d日 h:mm;@"
    return write_book(folder / "times.xlsx", [{"name": "台账", "rows": rows, "formats": formats}]), apps


def merged_applicants(folder: Path, n: int):
    apps = sorted(applications(n, 17), key=lambda a: a.applicant)
    rows, merges = [HEADER], []
    start = 2
    for i, a in enumerate(apps):
        row = plain_row(a)
        first = i == 0 or apps[i - 1].applicant != a.applicant
        if not first:
            row[2] = None
        rows.append(row)
        last = i == len(apps) - 1 or apps[i + 1].applicant != a.applicant
        number = i + 2
        if first:
            start = number
        if last and number > start:
            merges.append(f"C{start}:C{number}")
    rows += [["合计", None, None, f"{len(apps)}件", None], [None], ["填表人：张三", None, "审核人：李四", None, "填表日期：2025年1月6日"]]
    return write_book(folder / "merged.xlsx", [{"name": "台账", "rows": rows, "merges": merges}]), apps


def pending_words(folder: Path, n: int):
    apps = applications(n, 18)
    rows = [HEADER] + [[a.id, a.received, APPLICANTS[a.applicant], RESULTS[a.result] if a.result else "正在办理", a.answered]
                       for a in apps]
    return write_book(folder / "pending.xlsx", [{"name": "台账", "rows": rows}]), apps


def old_xls(folder: Path, n: int):
    apps, void = applications(n, 19), applications(3, 20, "V")
    rows = [plain_row(a) for a in apps] + [plain_row(v) for v in void]
    hidden = list(range(len(apps) + 2, len(apps) + 2 + len(void)))
    return write_xls(folder / "old.xls", HEADER, rows, hidden, [plain_row(a) for a in applications(4, 21, "H")]), apps


def wps_et(folder: Path, n: int):
    path, apps = old_xls(folder, n)
    et = folder / "wps.et"
    shutil.copy(path, et)
    return et, apps


def xls_renamed(folder: Path, n: int):
    path, apps = old_xls(folder, n)
    renamed = folder / "renamed.xlsx"
    shutil.copy(path, renamed)
    return renamed, apps


def unsaved_formulas(folder: Path, n: int):
    apps = applications(n, 22)
    rows = [HEADER] + [[a.id, a.received, APPLICANTS[a.applicant], RESULTS[a.result] if a.result else None,
                        f"=B{i + 2}+{(a.answered - a.received).days}" if a.answered else None] for i, a in enumerate(apps)]
    return write_book(folder / "formulas.xlsx", [{"name": "台账", "rows": rows}]), apps


def unreadable_sheet(folder: Path, n: int):
    apps, more = applications(n, 23), applications(n, 24, "B")
    bad = ["编号", "收到日期", "申请人类型", "办理情况", "答复日期"]
    return write_book(folder / "badsheet.xlsx", [
        {"name": "上半年", "rows": [HEADER] + [plain_row(a) for a in apps]},
        {"name": "下半年", "rows": [bad] + [plain_row(a) for a in more]},
    ]), apps + more


def two_visible_columns(folder: Path, n: int):
    apps = applications(n, 25)
    header = ["编号", "收到日期", "申请人类型", "办理结果（旧）", "办理结果（新）", "答复日期"]
    rows = [header] + [[a.id, a.received, APPLICANTS[a.applicant], "同意" if a.result else None,
                        RESULTS[a.result] if a.result else None, a.answered] for a in apps]
    return write_book(folder / "twovisible.xlsx", [{"name": "台账", "rows": rows}]), apps


def filtered_rows(folder: Path, n: int):
    from openpyxl import load_workbook

    apps = applications(n, 26)
    path = write_book(folder / "filtered.xlsx", [{"name": "台账", "rows": [HEADER] + [plain_row(a) for a in apps],
                                                 "hidden_rows": [i + 2 for i, a in enumerate(apps) if a.received.year != YEAR]}])
    wb = load_workbook(path)
    ws = wb["台账"]
    ws.auto_filter.ref = f"A1:E{len(apps) + 1}"
    ws.auto_filter.add_filter_column(1, ["2024"])
    wb.save(path)
    return path, apps


def repeated_header(folder: Path, n: int):
    apps = applications(n, 27)
    half = len(apps) // 2
    rows = [HEADER] + [plain_row(a) for a in apps[:half]] + [[None], HEADER] + [plain_row(a) for a in apps[half:]]
    return write_book(folder / "blocks.xlsx", [{"name": "台账", "rows": rows}]), apps


SHAPES = [
    ("季度工作表，表头用词不同、表头有换行", "right", quarter_sheets),
    ("表头上方 11 行说明，另有上年工作表", "right", notes_above_header),
    ("隐藏的作废工作表和作废行、填写说明中的示例", "right", hidden_sheet_and_rows),
    ("隐藏的旧「办理结果」列和显示的新列", "right", two_result_columns),
    ("表头用词：序号、申请时间、申请人性质、答复结果、答复时间", "right", office_header_words),
    ("两行合并表头", "right", two_level_header),
    ("单元格常用写法（个人、公司、已公开、信息不存在……）", "right", office_cell_words),
    ("本单位用语文件", "right", office_words_file),
    ("不认识的申请人类型", "refused", unknown_word),
    ("20240305 式日期（文字和数字）", "right", compact_dates),
    ("3/5/2024 式日期", "refused", day_month_dates),
    ("带时间的中文日期格式", "right", dates_with_times),
    ("合并的申请人类型、合计行和签名行", "right", merged_applicants),
    ("「正在办理」", "right", pending_words),
    (".xls（含隐藏行和隐藏工作表）", "right", old_xls),
    ("WPS .et", "right", wps_et),
    (".xls 改名为 .xlsx", "right", xls_renamed),
    ("公式没有保存计算结果", "refused", unsaved_formulas),
    ("像台账但表头缺列的工作表", "refused", unreadable_sheet),
    ("两列显示的「办理结果」", "refused", two_visible_columns),
    ("按年度筛选后保存（上年的行被筛选隐藏）", "refused", filtered_rows),
    ("表中重复的表头行", "right", repeated_header),
]


def run_shape(builder, n: int, folder: Path) -> tuple[str, str]:
    from assistant.errors import NianbaoError
    from assistant.ledger import count_ledger

    path, apps = builder(folder, n)
    try:
        tally = count_ledger(path, YEAR)
    except NianbaoError as error:
        return "refused", error.message[:60]
    if tally.problems:
        return "refused", tally.problems[0].text()[:60]
    want = expected_table(apps)
    wrong = [k for k, v in tally.counts.items() if v != want.get(k, 0)]
    return ("wrong", f"{len(wrong)} 格不对，如 {wrong[0]}") if wrong else ("right", "")


def case_year_shape(folder: Path) -> tuple[str, str]:
    """表四 from a case list without 年度 but with 收案日期."""
    from assistant.ledger import count_cases

    rng = random.Random(30)
    rows, want = [["编号", "收案日期", "类型", "结果"]], Counter()
    for i in range(40):
        day = D(YEAR - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
        kind = rng.choice([("行政复议", "review"), ("直接起诉", "suit_direct")])
        result = rng.choice([("维持", "upheld"), ("纠正", "corrected"), ("尚未审结", "pending")])
        rows.append([f"F{i}", day, kind[0], result[0]])
        if day.year == YEAR:
            want[f"t4.{kind[1]}.{result[1]}"] += 1
            want[f"t4.{kind[1]}.total"] += 1
    tally = count_cases(write_book(folder / "cases.xlsx", [{"name": "案件", "rows": rows}]), YEAR)
    if tally.problems:
        return "refused", tally.problems[0].text()[:60]
    wrong = [k for k, v in tally.counts.items() if v != want.get(k, 0)]
    return ("wrong", f"{len(wrong)} 格不对") if wrong else ("right", "")


def shapes(n: int) -> list[tuple[str, str, str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, expect, builder) in enumerate(SHAPES):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            outcome, why = run_shape(builder, n, folder)
            out.append((name, expect, outcome, why))
        folder = Path(tmp) / "cases"
        folder.mkdir()
        out.append(("案件表没有年度、有收案日期（表四）", "right", *case_year_shape(folder)))
    return out


# --- speed and memory ---------------------------------------------------------------------


def big_rows(n: int):
    rng = random.Random(7)
    applicants, results = list(APPLICANTS.values()), list(RESULTS.values())
    start = D(YEAR - 2, 1, 1)
    for i in range(n):
        received = start + dt.timedelta(days=rng.randint(0, 3 * 365))
        open_ = rng.random() < 0.05
        answered = None if open_ else received + dt.timedelta(days=rng.randint(1, 40))
        yield [f"YSQ-{i:07d}", received, rng.choice(applicants), None if open_ else rng.choice(results), answered,
               "（基准测试）申请公开某某文件"]


def write_big(path: Path, n: int) -> None:
    header = HEADER + ["申请内容"]
    if path.suffix == ".csv":
        write_csv(path, [header, *big_rows(n)])
        return
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(header)
    for row in big_rows(n):
        ws.append(row)
    wb.save(path)


def peak_memory_kb() -> int:
    """Peak resident memory of this process (VmHWM starts afresh at exec; ru_maxrss does not)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure_here(path: str) -> None:
    """In a fresh process: fill-count one file, print seconds and peak memory as JSON."""
    from assistant.ledger import count_ledger

    base = peak_memory_kb()
    t0, c0 = time.perf_counter(), time.process_time()
    tally = count_ledger(path, YEAR)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = peak_memory_kb()
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak / 1024, "base_mb": base / 1024, "rows": tally.rows,
                      "problems": len(tally.problems), "new": tally.counts["t3.new.total"]}))


def measure(path: Path, n: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["rows"] == n and result["problems"] == 0, result
    return result


def speed(sizes: list[int]) -> list[tuple[str, int, dict]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            for suffix in (".xlsx", ".csv"):
                path = Path(tmp) / f"ledger-{n}{suffix}"
                write_big(path, n)
                out.append((suffix, n, measure(path, n)))
                path.unlink()
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small inputs: every shape, 2,000 rows for speed")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 rows")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure_here(args.measure)
        return {}

    results = shapes(12 if args.smoke else 60)
    print(f"{'形态':<40} 应为      结果      说明")
    for name, expect, outcome, why in results:
        flag = "" if outcome == expect else "  ← 与预期不同"
        print(f"{name:<40} {expect:<9} {outcome:<9} {why}{flag}")
    tally = Counter(outcome for _, _, outcome, _ in results)
    unexpected = sum(outcome != expect for _, expect, outcome, _ in results)
    print(f"合计：right {tally['right']}，refused {tally['refused']}，wrong {tally['wrong']}；与预期不同 {unexpected}")

    sizes = [2_000] if args.smoke else [100_000] + ([1_000_000] if args.million else [])
    figures = speed(sizes)
    for suffix, n, r in figures:
        print(f"{suffix[1:]:>4} {n:>9,} 行：{r['seconds']:.2f} s（CPU {r['cpu']:.2f} s），{n / r['seconds']:,.0f} 行/秒，"
              f"峰值内存 {r['peak_mb']:.0f} MB（其中启动和导入 {r['base_mb']:.0f} MB）")
    return {"shapes": results, "wrong": tally["wrong"], "unexpected": unexpected, "speed": figures}


if __name__ == "__main__":
    main()
