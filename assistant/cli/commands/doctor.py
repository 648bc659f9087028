"""nianbao doctor: what is configured, what works, what is missing — in plain Chinese."""

from __future__ import annotations

import json

import click

from ..common import settings

STATUS = {"ok": "正常", "missing": "未配置", "fail": "有问题"}


@click.command("doctor")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出方式：text 为逐项说明，json 供其他程序使用")
def command(fmt):
    """检查大模型、向量模型、检索库和工作目录是否可用，并说明缺少什么。离线模板起草可用时返回 0。"""
    from ...services.doctor import doctor

    result = doctor(settings())
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for c in result.checks:
            click.echo(f"[{STATUS[c.status]}] {c.name}：{c.message}")
        if result.offline_ok and result.llm_ok:
            click.echo("结论：可以使用大模型起草。")
        elif result.offline_ok:
            click.echo("结论：可以用模板离线起草（nianbao draft --offline）；大模型不可用。")
        else:
            click.echo("结论：基本功能不可用，请先解决上面标为“有问题”的项目。")
    return 0 if result.offline_ok else 1
