"""The table recognizer: 表二/表三/表四 found by their labels in any reader's `Document`.

It reads what is printed and nothing else. A row is mapped to cells only when the
number of printed values fits the columns (after dropping blank padding, or splitting
digits run together where there is exactly one way to do so); otherwise the row is
reported as a deviation and its cells stay "not found".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...report.cells import CellValue
from ...report.format import T3_COLUMNS, TABLE_NAMES, FormatVersion, cell_specs, t2_rows, t3_rows
from ...report.parts import PART_MARKS
from ...validate.finding import Finding, Severity
from ..document import Document, Where
from .labels import (
    T2_HEADER_WORDS,
    T3_HEADER_WORDS,
    T4_COLUMN_WORDS,
    T4_HEADER_WORDS,
    detect_format,
    is_t2_subtable,
    is_t4_anchor,
    match_t2,
    match_t3,
    other_version_columns,
    t3_columns_from_header,
    t4_columns_from_header,
)
from .tokens import Line, Token, cell_value, document_lines, glued_label, is_digit_run, norm

_PART_HEADING = re.compile(r"^\s*[一二三四五六七八九十1-9１-９][、.．]\s*\S")


@dataclass
class ReadCell:
    value: CellValue
    token: Token  # the printed token (for a split digit run: just that digit)

    @property
    def where(self) -> Where:
        return self.token.where


@dataclass
class Recognition:
    format: FormatVersion | None
    cells: dict[str, ReadCell] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    spans: dict[str, list[int]] = field(default_factory=dict)  # table -> [first line, last line]
    rows_seen: dict[str, int] = field(default_factory=dict)  # table -> printed data rows
    lines: list[Line] = field(default_factory=list)

    def table_lines(self) -> set[int]:
        out: set[int] = set()
        for first, last in self.spans.values():
            out.update(range(first, last + 1))
        return out


def finding(code: str, severity: Severity, message: str, cells: list[str] | None = None, **args) -> Finding:
    return Finding(code=code, severity=severity, message=message, args=args, cells=cells or [])


def is_part_heading(line: Line) -> bool:
    if line.in_table or len(line.tokens) != 1:
        return False
    text = line.tokens[0].text
    return len(text) <= 40 and bool(_PART_HEADING.match(text)) and any(w in norm(text) for w in PART_MARKS)


class _Reader:
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

    # -- bookkeeping ------------------------------------------------------------------
    def touch(self, table: str, line: int) -> None:
        span = self.rec.spans.setdefault(table, [line, line])
        span[0], span[1] = min(span[0], line), max(span[1], line)

    def deviation(self, table: str, message: str, **args) -> None:
        self.rec.findings.append(finding("IMPORT-DEVIATION", Severity.WARNING, message, table=table, **args))

    # -- main loop --------------------------------------------------------------------
    def run(self) -> Recognition:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        self.finish_t4()
        return self.rec

    def step(self, i: int) -> int:
        line = self.lines[i]
        if line.empty:
            if self.state == "t4" and self.t4_started and len(self.t4_values) >= self.t4_expected() and not self.t4_continues(i):
                self.finish_t4()
            return i + 1
        if is_part_heading(line):
            self.finish_t4()
            self.state = None
            return i + 1
        toks = line.tokens
        text_idx = [k for k, t in enumerate(toks) if cell_value(t.text) is None]
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
            while rest and cell_value(rest[0].text) is None and self.classify(rest[0]) is None:
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
        values, end = self.gather(i, rest, continuation=not key.startswith("group:"))
        self.touch(table, i)
        if values:
            self.touch(table, end)
        if table == "t2":
            self.state = "t2"
            self.read_t2(key, label, values)
        else:
            if self.state != "t3":
                self.start_t3(values)
            self.state = "t3"
            self.read_t3(key, label, values)
        return end + 1

    def gather(self, i: int, rest: list[Token], continuation: bool = True) -> tuple[list[Token], int]:
        """The values of a row: after the label on its line, else on the following lines."""
        values: list[Token] = []
        for t in rest:
            if cell_value(t.text) is None:
                break
            values.append(t)
        if any(t.text for t in values):
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
            if any(cell_value(t.text) is None for t in tail):
                break
            j += 1
            if any(t.text for t in tail):
                return tail, j
        while j + 1 < len(self.lines):
            nxt = self.lines[j + 1]
            if nxt.empty or not nxt.tokens or any(cell_value(t.text) is None for t in nxt.tokens):
                break
            more.extend(nxt.tokens)
            j += 1
        if more:
            return values + more, j
        return values, i

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
                    Severity.WARNING,
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
                self.deviation(
                    "t3",
                    f"表三把「（六）其他处理」印为一行（{'、'.join(t.text or '空白' for t in values)}），"
                    "没有分为 2021 版格式的三项；这些数没有填入「其他处理」的三行",
                    cells=keys,
                    row=label.text,
                    values=[t.text for t in values],
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
        fitted = fit(values, len(keys), check or (self.total_check(keys) if check_total else None))
        if isinstance(fitted, str):
            self.deviation(
                table,
                f"{name}「{label.text}」一行印有{len([v for v in values if v.text])}个数，应为{len(keys)}个；{fitted}，这一行没有导入",
                cells=keys,
                row=label.text,
                values=[t.text for t in values],
            )
            return
        for key, tok in zip(keys, fitted):
            value = cell_value(tok.text)
            assert value is not None
            self.rec.cells[key] = ReadCell(value, tok)

    def total_check(self, keys: list[str]):
        if not keys or not keys[-1].endswith(".total") or len(keys) != len(T3_COLUMNS):
            return None

        def ok(tokens: list[Token]) -> bool:
            nums = [cell_value(t.text) for t in tokens]
            if any(v is None or v.number is None for v in nums):
                return False
            return sum(v.number for v in nums[:-1]) == nums[-1].number  # type: ignore[union-attr]

        return ok

    # -- 表四 ----------------------------------------------------------------------------
    def t4_collect_header(self, toks: list[Token]) -> None:
        for t in toks:
            if cell_value(t.text) is None:
                self.t4_header.append(t.norm)

    def t4_expected(self) -> int:
        cols = t4_columns_from_header("".join(self.t4_header))
        return len(cols) if cols else 15

    def step_t4(self, i: int, line: Line, text_idx: list[int]) -> int:
        toks = line.tokens
        if text_idx:
            if self.t4_started and self.t4_next_segment(toks, text_idx):
                # 表四 printed in pieces (行政复议 header + values, then 行政诉讼 header + values)
                self.t4_started = False
                self.t4_collect_header(toks)
                self.touch("t4", i)
                return i + 1
            if self.t4_started:
                self.finish_t4()
                self.state = None
                return i  # this line belongs to what follows
            after = toks[text_idx[-1] + 1 :]
            end = self.t4_block_row(i, toks[text_idx[-1]], after)
            if end is not None:
                self.touch("t4", end)
                return end + 1
            if self.t4_transposed_row(i, toks, text_idx):
                return i + 1
            if not any(t.text for t in after):
                if all(len(toks[k].norm) <= 20 for k in text_idx):
                    # header pieces, also words broken over lines (「结果」「维持」)
                    self.t4_collect_header(toks)
                    self.touch("t4", i)
                return i + 1
            # a label before the data row (e.g. 「件数」): take the values after it
            toks = after
        if line.in_table and not text_idx and any(t.text for t in toks) and not self.t4_started:
            self.t4_started = True  # a table's data row: its leading blank cells are cells too
        for t in toks:
            if t.text and not self.t4_started:
                self.t4_started = True
            if self.t4_started:
                self.t4_values.append(t)
        if self.t4_started:
            self.touch("t4", i)
        return i + 1

    def t4_block_order(self) -> list[str] | None:
        """The blocks as columns (表四 transposed), in printed order, when the header names all three."""
        header = "".join(self.t4_header)
        found = {"review": header.find("行政复议"), "suit_direct": header.find("直接起诉"), "suit_after_review": header.find("复议后起诉")}
        if min(found.values()) < 0 or any(w in header for _, w in T4_COLUMN_WORDS):
            return None  # not every block named, or the columns are in the header: not transposed
        return sorted(found, key=found.__getitem__)

    def t4_transposed_row(self, i: int, toks: list[Token], text_idx: list[int]) -> bool:
        """「结果维持 | 0 | 0 | 0」: one 表四 column per row, the blocks across (a transposed 表四)."""
        if self.t4_started or text_idx != [0]:
            return False
        col = next((k for k, w in T4_COLUMN_WORDS if toks[0].norm == w), None)
        order = self.t4_block_order()
        if col is None or order is None or col in self.t4_transposed:
            return False
        self.t4_transposed[col] = (toks[0], toks[1:])
        self.touch("t4", i)
        return True

    def finish_t4_transposed(self) -> None:
        order = self.t4_block_order() or []
        for col, (label, values) in self.t4_transposed.items():
            self.place("t4", label, [f"t4.{b}.{col}" for b in order], values)
        self.rec.rows_seen["t4"] = len(self.t4_transposed)

    def t4_continues(self, i: int) -> bool:
        """After an empty line, the next printed line starts another piece of 表四 (a converter
        prints 行政复议 / 直接起诉 / 复议后起诉 as three small tables, each with its header)."""
        for line in self.lines[i + 1 : i + 4]:
            if line.empty:
                continue
            text_idx = [k for k, t in enumerate(line.tokens) if cell_value(t.text) is None]
            return bool(text_idx) and not is_part_heading(line) and self.t4_next_segment(line.tokens, text_idx)
        return False

    def t4_next_segment(self, toks: list[Token], text_idx: list[int]) -> bool:
        """A header line after values that exactly fill the columns named so far: more 表四 follows.

        Only when every printed value has its column (a header segment of 5, then 5 values)
        and the new line names 行政诉讼 columns, so no value is ever moved to another column.
        """
        if any(t.text and cell_value(t.text) is not None for t in toks):
            return False
        if not all(any(w in toks[k].norm for w in ("行政诉讼", "未经复议直接起诉", "复议后起诉")) or toks[k].norm in T4_HEADER_WORDS for k in text_idx):
            return False
        if not any(w in t.norm for t in toks for w in ("行政诉讼", "直接起诉", "复议后起诉")):
            return False
        pattern = re.compile("|".join(w for _, w in T4_COLUMN_WORDS))
        named = len(pattern.findall("".join(self.t4_header)))
        return 0 < named < 15 and named == len(self.t4_values) and all(t.text for t in self.t4_values)

    def t4_block_row(self, i: int, label: Token, rest: list[Token]) -> int | None:
        """表四 printed block by block: 「行政复议 | 0 | 0 | 0 | 0 | 0」, one row per block.

        Returns the last line of the row when it is one, else None.
        """
        n = label.norm
        if any(w in n for _, w in T4_COLUMN_WORDS):
            return None  # a header cell naming block and column (「复议后起诉总计」), not a row label
        block = "suit_after_review" if "复议后起诉" in n else "suit_direct" if "直接起诉" in n else None
        if block is None and n.startswith("行政复议") and len(n) <= 8:
            block = "review"
        if block is None:
            return None
        values, end = self.gather(i, rest, continuation=False)
        if not any(t.text for t in values):
            return None
        self.t4_rows[block] = (label, values)
        return end

    def finish_t4_rows(self) -> None:
        names = []
        pattern = re.compile("|".join(w for _, w in T4_COLUMN_WORDS))
        for m in pattern.finditer("".join(self.t4_header)):
            key = next(k for k, w in T4_COLUMN_WORDS if w == m.group(0))
            if key not in names:
                names.append(key)
        if len(names) < 4:
            names = [k for k, _ in T4_COLUMN_WORDS]
        for block, (label, values) in self.t4_rows.items():
            keys = [f"t4.{block}.{c}" for c in names]
            self.place("t4", label, keys, values, check=self.t4_check(keys))
            self.rec.rows_seen["t4"] = self.rec.rows_seen.get("t4", 0) + 1

    def finish_t4(self) -> None:
        if self.state != "t4" or self.t4_done:
            return
        if self.t4_rows:
            self.t4_done = True
            self.finish_t4_rows()
            return
        if self.t4_transposed:
            self.t4_done = True
            self.finish_t4_transposed()
            return
        if not self.t4_header:
            return
        self.t4_done = True
        cols = t4_columns_from_header("".join(self.t4_header))
        printed = len([t for t in self.t4_values if t.text])
        if cols is None or (len(cols) != 15 and printed == 15):
            # unreadable header, or one misread while the data row prints every column
            cols = [(b, c) for b in ("review", "suit_direct", "suit_after_review") for c, _ in T4_COLUMN_WORDS]
        elif len(cols) != 15:
            missing = 15 - len(cols)
            absent = [f"t4.{b}.{c}" for b in ("review", "suit_direct", "suit_after_review") for c, _ in T4_COLUMN_WORDS if (b, c) not in cols]
            self.rec.findings.append(
                finding(
                    "IMPORT-DEVIATION",
                    Severity.WARNING,
                    f"表四表头只有{len(cols)}列（少{missing}列），缺少的列没有导入",
                    cells=absent,
                    table="t4",
                    columns=len(cols),
                )
            )
        keys = [f"t4.{b}.{c}" for b, c in cols]
        values = self.t4_values
        if not any(t.text for t in values):
            return
        self.rec.rows_seen["t4"] = 1
        fitted = fit(values, len(keys), self.t4_check(keys))
        if isinstance(fitted, str):
            self.deviation(
                "t4",
                f"表四数据行印有{len([v for v in values if v.text])}个数，应为{len(keys)}个；{fitted}，表四没有导入",
                cells=keys,
                values=[t.text for t in values],
            )
            return
        for key, tok in zip(keys, fitted):
            value = cell_value(tok.text)
            assert value is not None
            self.rec.cells[key] = ReadCell(value, tok)

    def t4_check(self, keys: list[str]):
        def ok(tokens: list[Token]) -> bool:
            vals = {k: cell_value(t.text) for k, t in zip(keys, tokens)}
            for block in ("review", "suit_direct", "suit_after_review"):
                parts = [vals.get(f"t4.{block}.{c}") for c in ("upheld", "corrected", "other", "pending")]
                total = vals.get(f"t4.{block}.total")
                if total is None or any(p is None for p in parts):
                    continue
                if total.number is None or any(p.number is None for p in parts):  # type: ignore[union-attr]
                    return False
                if sum(p.number for p in parts) != total.number:  # type: ignore[union-attr]
                    return False
            return True

        return ok


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


def fit(values: list[Token], n: int, check=None) -> list[Token] | str:
    """The n printed cells of a row, or the reason (Chinese) why they cannot be told apart."""
    vals = list(values)
    while len(vals) > n and vals and not vals[-1].text:
        vals.pop()
    while len(vals) > n and vals and not vals[0].text:
        vals.pop(0)
    if len(vals) == n:
        return vals
    if len(vals) > n:
        filled = [v for v in vals if v.text]
        if len(filled) == n:
            return filled
        return "多出的数无法判断属于哪一列"
    # fewer printed pieces than cells: only digits run together can explain it
    runs = [v for v in vals if is_digit_run(v.text)]
    if not runs:
        return "缺少的数无法判断是哪一列"
    if any(v.where.kind == "pdf" and v.where.col is not None for v in runs):
        # a cell of a ruled PDF table is one printed number: its digits are never several cells
        return "缺少的数无法判断是哪一列"
    cells = {(v.where.table, v.where.row, v.where.col) for v in vals if v.where.col is not None}
    if len(cells) >= 2 and any(v.where.col is not None for v in runs):
        # a row of table cells (web page, Word): each cell is one printed number, so a
        # short row lost a cell; '68' is sixty-eight, never a 6 and an 8 of two columns
        return "缺少的数无法判断是哪一列"
    width = sum(len(v.text.strip()) if is_digit_run(v.text) else 1 for v in vals)
    if width != n:
        return "几个数连在一起，无法唯一地分开"
    split: list[Token] = []
    for v in vals:
        if is_digit_run(v.text):
            text = v.text.strip()
            offset = len(v.text) - len(v.text.lstrip())
            for k, ch in enumerate(text):
                w = v.where
                start = None if w.start is None else w.start + offset + k
                split.append(Token(ch, replace(w, start=start, end=None if start is None else start + 1, extra=dict(w.extra)), v.line))
        else:
            split.append(v)
    if check is not None and not check(split):
        return "几个数连在一起，拆开后合计对不上，无法唯一地分开"
    return split


def recognize(doc: Document, fallback: FormatVersion | None = None) -> Recognition:
    rec = _Reader(doc, fallback).run()
    _summarize(rec)
    return rec


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
                    Severity.WARNING,
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
                    Severity.WARNING,
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
