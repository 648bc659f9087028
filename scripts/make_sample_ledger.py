"""Generate the bundled synthetic sample ledger and cases file for the demo agency.

    .venv/bin/python scripts/make_sample_ledger.py [OUT_DIR]   (default: examples/)

Deterministic (fixed seed). Names are clearly synthetic (示例申请人001 …). The seed 2021
report has every 表三 cell 0, so the ledger has nothing received in 2021 and nothing
open at 31 December 2021; 2022 has 32 applications of varied types and results, two of
them still open at 31 December 2022 (one answered in January 2023, one still open).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.ledger.template import write_template  # noqa: E402
from assistant.ledger.vocab import APPLICANT_LABELS, result_labels  # noqa: E402
from assistant.report.format import FormatVersion  # noqa: E402

SEED = 20221231
YEAR = 2022
COUNT = 32
AGENCY = "中韩示范区党政综合办公室"
TOPICS = ("征收补偿方案", "规划许可文件", "财政预算执行情况", "招商引资协议", "环境影响评价批复", "会议纪要", "政策文件")
# Weighted toward what offices actually see most: granted, not held, partly granted.
RESULT_WEIGHTS = {
    "予以公开": 10,
    "部分公开（区分处理的，只计这一情形，不计其他情形）": 4,
    "本机关不掌握相关政府信息": 6,
    "保护第三方合法权益": 2,
    "属于四类过程性信息": 2,
    "信访举报投诉类申请": 2,
    "重复申请": 1,
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": 1,
    "其他": 1,
}
APPLICANT_WEIGHTS = {"自然人": 12, "商业企业": 4, "法律服务机构": 2, "社会公益组织": 1, "科研机构": 1, "其他": 1}


def applications(rng: random.Random) -> list[list]:
    labels = set(result_labels(FormatVersion.for_year(YEAR)))
    assert set(RESULT_WEIGHTS) <= labels and set(APPLICANT_WEIGHTS) <= set(APPLICANT_LABELS.values())
    rows = []
    start = dt.date(YEAR, 1, 4)
    for i in range(1, COUNT + 1):
        received = start + dt.timedelta(days=(i - 1) * 11 + rng.randint(0, 6))
        applicant = rng.choices(list(APPLICANT_WEIGHTS), weights=list(APPLICANT_WEIGHTS.values()))[0]
        result = rng.choices(list(RESULT_WEIGHTS), weights=list(RESULT_WEIGHTS.values()))[0]
        answered: dt.date | None = received + dt.timedelta(days=rng.randint(3, 28))
        if i == COUNT - 1:  # open at year end, answered in January of the next year
            received, answered = dt.date(YEAR, 12, 19), dt.date(YEAR + 1, 1, 9)
        if i == COUNT:  # still open
            received, answered, result = dt.date(YEAR, 12, 27), None, None
        assert answered is None or answered.year == YEAR or i == COUNT - 1
        rows.append(
            [
                f"YSQ-{YEAR}-{i:03d}",
                received,
                applicant,
                result,
                answered,
                f"示例申请人{i:03d}",
                f"（合成示例）申请公开{rng.choice(TOPICS)}",
                "合成数据，仅供演示",
            ]
        )
    return rows


CASES = [
    ["FY-2022-01", "行政复议", "维持", "（合成示例）对不予公开答复不服"],
    ["FY-2022-02", "行政复议", "纠正", "（合成示例）对答复期限不服"],
    ["FY-2022-03", "行政复议", "尚未审结", "（合成示例）"],
    ["SS-2022-01", "直接起诉", "维持", "（合成示例）"],
    ["SS-2022-02", "复议后起诉", "其他", "（合成示例）原告撤诉"],
]


def main(out_dir: Path) -> None:
    from openpyxl import Workbook, load_workbook

    out_dir.mkdir(parents=True, exist_ok=True)
    ledger = out_dir / "台账-示例.xlsx"
    write_template(ledger, YEAR)
    wb = load_workbook(ledger)
    ws = wb["台账"]
    for r, values in enumerate(applications(random.Random(SEED)), start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    wb.properties.creator = "nianbao make_sample_ledger.py"
    wb.properties.title = f"{AGENCY} 依申请公开台账（合成示例）"
    # Fixed timestamps keep the file identical from run to run.
    wb.properties.created = wb.properties.modified = dt.datetime(2023, 1, 10)
    wb.save(ledger)

    cases = out_dir / "复议诉讼-示例.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "案件"
    ws.append(["编号", "类型", "结果", "备注"])
    for row in CASES:
        ws.append(row)
    wb.properties.creator = "nianbao make_sample_ledger.py"
    wb.properties.created = wb.properties.modified = dt.datetime(2023, 1, 10)
    wb.save(cases)
    print(f"已写入 {ledger}、{cases}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples")
