"""X-CARRY-OVER: per 表三 column, this year's 上年结转 = last year's 结转下年度.

表三 columns are the same in both format versions, so a 2020 (2019-format) report
checks a 2021 one as well.
"""

from __future__ import annotations

from decimal import Decimal

from ...report.format import T3_COLUMNS, cell_specs
from ..catalogue import make
from ..finding import Finding
from ..rule import Rule
from ..tables import whole

_LABELS = dict(T3_COLUMNS)


def carry_over_finding(
    column: str,
    carried_in: Decimal | int,
    previous_year: int,
    previous_carried_out: Decimal | int,
    *,
    ledger: bool = False,
    year: int | None = None,
    explanation: str = "",
    ids: list[str] | None = None,
) -> Finding:
    """The one X-CARRY-OVER finding: this year's 上年结转 of `column` against last year's
    printed 结转下年度. `ledger`: this year's figure was counted from the office's register
    (fill), and `explanation` says which applications make it up."""
    key = f"t3.carried_in.{column}"
    args = dict(
        column=_LABELS[column],
        column_key=column,
        carried_in=carried_in,
        previous_year=previous_year,
        previous_carried_out=previous_carried_out,
        label=cell_specs("2021")[key].label,
    )
    if ledger:
        args.update(year=year, ids=ids or [], explanation=explanation)
    return make("X-CARRY-OVER", variant="ledger" if ledger else None, cells=[key], **args)


def previous_blank_finding(previous_year: int, blank: list[tuple[str, Decimal | int | None]]) -> Finding:
    """Last year's 结转下年度 left blank in some columns: one warning for all of them, the same
    from validate and from fill (nothing to compare is no inconsistency, and one fact is one
    finding). `blank`: (column, this year's 上年结转 or None)."""
    shown = "、".join(f"{_LABELS[c]} {'空白' if now is None else now}" for c, now in blank)
    return make(
        "X-CARRY-OVER",
        variant="previous_blank",
        cells=[f"t3.carried_in.{c}" for c, _ in blank],
        columns="」「".join(_LABELS[c] for c, _ in blank),
        column_keys=[c for c, _ in blank],
        carried_in=shown,
        previous_year=previous_year,
    )


class XCarryOver(Rule):
    code = "X-CARRY-OVER"
    needs_previous = True

    def check(self, ctx):
        report, previous = ctx.report, ctx.previous
        if previous is None:
            return
        if previous.year != report.year - 1:
            yield self.finding(
                variant="wrong_year",
                previous_year=previous.year,
                year=report.year,
                expected_year=report.year - 1,
            )
            return
        blank = []
        for col, _ in T3_COLUMNS:
            now = whole(report, f"t3.carried_in.{col}")
            before = whole(previous, f"t3.carried_out.{col}")
            if before is None:
                blank.append((col, now))
            elif now is not None and now != before:
                yield carry_over_finding(col, now, previous.year, before)
        if blank:
            yield previous_blank_finding(previous.year, blank)
