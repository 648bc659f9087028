"""The table recognizer: 表二/表三/表四 found by their labels in any reader's `Document`.

表二 and 表三 are read here, 表四 in `t4` (a mixin of the same reader); `rows` holds what
they share (cells read, findings, fitting printed values to columns).

It reads what is printed and nothing else. A row is mapped to cells only when the
number of printed values fits the columns (after dropping blank padding, or splitting
digits run together where there is exactly one way to do so); otherwise the row is
reported as a deviation and its cells stay "not found".
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...report.format import T3_COLUMNS, TABLE_NAMES, FormatVersion, cell_specs, t2_rows, t3_rows
from ..document import Document
from .labels import (
    T2_HEADER_WORDS,
    T3_HEADER_WORDS,
    detect_format,
    is_t2_subtable,
    is_t4_anchor,
    match_t2,
    match_t3,
    other_version_columns,
    strip_numbering,
    t3_columns_from_header,
)
from .ambiguity import Ambiguity, Candidate
from .rows import ReadCell, Recognition, finding, fit, is_part_heading
from .separated import Separated
from .t4 import Table4
from .tokens import Token, cell_value, document_lines, glued_label, norm, reading

# the recognizer's vocabulary, also imported from here by the importer and the tests
__all__ = ["ReadCell", "Recognition", "finding", "fit", "is_part_heading", "recognize", "report_missing"]


class _Reader(Table4, Separated):
    def __init__(self, doc: Document, fallback: FormatVersion | None):
        self.lines = document_lines(doc)
        texts = [t.norm for line in self.lines for t in line.tokens]
        detected = detect_format(texts)
        self.rec = Recognition(format=detected or fallback, lines=self.lines)
        self.detected = detected
        self.fmt = self.rec.format
        self.state: str | None = None
        self.after: str | None = None  # last 表三 row key read
        self.t3_header: list[str] = []
        self.t2_header: list[str] = []  # column labels of the current 表二 sub-table
        self.t3_cols: list[str] | None = None
        self.t4_header: list[str] = []
        self.current = 0  # line of the row being read
        self.t4_rows: dict[str, tuple[Token, list[Token]]] = {}  # 表四 printed one row per block
        self.t4_values: list[Token] = []
        self.t4_transposed: dict[str, tuple[Token, list[Token]]] = {}  # column -> its 3 block values
        self.t4_started = False
        self.t4_done = False
        self.continued: tuple[int, list[Token]] = (-1, [])  # (row line, value-only lines after it)
        self.cut = False  # the row being read is cut short by text among its numbers
        self.orphans: list[Candidate] = []  # row labels printed alone, their numbers not seen yet
        self.ambiguities: list[Ambiguity] = []

    # -- bookkeeping ------------------------------------------------------------------
    def touch(self, table: str, line: int) -> None:
        span = self.rec.spans.setdefault(table, [line, line])
        span[0], span[1] = min(span[0], line), max(span[1], line)

    def deviation(self, table: str, message: str, **args) -> None:
        self.rec.findings.append(finding("IMPORT-DEVIATION", message, table=table, **args))

    # -- main loop --------------------------------------------------------------------
    def run(self) -> Recognition:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        self.flush_orphans()
        self.finish_t4()
        self.settle()
        return self.rec

    def step(self, i: int) -> int:
        line = self.lines[i]
        if line.empty:
            if self.state == "t4" and self.t4_started and len(self.t4_values) >= self.t4_expected() and not self.t4_continues(i):
                self.finish_t4()
            return i + 1
        if is_part_heading(line):
            self.flush_orphans()
            self.finish_t4()
            self.state = None
            return i + 1
        toks = line.tokens
        text_idx = [k for k, t in enumerate(toks) if reading(t.text) is None]
        if self.state == "t4" and not self.t4_done:
            return self.step_t4(i, line, text_idx)
        if not text_idx:
            return i + 1  # stray values (padding, page numbers): never guessed into cells
        # the row label is the last text token that names a row; earlier ones are groups
        for k in reversed(text_idx):
            tok = toks[k]
            hit = self.classify(tok)
            if hit is None:
                split = glued_label(tok)
                if split is not None and self.classify(split[0]) is not None:
                    label, digits = split
                    hit = self.classify(label)
                    toks = toks[:k] + [label, digits] + toks[k + 1 :]
                    tok = label
            if hit is None and re.search(r"\s", tok.text):
                # group and row labels flattened into one piece: 「三、本年度办理结果 （一）予以公开」
                parts = tok.text.split()
                for cut in range(_first_short_tail(parts), len(parts)):
                    tail = Token(" ".join(parts[cut:]), tok.where, tok.line)
                    hit = self.classify(tail)
                    if hit is not None and hit[1] not in ("header", "anchor"):
                        tok = tail
                        break
                    hit = None
            if hit is None and len(toks) == 1:
                joined = self.join_next(i, tok)
                if joined is not None:
                    (table, key), merged, j = joined
                    self.touch(table, i)
                    return self.handle(j, table, key, merged, self.lines[j].tokens[1:])
            if hit is None:
                continue
            table, key = hit
            rest = toks[k + 1 :]
            # the rest of a label broken into a second cell of the same row
            while rest and reading(rest[0].text) is None and self.classify(rest[0]) is None:
                rest = rest[1:]
            return self.handle(i, table, key, tok, rest)
        limit = {"t2": 16, "t3": 40}.get(self.state or "", 0)
        if len(text_idx) == 1 and len(toks[text_idx[0]].text) <= limit:
            # a row the template does not have: say what was printed, put it nowhere
            label = toks[text_idx[0]]
            values, end = self.gather(i, toks[text_idx[0] + 1 :], continuation=False)
            printed = [t.text for t in values if t.text]
            if len(printed) >= (5 if self.state == "t3" else 1):
                name = TABLE_NAMES[self.state]
                self.deviation(
                    self.state,
                    f"{name}多出一行「{label.text}」（{self.line_no(label)}），该行的数没有导入",
                    row=label.text,
                    values=[t.text for t in values],
                )
                self.touch(self.state, end)
                return end + 1
        return i + 1

    def line_no(self, tok: Token) -> str:
        w = tok.where
        if w.page is not None and w.line is not None:
            return f"第{w.page}页第{w.line}行"
        if w.line is not None and w.kind == "text":
            return f"第{w.line}行"
        if w.table is not None:
            return f"表格{w.table + 1}第{(w.row or 0) + 1}行"
        return "?"

    def classify(self, tok: Token) -> tuple[str, str] | None:
        n = tok.norm
        key = match_t3(n, after=self.after if self.state == "t3" else None)
        if key is not None and not (self.state == "t4" and key == "results_total"):
            return ("t3", key)
        key2 = match_t2(n)
        if key2 is not None:
            return ("t2", key2)
        if is_t4_anchor(n) and not self.t4_done:
            return ("t4", "anchor")
        if is_t2_subtable(n) or n in T2_HEADER_WORDS or n.startswith("本年收费金额"):
            return ("t2", "header")
        if n in T3_HEADER_WORDS or "勾稽关系" in n or n.startswith("申请人情况"):
            return ("t3", "header")
        return None

    def join_next(self, i: int, tok: Token) -> tuple[tuple[str, str], Token, int] | None:
        """A label split over two lines: '1.本机关不掌' + '握相关政府信息'."""
        j = i + 1
        if j >= len(self.lines):
            return None
        nxt = self.lines[j]
        if nxt.empty or not nxt.tokens or cell_value(nxt.tokens[0].text) is not None:
            return None
        if len(tok.text) > 40:
            return None
        merged_text = tok.text + nxt.tokens[0].text
        merged = Token(merged_text, replace(tok.where, end=nxt.tokens[0].where.end), tok.line)
        hit = self.classify(merged)
        if hit is None or hit[1] in ("header", "anchor"):
            return None
        return hit, merged, j

    # -- rows -------------------------------------------------------------------------
    def handle(self, i: int, table: str, key: str, label: Token, rest: list[Token]) -> int:
        if table == "t4":
            self.state = "t4"
            self.touch("t4", i)
            end = self.t4_block_row(i, label, rest)
            if end is not None:
                return end + 1
            line_toks = self.lines[i].tokens
            if label in line_toks:
                self.t4_collect_header(line_toks)  # the whole header row, in printed order
            else:
                self.t4_header.append(label.norm)
                self.t4_collect_header(rest)
            return i + 1
        if key == "header":
            if table == "t3":
                self.t3_header.extend(t.norm for t in self.lines[i].tokens)
                if self.state != "t3":
                    self.state = "t3-header"
            elif self.state not in ("t3",):
                self.state = "t2"
                line_words = [t.norm for t in self.lines[i].tokens]
                if any(is_t2_subtable(w) for w in line_words):
                    self.t2_header = []
                self.t2_header.extend(line_words)
            self.touch(table, i)
            return i + 1
        self.current = i
        values, end = self.gather(i, rest, continuation=not key.startswith("group:"), label=(table, key, label))
        self.touch(table, i)
        if values:
            self.touch(table, end)
        if table == "t3" and key == "group:other" and self.fmt is FormatVersion.V2019:
            key = "other"  # the 2019 table's 「（六）其他处理」 is a row
        if not key.startswith("group:") and self.separated(table, key, label, values, end > i):
            return end + 1
        if table == "t2":
            self.state = "t2"
            self.read_t2(key, label, values)
        else:
            if self.state != "t3":
                self.start_t3(values)
            self.state = "t3"
            self.read_t3(key, label, values)
        return end + 1

    def gather(
        self, i: int, rest: list[Token], continuation: bool = True, label: tuple[str, str, Token] | None = None
    ) -> tuple[list[Token], int]:
        """The values of a row: after the label on its line, else on the following lines.

        `label` (table, key, token): a following text line continues the label only when the
        label with it still names the same row (else it is the next row's label, broken)."""
        values: list[Token] = []
        self.cut = False
        for n, t in enumerate(rest):
            if reading(t.text) is None:
                # text among the row's numbers (「-4O」): what is before it is not the whole row
                self.cut = any(reading(x.text) is not None for x in rest[n + 1 :])
                break
            values.append(t)
        if any(t.text for t in values):
            # numbers going on below the row's line (「行政规范性文件100」 then 「/」「/」, a copy that
            # lost a line break): kept aside, so `place` never splits the 100 into 1, 0, 0
            self.continued = (i, self.value_lines_after(i) if continuation else [])
            return values, i
        j, more = i, []
        # the rest of a label broken over lines: short text lines that name nothing else,
        # possibly followed by the row's values on the same line
        while continuation and j + 1 < len(self.lines) and not any(t.text for t in values):
            nxt = self.lines[j + 1]
            if nxt.empty or not nxt.tokens or nxt.in_table or is_part_heading(nxt):
                break
            tok = nxt.tokens[0]
            if cell_value(tok.text) is not None or len(tok.text) > 40 or self.classify(tok) is not None:
                break
            tail = nxt.tokens[1:]
            if any(reading(t.text) is None for t in tail):
                break
            if label is not None:
                if _ITEM_START.match(tok.norm):
                    break  # 「（六」「3.」: the next row's label begins, broken over lines
                table, key, tok0 = label
                merged = Token(tok0.text + tok.text, tok0.where, tok0.line)
                if self.classify(merged) != (table, key) or not self.closer(table, key, tok0, merged):
                    break
                label = (table, key, merged)
            j += 1
            if any(t.text for t in tail):
                return tail, j
        while j + 1 < len(self.lines):
            nxt = self.lines[j + 1]
            if nxt.empty or not nxt.tokens or any(reading(t.text) is None for t in nxt.tokens):
                break
            more.extend(nxt.tokens)
            j += 1
        if more:
            return values + more, j
        return values, i

    def value_lines_after(self, i: int) -> list[Token]:
        more: list[Token] = []
        for nxt in self.lines[i + 1 :]:
            if nxt.empty or not nxt.tokens or nxt.in_table or any(reading(t.text) is None for t in nxt.tokens):
                break
            more.extend(nxt.tokens)
        return more

    def closer(self, table: str, key: str, before: Token, after: Token) -> bool:
        """Does the text line make the label more like the template's (the label's rest), not
        less (a complete label followed by the next row's label, broken)?"""
        from rapidfuzz import fuzz

        rows = (t3_rows if table == "t3" else t2_rows)(self.fmt or "2021")
        printed = next((r.label for r in rows if r.key == key), None)
        if printed is None:
            return True
        canon = strip_numbering(norm(printed))[1]
        return fuzz.ratio(strip_numbering(after.norm)[1], canon) > fuzz.ratio(strip_numbering(before.norm)[1], canon)

    def start_t3(self, first_row: list[Token]) -> None:
        self.t3_cols = t3_columns_from_header("".join(self.t3_header))
        printed = len([t for t in first_row if t.text])
        if self.t3_cols is not None and len(self.t3_cols) != len(T3_COLUMNS) and printed == len(T3_COLUMNS):
            self.t3_cols = None  # the rows print every column: the header was misread, not short
        if self.t3_cols is not None and len(self.t3_cols) != len(T3_COLUMNS):
            missing = [label for k, label in T3_COLUMNS if k not in self.t3_cols]
            keys = [f"t3.{r.key}.{k}" for r in t3_rows(self.fmt or "2021") for k, _ in T3_COLUMNS if k not in self.t3_cols]
            self.rec.findings.append(
                finding(
                    "IMPORT-DEVIATION",
                    f"表三表头缺少「{'、'.join(missing)}」列，这些列的单元格没有导入",
                    cells=keys,
                    table="t3",
                    missing=missing,
                )
            )

    def read_t2(self, key: str, label: Token, values: list[Token]) -> None:
        rows = {r.key: r for r in t2_rows(self.fmt)} if self.fmt else {}
        if key == "header":
            return
        row = rows.get(key)
        if row is None:
            self.deviation(
                "t2",
                f"表二印有「{label.text}」一行，{self.fmt.value if self.fmt else ''}版格式没有这一行，没有导入",
                row=label.text,
                values=[t.text for t in values],
            )
            return
        keys = [f"t2.{key}.{c}" for c, _, _ in row.columns]
        foreign = other_version_columns(self.fmt, "".join(self.t2_header)) if self.fmt else []
        if foreign:
            # e.g. a 2021 report printing the 2019 columns: these numbers mean something else
            self.deviation(
                "t2",
                f"表二「{label.text}」一行的列是「{'、'.join(foreign)}」，不是 {self.fmt.value} 版格式的列，这一行没有导入",
                cells=keys,
                row=label.text,
                values=[t.text for t in values],
            )
            return
        self.place("t2", label, keys, values)

    def read_t3(self, key: str, label: Token, values: list[Token]) -> None:
        if key.startswith("group:"):
            group = key.split(":", 1)[1]
            if not any(t.text for t in values):
                return  # a group label: no cells
            if group == "other" and self.fmt is FormatVersion.V2019:
                key = "other"
            elif group == "other" and not self.sub_rows_follow():
                keys = [f"t3.other.{k}.{c}" for k in ("no_correction", "fee_unpaid", "other") for c in self.columns()]
                printed = _printed(values, len(self.columns()))
                self.deviation(
                    "t3",
                    f"表三把「（六）其他处理」印为一行（{'、'.join(t.text or '空白' for t in printed)}），"
                    "没有分为 2021 版格式的三项；这些数没有填入「其他处理」的三行",
                    cells=keys,
                    variant="other_one_row",
                    row=label.text,
                    values=[t.text for t in printed],
                )
                self.rec.rows_seen["t3"] = self.rec.rows_seen.get("t3", 0) + 1
                self.after = "other.other"
                return
            else:
                self.deviation(
                    "t3",
                    f"表三「{label.text}」是分组标题，却印有数值（{'、'.join(t.text or '空白' for t in values)}），"
                    "分组没有单元格，这些数没有导入",
                    row=label.text,
                    values=[t.text for t in values],
                )
                return
        valid = {r.key for r in t3_rows(self.fmt)} if self.fmt else set()
        if key not in valid:
            self.deviation(
                "t3",
                f"表三印有「{label.text}」一行，{self.fmt.value if self.fmt else ''}版格式没有这一行，没有导入",
                row=label.text,
                values=[t.text for t in values],
            )
            self.after = key
            return
        self.after = key
        self.rec.rows_seen["t3"] = self.rec.rows_seen.get("t3", 0) + 1
        keys = [f"t3.{key}.{c}" for c in self.columns()]
        self.place("t3", label, keys, values, check_total=key)

    def sub_rows_follow(self) -> bool:
        """Are 「1.申请人无正当理由逾期不补正…」 etc. printed right after the 其他处理 label?"""
        for line in self.lines[self.current + 1 : self.current + 8]:
            for t in line.tokens:
                if match_t3(t.norm, after="group") in ("other.no_correction", "other.fee_unpaid"):
                    return True
        return False

    def columns(self) -> list[str]:
        return self.t3_cols or [k for k, _ in T3_COLUMNS]

    # -- mapping values to cells -----------------------------------------------------
    def place(
        self, table: str, label: Token, keys: list[str], values: list[Token], check_total: str | None = None, check=None
    ):
        name = TABLE_NAMES[table]
        if keys and all(k in self.rec.cells for k in keys):
            self.deviation(table, f"{name}「{label.text}」一行重复出现，只取第一次印出的数", row=label.text)
            return
        check = check or (self.total_check(keys) if check_total else None)
        line, more = self.continued
        self.continued = (-1, [])
        if more and line == label.line and len([v for v in values if v.text]) < len(keys):
            # the row's numbers go on below its line: together they must fill it exactly, unsplit
            fitted = fit(values + more, len(keys), check, split=False)
            values = values + more
        else:
            fitted = fit(values, len(keys), check, split=not self.cut)
        self.cut = False
        if isinstance(fitted, str):
            self.deviation(
                table,
                f"{name}「{label.text}」一行印有{len([v for v in values if v.text])}个数，应为{len(keys)}个；{fitted}，这一行没有导入",
                cells=keys,
                row=label.text,
                values=[t.text for t in values],
            )
            return
        misread = self.unconfirmed(keys, fitted)
        if misread:
            # 「O」 for 0, 「l」 for 1: taken only when the row's 总计 pins the one misread cell down
            self.deviation(
                table,
                f"{name}「{label.text}」一行的「{'、'.join(misread)}」像是识别有误的数字，"
                "本行的合计不能唯一确认它的读法，这一行没有导入",
                cells=keys,
                row=label.text,
                values=[t.text for t in values],
            )
            return
        for key, tok in zip(keys, fitted):
            value = reading(tok.text)
            assert value is not None
            self.rec.cells[key] = ReadCell(value, tok)

    def unconfirmed(self, keys: list[str], fitted: list[Token]) -> list[str]:
        """OCR misreadings (「O」 for 0) in a row that its 总计 does not pin down: taken only
        when there is one and the row's sum holds with it."""
        misread = [t.text for t in fitted if cell_value(t.text) is None]
        total = self.total_check(keys)
        if misread and (len(misread) > 1 or total is None or not total(fitted)):
            return misread
        return []

    def total_check(self, keys: list[str]):
        if not keys or not keys[-1].endswith(".total") or len(keys) != len(T3_COLUMNS):
            return None

        def ok(tokens: list[Token]) -> bool:
            nums = [reading(t.text) for t in tokens]
            if any(v is None or v.number is None for v in nums):
                return False
            return sum(v.number for v in nums[:-1]) == nums[-1].number  # type: ignore[union-attr]

        return ok

_ITEM_START = re.compile(r"^(?:\([一二三四五六七八九十]|[一二三四五六七八九十]+、|\d+[.、])")

# a row label is short (the label matchers give up past 60 normalized characters); tails
# longer than this are never tried, so a long flattened line costs linear time, not quadratic
_LABEL_TAIL_CHARS = 200


def _first_short_tail(parts: list[str]) -> int:
    """The first cut (>= 1) whose tail 「parts[cut:]」 could still be a row label."""
    size, cut = 0, len(parts)
    while cut > 1 and size + len(parts[cut - 1]) <= _LABEL_TAIL_CHARS:
        cut -= 1
        size += len(parts[cut])
    return cut


def recognize(doc: Document, fallback: FormatVersion | None = None) -> Recognition:
    rec = _Reader(doc, fallback).run()
    _summarize(rec)
    return rec


def _printed(values: list[Token], columns: int) -> list[Token]:
    """The values of a row as the table prints them: blank slots before the row's own
    columns (a merged sub-label cell) are not values of the row."""
    extra = len(values) - columns
    if extra > 0 and not any(t.text for t in values[:extra]):
        return values[extra:]
    return values


def _summarize(rec: Recognition, version: FormatVersion | None = None) -> None:
    """Warnings about the printed shape: missing tables, row counts.

    Without any table label the format is only known later (from the year): the caller
    passes it then, so a report whose tables are images still says what is missing.
    """
    version = rec.format or version
    if version is None:
        return
    specs = cell_specs(version)
    expected_rows = {"t3": len(t3_rows(version))}
    for table, name in TABLE_NAMES.items():
        keys = [k for k, s in specs.items() if s.table == table]
        read = [k for k in keys if k in rec.cells]
        if not read and table not in rec.spans:
            rec.findings.append(
                finding(
                    "IMPORT-NOT-FOUND",
                    f"没有找到{name}，{name}的 {len(keys)} 个单元格没有导入",
                    cells=keys,
                    table=table,
                )
            )
            rec.warnings.append(f"没有找到{name}")
            continue
        # rows of a table that is there but that were not printed (and not explained above)
        explained = {c for f in rec.findings for c in f.cells}
        missing: dict[str, list[str]] = {}
        for k in keys:
            if k not in rec.cells and k not in explained:
                spec = specs[k]
                label = spec.row_label if table != "t4" else f"{spec.row_label}·{spec.column_label}"
                missing.setdefault(label, []).append(k)
        for label, cells in missing.items():
            rec.findings.append(
                finding(
                    "IMPORT-NOT-FOUND",
                    f"{name}中没有找到「{label}」，相应的 {len(cells)} 个单元格没有导入",
                    cells=cells,
                    table=table,
                    row=label,
                )
            )
    seen = rec.rows_seen.get("t3")
    if seen is not None and seen != expected_rows["t3"]:
        rec.warnings.append(f"表三有{seen}行，应为{expected_rows['t3']}行")


def report_missing(rec: Recognition, version: FormatVersion) -> None:
    """The not-found findings for a document in which no table label was recognized."""
    if rec.format is None:
        _summarize(rec, version)


__all__ = ["Recognition", "ReadCell", "recognize", "fit", "report_missing"]
