"""表四: the recognizer's reading of 行政复议/行政诉讼, in every shape offices print it.

One 15-column data row under a two-level header; the header and values in pieces
(行政复议 then 行政诉讼, or three small tables of five columns); one row per block
(「行政复议 | 0 | 0 | 0 | 0 | 0」); or transposed (one row per column, the blocks across).
A mixin of the recognizer (`recognize._Reader`): it uses the reader's lines, `gather`,
`place`, `touch` and `deviation`.
"""

from __future__ import annotations

import re

from .labels import T4_COLUMN_WORDS, T4_HEADER_WORDS, t4_columns_from_header
from .rows import ReadCell, finding, fit, is_part_heading
from .tokens import Line, Token, cell_value


class Table4:
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
