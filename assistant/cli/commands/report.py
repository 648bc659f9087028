"""nianbao report: reports in the workspace (named 「机关/年度」 or by number)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..common import settings
from ..workspace_common import SECTION_HELP, echo_json, format_option, read_text, section_choice, user_option

STATUS = click.Choice(["起草中", "审核中", "定稿"])


@click.group("report")
def group():
    """工作区里的报告：新建、列出、查看、改状态、直接修改、导出和导入。"""


@group.command("create")
@click.option("--agency", required=True, metavar="机关名称", help="报告所属机关")
@click.option("--year", type=int, help="报告年度（新建空白报告时）")
@click.option("--from", "from_file", type=click.Path(dir_okay=False, path_type=Path),
              help="从报告文件（YAML/JSON，如 nianbao import 的结果）建立")
@user_option()
def create(agency, year, from_file, user):
    """新建报告：空白的（--year），或从报告文件建立（--from）。"""
    from ...report.io import read_report
    from ...services.workspace_reports import create as run

    report = read_report(from_file) if from_file else None
    if report is not None and year is not None and report.year != year:
        from ...errors import NianbaoError

        raise NianbaoError(f"报告文件是 {report.year} 年度的，与 --year {year} 不符", file=str(from_file))
    view = run(settings(), user, agency, year, report=report, source="import" if report else "person")
    click.echo(f"已新建报告「{view.ref}」（编号 {view.id}，{view.format} 版格式，{view.status}）")


@group.command("list")
@click.option("--year", type=int, help="只列出这一年度")
@format_option()
@user_option()
def list_(year, output_format, user):
    """列出您所在机关的报告。"""
    from ...services.workspace_reports import list_reports

    rows = list_reports(settings(), user, year=year)
    if output_format == "json":
        return echo_json(rows)
    if not rows:
        click.echo("还没有报告。用 nianbao report create 新建。")
    for r in rows:
        click.echo(f"{r.id}\t{r.ref}\t{r.status}\t待处理建议 {r.pending} 条")


@group.command("show")
@click.argument("ref", metavar="报告")
@click.option("--section", type=section_choice(), help=SECTION_HELP)
@format_option()
@user_option()
def show(ref, section, output_format, user):
    """查看报告（写成「机关/年度」或编号）：状态、各部分当前文字和版本。"""
    from ...services.workspace_reports import show as run

    view = run(settings(), user, ref)
    if output_format == "json":
        return echo_json(view)
    click.echo(f"{view.ref}（编号 {view.id}，{view.format} 版格式）  状态：{view.status}  待处理建议：{view.pending} 条")
    filled = sum(1 for v in view.cells.values() if v is not None)
    click.echo(f"表格：已填 {filled} 个单元格")
    for s in view.sections:
        if section and s.key != section:
            continue
        extra = f"，待处理建议 {s.pending} 条" if s.pending else ""
        click.echo(f"\n【{s.label}】（{s.key}，第 {s.version} 版{extra}）")
        click.echo(s.text or "（空）")


@group.command("status")
@click.argument("ref", metavar="报告")
@click.argument("status", metavar="状态", type=STATUS)
@click.option("--reason", help="理由（重新打开已定稿的报告时必填）")
@user_option()
def status(ref, status, reason, user):
    """把报告 的状态改为：起草中 → 审核中 → 定稿。

    只有审核人能定稿（须无待处理建议、检查无错误）；定稿后只有管理员能重新打开。
    """
    from ...services.workspace_reports import set_status

    view = set_status(settings(), user, ref, status, reason=reason)
    click.echo(f"报告「{view.ref}」现在是「{view.status}」")


@group.command("edit")
@click.argument("ref", metavar="报告")
@click.argument("section", metavar="部分", type=section_choice())
@click.option("--text", help="新的全文")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), help="从文件读取新的全文（- 为标准输入）")
@click.option("--base", type=int, help="您修改所依据的版本号（默认：现在的版本）")
@click.option("--note", help="修改说明")
@user_option()
def edit(ref, section, text, path, base, note, user):
    """直接修改报告的一个部分（形成新版本，留有记录）。

    他人已先修改时不会覆盖：提示最新文字，请据此重新修改。
    """
    from ...services.workspace_reports import edit_section, show as current

    body = read_text(text, path)
    if base is None:
        base = next(s.version for s in current(settings(), user, ref).sections if s.key == section)
    view = edit_section(settings(), user, ref, section, body, base=base, note=note)
    click.echo(f"已保存「{view.label}」第 {view.version} 版")


@group.command("export")
@click.argument("ref", metavar="报告")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（.json；不给则输出到屏幕）")
@user_option()
def export(ref, output, user):
    """把报告 连同全部版本、修改建议和意见导出为一个 JSON 文件。"""
    from ...services.workspace_reports import export_report

    text = json.dumps(export_report(settings(), user, ref), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    tmp = output.with_name(output.name + ".tmp")
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    click.echo(f"已导出到 {output}", err=True)


@group.command("import")
@click.argument("path", metavar="文件", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--agency", metavar="机关名称", help="导入到这个机关（默认：文件里写的机关）")
@user_option()
def import_(path, agency, user):
    """导入 nianbao report export 导出的 JSON 文件（连同历史和修改建议）。"""
    from ...errors import NianbaoError
    from ...services.workspace_reports import import_report

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise NianbaoError("找不到文件", file=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NianbaoError(f"不是 JSON 文件：{exc}", file=str(path)) from None
    view = import_report(settings(), user, data, agency=agency)
    click.echo(f"已导入报告「{view.ref}」（编号 {view.id}，{view.status}）")


@group.command("render")
@click.argument("ref", metavar="报告")
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "md", "pdf"]), default="docx", show_default=True,
              help="输出格式")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="输出文件")
@click.option("--draft", is_flag=True, help="输出带“草稿”标记的稿子（未定稿时）")
@click.option("--compare", is_flag=True, help="附上与上一年度（工作区里的）报告的对比")
@user_option()
def render(ref, fmt, output, draft, compare, user):
    """输出工作区里的报告：正式稿只能从已定稿的报告输出，用的就是定稿的文字。"""
    from ...services.workspace_reports import render as run

    path = run(settings(), user, ref, fmt, output, draft=draft, compare=compare)
    click.echo(f"已输出{'草稿' if draft else '正式稿'}：{path}")


@group.command("check")
@click.argument("ref", metavar="报告")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出方式：text 为表格，json 与 nianbao validate --format json 相同")
@user_option()
def check(ref, output_format, user):
    """检查工作区里的报告（与上一年度的比对取自工作区）。有错误或数据不一致时退出码为 1。"""
    from ...report.io import dumps_json
    from ...services.workspace_reports import check as run
    from ...validate.output import blocking, render_text, validation_json

    report, findings = run(settings(), user, ref)
    if output_format == "json":
        click.echo(dumps_json(validation_json(report, findings, ref)), nl=False)
    else:
        click.echo(render_text(report, findings, ref), nl=False)
    return 1 if blocking(findings) else 0


@group.command("set")
@click.argument("ref", metavar="报告")
@click.argument("assignments", metavar="键=数值...", nargs=-1)
@click.option("--from", "from_file", type=click.Path(dir_okay=False, path_type=Path), help="从 YAML 文件读取「单元格键: 数值」")
@user_option()
def set_(ref, assignments, from_file, user):
    """填写工作区报告的单元格，如：nianbao report set 某局/2025 t2.rules.issued=0（记录填写人）。"""
    from ...services.set_cells import SetRequest, set_cells
    from ...services.workspace_reports import through_file

    keys, _ = through_file(
        settings(), user, ref, lambda path, last: set_cells(settings(), SetRequest(path, assignments, from_file)),
        source="person",
    )
    click.echo(f"共改动 {len(keys)} 个单元格。")


@group.command("fill")
@click.argument("ref", metavar="报告")
@click.option("--ledger", type=click.Path(dir_okay=False, path_type=Path), required=True, help="依申请公开台账（Excel/CSV）")
@click.option("--cases", type=click.Path(dir_okay=False, path_type=Path), help="行政复议、行政诉讼案件表（填表四）")
@click.option("--skip-bad-rows", is_flag=True, help="跳过有问题的行（会列出）")
@click.option("--overwrite", is_flag=True, help="已填的单元格与台账不同时，以台账为准")
@user_option()
def fill(ref, ledger, cases, skip_bad_rows, overwrite, user):
    """根据台账填写工作区报告的表三（和表四）；与上一年度的结转比对取自工作区。"""
    from ...services.fill import FillRequest, fill as run_fill
    from ...services.workspace_reports import through_file
    from .fill import echo_reading

    def run(path, last):
        return run_fill(settings(), FillRequest(path, ledger, cases=cases, previous=last,
                                                skip_bad_rows=skip_bad_rows, overwrite=overwrite))

    keys, result = through_file(settings(), user, ref, run, source="ledger")
    echo_reading(result)
    click.echo(f"台账 {result.ledger_rows} 行：本年新收 {result.new} 件，办结 {result.answered} 件，"
               f"结转下年度 {result.carried_out} 件；共改动 {len(keys)} 个单元格。")
    for line in result.skipped:
        click.echo(f"  跳过：{line}", err=True)
    for f in result.findings:
        click.echo(f"  [{f.code}] {f.message}")
    return result.exit_code
