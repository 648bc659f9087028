"""nianbao export-docx: the review copy in Word, pending suggestions as tracked changes."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import settings
from ..workspace_common import user_option


@click.command("export-docx")
@click.argument("ref", metavar="报告")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="输出的 Word 文件")
@user_option()
def command(ref, output, user):
    """输出供审阅的 Word 文件：每条待处理的修改建议都是“修订”（插入/删除，带作者和时间），
    说明和意见是批注，可在 Word 或 WPS 里逐条接受或拒绝。"""
    from ...services.workspace_review import export_docx

    path, tracked, skipped = export_docx(settings(), user, ref, output)
    click.echo(f"已输出 {path}：{len(tracked)} 条修改建议作为修订写入")
    for sid, why in skipped.items():
        click.echo(f"  #{sid} 未写入：{why}", err=True)
