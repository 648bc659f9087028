"""nianbao draft: draft the narrative sections (model when configured, template otherwise)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ...errors import EXIT_FINDINGS
from ...report.parts import DRAFT_SECTIONS, SECTIONS
from ..common import report_argument, settings

# the drafted sections by printed heading; a part with a table gets its table's explanation
SECTION_NAMES = {p.key: p.heading + ("（表格说明）" if p.table else "") for p in SECTIONS if p.drafted}


@click.command("draft")
@report_argument()
@click.option("--section", "section", type=click.Choice([*DRAFT_SECTIONS, "all"]),
    default="all", show_default=True,
              help="要起草的部分：intro 开头段落，overview 总体情况，requests 表三说明，review_litigation 表四说明，"
                   "problems 问题及改进，other 其他事项，all 全部")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path),
              help="上一年度的报告（报告文件，或已发布的报告文档）")
@click.option("--facts", "facts_path", type=click.Path(dir_okay=False, path_type=Path),
              help="事实数据文件 facts.yaml（表格以外的数字，如网站发布信息条数）")
@click.option("--notes", "notes_path", type=click.Path(dir_okay=False, path_type=Path),
              help="补充说明文件 notes.yaml（按部分写给大模型的工作情况素材）")
@click.option("--ledger", "ledger_path", type=click.Path(dir_okay=False, path_type=Path),
              help="依申请公开台账（用于查出答复超过法定期限的申请，写入存在的主要问题）")
@click.option("--accept-previous", is_flag=True,
              help="确认使用其他机关或不早于本年度的报告作为 --previous（一般不需要）")
@click.option("--offline", is_flag=True, help="不调用大模型，用模板起草")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式")
@click.option("--write", is_flag=True, help="把草稿写入报告文件的相应部分（原文件先备份到工作目录）")
@click.option("--accept-flagged", is_flag=True,
              help="检查发现错误的草稿也写入（谁在何时确认的，记在报告文件的数据来源中）")
@click.option("--overwrite", is_flag=True, help="覆盖上次起草后有人修改过的部分（原文件仍先备份）")
def command(report, section, previous, facts_path, notes_path, ledger_path, accept_previous, offline, fmt, write,
            accept_flagged, overwrite):
    """起草报告文字部分。配置了大模型（NIANBAO_LLM_BASE_URL、NIANBAO_LLM_MODEL）时由大模型起草，
    否则（或加 --offline、或连接不上时）用模板起草。文中数字只来自表格、推算值和事实数据文件。"""
    from ...drafting.outline import SECTION_ORDER
    from ...services.draft import DraftRequest, draft

    def notify(message: str) -> None:
        click.echo(f"提示：{message}", err=True)

    streamed: dict[str, bool] = {}

    def on_token(sec: str, piece: str) -> None:
        if not streamed.get(sec):
            streamed[sec] = True
            click.echo(f"\n—— 正在起草：{SECTION_NAMES[sec]} ——", err=True)
        click.echo(piece, err=True, nl=False)

    def on_section(result) -> None:
        if streamed.get(result.section):
            click.echo("", err=True)
        if fmt == "text":
            _print_text(result)

    sections = SECTION_ORDER if section == "all" else (section,)
    request = DraftRequest(report=report, sections=sections, previous=previous, facts=facts_path,
                           notes=notes_path, offline=offline, write=write, ledger=ledger_path,
                           accept_previous=accept_previous, accept_flagged=accept_flagged, overwrite=overwrite)
    outcome = draft(settings(), request, on_token=on_token, on_section=on_section, notify=notify)
    if fmt == "json":
        payload = [d.to_json() for d in outcome.drafts]
        click.echo(json.dumps(payload if section == "all" else payload[0], ensure_ascii=False, indent=2))
    if write:
        names = "、".join(SECTION_NAMES[s] for s in outcome.written) or "（无）"
        backup = f"；原文件备份在 {outcome.backup}" if outcome.backup else "；报告文件未改动"
        click.echo(f"已写入 {report}：{names}{backup}", err=True)
        for reason, sections in (("草稿不完整", outcome.skipped),
                                 ("检查发现错误，核实后可加 --accept-flagged 写入", outcome.flagged),
                                 ("上次起草后有人修改过，确需覆盖请加 --overwrite", outcome.edited)):
            if sections:
                click.echo(f"未写入（{reason}；草稿已保存在 {outcome.drafts_dir}）："
                           f"{'、'.join(SECTION_NAMES[s] for s in sections)}", err=True)
    sys.stdout.flush()
    return EXIT_FINDINGS if outcome.blocking else 0


def _print_text(d) -> None:
    mode = "大模型起草" if d.mode == "llm" else "模板起草稿"
    click.echo(f"【{SECTION_NAMES[d.section]}】（{mode}{'' if d.complete else '，不完整'}）")
    click.echo(d.text)
    if d.citations:
        click.echo("参考依据：")
        for c in d.citations:
            n = f"[{c['n']}] " if c.get("n") else "· "
            who = c.get("agency") or c.get("source")
            year = f"{c['year']}年" if c.get("year") else ""
            where = c.get("article") or c.get("part_name") or ""  # never the section key: users read Chinese
            click.echo(f"  {n}{who}{year} {where}".rstrip())
    if d.findings:
        click.echo("检查结果：")
        for f in d.findings:
            excerpt = f"（「{d.text[f.span.start:f.span.end]}」）" if f.span else ""
            click.echo(f"  - [{f.code}] {f.severity.label}：{f.message}{excerpt if f.code != 'NUM-UNSUPPORTED' else ''}")
    else:
        click.echo("检查结果：数字、年份、引用均已核对，未发现问题。")
    click.echo("")
