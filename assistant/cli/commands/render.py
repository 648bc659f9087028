"""nianbao render: the final report as HTML, Word (DOCX), Markdown or PDF."""

from __future__ import annotations

from pathlib import Path

import click

from ..common import report_argument, settings


@click.command("render")
@report_argument()
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["html", "docx", "md", "pdf"]),
    default="html",
    show_default=True,
    help="输出格式：html 网页、docx Word 文档、md Markdown、pdf",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出文件（不给则写在报告文件旁边，扩展名按格式）",
)
@click.option("--draft", is_flag=True, help="输出草稿：即使检查发现错误也输出，每页带“草稿”标记")
@click.option(
    "--compare",
    "compare",
    type=click.Path(dir_okay=False, path_type=Path),
    help="上一年度的报告文件：加跨年度检查，并在文末附主要数据对比和图表",
)
def command(report: Path, fmt: str, output: Path | None, draft: bool, compare: Path | None):
    """输出最终报告。没有 --draft 时，检查发现错误或数据不一致就拒绝输出并列出问题。

    \b
    例：nianbao render 2024.yaml --format docx
        nianbao render 2024.yaml --format html -o 年报.html --compare 2023.yaml
        nianbao render 2024.yaml --format pdf --draft
    """
    from ...services.render import RenderRequest, render_file

    result = render_file(settings(), RenderRequest(report, fmt, output, draft, compare))
    click.echo(f"已输出{result.kind}（{result.fmt}）：{result.path}")
