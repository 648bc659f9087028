"""Row labels printed apart from their numbers (converter and OCR output): a mixin of the
table reader that holds labels printed alone until it is clear whose numbers follow.

- a label alone on its line, nothing after it: held (an "orphan");
- the next row's numbers printed on lines of their own, after its label, while labels are
  held: the numbers could be any of these rows'. As many printed lines as held labels +1,
  each fitting its row, and the table's arithmetic not refuting it: template order. One
  printed row: `ambiguity.resolve` asks the arithmetic once the table is read; a row it
  cannot pick stays blank with IMPORT-AMBIGUOUS naming the candidate rows.
- numbers printed on the label's own line belong to that label; the held labels stay held
  until the table ends, then they are rows without numbers (the reader's usual deviation).
"""

from __future__ import annotations

from decimal import Decimal

from ...report.format import t2_rows, t3_rows
from .ambiguity import BY_ARITHMETIC, BY_ORDER, Ambiguity, Candidate, equations, numbers, resolve, verdict
from .rows import ReadCell, fit
from .tokens import Token, reading


class Separated:
    def row_cells(self, table: str, key: str) -> list[str]:
        if self.fmt is None:
            return []
        if table == "t3":
            if key not in {r.key for r in t3_rows(self.fmt)}:
                return []
            return [f"t3.{key}.{c}" for c in self.columns()]
        row = next((r for r in t2_rows(self.fmt) if r.key == key), None)
        return [] if row is None else [f"t2.{key}.{c}" for c, _, _ in row.columns]

    def separated(self, table: str, key: str, label: Token, values: list[Token], later_lines: bool) -> bool:
        """Handled here (held, or made an ambiguity)? False: the reader places the row itself."""
        if table not in ("t2", "t3") or key == "header":
            return False
        printed = [t for t in values if t.text]
        if not values and not later_lines:
            if self.orphans and self.orphans[-1].table != table:
                self.flush_orphans()
            self.enter(table)
            self.orphans.append(Candidate(table, key, label, self.row_cells(table, key)))
            if table == "t3":
                self.after = key
            return True
        if self.orphans and self.orphans[-1].table != table:
            self.flush_orphans()
        own_lines = printed and all(all(reading(t.text) is not None for t in self.lines[v.line].tokens) for v in printed)
        if not (self.orphans and later_lines and own_lines):
            # numbers printed with this label are its own; the held labels stay held (their
            # numbers may still come, after this row) until the table ends
            return False
        self.enter(table)
        cands = self.orphans + [Candidate(table, key, label, self.row_cells(table, key))]
        self.orphans = []
        if table == "t3":
            self.after = key
        if not self.in_order(cands, values):
            self.ambiguities.append(Ambiguity(cands, values))
        return True

    def enter(self, table: str) -> None:
        if table == "t3" and self.state != "t3":
            self.start_t3([])
        self.state = table

    def flush_orphans(self) -> None:
        """Held labels no numbers came for: rows printed without numbers."""
        held, self.orphans = self.orphans, []
        for cand in held:
            if cand.table == "t2":
                self.read_t2(cand.key, cand.label, [])
            else:
                self.read_t3(cand.key, cand.label, [])

    def fitted(self, cand: Candidate, values: list[Token]) -> list[Token] | None:
        if not cand.cells or any(k in self.rec.cells for k in cand.cells):
            return None
        check = self.total_check(cand.cells) if cand.table == "t3" else None
        got = fit(values, len(cand.cells), check)
        return None if isinstance(got, str) or self.unconfirmed(cand.cells, got) else got

    def in_order(self, cands: list[Candidate], values: list[Token]) -> bool:
        """One printed line of numbers per held label, in the template's order."""
        by_line: dict[int, list[Token]] = {}
        for t in values:
            by_line.setdefault(t.line, []).append(t)
        if len(by_line) != len(cands) or len(cands) < 2:
            return False
        rows = [self.fitted(c, line) for c, line in zip(cands, by_line.values())]
        if any(r is None for r in rows):
            return False
        if cands[0].table == "t3" and self.fmt is not None:
            known = self.read_numbers()
            for cand, row in zip(cands, rows):
                for k, n in zip(cand.cells, numbers(row)):  # type: ignore[arg-type]
                    if n is not None:
                        known[k] = n
            if not verdict(known, equations(self.fmt), set())[0]:
                return False
        for cand, row in zip(cands, rows):
            self.put(cand, row, BY_ORDER)  # type: ignore[arg-type]
        self.count(cands, len(cands))
        return True

    def count(self, cands: list[Candidate], n: int) -> None:
        if cands[0].table == "t3":
            self.rec.rows_seen["t3"] = self.rec.rows_seen.get("t3", 0) + n

    def read_numbers(self) -> dict[str, Decimal]:
        return {k: c.value.number for k, c in self.rec.cells.items() if c.value.is_number and c.value.number is not None}

    def put(self, cand: Candidate, row: list[Token], how: str) -> None:
        for key, tok in zip(cand.cells, row):
            value = reading(tok.text)
            assert value is not None
            self.rec.cells[key] = ReadCell(value, tok, how)

    def settle(self) -> None:
        """Decide the ambiguous rows once the whole table is known."""
        for amb in self.ambiguities:
            fitted = [self.fitted(c, amb.values) for c in amb.candidates]
            pick = resolve(amb, self.read_numbers(), self.fmt, fitted)
            if pick is None:
                reason = "表格的合计关系也不能确定" if any(fitted) else "印出的数的个数也对不上这些行"
                self.rec.findings.append(amb.finding(reason))
                self.count(amb.candidates, len(amb.candidates))
                continue
            self.count(amb.candidates, 1)
            self.put(amb.candidates[pick], fitted[pick], BY_ARITHMETIC)  # type: ignore[arg-type]
            for i, cand in enumerate(amb.candidates):
                if i != pick:  # a row printed without numbers, as the reader says of any
                    (self.read_t2 if cand.table == "t2" else self.read_t3)(cand.key, cand.label, [])
