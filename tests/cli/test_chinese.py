"""The CLI speaks Chinese throughout: click's own words (usage, options, errors) included."""

from __future__ import annotations

import re

import click
import pytest

from assistant.cli.zh import display_width

# click's English words as they appear in help and error output
ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Show this message|Show the version|Error:|No such|Missing|Invalid value|"
    r"is not one of|is not a valid|not in the range|Did you mean|Try '|unexpected extra|requires an argument|"
    r"\[default|\[required|INTEGER|TEXT|FILE|PATH\b|DIRECTORY|\[OPTIONS\]|COMMAND \[ARGS\]|version \d"
)


def _all_command_paths() -> list[tuple[str, ...]]:
    from assistant.cli import cli

    paths: list[tuple[str, ...]] = [()]
    ctx = click.Context(cli)

    def walk(group: click.Group, prefix: tuple[str, ...], ctx: click.Context) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            paths.append(prefix + (name,))
            if isinstance(command, click.Group):
                walk(command, prefix + (name,), click.Context(command, parent=ctx))

    walk(cli, (), ctx)
    return paths


def test_every_help_page_is_chinese(run_cli):
    paths = _all_command_paths()
    assert ("corpus", "search") in paths and ("ledger", "template") in paths
    for path in paths:
        code, out, err = run_cli(*path, "-h")
        assert code == 0, (path, err)
        assert out.startswith("用法：nianbao") and "选项：" in out and "显示本帮助并退出。" in out, path
        assert not ENGLISH.search(out), (path, ENGLISH.search(out).group(0))
        wide = [line for line in out.splitlines() if display_width(line) > 80]
        assert not wide, (path, wide)  # Chinese text wrapped by display width, not by characters


def test_version_is_chinese(run_cli):
    code, out, _ = run_cli("--version")
    assert code == 0 and out.startswith("nianbao，版本 ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("new",), "错误：缺少选项「--year」。"),
        (("validate",), "错误：缺少参数「REPORT」。"),
        (("new", "--yaer", "2020"), "错误：没有「--yaer」这个选项。是否应为「--year」？"),
        (("nosuch",), "错误：没有「nosuch」这个命令。"),
        (("new", "--year", "二〇二四", "--agency", "某局"), "错误：「--year」的值无效：「二〇二四」不是整数。"),
        (("new", "--year", "2024", "--agency", "某局", "--issuer-kind", "国"), "「国」不是可选的值（「人民政府」、「部门」）之一"),
        (("audit", "--workers", "99", "x"), "错误：「--workers」的值无效：99 不在 1<=x<=64 范围内。"),
        (("validate", "a.yaml", "b.yaml"), "错误：多余的参数（b.yaml）"),
        (("set", "a.yaml", "--from"), "错误：选项「--from」后面需要一个值。"),
    ],
)
def test_usage_errors_are_chinese_and_exit_2(run_cli, args, expected):
    code, out, err = run_cli(*args)
    assert code == 2
    assert expected in err
    assert not ENGLISH.search(err), ENGLISH.search(err).group(0)


def test_option_columns_line_up_by_display_width(run_cli):
    code, out, _ = run_cli("new", "-h")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("  -") or line.startswith("  --")]
    starts = {display_width(re.match(r"^  \S+(?: \S+)* {2,}", line).group(0)) for line in rows}
    assert len(starts) == 1, rows  # every description starts in the same column
