"""Options and helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the report and settings modules load only when a command runs, not for --help
    from ..report.model import Report
    from ..settings import Settings


def settings(ctx: click.Context | None = None) -> Settings:
    """The one settings object, read from the environment the first time a command asks."""
    from ..settings import Settings, load_settings

    root = (ctx or click.get_current_context()).find_root()
    if not isinstance(root.obj, Settings):
        root.obj = load_settings()
    return root.obj


def output_option(help_text: str = "输出文件（按扩展名选择 YAML 或 JSON；不给则输出到屏幕）"):
    return click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), help=help_text)


def report_argument(name: str = "report"):
    return click.argument(name, type=click.Path(dir_okay=False, path_type=Path))


def previous_option():
    return click.option(
        "--previous",
        type=click.Path(dir_okay=False, path_type=Path),
        help="上一年度的报告文件（启用跨年度检查）",
    )


def load(path: Path | None) -> Report | None:
    from ..report.io import read_report

    return read_report(path) if path is not None else None


def save(report: Report, output: Path | None) -> None:
    if output is not None:
        from ..report.io import write_report

        write_report(report, output)
    print_report(report, output)


def print_report(report: Report, written: Path | None) -> None:
    """After a service ran: the report itself on standard output, or where it was written."""
    if written is None:
        from ..report.io import dumps_report

        click.echo(dumps_report(report, "yaml"), nl=False)
    else:
        click.echo(f"已写入 {written}", err=True)
