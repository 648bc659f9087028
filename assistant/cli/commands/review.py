"""nianbao review: suggestions and the reviewer's decisions, comments, history."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import settings
from ..workspace_common import (
    SECTION_HELP,
    diff_text,
    echo_json,
    format_option,
    read_text,
    section_choice,
    user_option,
    when,
)

STATUS = click.Choice(["待处理", "已采纳", "修改后采纳", "已驳回", "已过时", "全部"])


@click.group("review")
def group():
    """审核：修改建议的列出、查看、对比、采纳、修改后采纳、驳回、意见和历史。"""


def _who(view) -> str:
    if view.source in ("llm", "template"):
        how = f"大模型 {view.model}" if view.source == "llm" else "模板起草"
        return f"{view.author or '—'}（{how}）"
    return view.author or "—"


def _where(view) -> str:
    if view.start == view.end and not (view.before or view.after):
        return f"第 {view.anchor_revision} 版（原为空白）全文"
    if view.start == view.end:
        return f"第 {view.anchor_revision} 版第 {view.start} 字后插入"
    return f"第 {view.anchor_revision} 版第 {view.start + 1}–{view.end} 字"


def _print_findings(findings: list[dict], limit: int = 20) -> None:
    for f in findings[:limit]:
        click.echo(f"  [{f.get('code')}] {f.get('message')}")
    if len(findings) > limit:
        click.echo(f"  ……另有 {len(findings) - limit} 项")


@group.command("list")
@click.argument("ref", metavar="报告")
@click.option("--status", type=STATUS, default="待处理", show_default=True, help="只列出这个状态的建议")
@click.option("--section", type=section_choice(), help=SECTION_HELP)
@format_option()
@user_option()
def list_(ref, status, section, output_format, user):
    """列出报告 的修改建议。"""
    from ...services.workspace_review import list_suggestions

    rows = list_suggestions(settings(), user, ref, status=None if status == "全部" else status, section=section)
    if output_format == "json":
        return echo_json(rows)
    if not rows:
        click.echo(f"没有「{status}」的修改建议。")
    for s in rows:
        check = f"  数字核对问题 {len(s.blocking)} 个" if s.blocking else ""
        click.echo(f"#{s.id}\t{s.label}\t{s.status}\t{_where(s)}\t{_who(s)}{check}")


@group.command("show")
@click.argument("suggestion_id", metavar="建议编号", type=int)
@format_option()
@user_option()
def show(suggestion_id, output_format, user):
    """查看修改建议：原文、建议文字、逐字对比、引用、数字核对和意见。"""
    from ...services.workspace_review import show as run

    s = run(settings(), user, suggestion_id)
    if output_format == "json":
        return echo_json(s)
    click.echo(f"修改建议 #{s.id}  {s.report}「{s.label}」  {s.status}  提出：{_who(s)}")
    click.echo(f"位置：{_where(s)}（提出时依据第 {s.base_revision} 版）")
    click.echo(f"\n原文：{s.before}【{s.quote}】{s.after}")
    click.echo(f"建议：{s.applied_text or s.new_text}")
    click.echo(f"对比：{diff_text(s.diff)}")
    if s.citations:
        click.echo("\n引用：")
        for c in s.citations:
            click.echo(f"  {c.get('marker') or c.get('n') or ''} {c.get('title') or c.get('source') or c}")
    if s.findings:
        click.echo("\n数字核对：")
        _print_findings(s.findings)
    if s.resolved_by:
        click.echo(f"\n处理：{s.resolved_by} {when(s.resolved_at)}" + (f"，理由：{s.reason}" if s.reason else ""))
    for c in s.comments:
        click.echo(f"\n意见（{c.author}，{when(c.created_at)}）：{c.text}")
    if s.status == "待处理":
        click.echo(f"\n采纳：nianbao review accept {s.id} --base {s.anchor_revision}")


@group.command("diff")
@click.argument("suggestion_id", metavar="建议编号", type=int)
@user_option()
def diff(suggestion_id, user):
    """逐字对比：采纳修改建议后，该部分全文与现在的文字有何不同。"""
    from ...services.workspace_review import diff as run

    view, current, runs = run(settings(), user, suggestion_id)
    click.echo(f"#{view.id} {view.report}「{view.label}」（{view.status}）")
    click.echo(diff_text(runs))


def _accepted(result) -> None:
    s = result.suggestion
    click.echo(
        f"修改建议 #{s.id}：{s.status}。「{s.label}」现在是第 {result.revision} 版"
        f"（保存用时 {result.seconds * 1000:.0f} 毫秒，检查用时 {result.check_seconds * 1000:.0f} 毫秒）"
    )
    if result.stale:
        click.echo(f"以下修改建议引用的原文已不存在，变为「已过时」：{'、'.join(f'#{i}' for i in result.stale)}")
    counts = result.summary
    if any(counts.values()):
        click.echo(
            f"报告检查：错误 {counts.get('error', 0)}，数据不一致 {counts.get('inconsistency', 0)}，"
            f"警告 {counts.get('warning', 0)}，提示 {counts.get('info', 0)}"
        )
        mine = [f for f in result.findings if (f.get("span") or {}).get("section") == s.section]
        _print_findings(mine, 10)
    else:
        click.echo("报告检查：没有发现问题。")


def _base(user, suggestion_id: int, base: int | None) -> int:
    """The revision the reviewer saw: --base, else the one `review show` displays now."""
    if base is not None:
        return base
    from ...services.workspace_review import show as run

    return run(settings(), user, suggestion_id).anchor_revision


BASE = click.option("--base", type=int, help="您审核时看到的版本号（review show 显示；默认：现在的版本）")
OVERRIDE = click.option("--override", metavar="理由", help="数字核对有问题仍要采纳时，说明理由（记入审核记录）")


@group.command("accept")
@click.argument("suggestion_id", metavar="建议编号", type=int)
@BASE
@OVERRIDE
@user_option()
def accept(suggestion_id, base, override, user):
    """采纳修改建议（需要审核人角色）；采纳后检查整份报告并显示结果。"""
    from ...services.workspace_review import accept as run

    _accepted(run(settings(), user, suggestion_id, base=_base(user, suggestion_id, base), override=override))


@group.command("edit")
@click.argument("suggestion_id", metavar="建议编号", type=int)
@click.option("--text", help="修改后的建议文字")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), help="从文件读取（- 为标准输入）")
@BASE
@OVERRIDE
@user_option()
def edit(suggestion_id, text, path, base, override, user):
    """修改后采纳：用您改过的文字替换建议所引用的原文（需要审核人角色）。"""
    from ...services.workspace_review import accept_edited

    body = read_text(text, path)
    _accepted(accept_edited(settings(), user, suggestion_id, body, base=_base(user, suggestion_id, base),
                            override=override))


@group.command("reject")
@click.argument("suggestion_id", metavar="建议编号", type=int)
@click.option("--reason", help="驳回理由")
@user_option()
def reject(suggestion_id, reason, user):
    """驳回修改建议（需要审核人角色）。"""
    from ...services.workspace_review import reject as run

    view = run(settings(), user, suggestion_id, reason=reason)
    click.echo(f"已驳回修改建议 #{view.id}")


@group.command("suggest")
@click.argument("ref", metavar="报告")
@click.argument("section", metavar="部分", type=section_choice())
@click.option("--text", help="建议的文字")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), help="从文件读取（- 为标准输入）")
@click.option("--start", type=int, help="替换范围的起点（第几个字之后，从 0 起；默认整段）")
@click.option("--end", type=int, help="替换范围的终点")
@BASE
@user_option()
def suggest(ref, section, text, path, start, end, base, user):
    """对报告 的一个部分提出修改建议（不直接改动原文，等审核人处理）。"""
    from ...services.workspace_review import suggest as run

    view = run(settings(), user, ref, section, read_text(text, path), base=base, start=start, end=end)
    click.echo(f"已提出修改建议 #{view.id}（「{view.label}」{_where(view)}）")


@group.command("comment")
@click.argument("target", metavar="对象")
@click.argument("text", metavar="意见")
@click.option("--section", type=section_choice(), help="对报告的一个部分发表意见时：部分")
@click.option("--start", type=int, help="意见针对的文字范围起点")
@click.option("--end", type=int, help="意见针对的文字范围终点")
@user_option()
def comment(target, text, section, start, end, user):
    """发表意见：对象是修改建议编号；给出 --section 时，对象是报告「机关/年度」。"""
    from ...services.workspace_review import comment as run

    if section:
        view = run(settings(), user, text, ref=target, section=section, start=start, end=end)
    else:
        if not target.isdigit():
            from ...errors import NianbaoError

            raise NianbaoError("对象应是修改建议编号；对报告的某部分发表意见请加 --section")
        view = run(settings(), user, text, suggestion_id=int(target))
    click.echo(f"已记录意见 #{view.id}")


@group.command("history")
@click.argument("ref", metavar="报告")
@click.option("--section", type=section_choice(), help=SECTION_HELP)
@click.option("--diff", "show_diff", is_flag=True, help="逐字显示每一版的改动")
@click.option("--log", "show_log", is_flag=True, help="显示审核记录（谁在何时做了什么）")
@format_option()
@user_option()
def history(ref, section, show_diff, show_log, output_format, user):
    """报告 各部分的历次版本：谁、何时、来源。"""
    from ...services.workspace_reports import history as revisions
    from ...services.workspace_review import audit_log
    from ...workspace.texts import char_diff

    if show_log:
        entries = audit_log(settings(), user, ref)
        if output_format == "json":
            return echo_json(entries)
        for e in entries:
            detail = "，".join(f"{k}={v}" for k, v in e.detail.items() if v not in (None, ""))
            click.echo(f"{when(e.at, seconds=True)}\t{e.user or '—'}\t{e.action}\t{e.entity} {e.entity_id or ''}\t{detail}")
        return
    rows = revisions(settings(), user, ref, section)
    if output_format == "json":
        return echo_json(rows)
    previous: dict[str, str] = {}
    for r in rows:
        how = {"person": "人工", "template": "模板起草", "llm": f"大模型 {r.model}", "import": "导入"}[r.source]
        note = f"，{r.note}" if r.note else ""
        click.echo(f"{r.section}\t第 {r.number} 版\t{when(r.created_at)}\t{r.author or '—'}\t{how}{note}")
        if show_diff and r.number > 1:
            click.echo("  " + diff_text(char_diff(previous.get(r.section, ""), r.text)))
        previous[r.section] = r.text


@group.command("draft")
@click.argument("ref", metavar="报告")
@click.option("--section", "sections", multiple=True, type=section_choice(),
              help="要起草的部分（可多次给出；默认全部）")
@click.option("--facts", "facts_path", type=click.Path(dir_okay=False, path_type=Path),
              help="事实数据文件 facts.yaml（表格以外的数字）")
@click.option("--notes", "notes_path", type=click.Path(dir_okay=False, path_type=Path),
              help="补充说明文件 notes.yaml（按部分写给大模型的素材）")
@click.option("--offline", is_flag=True, help="不调用大模型，用模板起草")
@user_option()
def draft(ref, sections, facts_path, notes_path, offline, user):
    """起草报告的文字部分，结果作为修改建议等审核人处理（不直接改动原文）。

    上一年度的报告取自工作区（同一机关、上一年度）。
    """
    from ...drafting.facts import load_facts
    from ...drafting.notes import load_notes
    from ...services.workspace_review import draft as run

    rows = run(settings(), user, ref, sections=sections or None, facts=load_facts(facts_path),
               notes=load_notes(notes_path), offline=offline, notify=lambda m: click.echo(m, err=True))
    for s in rows:
        check = f"，数字核对问题 {len(s.blocking)} 个" if s.blocking else ""
        click.echo(f"修改建议 #{s.id}：「{s.label}」（{_who(s)}{check}）")
    click.echo(f"共提出 {len(rows)} 条修改建议；用 nianbao review list {ref} 查看。")


@group.command("import-docx")
@click.argument("path", metavar="文件", type=click.Path(dir_okay=False, path_type=Path))
@user_option()
def import_docx(path, user):
    """读回在 Word/WPS 里审阅过的 export-docx 文件：接受的修订即采纳，拒绝的即驳回，
    直接改动的文字成为审核人的新版本；对不上的逐条列出，不做猜测（需要审核人角色）。"""
    from ...errors import NianbaoError
    from ...services.workspace_review import import_docx as run

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NianbaoError("找不到文件", file=str(path)) from None
    result = run(settings(), user, data)
    click.echo(f"报告「{result['report']}」：采纳 {len(result['accepted'])} 条，驳回 {len(result['rejected'])} 条，"
               f"直接修改 {len(result['edited'])} 个部分，仍待处理 {len(result['pending'])} 条")
    for line in result["unmatched"]:
        click.echo(f"  未对应：{line}", err=True)
    return 1 if result["unmatched"] else 0
