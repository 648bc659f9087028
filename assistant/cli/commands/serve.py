"""nianbao serve: the web app for staff and reviewers (same services as the CLI)."""

from __future__ import annotations

import click

from ..common import settings


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（内网共享时改为 0.0.0.0）")
@click.option("--port", default=8000, show_default=True, type=int, help="端口")
def command(host: str, port: int):
    """启动网页服务（浏览器打开 http://HOST:PORT/）。"""
    import uvicorn

    from ...web import create_app

    uvicorn.run(create_app(settings()), host=host, port=port, log_level="warning")
