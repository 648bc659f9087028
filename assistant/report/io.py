"""The report file: the YAML/JSON interchange form every command reads and writes.

Reading is strict and every complaint names the file, the line and the key. Hostile input
is bounded: no YAML anchors or aliases, numbers of at most MAX_DIGITS digits, nesting of at
most MAX_DEPTH levels, sections of at most MAX_SECTION_CHARS characters.

Writing is exact: read -> write -> read gives the same report (money keeps its decimals,
"/" stays "/", blank stays null). Every write takes a lock on the folder, writes a
uniquely named temporary file, syncs it to disk and renames it over the target; a report
read from a file is not written back when that file changed since it was read (another
command or person changed it), so no update is lost in silence.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import json
import os
import re
import sys
import tempfile
import weakref
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import NianbaoError, os_reason
from .cells import BLANK, MAX_DIGITS, CellValue, format_number, is_na_mark, number_in_bounds, parse_number_text
from .format import SECTION_KEYS, FormatVersion, cell_specs, version_of_key
from .model import YEAR_MAX, YEAR_MIN, Report

MAX_DEPTH = 20  # a report file is 4 levels deep; provenance entries add a few
MAX_SECTION_CHARS = 500_000  # a real part is a few thousand characters
MAX_HEADING_CHARS = 200

TOP_LEVEL = (
    "agency",
    "issuer_kind",
    "year",
    "format",
    "published",
    "contact",
    "source",
    "cells",
    "sections",
    "headings",
    "provenance",
)
REQUIRED = ("agency", "issuer_kind", "year", "format")
FIELD_LABELS = {
    "agency": "机关名称",
    "issuer_kind": "发布机关类型",
    "year": "报告年度",
    "format": "格式版本",
    "published": "发布日期",
    "contact": "联系方式",
    "source": "来源文件",
    "cells": "表格单元格",
    "sections": "文字部分",
    "headings": "各部分标题",
    "provenance": "数据来源",
}


def file_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    raise NianbaoError(
        f"报告文件的扩展名应为 .yaml、.yml 或 .json，不能识别「{suffix or '（无扩展名）'}」",
        file=str(path),
    )


# -- reading ---------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Safe YAML with floats as Decimal (12.50 stays 12.50), no anchors or aliases, bounded depth.

    An alias can make a few bytes expand into gigabytes (billion laughs), so report files
    may not use them at all; nobody writes them by hand in a report.
    """

    name = "<报告文件>"
    _depth = 0

    def refuse(self, message: str, node_or_event: Any) -> NianbaoError:
        mark = getattr(node_or_event, "start_mark", None)
        return NianbaoError(message, file=self.name, line=mark.line + 1 if mark else None)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise self.refuse("报告文件中不能使用 YAML 锚点或别名（&名称、*名称），请把内容直接写出", event)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise self.refuse(f"嵌套层次过深（超过 {MAX_DEPTH} 层），这不是报告文件", event)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _number_refusal(text: str) -> str:
    shown = text if len(text) <= 30 else text[:30] + "…"
    return f"数字「{shown}」过大或位数过多（最多 {MAX_DIGITS} 位）"


def _construct_float(loader: _Loader, node: yaml.Node) -> Decimal | str:
    text = loader.construct_scalar(node)
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:  # .nan, .inf: leave the text so the cell check names it
        return text
    if not value.is_finite():
        return text
    if not number_in_bounds(value):
        raise loader.refuse(_number_refusal(text), node)
    return value


def _construct_int(loader: _Loader, node: yaml.Node) -> int:
    text = loader.construct_scalar(node)
    if len(text.replace("_", "").lstrip("+-")) > MAX_DIGITS:  # before int(): 5,000 digits cost time
        raise loader.refuse(_number_refusal(text), node)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A malformed date (2023-13-45) stays text, so the field check can name it."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _loader(text: str, name: str) -> _Loader:
    loader = _Loader(text)
    loader.name = name
    return loader


def _yaml_load(text: str, name: str) -> tuple[Any, dict[tuple[str, ...], int]]:
    """Parse YAML and remember the line of every mapping key (by its path)."""
    try:
        loader = _loader(text, name)  # the reader already refuses NUL and other control characters
    except yaml.YAMLError as exc:
        raise NianbaoError(f"YAML 格式有误：{_yaml_problem(exc)}", file=name) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise NianbaoError("文件是空的，不是报告文件", file=name)
        lines: dict[tuple[str, ...], int] = {}
        _walk(node, (), lines, name)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise NianbaoError(
            f"YAML 格式有误：{exc.problem or exc.context}",
            file=name,
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise NianbaoError(f"YAML 格式有误：{_yaml_problem(exc)}", file=name) from None
    finally:
        loader.dispose()
    return data, lines


def _yaml_problem(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.reader.ReaderError):
        return f"含有不允许的控制字符（#x{exc.character:04x}），位置 {exc.position}"
    return str(exc)


def _walk(node: yaml.Node, path: tuple[str, ...], lines: dict, name: str) -> None:
    if isinstance(node, yaml.MappingNode) and len(path) < 3:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise NianbaoError(f"键「{key}」重复出现", file=name, line=key_node.start_mark.line + 1)
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, name)


def _json_load(text: str, name: str) -> tuple[Any, dict[tuple[str, ...], int]]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
        out: dict = {}
        for k, v in pairs:
            if k in out:
                raise NianbaoError(f"键「{k}」重复出现", file=name, line=_json_repeat_line(text, k))
            out[k] = v
        return out

    def bounded_int(text: str) -> int:
        if len(text.lstrip("-")) > MAX_DIGITS:  # before int(): 5,000 digits cost time
            raise NianbaoError(_number_refusal(text), file=name)
        return int(text)

    def bounded_float(text: str) -> Decimal:
        value = Decimal(text)
        if not number_in_bounds(value):  # 1e999999999 would print as a billion digits
            raise NianbaoError(_number_refusal(text), file=name)
        return value

    if not text.strip():
        raise NianbaoError("文件是空的，不是报告文件", file=name)
    try:
        # NaN/Infinity stay text, so the cell check refuses them with the key and line
        data = json.loads(
            text,
            parse_float=bounded_float,
            parse_int=bounded_int,
            parse_constant=str,
            object_pairs_hook=no_duplicates,
        )
    except json.JSONDecodeError as exc:
        raise NianbaoError(f"JSON 格式有误：{exc.msg}", file=name, line=exc.lineno) from None
    except RecursionError:
        raise NianbaoError(f"嵌套层次过深（超过 {MAX_DEPTH} 层），这不是报告文件", file=name) from None
    if _depth(data) > MAX_DEPTH:
        raise NianbaoError(f"嵌套层次过深（超过 {MAX_DEPTH} 层），这不是报告文件", file=name)
    return data, _JsonLines(text)


def _depth(data: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, level + 1) for child in children)
    return deepest


class _JsonLines(dict):
    """Line lookup for JSON keys by searching the text (json has no node marks)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def get(self, path, default=None):  # type: ignore[override]
        return _json_line(self.text, path) or default


def _json_line(text: str, path: tuple[str, ...]) -> int | None:
    pos = 0
    for part in path:
        match = re.compile(re.escape(json.dumps(part, ensure_ascii=False)) + r"\s*:").search(text, pos)
        if not match:
            match = re.compile(re.escape(json.dumps(part)) + r"\s*:").search(text, pos)
        if not match:
            return None
        pos = match.start()
    return text.count("\n", 0, pos) + 1


def _json_repeat_line(text: str, key: str) -> int | None:
    """The line of the second occurrence of a key (the duplicate), else of the first."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    starts = [m.start() for m in pattern.finditer(text)]
    if not starts:
        return _json_line(text, (key,))
    pos = starts[1] if len(starts) > 1 else starts[0]
    return text.count("\n", 0, pos) + 1


def parse_cell_value(value: Any) -> CellValue | None:
    """A file value as a cell, or None when it is neither a number, null nor an n/a mark."""
    if value is None:
        return BLANK
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return CellValue.of(value)
    if isinstance(value, Decimal):
        return CellValue(number=value) if value.is_finite() else None
    if isinstance(value, float):
        number = Decimal(repr(value))
        return CellValue(number=number) if number.is_finite() else None
    if isinstance(value, str):
        if is_na_mark(value):
            return CellValue.na(value.strip())
        number = parse_number_text(value)
        if number is not None:
            return CellValue(number=number)
        if not value.strip():
            return BLANK
    return None


def loads_report(text: str, kind: str, name: str = "<报告文件>") -> Report:
    data, lines = _yaml_load(text, name) if kind == "yaml" else _json_load(text, name)
    return _build(data, lines, name)


def read_report(path: str | Path) -> Report:
    path = Path(path)
    file_format(path)
    raw = _read_bytes(path, "报告文件")
    report = report_from_bytes(raw, str(path))
    _remember(report, path, raw)  # writing it back checks that nobody changed the file since
    return report


def report_from_bytes(raw: bytes, name: str) -> Report:
    """A report file's bytes (read from disk or uploaded); the kind comes from the name."""
    kind = file_format(name)
    return loads_report(_decode(raw, name, "报告文件"), kind, name)


def read_cell_values(path: str | Path) -> dict[str, Any]:
    """A YAML file of 「单元格键: 数值」 (nianbao set --from), values as the report reader reads them."""
    name = str(path)
    text = _decode(_read_bytes(Path(path), "文件"), name, "文件")
    try:
        loader = _loader(text, name)
        try:
            loaded = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise NianbaoError(f"YAML 格式有误：{_yaml_problem(exc)}", file=name) from None
    if not isinstance(loaded, dict):
        raise NianbaoError("应是「单元格键: 数值」的键值对", file=name)
    return {str(k): v for k, v in loaded.items()}


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NianbaoError(f"找不到{what}", file=str(path)) from None
    except OSError as exc:
        raise NianbaoError(f"无法读取{what}：{os_reason(exc)}", file=str(path)) from None


def _decode(raw: bytes, name: str, what: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NianbaoError(f"{what}不是 UTF-8 编码的文本", file=name) from None


def _build(data: Any, lines: dict, name: str) -> Report:
    def fail(message: str, *path: str) -> NianbaoError:
        return NianbaoError(message, file=name, line=lines.get(path) if path else None)

    if not isinstance(data, dict):
        raise fail("报告文件的最外层应是键值对（agency、year、cells 等），这里不是")
    for key in data:
        if key not in TOP_LEVEL:
            hint = _suggest(str(key), TOP_LEVEL)
            raise fail(f"未知字段「{key}」{hint}", str(key))
    for key in REQUIRED:
        if data.get(key) in (None, ""):
            raise fail(f"缺少必填字段「{key}」（{FIELD_LABELS[key]}）")

    fmt = str(data["format"]).strip()
    if fmt not in ("2019", "2021"):
        raise fail(f"字段「format」（格式版本）的值「{data['format']}」无效，应为 \"2019\" 或 \"2021\"", "format")
    version = FormatVersion(fmt)
    specs = cell_specs(version)

    cells_raw = data.get("cells") or {}
    if not isinstance(cells_raw, dict):
        raise fail("cells 应是「单元格键: 数值」的键值对", "cells")
    cells: dict[str, CellValue] = {}
    for key, value in cells_raw.items():
        key = str(key)
        if key not in specs:
            others = [v.value for v in version_of_key(key)]
            if others:
                raise fail(
                    f"单元格「{key}」属于 {others[0]} 版格式，本报告是 {fmt} 版格式", "cells", key
                )
            raise fail(f"未知的单元格「{key}」{_suggest(key, specs)}", "cells", key)
        cell = parse_cell_value(value)
        if cell is not None and cell.number is not None and not number_in_bounds(cell.number):
            raise fail(f"单元格「{key}」（{specs[key].label}）的{_number_refusal(str(value))}", "cells", key)
        if cell is None:
            raise fail(
                f"单元格「{key}」（{specs[key].label}）的值「{value}」不是数字，"
                "也不是空白（null）或不适用标记（/）",
                "cells",
                key,
            )
        cells[key] = cell

    sections_raw = data.get("sections") or {}
    if not isinstance(sections_raw, dict):
        raise fail("sections 应是「部分: 文本」的键值对", "sections")
    for key, value in sections_raw.items():
        if key not in SECTION_KEYS:
            raise fail(
                f"未知的部分「{key}」，可用的有：{'、'.join(SECTION_KEYS)}", "sections", str(key)
            )
        if value is not None and not isinstance(value, str):
            raise fail(f"部分「{key}」的内容应是文本", "sections", key)

    fields = {k: data[k] for k in TOP_LEVEL if k in data and k not in ("cells", "format")}
    for key in ("agency", "issuer_kind", "source"):
        if key in fields and fields[key] is not None and not isinstance(fields[key], str):
            raise fail(f"字段「{key}」（{FIELD_LABELS[key]}）应是文本", key)
    for key, value in sections_raw.items():
        if value is not None and len(value) > MAX_SECTION_CHARS:
            raise fail(
                f"部分「{key}」有 {len(value)} 个字，超过上限 {MAX_SECTION_CHARS} 字，这不像年报的一个部分",
                "sections",
                key,
            )
    headings = fields.get("headings")
    if headings is not None:
        if not isinstance(headings, dict):
            raise fail("字段「headings」（各部分标题）应是「部分: 标题」的键值对", "headings")
        for key, value in headings.items():
            if not isinstance(value, str) or len(value) > MAX_HEADING_CHARS:
                raise fail(
                    f"字段「headings.{key}」（各部分标题）应是不超过 {MAX_HEADING_CHARS} 字的文本", "headings", str(key)
                )
    contact = fields.get("contact")
    if contact is not None:
        if not isinstance(contact, dict):
            raise fail("字段「contact」（联系方式）应是键值对（address、phone、postcode、email、website）", "contact")
        for key, value in contact.items():
            if value is not None and not isinstance(value, (str, int)):
                raise fail(f"字段「contact.{key}」（联系方式）应是文本", "contact", str(key))
        fields["contact"] = {k: (str(v) if isinstance(v, int) else v) for k, v in contact.items()}
    try:
        return Report(format=version, cells=cells, **fields)
    except ValidationError as exc:
        raise model_error(exc, name, lines) from None


def model_error(exc: ValidationError, name: str | None = None, lines: dict | None = None) -> NianbaoError:
    """A report model's ValidationError as a Chinese message naming the field (and its line)."""
    err = exc.errors()[0]
    loc = tuple(str(p) for p in err["loc"])
    field = loc[0] if loc else ""
    label = FIELD_LABELS.get(field, field)
    value = str(err.get("input", ""))
    shown = value if len(value) <= 40 else value[:40] + "…"
    line = lines.get(loc[:2]) or lines.get(loc[:1]) if lines and loc else None
    return NianbaoError(f"字段「{'.'.join(loc)}」（{label}）的值「{shown}」无效：{_pydantic_msg(err)}", file=name, line=line)


def _pydantic_msg(err: dict) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    year = bool(err["loc"]) and err["loc"][0] == "year"
    if kind == "literal_error" and err["loc"][0] == "issuer_kind":
        return "应为「人民政府」或「部门」"
    if year and (kind.startswith("greater") or kind.startswith("less")):
        return f"超出支持的年度范围（{YEAR_MIN}—{YEAR_MAX} 年）"
    if year and kind.startswith("int"):
        return "应为四位数的年份"
    if kind.startswith("int"):
        return "应为整数"
    if kind.startswith("date"):
        return "应为日期，如 2025-01-20"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "应是键值对"
    if kind == "string_type":
        return "应是文本"
    if kind == "value_error":
        return str(err.get("msg", "")).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return "不认识这个字段"
    if kind.startswith("string_too_short"):
        return "不能为空"
    if kind.startswith("string_too_long"):
        return f"太长（最多 {ctx.get('max_length')} 个字符）"
    return "格式不对"


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"，是否应为「{close[0]}」？" if close else ""


# -- writing ---------------------------------------------------------------------------


def report_to_data(report: Report) -> dict[str, Any]:
    specs = cell_specs(report.format)
    data: dict[str, Any] = {
        "agency": report.agency,
        "issuer_kind": report.issuer_kind,
        "year": report.year,
        "format": report.format.value,
    }
    if report.published is not None:
        data["published"] = report.published
    if report.contact is not None:
        data["contact"] = report.contact.model_dump(exclude_none=True)
    if report.source is not None:
        data["source"] = report.source
    cells: dict[str, Any] = {}
    for key, cell in report.cells.items():
        if cell.number is not None:
            integral = cell.number == cell.number.to_integral_value() and "." not in format_number(cell.number)
            cells[key] = int(cell.number) if integral and specs[key].kind != "money" else cell.number
        elif cell.na_mark is not None:
            cells[key] = cell.na_mark
        else:
            cells[key] = None
    data["cells"] = cells
    data["sections"] = {k: v for k, v in report.sections.items()}
    if report.headings:
        data["headings"] = dict(report.headings)
    if report.provenance:
        data["provenance"] = report.provenance
    return data


class _Dumper(yaml.SafeDumper):
    pass


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = format_number(value)
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


# YAML folds these into plain spaces or line breaks unless they are escaped in "…".
_YAML_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if any(c in value for c in _YAML_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)


_DEC = "\u2063DEC:"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{_DEC}{format_number(value)}{_DEC}"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps_json(data: Any) -> str:
    """JSON with Decimals written as exact numbers (json cannot do that by itself)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    return re.sub(rf'"{_DEC}(-?[0-9.]+){_DEC}"', r"\1", text) + "\n"


def dumps_report(report: Report, kind: str = "yaml") -> str:
    data = report_to_data(report)
    if kind == "json":
        return dumps_json(data)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def write_report(report: Report, path: str | Path | None, kind: str | None = None) -> None:
    """Write to `path` (format from the extension), or to standard output when path is None.

    A report read from `path` is written back only if the file is still as it was read.
    """
    if path is None or str(path) == "-":
        sys.stdout.write(dumps_report(report, kind or "yaml"))
        return
    path = Path(path)
    data = dumps_report(report, kind or file_format(path)).encode("utf-8")
    origin = _ORIGINS.get(id(report))
    expect = origin[1] if origin is not None and origin[0] == _identity(path) else None
    write_atomic(path, data, expect=expect)
    _remember(report, path, data)


# -- where a report was read from: (file identity, digest of the bytes read) -----------
# Kept beside the report (not in it), so equality and copies of reports are untouched.
_ORIGINS: dict[int, tuple[str, str]] = {}


def _identity(path: Path) -> str:
    return os.path.realpath(path)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _remember(report: Report, path: Path, data: bytes) -> None:
    key = id(report)
    if key not in _ORIGINS:
        weakref.finalize(report, _ORIGINS.pop, key, None)
    _ORIGINS[key] = (_identity(path), _digest(data))


def _current_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except FileNotFoundError:
        return None


_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: str | Path, data: bytes, *, expect: str | None = None) -> None:
    """Write a whole file or nothing: a failed write never leaves half a file behind.

    Every file the program writes (report files, rendered outputs) goes through here: a
    lock on the folder, a temporary file with a unique name, fsync, rename, fsync of the
    folder. With `expect` (the digest of the bytes once read), the write is refused when
    the file changed in the meantime.
    """
    path = Path(path)
    try:
        _replace(path, data, expect)
    except OSError as exc:  # an unwritable folder, a full disk: named, the old file untouched
        raise NianbaoError(f"无法读写文件（{os_reason(exc)}）", file=str(path)) from exc


def _replace(path: Path, data: bytes, expect: str | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with _folder_lock(path.parent):
        if expect is not None and _current_digest(path) != expect:
            raise NianbaoError(
                "文件在读取之后已被改动（可能有人或另一个命令同时在改），为免覆盖这些改动，本次没有写入；"
                "请重新运行命令",
                file=str(path),
            )
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:80]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_UMASK
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_folder(path.parent)


@contextlib.contextmanager
def _folder_lock(folder: Path):
    """An exclusive lock on the folder (flock), held while checking and replacing a file in it.

    Where locks are not available (another OS, some network file systems) the write still
    happens, with the unique temporary name and the changed-since-read check.
    """
    try:
        import fcntl  # POSIX only
    except ModuleNotFoundError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass  # no locking on this file system
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a crash right after it keeps the new file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
