"""nianbao set: enter cells by hand (e.g. 表二, which no ledger covers)."""

from __future__ import annotations

from pathlib import Path

import click
import yaml

from ...errors import NianbaoError
from ...report.edit import parse_assignment, set_cells
from ...report.io import DecimalLoader, read_report
from ..common import output_option, report_argument, save


@click.command("set")
@report_argument()
@click.argument("assignments", nargs=-1)
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="从 YAML 文件读取「单元格键: 数值」",
)
@output_option("输出文件（不给则改写原报告文件）")
def command(report: Path, assignments: tuple[str, ...], from_file: Path | None, output: Path | None):
    """手工填写单元格，如：nianbao set 2022.yaml t2.rules.issued=0 t2.fees.amount=12.50

    值可以是数字、“/”（不适用）或 null（空白）。全部检查通过才写入。
    """
    doc = read_report(report)
    values: dict[str, object] = {}
    if from_file is not None:
        try:
            loaded = yaml.load(from_file.read_text(encoding="utf-8"), Loader=DecimalLoader)
        except FileNotFoundError:
            raise NianbaoError("找不到文件", file=str(from_file)) from None
        except yaml.YAMLError as exc:
            raise NianbaoError(f"YAML 格式有误：{exc}", file=str(from_file)) from None
        if not isinstance(loaded, dict):
            raise NianbaoError("应是「单元格键: 数值」的键值对", file=str(from_file))
        values.update({str(k): v for k, v in loaded.items()})
    for text in assignments:
        key, value = parse_assignment(text)
        values[key] = value
    if not values:
        raise NianbaoError("没有要填写的单元格：请给出 键=数值，或用 --from 指定文件")
    changes = set_cells(doc, values, origin=str(from_file) if from_file and not assignments else "输入")
    save(doc, output or report)
    for change in changes:
        old = change.old.display() or "（空白）"
        new = change.new.display() or "（空白）"
        click.echo(f"  {change.label}：{old} → {new}", err=True)
    click.echo(f"共改动 {len(changes)} 个单元格。", err=True)
