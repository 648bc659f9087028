"""Click's own words in Chinese: usage, option headings, help, version and every parse error.

Click translates through gettext, bound in each of its modules as `_` and `ngettext`. A
gettext catalogue would only be used when the user's locale asks for Chinese; the office
PCs this runs on often have an English or C locale, so the words are replaced directly,
once, when the CLI is imported. Anything not listed keeps click's original text.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import click
import click.types

# click's message template -> ours (same placeholders; `!r` dropped where 「」 quote instead)
WORDS: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已停用",
    "Aborted!": "已取消。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用「{command} {option}」查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有「{name}」这个选项。",
    "No such command {name!r}.": "没有「{name}」这个命令。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "unknown error": "未知错误",
    "Could not open file {filename!r}: {message}": "无法打开文件「{filename}」：{message}",
    "Option {name!r} does not take a value.": "选项「{name}」后面不能带值。",
    "Argument {name!r} takes {nargs} values.": "参数「{name}」需要 {nargs} 个值。",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value!r} is not a valid {number_type}.": "「{value}」不是{number_type}。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "「{value}」不是是否值，可用：{states}",
    "{value!r} is not a valid UUID.": "「{value}」不是有效的 UUID。",
    "{name} {filename!r} does not exist.": "{name}「{filename}」不存在。",
    "{name} {filename!r} is a file.": "{name}「{filename}」是文件，应是文件夹。",
    "{name} {filename!r} is a directory.": "{name}「{filename}」是文件夹，应是文件。",
    "{name} {filename!r} is not readable.": "{name}「{filename}」无法读取。",
    "{name} {filename!r} is not writable.": "{name}「{filename}」无法写入。",
    "{name} {filename!r} is not executable.": "{name}「{filename}」无法执行。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不再询问，直接执行。",
    "Repeat for confirmation": "请再输入一次确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
}

# ngettext(singular, plural, n): keyed by the singular; (Chinese singular, Chinese plural)
PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": ("多余的参数（{args}）", "多余的参数（{args}）"),
    "Did you mean {possibility}?": ("是否应为 {possibility}？", "（是否应为其中之一：{possibilities}？）"),
    "Option {name!r} requires an argument.": ("选项「{name}」后面需要一个值。", "选项「{name}」后面需要 {nargs} 个值。"),
    "{value!r} is not {choice}.": ("「{value}」不是可选的值 {choice}。", "「{value}」不是可选的值（{choices}）之一。"),
    "Takes {nargs} values but 1 was given.": ("需要 {nargs} 个值，只给了 1 个。", "需要 {nargs} 个值，给了 {len} 个。"),
    "{value!r} does not match the format {format}.": ("「{value}」不符合格式 {format}。", "「{value}」不符合格式 {formats}。"),
    "{len_type} values are required, but {len_value} was given.": (
        "需要 {len_type} 个值，给了 {len_value} 个。",
        "需要 {len_type} 个值，给了 {len_value} 个。",
    ),
}

# the names click shows as metavars (INTEGER, TEXT) and in "is not a valid integer"
TYPE_NAMES = {
    click.types.IntParamType: "整数",
    click.types.IntRange: "整数",
    click.types.FloatParamType: "数字",
    click.types.FloatRange: "数字",
    click.types.BoolParamType: "是否",
    click.types.StringParamType: "文本",
    click.types.DateTime: "日期时间",
    click.types.UUIDParameterType: "UUID",
}

OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if singular in PLURALS:
        return PLURALS[singular][0 if n == 1 else 1]
    return singular if n == 1 else plural


def polish(message: str) -> str:
    """Click's error text with Chinese quotes and full stops: '--year' -> 「--year」, 。 at the end."""
    message = re.sub(r"'([^'\n]*)'", r"「\1」", message)
    message = re.sub(r"(?<=[」）\u3400-\u9fff])\.(?=\s|$)", "。", message)
    message = message.replace("」, 「", "」、「")
    message = re.sub(r"(?<=[\u3400-\u9fff]) (?=「)|(?<=」) (?=[\u3400-\u9fff])", "", message)
    return re.sub(r"([。？）])[ ]+", r"\1", message)


def show(error: click.ClickException) -> None:
    """Print a click error as click does (usage, hint, 错误：…), with the message polished."""
    original = error.format_message
    error.format_message = lambda: polish(original())  # type: ignore[method-assign]
    error.show()


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_TOKENS = re.compile(r"[!-~]+|\s+|.")  # a run of ASCII stays together; any other character is its own token
_NO_LINE_START = set("，。、；：？！）」』〕】》")


def display_width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, limit: int) -> list[str]:
    """Wrap by display width; a Chinese closing mark never starts a line."""
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if not line.strip() or display_width(line + token.rstrip()) <= limit:
            line += token
        elif token[0] in _NO_LINE_START and len(line) > 1 and _CJK.match(line[-1]) and line[-1] not in _NO_LINE_START:
            lines.append(line[:-1].rstrip())  # carry the last character down with the mark
            line = line[-1] + token
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
    lines.append(line.rstrip())
    return lines


def _join(lines: list[str]) -> str:
    text = ""
    for line in (raw.strip() for raw in lines):
        ascii_seam = text and text[-1].isascii() and line[:1].isascii()
        text += (" " if ascii_seam else "") + line
    return text


class HelpFormatter(click.HelpFormatter):
    """Chinese punctuation in headings and usage (「选项：」, 「用法：」); columns and wrapping by display width.

    Click measures text in characters, so columns of Chinese text would not line up and
    paragraphs would run twice as wide as the terminal.
    """

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        limit = max(self.width - self.current_indent, 20)
        paragraphs = re.split(r"\n[ \t]*\n", text)
        for i, paragraph in enumerate(paragraphs):
            lines = paragraph.splitlines()
            preformatted = paragraph.startswith("\b") or any(ln[:1].isspace() for ln in lines[1:])
            if preformatted or not _CJK.search(paragraph):
                super().write_text(paragraph)
            else:
                self.write("".join(f"{indent}{ln}\n" for ln in wrap(_join(lines), limit)))
            if i < len(paragraphs) - 1:
                self.write("\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((display_width(r[0]) for r in rows), default=0), col_max)
        first_col = first_width + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_width:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - self.current_indent, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else gettext("Usage:"))


class Context(click.Context):
    formatter_class = HelpFormatter


def install() -> None:
    """Replace click's words with ours (idempotent; done once when the CLI is imported)."""
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}") or __import__(f"click.{name}", fromlist=["_"])
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    for kind, label in TYPE_NAMES.items():
        kind.name = label


def localize(command: click.Command) -> click.Command:
    """Chinese usage metavars and help formatting for a command and its sub-commands."""
    command.context_class = Context
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, click.Group):
        if command.subcommand_metavar.startswith("COMMAND"):
            command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            localize(sub)
    return command
