"""Open a register file as sheets of rows, with what a person sees in Excel or WPS.

Values come from python-calamine (fast, and reads .xlsx, .xlsm, .xls and WPS .et alike; the
format is taken from the file's content, so a .xls renamed to .xlsx is still read, with a
note). What calamine does not tell, a person does see: hidden rows and columns, and
formulas whose result was never saved. For .xlsx these come from one regex pass over each
sheet's XML; for .xls/.et from xlrd's formatting records. CSV is one sheet with nothing
hidden.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import NianbaoError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 and WPS .et (also encrypted .xlsx)
ZIP_MAGIC = b"PK\x03\x04"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")


@dataclass
class Sheet:
    name: str | None  # None for CSV
    hidden: bool = False
    chart: bool = False  # a chart sheet: no cells
    rows: Iterator[tuple[int, list[object]]] = field(default_factory=lambda: iter(()))  # (row number, cells from A)
    hidden_rows: set[int] = field(default_factory=set)  # row numbers as Excel shows them
    hidden_cols: set[int] = field(default_factory=set)  # 0-based column index
    unsaved_formulas: set[tuple[int, int]] = field(default_factory=set)  # (row number, column index)
    filtered: bool = False  # an AutoFilter with criteria: its hidden rows are a view, not void entries
    structure_known: bool = True  # False: hidden rows could not be read from this file


@dataclass
class Workbook:
    sheets: list[Sheet]
    note: str | None = None  # e.g. the file's extension does not match its content


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _kind(path: Path) -> str:
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(ZIP_MAGIC):
        return "zip"
    if magic == OLE_MAGIC:
        return "ole"
    return "other"


def open_spreadsheet(path: Path, what: str) -> Workbook:
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    kind = _kind(path)
    suffix = path.suffix.lower()
    note = None
    if kind == "other":
        raise NianbaoError(
            f"{what}文件的内容不是 Excel 或 WPS 表格（扩展名为 {suffix}）。"
            "请在 Excel 或 WPS 中打开后另存为 .xlsx 再试",
            file=str(path),
        )
    if kind == "ole" and suffix in (".xlsx", ".xlsm"):
        note = f"文件扩展名为 {suffix}，内容实际是 Excel 97-2003 格式（.xls），已按 .xls 读取"
    elif kind == "zip" and suffix in (".xls", ".et"):
        note = f"文件扩展名为 {suffix}，内容实际是 .xlsx 格式，已按 .xlsx 读取"
    try:
        if (kind, suffix) in (("zip", ".xlsx"), ("zip", ".xlsm"), ("ole", ".xls")):
            book = CalamineWorkbook.from_path(str(path))
        else:  # calamine picks the reader by extension; by content for the others
            with path.open("rb") as fh:
                book = CalamineWorkbook.from_filelike(fh)
    except (CalamineError, OSError, ValueError) as exc:
        hint = "文件可能已加密（设置了打开密码）或已损坏" if kind == "ole" else "文件可能已损坏"
        raise NianbaoError(
            f"无法打开{what}文件：{hint}。请在 Excel 或 WPS 中打开，取消密码后另存为 .xlsx 再试"
            f"（{type(exc).__name__}）",
            file=str(path),
        ) from None
    if kind == "zip":
        _check_unpacked_size(path, what)
    structure = _xlsx_structure(path) if kind == "zip" else _xls_structure(path)
    sheets = []
    for index, meta in enumerate(book.sheets_metadata):
        hidden = meta.visible != SheetVisibleEnum.Visible
        if meta.typ != SheetTypeEnum.WorkSheet:
            sheets.append(Sheet(meta.name, hidden=hidden, chart=True))
            continue
        info = structure.get(meta.name) if structure is not None else None
        sheet = Sheet(meta.name, hidden=hidden, structure_known=info is not None)
        if info is not None:
            sheet.hidden_rows, sheet.hidden_cols, sheet.unsaved_formulas, sheet.filtered = info
        sheet.rows = _calamine_rows(book, index, path)
        sheets.append(sheet)
    return Workbook(sheets, note)


MAX_UNPACKED = 2 << 30  # 2 GiB of XML: far beyond a million-row register
MAX_RATIO = 200  # a sheet's XML compresses about 10:1; a zip bomb by thousands


def _check_unpacked_size(path: Path, what: str) -> None:
    """Refuse a workbook that would unpack to more than a register can be (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # calamine says what is wrong with it
    total = sum(m.file_size for m in members)
    bomb = [m for m in members if m.file_size > (64 << 20) and m.file_size > MAX_RATIO * max(m.compress_size, 1)]
    if total > MAX_UNPACKED or bomb:
        raise NianbaoError(
            f"{what}文件解压后过大（{total / (1 << 20):,.0f} MB），不像是台账，未读取", file=str(path)
        )


def _calamine_rows(book, index: int, path: Path) -> Iterator[tuple[int, list[object]]]:
    """Rows with their Excel numbers, cells from column A (calamine starts at the first
    used cell), merged ranges carrying their top-left value."""
    from python_calamine import CalamineError

    try:
        sheet = book.get_sheet_by_index(index)
        merged = sorted(sheet.merged_cell_ranges or [])
    except (CalamineError, ValueError) as exc:
        raise NianbaoError(f"无法读取工作表（{type(exc).__name__}：{exc}）", file=str(path)) from None
    first_row, first_col = sheet.start if sheet.start else (0, 0)
    pad = [None] * first_col
    # A merged range never reaches past the cells that hold data (a hostile A1:XFD1048576 would
    # otherwise widen every row to 16,384 cells).
    last_col = first_col + max(sheet.width, 1) - 1
    pending = [
        ((r0, c0), (r1, min(c1, last_col)))
        for (r0, c0), (r1, c1) in merged
        if (r1, c1) != (r0, c0) and c0 <= last_col
    ]
    pending.reverse()  # taken from the end, in row order
    active: list[tuple[int, int, int, object]] = []  # (last row, first col, last col, value)
    for offset, raw in enumerate(sheet.iter_rows()):
        at = first_row + offset  # 0-based; empty cells stay "" (the reader treats "" as empty)
        cells = pad + raw if pad else raw
        while pending and pending[-1][0][0] < at:
            pending.pop()  # began above the first row with data
        while pending and pending[-1][0][0] == at:
            (r0, c0), (r1, c1) = pending.pop()
            value = cells[c0] if c0 < len(cells) and cells[c0] != "" else None
            active.append((r1, c0, c1, value))
        if active:
            for last, c0, c1, value in active:
                if len(cells) <= c1:
                    cells.extend([None] * (c1 + 1 - len(cells)))
                for c in range(c0, c1 + 1):
                    if cells[c] is None or cells[c] == "":
                        cells[c] = value
            active = [a for a in active if a[0] > at]
        yield at + 1, cells


# --- .xlsx: hidden rows, hidden columns and formulas without a saved result, from the XML ---

_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_COL_RANGE = re.compile(rb'\bmin="(\d+)"[^>]*?\bmax="(\d+)"|\bmax="(\d+)"[^>]*?\bmin="(\d+)"')
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_CELL_END = re.compile(rb"\s*</(?:\w+:)?c>")
_EMPTY_VALUE = re.compile(rb"\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)\s*</(?:\w+:)?c>")
_CHUNK = 1 << 22


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _xlsx_structure(path: Path) -> dict[str, tuple[set, set, set, bool]] | None:
    """Sheet name -> (hidden rows, hidden columns, unsaved formula cells, filtered); None if unreadable."""
    import xml.etree.ElementTree as ET

    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        with zipfile.ZipFile(path) as zf:
            book = ET.fromstring(zf.read("xl/workbook.xml"))
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels}
            names = set(zf.namelist())
            out = {}
            for sheet in book.iter(f"{ns_main}sheet"):
                target = targets.get(sheet.get(f"{ns_rel}id"), "")
                part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
                if part in names:
                    out[sheet.get("name")] = _scan_sheet_xml(zf, part)
            return out
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError):
        return None


def _tag_start(buf: bytes, pos: int) -> int:
    return buf.rfind(b"<", 0, pos)


def _unsaved_formula_cell(buf: bytes, pos: int) -> tuple[int, int] | None:
    """At a `<f`: (row, column) when the cell holds a formula and no saved value (`<v>`)."""
    if buf[pos + 2 : pos + 3] not in (b">", b" ", b"/"):
        return None
    gt = buf.find(b">", pos)
    if gt < 0:
        return None
    end = gt + 1
    if buf[gt - 1 : gt] != b"/":  # <f …>text</f>
        close = buf.find(b"</", gt)
        if close < 0:
            return None
        end = buf.find(b">", close) + 1
    start = buf.rfind(b"<", 0, pos)
    if not _CELL_END.match(buf, end):
        empty = _EMPTY_VALUE.match(buf, end)  # <v></v>: no result, unless it is an empty text
        if not empty or b't="str"' in buf[start:pos]:
            return None  # the result was saved
    ref = _CELL_REF.search(buf, start, pos)
    return (int(ref.group(2)), _column_index(ref.group(1))) if ref else None


def _scan_sheet_xml(zf: zipfile.ZipFile, part: str) -> tuple[set, set, set, bool]:
    """One pass with bytes.find (fast: the attributes we look for are rare) over the XML."""
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    formulas: set[tuple[int, int]] = set()
    filtered = False
    carry = b""
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            buf = carry + chunk
            if chunk:
                cut = buf.rfind(b"</")  # never split an element we look for across two reads
                cut = buf.find(b">", cut) + 1 if cut >= 0 else 0
                buf, carry = buf[:cut], buf[cut:]
            for marker in (b'hidden="1"', b'hidden="true"'):
                pos = buf.find(marker)
                while pos >= 0:
                    start = _tag_start(buf, pos)
                    tag = buf[start : buf.find(b">", pos) + 1]
                    name = tag[1:].split(None, 1)[0].split(b":")[-1]
                    if name == b"row":
                        number = _ROW_NUMBER.search(tag)
                        if number:
                            hidden_rows.add(int(number.group(1)))
                    elif name == b"col":
                        rng = _COL_RANGE.search(tag)
                        if rng:
                            lo, hi = (rng.group(1), rng.group(2)) if rng.group(1) else (rng.group(4), rng.group(3))
                            hidden_cols.update(range(int(lo) - 1, int(hi)))
                    pos = buf.find(marker, pos + 1)
            filtered = filtered or b"filterColumn" in buf
            pos = buf.find(b"<f")
            while pos >= 0:
                cell = _unsaved_formula_cell(buf, pos)
                if cell is not None:
                    formulas.add(cell)
                pos = buf.find(b"<f", pos + 2)
            if not chunk:
                break
    return hidden_rows, hidden_cols, formulas, filtered


# --- .xls / .et: hidden rows and columns from xlrd's formatting records ---


def _xls_structure(path: Path) -> dict[str, tuple[set, set, set, bool]] | None:
    try:
        import xlrd

        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_Quiet())
    except Exception:  # noqa: BLE001 - any reader failure means "structure unknown", said to the user
        return None
    out = {}
    try:
        for index, name in enumerate(book.sheet_names()):
            sheet = book.sheet_by_index(index)
            rows = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
            cols = {c for c, info in sheet.colinfo_map.items() if info.hidden}
            out[name] = (rows, cols, set(), False)
            book.unload_sheet(index)
    except Exception:  # noqa: BLE001
        return None
    finally:
        book.release_resources()
    return out


class _Quiet:
    def write(self, _text: str) -> None:  # xlrd prints warnings about odd records to a log file
        pass
