"""nianbao fill: 表三 from the ledger (and 表四 from the cases file) into the report file."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import output_option, previous_option, report_argument, save

ARITHMETIC = {"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE", "T4-BLOCK-TOTAL"}


def _path_option(name: str, help_text: str, required: bool = False):
    return click.option(name, type=click.Path(dir_okay=False, path_type=Path), required=required, help=help_text)


@click.command("fill")
@report_argument()
@_path_option("--ledger", "依申请公开台账（.xlsx 或 .csv）", required=True)
@_path_option("--cases", "行政复议、行政诉讼案件表（.xlsx 或 .csv），用于填写表四")
@previous_option()
@click.option("--skip-bad-rows", is_flag=True, help="跳过有问题的行（逐行列出）继续填写；不加时有问题就不写入")
@click.option("--overwrite", is_flag=True, help="报告中已填的数字与计算结果不同时，以计算结果覆盖")
@output_option("输出文件（不给则直接写回 REPORT）")
def command(report, ledger, cases, previous, skip_bad_rows, overwrite, output):
    """根据台账计算并填写表三（给了 --cases 时也填写表四）。

    按报告年度计算：本年新收、上年结转、各类办理结果、结转下年度，各类申请人分列并合计，
    表三的勾稽关系自然成立。台账有问题的行会逐行列出（工作表、行号、列），默认不写入。
    """
    from ...errors import NianbaoError
    from ...ledger.carry import carry_over_findings, check_previous
    from ...ledger.cases import count_cases
    from ...ledger.fill import apply, count_ledger, differences
    from ...report.io import read_report
    from ...validate import validate

    target = read_report(report)
    last = read_report(previous) if previous is not None else None
    if last is not None:
        check_previous(target, last)

    tally = count_ledger(ledger, target.year, target.format)
    case_tally = count_cases(cases, target.year) if cases is not None else None
    problems = [(ledger, p) for p in tally.problems]
    if case_tally is not None:
        problems += [(cases, p) for p in case_tally.problems]
    lines = [f"{Path(f).name} {p.text()}" for f, p in problems]
    if problems and not skip_bad_rows:
        raise NianbaoError(
            f"有 {len(problems)} 处问题，报告未写入。请改正后重试，或加 --skip-bad-rows 跳过这些行：",
            details=lines,
        )

    computed = tally.cells()
    if case_tally is not None:
        computed.update(case_tally.cells())
    diffs = differences(target, computed)
    if diffs and not overwrite:
        raise NianbaoError(
            f"报告中已填的 {len(diffs)} 个单元格与按台账计算的结果不同，报告未写入。"
            "确认以台账为准时，请加 --overwrite：",
            details=[d.text() for d in diffs],
        )
    apply(target, tally.cells(), source=f"台账 {Path(ledger).name}", overwrite=True)
    if case_tally is not None:
        apply(target, case_tally.cells(), source=f"案件表 {Path(cases).name}", overwrite=True)

    echo = click.echo
    if problems:
        echo(f"已跳过 {len(problems)} 处有问题的行（不计入表格）：")
        for line in lines:
            echo(f"  - {line}")
    c = tally.counts
    echo(
        f"台账共 {tally.rows} 行；{target.year} 年度：本年新收 {c['t3.new.total']} 件，"
        f"上年结转 {c['t3.carried_in.total']} 件，办结 {c['t3.results_total.total']} 件，"
        f"结转下年度 {c['t3.carried_out.total']} 件。"
    )
    if case_tally is not None:
        echo(f"案件表共 {case_tally.rows} 行，计入 {target.year} 年度 {case_tally.used} 件。")
    for d in diffs:
        echo(f"已覆盖 {d.text()}")

    findings = validate(target, codes=ARITHMETIC)
    if last is not None:
        findings += carry_over_findings(target, last, tally)
    save(target, output or report)
    for f in findings:
        echo(f"[{f.severity.label}] {f.code} {f.message}")
    if last is not None and not findings:
        echo(f"上年结转与 {last.year} 年度报告的结转下年度一致。")
    return 1 if any(f.severity.blocks for f in findings) else 0
