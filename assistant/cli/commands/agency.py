"""nianbao agency: the agencies (机关) of the workspace."""

from __future__ import annotations

import click

from ..common import settings
from ..workspace_common import echo_json, format_option, user_option


@click.group("agency")
def group():
    """机关：添加、列出。"""


@group.command("add")
@click.argument("name", metavar="机关名称")
@click.option("--kind", "issuer_kind", type=click.Choice(["人民政府", "部门"]), required=True, help="机关类型")
@click.option("--parent", metavar="机关名称", help="上级机关（汇总用）")
@user_option()
def add(name, issuer_kind, parent, user):
    """添加机关（需要管理员角色；添加人自动成为该机关成员）。"""
    from ...services.workspace import add_agency

    view = add_agency(settings(), user, name, issuer_kind=issuer_kind, parent=parent)
    click.echo(f"已添加机关「{view.name}」（{view.issuer_kind}）" + (f"，上级：{view.parent}" if view.parent else ""))


@group.command("list")
@format_option()
@user_option()
def list_(output_format, user):
    """列出您所在的机关。"""
    from ...services.workspace import list_agencies

    rows = list_agencies(settings(), user)
    if output_format == "json":
        return echo_json(rows)
    for a in rows:
        click.echo(f"{a.name}\t{a.issuer_kind}" + (f"\t上级：{a.parent}" if a.parent else ""))
