"""nianbao workspace: create the workspace database and its first 管理员."""

from __future__ import annotations

import click

from ..common import settings
from ..workspace_common import read_password, user_option


@click.group("workspace")
def group():
    """工作区：报告、修改建议和审核记录的数据库。"""


@group.command("init")
@click.option("--admin", metavar="用户名", help="第一位管理员的用户名（工作区还没有用户时）")
@click.option("--agency", metavar="机关名称", help="管理员所在的机关")
@click.option("--kind", "issuer_kind", type=click.Choice(["人民政府", "部门"]), default="人民政府", show_default=True,
              help="机关类型")
@click.option("--password", "ask_password", is_flag=True, help="为管理员设置网页登录密码（输入时不显示）")
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（一行）")
def init(admin, agency, issuer_kind, ask_password, password_stdin):
    """建立工作区数据库（已存在时检查并升级），可同时建立第一位管理员。

    默认是工作目录里的 SQLite 文件；设置 NIANBAO_DATABASE_URL=postgresql+psycopg://… 则用 PostgreSQL。
    """
    from ...services.workspace import init as run

    password = read_password(ask_password, password_stdin) if admin else None
    url, user = run(settings(), admin=admin, password=password, agency=agency, issuer_kind=issuer_kind)
    click.echo(f"工作区已就绪：{url}")
    if user:
        click.echo(f"已建立管理员「{user.name}」（{'、'.join(user.agencies)}）")


@group.command("check")
@user_option()
def check(user):
    """检查工作区是否完整：版本链、校验值、修改建议的位置、审核记录（只查您所在机关的报告）。"""
    from ...errors import EXIT_FINDINGS
    from ...services.workspace import verify

    problems = verify(settings(), user)
    for p in problems:
        click.echo(f"  {p}")
    if problems:
        click.echo(f"发现 {len(problems)} 个问题。", err=True)
        return EXIT_FINDINGS
    click.echo("工作区完整，没有发现问题。")
