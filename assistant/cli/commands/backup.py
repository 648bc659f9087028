"""nianbao backup: a consistent copy of the workspace database."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import settings
from ..workspace_common import user_option


@click.command("backup")
@click.argument("destination", metavar="备份文件", type=click.Path(dir_okay=False, path_type=Path))
@user_option()
def command(destination, user):
    """把 SQLite 工作区备份到文件（使用中也可备份；需要管理员角色）。

    PostgreSQL 工作区请用数据库自己的工具：pg_dump -Fc -f nianbao.dump 数据库名
    """
    from ...services.workspace import backup

    path = backup(settings(), user, destination)
    click.echo(f"已备份到 {path}")
