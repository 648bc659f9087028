"""What a reviewer would strike in offline drafts (issue 20), over agencies other than the demo one.

Six cases, each last year's report of a real kind (a county, district and town government, a
street office, a city bureau and a commission; 2019- and 2021-format previous years; part 五
written as 一是/二是, as （一）（二） headings, as 「存在问题：…下一步：…」, as 「仍存在一些不足：…」
and as plain sentences), this year's tables, and a facts file with known keys, unknown keys with
a `section` and unknown keys without one. Every section is drafted offline through the CLI
(`nianbao draft --section all --offline --format json`), so any version of the program can be
measured: `--tree DIR` drafts with the checkout in DIR (e.g. an older commit), the figures are
always computed by this checkout's catalogues. Figures:

  unsupported assertions        assertions (drafting/assertions.py) with no fact, table, ledger,
                                note or last year's own text behind them          target 0
  last-year problems answered   problems quoted in 改进情况 / problems last year's part 五 named
                                                                                  target all
  facts outside their section   facts in another part or sub-item than declared, or unknown
                                facts without a section placed anywhere           target 0
  reused subheadings, other subject   a heading of last year over a slot of another subject
  insertions failing the measure-word pattern   「…为4次」「…数为3个」「100.0%」
  contact paragraphs changed    last year's office, address, telephone or postcode missing
                                                                                  target 0

Run: .venv/bin/python benchmarks/bench_draft_review.py [--tree DIR] [--json] [--smoke]
Exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.drafting.assertions import Support, find  # noqa: E402
from assistant.drafting.drafter import Drafter  # noqa: E402
from assistant.drafting.facts import load_facts  # noqa: E402
from assistant.drafting.lastyear import contact_office, listed_problems  # noqa: E402
from assistant.drafting.outline import GOV_SUPERVISION, TOPIC_HEADINGS, TOPICS, body_topic  # noqa: E402
from assistant.drafting.template import contact_of, previous_overview_items  # noqa: E402
from assistant.report.cells import CellValue  # noqa: E402
from assistant.report.format import FormatVersion, cell_keys, t3_rows  # noqa: E402
from assistant.report.io import read_report, write_report  # noqa: E402
from assistant.report.model import Report, Sections  # noqa: E402

PROSE = ROOT / "tests" / "fixtures" / "validate" / "real_prose"
APPLICANTS = ("natural", "commercial", "research", "public_interest", "legal_service", "other_org")
OVERVIEW_SLOTS = {f"（{n}）": t for n, t in zip("一二三四五", TOPICS)}


@dataclass
class Case:
    name: str
    previous: str  # a real-prose report of last year
    t3: dict  # row -> {column: n} of this year
    t4: dict = field(default_factory=dict)
    facts: list = field(default_factory=list)
    intro: str | None = None  # last year's opening paragraph with its contact line, where the file has none


CONTACT = "如对本报告有任何疑问，请与{office}联系（地址：{address}；联系电话：{phone}；邮编：{postcode}）。"

CASES = [
    Case("county-government", "county-gov-2021",
         {"new": {"natural": 30, "commercial": 4}, "granted": {"natural": 20, "commercial": 2},
          "unable.not_held": {"natural": 8}, "partly_granted": {"natural": 2, "commercial": 2}},
         {"t4.review.upheld": 1, "t4.review.corrected": 1},
         [{"key": "training_sessions", "value": 4, "unit": "场", "description": "组织政务公开业务培训场次"},
          {"key": "website_posts", "value": 2310, "unit": "条", "description": "门户网站发布信息条数"},
          {"key": "processing_fee", "value": 0, "unit": "元", "description": "收取信息处理费"},
          {"key": "open_days", "value": 2, "unit": "次", "description": "举办政府开放日活动", "section": "主动公开"},
          {"key": "hotline_calls", "value": 1414, "unit": "件", "description": "受理市长公开电话"}]),
    Case("district-government-2019-format", "district-gov-2020",
         {"new": {"natural": 12}, "granted": {"natural": 9}, "refused.third_party": {"natural": 1}},
         {},
         [{"key": "inspection_reports", "value": 4, "unit": "次", "description": "组织政务公开季度检查通报"},
          {"key": "online_inquiries", "value": 175, "unit": "件", "description": "受理网络问政"},
          {"key": "proposal_satisfaction", "value": 100, "unit": "%", "description": "建议提案办理满意率"}],
         intro=CONTACT.format(office="某某区人民政府办公室", address="某某区人民路1号", phone="0371-12345678",
                              postcode="450001")),
    Case("city-bureau-2019-format", "edu-bureau-2020",
         {"new": {"natural": 8, "commercial": 1}, "granted": {"natural": 7, "commercial": 1}},
         {},
         [{"key": "closed_accounts", "value": 3, "unit": "个", "description": "关停整合政务新媒体账号数",
           "section": "平台建设"},
          {"key": "site_checks", "value": 4, "unit": "次", "description": "开展政府网站与政务新媒体季度检查",
           "section": "平台建设"},
          {"key": "policy_interpretations", "value": 9, "unit": "篇", "description": "发布政策解读材料篇数"}]),
    Case("street-office", "street-office-2023",
         {"new": {"natural": 3}, "granted": {"natural": 2}},
         {},
         [{"key": "innovation_count", "value": 2, "unit": "项", "description": "政务公开创新举措", "section": "创新"},
          {"key": "npc_suggestions", "value": 2, "unit": "件", "description": "承办人大代表建议"}],
         intro=CONTACT.format(office="某某街道办事处党政办公室", address="某某区幸福路18号", phone="0371-87654321",
                              postcode="450002")),
    Case("town-government-2019-format", "town-gov-2019",
         {"new": {"natural": 2}, "granted": {"natural": 2}},
         {},
         [{"key": "accountability_cases", "value": 0, "unit": "件", "description": "责任追究"},
          {"key": "social_reviews", "value": 1, "unit": "次", "description": "开展社会评议"},
          {"key": "assessment_included", "value": 1, "unit": "", "description": "政务公开纳入绩效考核"}],
         intro=CONTACT.format(office="某某镇党政综合办公室", address="某某镇政府街6号", phone="0371-66001122",
                              postcode="450003")),
    Case("commission", "health-commission-2021",
         {"new": {"natural": 25, "legal_service": 3}, "granted": {"natural": 15, "legal_service": 1},
          "not_processed.repeated": {"natural": 3}, "partly_granted": {"natural": 5}},
         {"t4.suit_direct.upheld": 1},
         [{"key": "staff", "value": 3, "unit": "名", "description": "配备政务公开专职工作人员"},
          {"key": "cases_mediated", "value": 6, "unit": "件", "description": "调解医患纠纷"}]),
]


def cells_for(version: FormatVersion, t3: dict, t4: dict) -> dict:
    """Every cell 0, the given 表三/表四 counts, totals and the carry-over computed so the tables hold."""
    cells = {k: CellValue.of(0) for k in cell_keys(version)}
    for key, n in t4.items():
        cells[key] = CellValue.of(n)
    for block in ("review", "suit_direct", "suit_after_review"):
        total = sum(t4.get(f"t4.{block}.{c}", 0) for c in ("upheld", "corrected", "other", "pending"))
        cells[f"t4.{block}.total"] = CellValue.of(total)
    t3 = {row: dict(cols) for row, cols in t3.items()}
    results = [r.key for r in t3_rows(version) if r.is_result and r.key != "results_total"]
    for col in APPLICANTS:
        res = sum(t3.get(r, {}).get(col, 0) for r in results)
        t3.setdefault("results_total", {})[col] = res
        t3.setdefault("carried_out", {})[col] = t3.get("new", {}).get(col, 0) - res
    for row, by_col in t3.items():
        for col in APPLICANTS:
            cells[f"t3.{row}.{col}"] = CellValue.of(by_col.get(col, 0))
        cells[f"t3.{row}.total"] = CellValue.of(sum(by_col.get(c, 0) for c in APPLICANTS))
    return cells


def build(case: Case, folder: Path) -> tuple[Path, Path, Path]:
    previous = read_report(PROSE / f"{case.previous}.yaml")
    if case.intro:
        previous.sections.intro = (previous.sections.intro or "") + case.intro
    year = previous.year + 1
    version = FormatVersion.for_year(year)
    current = Report(agency=previous.agency, issuer_kind=previous.issuer_kind, year=year, format=version,
                     cells=cells_for(version, case.t3, case.t4), sections=Sections())
    # last year's carry-over is this year's 上年结转 (here: none in either)
    paths = folder / f"{case.name}-current.yaml", folder / f"{case.name}-previous.yaml", folder / f"{case.name}-facts.yaml"
    write_report(current, paths[0])
    write_report(previous, paths[1])
    paths[2].write_text(yaml.safe_dump(case.facts, allow_unicode=True), encoding="utf-8")
    return paths


def draft(tree: Path, current: Path, previous: Path, facts: Path, home: Path) -> dict[str, dict]:
    env = {**os.environ, "PYTHONPATH": str(tree), "NIANBAO_HOME": str(home), "NIANBAO_LLM_BASE_URL": "",
           "NIANBAO_LLM_MODEL": ""}
    cmd = [sys.executable, "-m", "assistant", "draft", str(current), "--section", "all", "--previous", str(previous),
           "--facts", str(facts), "--offline", "--format", "json"]
    run = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tree, timeout=600)
    if run.returncode not in (0, 1):
        raise SystemExit(f"draft failed for {current.name}: {run.stderr[-2000:]}")
    return {d["section"]: d for d in json.loads(run.stdout)}


# -- the figures -----------------------------------------------------------------------------
def unsupported(drafts: dict, current: Report, previous: Report, facts) -> int:
    drafter = Drafter(current, previous=previous, facts=facts)
    count = 0
    for section, d in drafts.items():
        support: Support = drafter.support(section)
        count += sum(1 for f in find(d["text"]) if f.id not in support.sources and f.id not in support.last_year)
    return count


def problems_answered(drafts: dict, previous: Report) -> tuple[int, int]:
    named = listed_problems(previous.sections.problems)
    text = drafts["problems"]["text"]
    return sum(1 for p in named if p in text), len(named)


def _overview_slot(text: str, needle: str) -> str | None:
    for marker, topic in OVERVIEW_SLOTS.items():
        start = text.find(marker)
        if start < 0:
            continue
        nxt = [text.find(m, start + 1) for m in OVERVIEW_SLOTS if text.find(m, start + 1) > start]
        if needle in text[start:min(nxt) if nxt else len(text)]:
            return f"overview.{topic}"
    return None


def misplaced(drafts: dict, facts) -> int:
    """A fact counts where its placeholder was used; for 总体情况, in which sub-item its value stands."""
    count = 0
    for f in facts:
        used = [s for s, d in drafts.items() if f"fact.{f.key}" in d.get("placeholders", {})]
        place = f.place
        if place is None:
            count += bool(used)
            continue
        part = place.split(".")[0]
        if used and used != [part]:
            count += 1
        elif used and part == "overview":
            value = drafts["overview"]["placeholders"][f"fact.{f.key}"]
            count += _overview_slot(drafts["overview"]["text"], f"{value}{f.measure}") != place
    return count


def wrong_subheadings(drafts: dict, previous: Report) -> int:
    text = drafts["overview"]["text"]
    count = 0
    for heading, body in previous_overview_items(previous):
        if heading in TOPIC_HEADINGS.values() or heading == GOV_SUPERVISION:
            continue  # the standard sub-item names are no reuse
        for marker, topic in OVERVIEW_SLOTS.items():
            if f"{marker}{heading}" in text and body_topic(body) != topic:
                count += 1
    return count


_BAD_INSERTION = re.compile(r"为\d+(?:\.\d+)?(?:个|次|项|件|条|篇|场|人次|名|期)|数为\d")


def bad_insertions(drafts: dict) -> int:
    """「季度检查为4次」「账号数为3个」, and a whole-number fact printed as 「100.0%」."""
    count = sum(len(_BAD_INSERTION.findall(d["text"])) for d in drafts.values())
    for d in drafts.values():
        count += sum(1 for k, v in d.get("placeholders", {}).items() if k.startswith("fact.") and v.endswith(".0%"))
    return count


def contact_changed(drafts: dict, current: Report, previous: Report) -> int:
    intro = drafts["intro"]["text"]
    office = contact_office(previous)
    details = contact_of(current, previous)
    wanted = [office] if office else []
    if details is not None:
        wanted += [v for v in (details.address, details.phone, details.postcode) if v]
    return int(any(w not in intro for w in wanted))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose drafter is measured")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="two cases only (the benchmark smoke test)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for case in CASES[:2] if args.smoke else CASES:
            cur_path, prev_path, facts_path = build(case, folder)
            drafts = draft(args.tree.resolve(), cur_path, prev_path, facts_path, folder / "home")
            current, previous, facts = read_report(cur_path), read_report(prev_path), load_facts(facts_path)
            answered, named = problems_answered(drafts, previous)
            rows.append({
                "case": case.name,
                "unsupported_assertions": unsupported(drafts, current, previous, facts),
                "problems_answered": answered,
                "problems_named": named,
                "facts_misplaced": misplaced(drafts, facts),
                "subheadings_other_subject": wrong_subheadings(drafts, previous),
                "bad_insertions": bad_insertions(drafts),
                "contact_changed": contact_changed(drafts, current, previous),
            })
    totals = {k: sum(r[k] for r in rows) for k in rows[0] if k != "case"}
    if args.json:
        print(json.dumps({"cases": rows, "totals": totals}, ensure_ascii=False, indent=2))
    else:
        cols = list(totals)
        print("case".ljust(34) + "".join(c[:12].rjust(13) for c in cols))
        for r in rows:
            print(r["case"].ljust(34) + "".join(str(r[c]).rjust(13) for c in cols))
        print("TOTAL".ljust(34) + "".join(str(totals[c]).rjust(13) for c in cols))
        print(f"\nunsupported assertions {totals['unsupported_assertions']} (target 0); last-year problems answered "
              f"{totals['problems_answered']}/{totals['problems_named']} (target all); facts outside their section "
              f"{totals['facts_misplaced']} (target 0); reused subheadings over another subject "
              f"{totals['subheadings_other_subject']}; insertions failing the measure-word pattern "
              f"{totals['bad_insertions']}; contact paragraphs changed {totals['contact_changed']} (target 0)")
    ok = (totals["unsupported_assertions"] == 0 and totals["problems_answered"] == totals["problems_named"]
          and totals["facts_misplaced"] == 0 and totals["contact_changed"] == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
