"""nianbao render: the final report as HTML, Word (DOCX), Markdown or PDF."""

from __future__ import annotations

from pathlib import Path

import click

from ...errors import NianbaoError
from ..common import load, report_argument


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
    from ...render import EXTENSIONS, render

    current = load(report)
    previous = load(compare)
    data = render(current, fmt, draft=draft, previous=previous)
    target = output or report.with_suffix(EXTENSIONS[fmt])
    if target.resolve() == report.resolve():
        raise NianbaoError("输出文件不能与报告文件相同，请用 -o 指定其他文件名", file=str(report))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)  # never leave a half-written file in place of a good one
    except OSError as exc:
        raise NianbaoError(f"无法写入输出文件：{exc.strerror or exc}", file=str(target)) from exc
    kind = "草稿" if draft else "正式稿"
    click.echo(f"已输出{kind}（{fmt}）：{target}")
