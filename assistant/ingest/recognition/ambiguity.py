"""Rows whose printed values cannot be tied to one label by the layout alone.

Converter and OCR output often print row labels apart from their numbers: two labels each
on its own line, then one row of numbers. Which row do the numbers belong to? The layout
does not say; the format's arithmetic sometimes does. `resolve` tries each candidate row
with the other candidates left blank, against the equations the template fixes per 表三
column (the results rows sum to 总计; 新收 + 上年结转 = 总计 + 结转下年度; the applicant
columns sum to the 总计 column). A candidate survives when no fully known equation
breaks and no equation with one unknown left needs a negative number. Exactly one
survivor, confirmed by at least one equation that holds with its numbers in it: the
numbers go there (provenance "arithmetic"). Otherwise every candidate stays blank with
IMPORT-AMBIGUOUS naming them -- never the last label by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...report.format import T3_COLUMNS, TABLE_NAMES, FormatVersion, t3_result_rows
from ...validate.finding import Finding
from .rows import finding
from .tokens import Token, reading

# how a cell's value was tied to its row (recorded in the provenance as "assigned")
BY_LABEL = "label"
BY_ORDER = "template order"
BY_ARITHMETIC = "arithmetic"


@dataclass
class Candidate:
    table: str
    key: str  # row key
    label: Token
    cells: list[str]  # the row's cell keys, in printed column order


@dataclass
class Ambiguity:
    candidates: list[Candidate]
    values: list[Token]  # the one printed row of numbers

    def finding(self, reason: str) -> Finding:
        table = self.candidates[0].table
        name = TABLE_NAMES[table]
        rows = "、".join(f"「{c.label.text}」" for c in self.candidates)
        printed = "、".join(t.text or "空白" for t in self.values)
        return finding(
            "IMPORT-AMBIGUOUS",
            f"{name}{rows}各自单独成行，其后只印有一行数（{printed}），无法确定属于哪一行；{reason}，这些单元格留空",
            cells=[k for c in self.candidates for k in c.cells],
            table=table,
            candidates=[c.label.text for c in self.candidates],
            values=[t.text for t in self.values],
        )


Numbers = dict[str, Decimal]


def equations(version: FormatVersion | str) -> list[tuple[list[str], list[str]]]:
    """(left cells, right cells) pairs whose sums the 2019/2021 表三 requires equal."""
    cols = [k for k, _ in T3_COLUMNS]
    results = [r.key for r in t3_result_rows(version)]
    out: list[tuple[list[str], list[str]]] = []
    for col in cols:
        out.append(([f"t3.{r}.{col}" for r in results], [f"t3.results_total.{col}"]))
        out.append(([f"t3.new.{col}", f"t3.carried_in.{col}"], [f"t3.results_total.{col}", f"t3.carried_out.{col}"]))
    return out


def _row_totals(cells: list[str]) -> tuple[list[str], list[str]] | None:
    total = [k for k in cells if k.endswith(".total")]
    if len(total) != 1 or len(cells) != len(T3_COLUMNS):
        return None
    return [k for k in cells if k != total[0]], total


def verdict(known: Numbers, eqs: list[tuple[list[str], list[str]]], mine: set[str]) -> tuple[bool, bool]:
    """(no equation refutes, an equation with one of `mine` in it confirms).

    An equation with every cell known must hold; one with a single unknown cell implies
    that cell's value, which must not be negative and must agree with what any other
    equation implies for it. Holding, or agreeing, with `mine` involved confirms.
    """
    confirmed = False
    implied: dict[str, tuple[Decimal, bool]] = {}
    for left, right in eqs:
        cells = left + right
        unknown = [k for k in cells if k not in known]
        if len(unknown) >= 2:
            continue
        lsum = sum((known[k] for k in left if k in known), Decimal(0))
        rsum = sum((known[k] for k in right if k in known), Decimal(0))
        involved = bool(mine & set(cells))
        if not unknown:
            if lsum != rsum:
                return False, False
            confirmed = confirmed or involved
            continue
        value = rsum - lsum if unknown[0] in left else lsum - rsum
        if value < 0:
            return False, False
        seen = implied.get(unknown[0])
        if seen is not None:
            if seen[0] != value:
                return False, False
            confirmed = confirmed or involved or seen[1]
        implied[unknown[0]] = (value, involved or (seen is not None and seen[1]))
    return True, confirmed


def numbers(tokens: list[Token]) -> list[Decimal | None]:
    out = []
    for t in tokens:
        v = reading(t.text)
        out.append(v.number if v is not None and v.is_number else None)
    return out


def resolve(amb: Ambiguity, read: Numbers, version: FormatVersion | str | None, fitted: list[list[Token] | None]) -> int | None:
    """The index of the one candidate the arithmetic confirms, or None.

    `read`: numbers of the cells read unambiguously; `fitted[i]`: the printed values fitted
    to candidate i's columns (None when they do not fit its row).
    """
    if version is None or any(c.table != "t3" for c in amb.candidates):
        return None  # only 表三 has arithmetic between rows
    eqs = equations(version)
    survivors = []
    for i, cand in enumerate(amb.candidates):
        toks = fitted[i]
        if toks is None:
            continue
        nums = numbers(toks)
        known = dict(read)
        for key, n in zip(cand.cells, nums):
            if n is not None:
                known[key] = n
        for other in amb.candidates:
            if other is not cand:
                for k in other.cells:
                    known.pop(k, None)
        row = _row_totals(cand.cells)
        ok, confirmed = verdict(known, eqs, set(cand.cells))
        if row is not None:  # the row's own 总计 refutes, but every candidate shares it: it never confirms
            ok = ok and verdict(known, [row], set())[0]
        if ok:
            survivors.append((i, confirmed))
    if len(survivors) == 1 and survivors[0][1]:
        return survivors[0][0]
    return None
