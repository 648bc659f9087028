"""nianbao rollup: sum departments' reports into the 本级政府 total, plus rollup.csv."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import save


@click.command("rollup")
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="汇总报告文件（.yaml/.json）"
)
@click.option("--agency", default=None, help="本级政府名称，如 某某区人民政府")
def command(reports, output, agency):
    """把同一年度、同一格式的各部门报告汇总：表二、表三、表四逐格相加。

    先检查每份报告并列出问题；某个单元格在部分报告中为空白时列出这些报告（合计只加已填的数字），
    所有报告都空白的单元格在汇总中仍为空白。各部门明细写入汇总文件旁的 rollup.csv。
    """
    from ...errors import NianbaoError
    from ...ledger.rollup import rollup, write_breakdown
    from ...report.format import cell_specs
    from ...report.io import file_format, read_report

    file_format(output)  # refuse a bad extension before any work
    resolved = [p.resolve() for p in reports]
    if output.resolve() in resolved:
        raise NianbaoError("汇总文件不能覆盖输入的报告文件", file=str(output))
    dupes = sorted({str(p) for p in reports if resolved.count(p.resolve()) > 1})
    if dupes:
        raise NianbaoError("同一份报告给了不止一次：" + "、".join(dupes))
    inputs = [(str(p), read_report(p)) for p in reports]
    result = rollup(inputs, agency.strip() if agency else None)

    echo = click.echo
    for name, report in inputs:
        findings = result.findings[name]
        blocking = [f for f in findings if f.severity.blocks]
        echo(f"{report.agency}（{name}）：{len(blocking)} 个错误或数据不一致，{len(findings) - len(blocking)} 个警告或提示")
        for f in blocking:
            echo(f"  [{f.severity.label}] {f.code} {f.message}")
    specs = cell_specs(result.total.format)
    if result.blank_inputs:
        echo(f"{len(result.blank_inputs)} 个单元格在部分报告中为空白（合计只加了已填的数字）：")
        for key, files in result.blank_inputs.items():
            agencies = "、".join(r.agency for n, r in inputs if n in files)
            echo(f"  - {specs[key].label}：{agencies}")
    save(result.total, output)
    breakdown = write_breakdown(result, output.with_name("rollup.csv"))
    echo(f"已汇总 {len(inputs)} 份报告；各部门明细见 {breakdown}")
