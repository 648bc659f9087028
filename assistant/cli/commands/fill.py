"""nianbao fill: 表三 from the ledger (and 表四 from the cases file) into the report file."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import output_option, previous_option, report_argument, settings


def _path_option(name: str, help_text: str, required: bool = False):
    return click.option(name, type=click.Path(dir_okay=False, path_type=Path), required=required, help=help_text)


@click.command("fill")
@report_argument()
@_path_option("--ledger", "依申请公开台账（.xlsx 或 .csv）", required=True)
@_path_option("--cases", "行政复议、行政诉讼案件表（.xlsx 或 .csv），用于填写表四")
@previous_option()
@click.option("--skip-bad-rows", is_flag=True, help="跳过有问题的行（逐行列出）继续填写；不加时有问题就不写入")
@click.option("--overwrite", is_flag=True, help="报告中已填的数字与计算结果不同时，以计算结果覆盖")
@click.option("--include-hidden", is_flag=True, help="隐藏的工作表和隐藏的行也计入（默认不计入，并在结果中列出）")
@_path_option("--words", "本单位用语文件（.csv，三列：列、写法、含义）；默认读取台账旁的 台账用语.csv")
@click.option("--sheet", "sheets", multiple=True, help="只读取台账中的这个工作表（可多次给出）；默认读取所有台账工作表")
@output_option("输出文件（不给则直接写回 REPORT）")
def command(report, ledger, cases, previous, skip_bad_rows, overwrite, include_hidden, words, sheets, output):
    """根据台账计算并填写表三（给了 --cases 时也填写表四）。

    按报告年度计算：本年新收、上年结转、各类办理结果、结转下年度，各类申请人分列并合计，
    表三的勾稽关系自然成立。台账有问题的行会逐行列出（工作表、行号、列），默认不写入。
    结果中列出读取和未读取的工作表、未计入的隐藏行、跳过的合计行和签名行，
    以及按用语表读取的写法（如「个人」按「自然人」计）。
    """
    from ...services.fill import FillRequest, fill

    request = FillRequest(
        report,
        ledger,
        cases,
        previous,
        skip_bad_rows,
        overwrite,
        output,
        include_hidden=include_hidden,
        words=words,
        sheets=sheets,
    )
    result = fill(settings(), request)

    echo = click.echo
    echo_reading(result)
    if result.skipped:
        echo(f"已跳过 {len(result.skipped)} 处有问题的行（不计入表格）：")
        for line in result.skipped:
            echo(f"  - {line}")
    echo(
        f"台账共 {result.ledger_rows} 行；{result.year} 年度：本年新收 {result.new} 件，"
        f"上年结转 {result.carried_in} 件，办结 {result.answered} 件，"
        f"结转下年度 {result.carried_out} 件。"
    )
    if result.case_rows is not None:
        echo(f"案件表共 {result.case_rows} 行，计入 {result.year} 年度 {result.cases_used} 件。")
    for cell in result.overwritten:
        echo(f"已覆盖 {cell.text()}")
    echo(f"已写入 {result.written}", err=True)
    for f in result.findings:
        echo(f"[{f.severity.label}] {f.code} {f.message}")
    if result.previous_year is not None and not result.findings:
        echo(f"上年结转与 {result.previous_year} 年度报告的结转下年度一致。")
    return result.exit_code


def echo_reading(result) -> None:
    """What the fill read and left out: sheets, hidden rows, columns chosen, words mapped."""
    for line in result.ledger_notes:
        click.echo(f"台账 {line}")
    if result.words_mapped:
        click.echo("按用语表读取的写法：")
        for line in result.words_mapped:
            click.echo(f"  - {line}")
    for line in result.case_notes:
        click.echo(f"案件表 {line}")
