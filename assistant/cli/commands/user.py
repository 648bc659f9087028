"""nianbao user: people of the workspace, their roles (起草人/审核人/管理员) and agencies."""

from __future__ import annotations

import click

from ..common import settings
from ..workspace_common import echo_json, format_option, read_password, user_option

ROLE = click.Choice(["起草人", "审核人", "管理员"])


@click.group("user")
def group():
    """用户：添加、改密码、改角色和所属机关、列出。"""


@group.command("add")
@click.argument("name", metavar="用户名")
@click.option("--role", "roles", multiple=True, type=ROLE, required=True, help="角色（可多次给出）")
@click.option("--agency", "agencies", multiple=True, required=True, metavar="机关名称", help="所属机关（可多次给出）")
@click.option("--password", "ask_password", is_flag=True, help="设置网页登录密码（输入时不显示）")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）")
@user_option()
def add(name, roles, agencies, ask_password, password_stdin, user):
    """添加用户（需要管理员角色）。"""
    from ...services.workspace import add_user

    view = add_user(settings(), user, name, roles=list(roles), agencies=list(agencies),
                    password=read_password(ask_password, password_stdin))
    click.echo(f"已添加用户「{view.name}」：{'、'.join(view.roles)}；{'、'.join(view.agencies)}")


@group.command("passwd")
@click.argument("name", metavar="用户名")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取新密码（一行）")
@user_option()
def passwd(name, password_stdin, user):
    """设置用户 的网页登录密码（本人，或管理员）。"""
    from ...services.workspace import set_password

    set_password(settings(), user, name, read_password(True, password_stdin))
    click.echo(f"已设置「{name}」的密码")


@group.command("role")
@click.argument("name", metavar="用户名")
@click.option("--add", "add_roles", multiple=True, type=ROLE, help="加上角色")
@click.option("--remove", "remove_roles", multiple=True, type=ROLE, help="去掉角色")
@click.option("--join", multiple=True, metavar="机关名称", help="加入机关")
@click.option("--leave", multiple=True, metavar="机关名称", help="离开机关")
@click.option("--disable", is_flag=True, help="停用（不能再登录和操作）")
@click.option("--enable", is_flag=True, help="恢复使用")
@user_option()
def role(name, add_roles, remove_roles, join, leave, disable, enable, user):
    """改用户 的角色和所属机关（需要管理员角色）。"""
    from ...services.workspace import set_roles

    active = False if disable else True if enable else None
    view = set_roles(settings(), user, name, add=list(add_roles), remove=list(remove_roles), join=list(join),
                     leave=list(leave), active=active)
    state = "" if view.active else "（已停用）"
    click.echo(f"「{view.name}」{state}：{'、'.join(view.roles) or '无角色'}；{'、'.join(view.agencies) or '无机关'}")


@group.command("list")
@format_option()
@user_option()
def list_(output_format, user):
    """列出与您同属一个机关的用户。"""
    from ...services.workspace import list_users

    users = list_users(settings(), user)
    if output_format == "json":
        return echo_json(users)
    for u in users:
        flags = "" if u.can_sign_in else "（不能登录）"
        click.echo(f"{u.name}{flags}\t{'、'.join(u.roles) or '—'}\t{'、'.join(u.agencies)}")
