"""Streaming rows of a spreadsheet (.xlsx) or CSV file, by exact header name.

Rows are yielded one at a time (openpyxl read-only mode, csv.reader), so a 100,000-row
ledger never sits in memory. Every row carries its sheet and row number, the way the user
sees them in Excel, so complaints can point at the cell.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import NianbaoError
from ..ingest.readers.encoding import file_encoding

HEADER_SEARCH_ROWS = 10  # a title line or two above the header is common


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
    values: dict[str, object]  # header -> cell value (None when empty)
    letters: dict[str, str]  # header -> column letter (xlsx only)

    def place(self, column: str | None = None) -> Place:
        return Place(self.sheet, self.number, column, self.letters.get(column) if column else None)

    def text(self, column: str) -> str:
        value = self.values.get(column)
        return "" if value is None else str(value).strip()


def iter_rows(path: str | Path, required: tuple[str, ...], what: str) -> Iterator[Row]:
    """Rows under the header of every sheet that has one; empty rows skipped."""
    path = Path(path)
    if not path.exists():
        raise NianbaoError(f"找不到{what}文件", file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx" or suffix == ".xlsm":
        yield from _xlsx_rows(path, required, what)
    elif suffix in (".csv", ".txt"):
        yield from _csv_rows(path, required, what)
    else:
        raise NianbaoError(f"{what}应为 .xlsx 或 .csv 文件，不能识别「{suffix or '（无扩展名）'}」", file=str(path))


def _find_header(cells: list[object], required: tuple[str, ...]) -> dict[str, int] | None:
    names = [str(c).strip() if c is not None else "" for c in cells]
    if not all(r in names for r in required):
        return None
    return {name: i for i, name in reversed(list(enumerate(names))) if name}


def _check_header(header_rows: list[list[object]], required, what, name, sheet) -> tuple[int, dict[str, int]]:
    """(row number of the header, header -> column index), or a clear complaint."""
    for number, cells in enumerate(header_rows, start=1):
        index = _find_header(cells, required)
        if index is not None:
            names = [str(c).strip() for c in cells if c is not None and str(c).strip()]
            dupes = sorted({n for n in names if names.count(n) > 1 and n in required})
            if dupes:
                where = f"工作表「{sheet}」" if sheet else ""
                raise NianbaoError(f"{what}{where}第{number}行的表头中「{'」「'.join(dupes)}」出现了不止一次", file=name)
            return number, index
    raise _missing(header_rows, required, what, name, sheet)


def _missing(header_rows, required, what, name, sheet) -> NianbaoError:
    best = max(header_rows, key=lambda cells: sum(str(c).strip() in required for c in cells if c), default=[])
    present = [str(c).strip() for c in best if c is not None and str(c).strip()]
    missing = [r for r in required if r not in present]
    where = f"工作表「{sheet}」" if sheet else ""
    return NianbaoError(
        f"{what}{where}前{HEADER_SEARCH_ROWS}行中找不到表头：缺少列「{'」「'.join(missing)}」"
        "（表头名称须与模板完全一致，列的顺序不限）",
        file=name,
        details=[f"找到的列：{'、'.join(present) or '（无）'}"],
    )


def _row(cells, header: dict[str, int], sheet, number, letters) -> Row | None:
    values: dict[str, object] = {}
    empty = True
    for name, i in header.items():
        value = cells[i] if i < len(cells) else None
        if isinstance(value, str):
            value = value.strip() or None
        if value is not None:
            empty = False
        values[name] = value
    return None if empty else Row(sheet, number, values, letters)


def _xlsx_rows(path: Path, required, what) -> Iterator[Row]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise NianbaoError(f"无法打开{what}文件（不是有效的 .xlsx 文件）：{exc}", file=str(path)) from None
    try:
        found = False
        first_error: NianbaoError | None = None
        for ws in workbook.worksheets:
            # Some programs write a too-small <dimension>; openpyxl would then stop early
            # and rows would vanish without a word.
            ws.reset_dimensions()
            rows = ws.iter_rows(values_only=True)
            head: list[list[object]] = []
            for cells in rows:
                head.append(list(cells))
                if _find_header(head[-1], required) is not None or len(head) >= HEADER_SEARCH_ROWS:
                    break
            try:
                header_row, header = _check_header(head, required, what, str(path), ws.title)
            except NianbaoError as error:
                first_error = first_error or error
                continue
            found = True
            letters = {name: get_column_letter(i + 1) for name, i in header.items()}
            # Rows already read past the header (none: we stop at the header) then the rest.
            for number, cells in enumerate(rows, start=header_row + 1):
                row = _row(cells, header, ws.title, number, letters)
                if row is not None:
                    yield row
        if not found:
            raise first_error or NianbaoError(f"{what}文件中没有工作表", file=str(path))
    finally:
        workbook.close()


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GBK/GB18030: the importer's routine."""
    encoding = file_encoding(path)
    if encoding is None:
        raise NianbaoError("无法识别 CSV 文件的编码（应为 UTF-8 或 GBK）", file=str(path))
    return encoding


def _csv_rows(path: Path, required, what) -> Iterator[Row]:
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        reader = csv.reader(fh, delimiter=delimiter)
        head: list[list[object]] = []
        for cells in reader:
            head.append(list(cells))
            if _find_header(head[-1], required) is not None or len(head) >= HEADER_SEARCH_ROWS:
                break
        header_row, header = _check_header(head, required, what, str(path), None)
        # Row numbers count records, as Excel shows them when it opens the CSV.
        for number, cells in enumerate(reader, start=header_row + 1):
            row = _row(cells, header, None, number, {})
            if row is not None:
                yield row
