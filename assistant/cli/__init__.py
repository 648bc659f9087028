"""The `nianbao` command: a thin layer that parses arguments and calls the services.

Each sub-command lives in its own module under commands/ and is imported only when
used, so `nianbao validate` does not pay for Chroma or langchain imports.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from .. import __version__
from ..errors import EXIT_INTERNAL, EXIT_UNUSABLE, NianbaoError, error_body, os_reason, show_tracebacks
from . import zh

zh.install()  # click's own words (Usage, Options, errors) in Chinese, before any option is declared

# name -> (module under assistant.cli.commands, attribute, one-line help shown in the list)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "new": ("new", "command", "新建空白报告文件"),
    "set": ("set_cells", "command", "手工填写单元格（如表二）"),
    "validate": ("validate", "command", "检查报告的表格勾稽关系、结构和文字"),
    "import": ("import_", "command", "把已发布的年报（网页文本、HTML、Word、PDF）导入为报告文件"),
    "audit": ("audit", "command", "批量导入并检查多份年报，生成汇总表"),
    "ledger": ("ledger", "group", "依申请公开台账：生成模板"),
    "fill": ("fill", "command", "根据台账填写表三（和表四）"),
    "rollup": ("rollup", "command", "把各部门报告汇总为本级政府总数"),
    "corpus": ("corpus", "group", "检索库：添加、列出、删除、重建、检索往年报告和法规"),
    "draft": ("draft", "command", "起草报告文字部分"),
    "doctor": ("doctor", "command", "检查大模型、向量模型、检索库和工作目录的配置"),
    "render": ("render", "command", "输出最终报告：网页、Word、Markdown、PDF"),
    "serve": ("serve", "command", "启动网页服务"),
    "workspace": ("workspace", "group", "工作区：建立报告和审核记录的数据库"),
    "user": ("user", "group", "工作区用户：添加、改密码、改角色"),
    "agency": ("agency", "group", "工作区机关：添加、列出"),
    "report": ("report", "group", "工作区报告：新建、查看、改状态、导出和导入"),
    "review": ("review", "group", "审核修改建议：采纳、修改后采纳、驳回、意见、历史"),
    "backup": ("backup", "command", "备份工作区数据库"),
    "export-docx": ("export_docx", "command", "输出供审阅的 Word 文件（修改建议为修订）"),
}


def _available(module: str) -> bool:
    return importlib.util.find_spec(f"{__name__}.commands.{module}") is not None


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _, _) in COMMANDS.items() if _available(module)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(COMMANDS[name][0]):
            return None
        module, attr, _ = COMMANDS[name]
        return zh.localize(getattr(importlib.import_module(f"{__name__}.commands.{module}"), attr))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("命令"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar=zh.OPTIONS_METAVAR,
    subcommand_metavar=zh.SUBCOMMAND_METAVAR,
)
@click.version_option(__version__, prog_name="nianbao")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """年报助手：起草、检查、输出政府信息公开工作年度报告。

    工作目录由环境变量 NIANBAO_HOME 指定；其他设置见 README。
    """
    ctx.obj = None  # pydantic-settings loads when a command first needs the settings (common.settings)


cli.context_class = zh.Context


def _wants_json(argv: list[str]) -> bool:
    args = [str(a) for a in argv]
    return "--format=json" in args or any(a == "--format" and b == "json" for a, b in zip(args, args[1:]))


def main(argv: list[str] | None = None) -> None:
    """Console entry point: one error handler for every command."""
    try:
        result = cli.main(args=argv, prog_name="nianbao", standalone_mode=False)
    except NianbaoError as error:
        if _wants_json(sys.argv[1:] if argv is None else argv):
            # programs asking for JSON get the web's error body on stdout; people read stderr
            from ..report.io import dumps_json

            click.echo(dumps_json(error_body(error)), nl=False)
        click.echo(f"错误：{error}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(1)
    except click.ClickException as error:
        zh.show(error)
        sys.exit(error.exit_code)
    except OSError as error:  # an unwritable output folder, a full disk, a locked file
        if show_tracebacks():
            raise
        where = f"{error.filename}：" if error.filename else ""
        click.echo(f"错误：{where}无法读写文件（{os_reason(error)}）", err=True)
        sys.exit(EXIT_UNUSABLE)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except Exception as error:  # no tracebacks for users
        if show_tracebacks():
            raise
        click.echo(f"内部错误：{type(error).__name__}: {error}\n（设置 NIANBAO_DEBUG=1 可看到详细信息）", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(result if isinstance(result, int) else 0)
