"""Rows of a register (.xlsx, .xlsm, .xls, .et or CSV) by field, with an account of what was read.

Every sheet is either read or named with the reason it was not (hidden, instructions or
examples, not a register); a sheet that looks like a register but whose header cannot be
found stops the reading. Hidden rows, 合计 rows and the 填表人/审核人 lines under the table
are left out and counted in `ReadNotes`. When two columns can be one field, the visible
one (then the better name) is taken and said; two equally good visible columns refuse.
Rows stream one at a time; every row carries its sheet and row number as Excel shows them.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ..errors import NianbaoError
from ..ingest.readers.encoding import file_encoding
from .headers import (
    HEADER_SEARCH_ROWS,
    Column,
    Field,
    Header,
    accepted_names,
    best_guess,
    field_for,
    find_header,
    header_key,
)
from .workbook import SPREADSHEET_SUFFIXES, Sheet, column_letter, open_spreadsheet

CSV_FIELD_LIMIT = 128 * 1024  # Python's csv default; a longer field is not a register cell

_INSTRUCTIONS = re.compile(r"说明|示例|样例|范例|填表须知|填写要求|选项|下拉|字典|代码表")
_NOT_COUNTED = re.compile(r"作废|不计入|误登记|已删除")
_TOTAL_LINE = re.compile(r"^(?:合计|总计|小计|共计)")
_SIGNATURE_LINE = re.compile(r"^(?:填表人|填报人|制表人|审核人|审批人|负责人|单位负责人|分管领导|经办人|填表日期|填报日期|制表日期)")
_NOTE_LINE = re.compile(r"^(?:注|备注|说明)\s*[:：]")
_EXAMPLE_LINE = re.compile(r"^(?:示例|样例|例)\s*[:：0-9一]")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a value is: sheet (None for CSV), row number, column header and letter."""

    sheet: str | None
    row: int
    column: str | None = None
    letter: str | None = None

    def text(self) -> str:
        parts = []
        if self.sheet is not None:
            parts.append(f"工作表「{self.sheet}」")
        parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"「{self.column}」列" + (f"（{self.letter}列）" if self.letter else ""))
        return "".join(parts)


@dataclass(slots=True)
class Row:
    sheet: str | None
    number: int
    values: dict[str, object]  # field name -> cell value (None when empty)
    letters: dict[str, str]  # field name -> column letter (spreadsheets only)
    unsaved: tuple[str, ...] = ()  # fields whose cell is a formula with no saved result
    per_sheet: tuple[str, ...] = ()  # fields numbered afresh on each sheet (a 序号 column)

    def place(self, column: str | None = None) -> Place:
        return Place(self.sheet, self.number, column, self.letters.get(column) if column else None)

    def text(self, column: str) -> str:
        value = self.values.get(column)
        return "" if value is None else str(value).strip()


@dataclass
class SheetRead:
    name: str | None
    read: bool
    reason: str = ""  # why not read
    header: str = ""  # 第N行 / 第N–M行
    rows: int = 0  # rows given to the caller
    hidden_rows: list[int] = field(default_factory=list)  # non-empty hidden rows left out
    skipped_lines: list[tuple[int, str]] = field(default_factory=list)  # (row, 合计行 / 签名行 …)
    structure_known: bool = True

    def where(self) -> str:
        return f"工作表「{self.name}」" if self.name is not None else ""


@dataclass
class ReadNotes:
    """What a reading of one file took and left out, for the summary of every fill."""

    file: str
    include_hidden: bool = False
    sheets: list[SheetRead] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # a column chosen among several, said
    format_note: str | None = None

    def lines(self) -> list[str]:
        out = [self.format_note] if self.format_note else []
        read = [s for s in self.sheets if s.read]
        names = [f"「{s.name}」（表头在{s.header}，{s.rows} 行）" for s in read if s.name is not None]
        if names:
            out.append("读取的工作表：" + "、".join(names))
        out += [f"已读取：表头在{s.header}，{s.rows} 行" for s in read if s.name is None]
        skipped = [f"「{s.name}」（{s.reason}）" for s in self.sheets if not s.read]
        if skipped:
            out.append("未读取的工作表：" + "、".join(skipped))
        out += self.columns
        for s in self.sheets:
            if s.hidden_rows:
                hint = "" if self.include_hidden else "；如应计入，请加 --include-hidden"
                out.append(f"{s.where()}隐藏的 {len(s.hidden_rows)} 行未计入：{_row_list(s.hidden_rows)}{hint}")
            if s.read and self.include_hidden is False and not s.structure_known:
                out.append(f"{s.where()}无法读出哪些行被隐藏：隐藏的行（如有）也已计入")
            by_kind: dict[str, list[int]] = {}
            for number, kind in s.skipped_lines:
                by_kind.setdefault(kind, []).append(number)
            for kind, numbers in by_kind.items():
                out.append(f"{s.where()}{kind}已跳过：{_row_list(numbers)}")
        return out


def _row_list(numbers: list[int], most: int = 10) -> str:
    shown = "、".join(str(n) for n in numbers[:most])
    return f"第{shown}行" + (f" 等 {len(numbers)} 行" if len(numbers) > most else "")


def iter_rows(
    path: str | Path,
    fields: tuple[Field, ...],
    what: str,
    notes: ReadNotes | None = None,
    include_hidden: bool = False,
    sheets: tuple[str, ...] = (),
) -> Iterator[Row]:
    """Rows under the header of every sheet that is a register (or of the `sheets` named);
    empty rows skipped."""
    path = Path(path)
    notes = notes if notes is not None else ReadNotes(path.name)
    notes.include_hidden = include_hidden
    chosen = tuple(sheets)
    if not path.exists():
        raise NianbaoError(f"找不到{what}文件", file=str(path))
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        book = open_spreadsheet(path, what)
        notes.format_note = book.note
        book_sheets = book.sheets
    elif suffix in (".csv", ".txt"):
        book_sheets = [Sheet(None, rows=_csv_cells(path))]
    else:
        raise NianbaoError(
            f"{what}应为 .xlsx、.xls、.et 或 .csv 文件，不能识别「{suffix or '（无扩展名）'}」", file=str(path)
        )
    if chosen:
        missing = [n for n in chosen if n not in {s.name for s in book_sheets}]
        if missing:
            raise NianbaoError(
                f"{what}文件中没有工作表「{'」「'.join(missing)}」",
                file=str(path),
                details=[f"文件中的工作表：{'、'.join(str(s.name) for s in book_sheets)}"],
            )
    failures: list[NianbaoError] = []
    for sheet in book_sheets:
        if chosen and sheet.name not in chosen:
            _skip(notes, sheet, "未指定读取")
            continue
        yield from _sheet_rows(sheet, fields, what, path, notes, include_hidden or bool(chosen), failures, bool(chosen))
    if failures:
        first = failures[0]
        if len(failures) > 1:
            first.details.extend(f"另有：{f.message}" for f in failures[1:])
        raise first
    if not any(s.read for s in notes.sheets):
        reasons = [f"{s.where() or '文件'}：{s.reason}" for s in notes.sheets]
        raise NianbaoError(f"{what}文件中没有可读取的台账", file=str(path), details=reasons)


def _skip(notes: ReadNotes, sheet: Sheet, reason: str) -> None:
    notes.sheets.append(SheetRead(sheet.name, False, reason))


def _sheet_rows(sheet, fields, what, path, notes, include_hidden, failures, named=False) -> Iterator[Row]:
    name = sheet.name or ""
    if sheet.chart:
        return _skip(notes, sheet, "图表")
    if named:  # the user named this sheet: read it, whatever its name or state
        name = ""
    if sheet.hidden and not include_hidden:
        # the hint only where there is something to count (not for a hidden list of dropdown choices)
        register = find_header(list(islice(sheet.rows, HEADER_SEARCH_ROWS)), fields) is not None
        return _skip(notes, sheet, "隐藏的工作表" + ("；如应计入，请加 --include-hidden" if register else ""))
    if _INSTRUCTIONS.search(name):
        return _skip(notes, sheet, "填写说明或示例")
    if _NOT_COUNTED.search(name):
        return _skip(notes, sheet, "工作表名称表明不计入统计")
    rows = sheet.rows
    head = list(islice(rows, HEADER_SEARCH_ROWS))
    if not any(any(c is not None and c != "" for c in cells) for _, cells in head):
        return _skip(notes, sheet, "空白")
    header = find_header(head, fields)
    if header is None:
        error = _no_header(head, fields, what, path, sheet)
        if named or _looks_like_register(head, fields):
            if not named and sheet.name is not None:
                error.details.append("如这个工作表不是台账，可用 --sheet 指定要读取的工作表")
            failures.append(error)
            notes.sheets.append(SheetRead(sheet.name, False, "像台账，但找不到表头"))
        else:
            _skip(notes, sheet, f"前{HEADER_SEARCH_ROWS}行中没有台账表头")
        return None
    index, per_sheet = _choose_columns(header, sheet, fields, what, path, notes)
    letters = {f: column_letter(i) for f, i in index.items()} if sheet.name is not None else {}
    read = SheetRead(sheet.name, True, header=header.rows_text, structure_known=sheet.structure_known)
    notes.sheets.append(read)
    hidden_rows = set() if include_hidden else sheet.hidden_rows
    unsaved = sheet.unsaved_formulas
    after = [(n, c) for n, c in head if n > header.last_row]
    columns = list(index.items())
    date_field = next((f for f in fields if f.date and f.name in index), None)
    for number, cells in _chain(after, rows):
        values: dict[str, object] = {}
        empty = True
        width = len(cells)
        for name_, i in columns:
            value = cells[i] if i < width else None
            if value.__class__ is str:
                value = value.strip() or None
            if value is not None:
                empty = False
            values[name_] = value
        if empty and not (unsaved and any((number, i) in unsaved for i in index.values())):
            continue
        if number in hidden_rows:
            read.hidden_rows.append(number)
            continue
        kind = _line_kind(cells)
        if kind is None and date_field is not None:
            kind = _repeated_header(values.get(date_field.name), date_field)
        if kind is not None:
            read.skipped_lines.append((number, kind))
            continue
        row = Row(sheet.name, number, values, letters, (), per_sheet)
        if unsaved:
            row.unsaved = tuple(f for f, i in index.items() if (number, i) in unsaved)
        read.rows += 1
        yield row
    if sheet.filtered and read.hidden_rows:
        failures.append(
            NianbaoError(
                f"{what}工作表「{sheet.name}」设置了筛选，有 {len(read.hidden_rows)} 行被筛选隐藏（{_row_list(read.hidden_rows)}）："
                "筛选只是不显示，这些行是否计入无法确定。请取消筛选后保存再填写，或加 --include-hidden 计入这些行",
                file=str(path),
            )
        )
    return None


def _chain(first, rest):
    yield from first
    yield from rest


_LINE_STARTS = frozenset("合总小共填制审负单分经注备说示样例")


def _line_kind(cells: list[object]) -> str | None:
    """合计 rows, signature and note lines, example rows: recognised by their first cell."""
    for cell in cells:
        if cell is None or cell == "":
            continue
        if cell.__class__ is not str or cell.lstrip()[:1] not in _LINE_STARTS:
            return None
        text = unicodedata.normalize("NFKC", cell).replace(" ", "").replace("\u3000", "")
        if _TOTAL_LINE.match(text):
            return "合计行"
        if _SIGNATURE_LINE.match(text):
            return "填表人、审核人等签名行"
        if _NOTE_LINE.match(text):
            return "注释行"
        if _EXAMPLE_LINE.match(text):
            return "示例行"
        return None
    return None


def _repeated_header(value: object, date_field: Field) -> str | None:
    """A header row repeated inside the table (blocks pasted one under another)."""
    if value.__class__ is not str or value[:1].isdigit():
        return None
    hit = field_for(value, (date_field,))
    return "重复的表头行" if hit is not None else None


def _choose_columns(header: Header, sheet: Sheet, fields, what, path, notes) -> tuple[dict[str, int], tuple]:
    """Field -> column index, and the fields whose column is numbered per sheet."""
    where = f"工作表「{sheet.name}」" if sheet.name is not None else ""
    index: dict[str, int] = {}
    per_sheet: list[str] = []
    for f in fields:
        columns = header.candidates.get(f.name, [])
        if not columns:
            continue
        visible = [c for c in columns if c.index not in sheet.hidden_cols]
        pool = visible or columns
        best = min(c.rank for c in pool)
        top = [c for c in pool if c.rank == best]
        if len(top) > 1:
            titles = {c.title for c in top}
            if len(titles) == 1:
                raise NianbaoError(
                    f"{what}{where}{header.rows_text}的表头中「{top[0].title}」出现了不止一次", file=str(path)
                )
            raise NianbaoError(
                f"{what}{where}有 {len(top)} 列都可以是「{f.name}」：" + _columns_text(top)
                + "。请删去或隐藏不用的列，或给它改名，再重试",
                file=str(path),
            )
        chosen = top[0]
        index[f.name] = chosen.index
        if header_key(chosen.title) in f.per_sheet:
            per_sheet.append(f.name)
        others = [c for c in columns if c is not chosen]
        if others:
            why = "隐藏的" if all(c.index in sheet.hidden_cols for c in others) else ""
            notes.columns.append(
                f"{where}「{f.name}」用了 {_columns_text([chosen])}，未用{why} {_columns_text(others)}"
            )
        elif chosen.index in sheet.hidden_cols:
            notes.columns.append(f"{where}「{f.name}」用了隐藏的 {_columns_text([chosen])}")
    return index, tuple(per_sheet)


def _columns_text(columns: list[Column]) -> str:
    return "、".join(f"{column_letter(c.index)} 列「{c.title}」" for c in columns)


def _no_header(head, fields, what, path, sheet) -> NianbaoError:
    where = f"工作表「{sheet.name}」" if sheet.name is not None else ""
    guess = best_guess(head, fields)
    required = [f for f in fields if f.required]
    if guess is None:
        message = f"{what}{where}前{HEADER_SEARCH_ROWS}行中找不到表头：没有一行含有「{'」「'.join(f.name for f in required)}」等列"
        found = []
    else:
        number, titles, _ = guess
        present = {hit[0].name for t in titles if (hit := field_for(t, fields))}
        missing = [f.name for f in required if f.name not in present]
        message = f"{what}{where}找不到完整的表头：第{number}行最像表头，但缺少列「{'」「'.join(missing)}」"
        found = [f"第{number}行的列：{'、'.join(titles)}"]
    return NianbaoError(
        message + "（列的顺序不限；可用的表头名称如下）",
        file=str(path),
        details=found + accepted_names(tuple(f for f in fields if f.required)),
    )


_DATE_TEXT = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


def _looks_like_register(head, fields) -> bool:
    """Two header words, or several rows with a date and a word, mark a sheet as a register."""
    guess = best_guess(head, fields)
    if guess is not None and guess[2] >= 2:
        return True
    dated = 0
    for _, cells in head:
        has_date = any(isinstance(c, (dt.date, dt.datetime)) or (isinstance(c, str) and _DATE_TEXT.match(c)) for c in cells)
        has_word = any(isinstance(c, str) and not _DATE_TEXT.match(c) and len(c.strip()) >= 2 for c in cells)
        dated += has_date and has_word
    return dated >= 3


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GBK/GB18030: the importer's routine."""
    encoding = file_encoding(path)
    if encoding is None:
        raise NianbaoError("无法识别 CSV 文件的编码（应为 UTF-8 或 GBK）", file=str(path))
    return encoding


def _csv_cells(path: Path) -> Iterator[tuple[int, list[object]]]:
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        reader = csv.reader(fh, delimiter=delimiter)
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # Row numbers count records, as Excel shows them when it opens the CSV.
                where = f"第{number + 1}行"
                if "field larger than field limit" in str(exc):
                    raise NianbaoError(
                        f"CSV 文件{where}有一个字段超过 {CSV_FIELD_LIMIT // 1024} KB，不是台账的单元格"
                        "（可能是引号没有配对，使后面的内容连成了一个字段）",
                        file=str(path),
                    ) from None
                raise NianbaoError(f"CSV 文件{where}无法读取：{exc}", file=str(path)) from None
            number += 1
            yield number, [c if c != "" else None for c in cells]
