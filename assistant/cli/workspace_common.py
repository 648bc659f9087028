"""Options and printing shared by the workspace commands (workspace, user, agency, report, review)."""

from __future__ import annotations

import json
import sys

import click

from ..report.format import SECTION_KEYS, SECTION_LABELS


def user_option():
    return click.option(
        "--user", "user", envvar="NIANBAO_USER", metavar="用户名",
        help="操作人（工作区里的用户名）；也可用环境变量 NIANBAO_USER",
    )


def format_option():
    return click.option(
        "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help="输出方式：text 供人阅读，json 供其他程序使用",
    )


def section_choice():
    return click.Choice(list(SECTION_KEYS))


SECTION_HELP = "部分：" + "，".join(f"{k}={v}" for k, v in SECTION_LABELS.items())


def echo_json(data) -> None:
    """Pydantic models, lists of them, or plain data, as indented JSON."""

    def plain(value):
        if hasattr(value, "model_dump"):
            return value.model_dump(mode="json")
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    click.echo(json.dumps(plain(data), ensure_ascii=False, indent=2, default=str))


def when(value, *, seconds: bool = False) -> str:
    """A stored time (UTC) in the machine's local time."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def diff_text(runs) -> str:
    """A character diff as text: [-deleted-]{+inserted+}, coloured on a terminal."""
    out = []
    for run in runs:
        op, text = (run.op, run.text) if hasattr(run, "op") else run
        if op == "equal":
            out.append(text)
        elif op == "delete":
            out.append(click.style(f"[-{text}-]", fg="red"))
        else:
            out.append(click.style(f"{{+{text}+}}", fg="green"))
    return "".join(out)


def read_text(text: str | None, path) -> str:
    """Text from --text, or from --file (「-」 = standard input)."""
    from ..errors import NianbaoError

    if (text is None) == (path is None):
        raise NianbaoError("请用 --text 或 --file 给出文字（二者选一）")
    if text is not None:
        return text
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return open(path, encoding="utf-8-sig").read()
    except UnicodeDecodeError:
        raise NianbaoError("文件不是 UTF-8 编码的文本", file=str(path)) from None
    except FileNotFoundError:
        raise NianbaoError("找不到文件", file=str(path)) from None


def read_password(prompt: bool, stdin: bool) -> str | None:
    if stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if prompt:
        return click.prompt("密码", hide_input=True, confirmation_prompt="再输入一次")
    return None
