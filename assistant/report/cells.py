"""A table cell: a number, blank (nothing printed) or not applicable ("/" and kin).

A blank is not a zero and a "/" is not a blank: the three stay apart everywhere.
Numbers are Decimal so money keeps its printed decimals ("12.50" stays "12.50").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .format import NA_MARKS


@dataclass(frozen=True, slots=True)
class CellValue:
    number: Decimal | None = None
    na_mark: str | None = None  # the printed mark, e.g. "/" or "—"

    @classmethod
    def of(cls, value: int | str | Decimal) -> "CellValue":
        return cls(number=Decimal(value))

    @classmethod
    def na(cls, mark: str = "/") -> "CellValue":
        return cls(na_mark=mark)

    @property
    def is_number(self) -> bool:
        return self.number is not None

    @property
    def is_blank(self) -> bool:
        return self.number is None and self.na_mark is None

    @property
    def is_na(self) -> bool:
        return self.na_mark is not None

    @property
    def is_integral(self) -> bool:
        return self.number is not None and self.number == self.number.to_integral_value()

    def as_int(self) -> int | None:
        """The count as int, or None when blank, n/a or not a whole number."""
        return int(self.number) if self.is_integral else None

    def display(self) -> str:
        """As printed: the number with its own decimals, the n/a mark, or "" for blank."""
        if self.number is not None:
            return format_number(self.number)
        return self.na_mark or ""

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return self.display() or "（空白）"


BLANK = CellValue()

MAX_DIGITS = 60  # generous (a float written as Decimal has ~50 digits); a 5,000-digit "number" is hostile


def number_in_bounds(value: Decimal) -> bool:
    """At most MAX_DIGITS significant digits and an exponent within ±MAX_DIGITS (printable, short)."""
    t = value.as_tuple()
    return isinstance(t.exponent, int) and len(t.digits) <= MAX_DIGITS and abs(t.exponent) <= MAX_DIGITS


TOO_LONG = f"数字过大或位数过多（最多 {MAX_DIGITS} 位）"
NEGATIVE_COUNT = "件数不能是负数"
FRACTION = "件数应是整数，不能有小数"
NEGATIVE_MONEY = "金额不能是负数"


def cell_problems(kind: str, cell: CellValue) -> list[str]:
    """What is wrong with a number in a cell of this kind (count, money, signed); [] when it fits.

    Counts are whole and not negative; money is not negative and may have decimals; the
    2019 format's 本年增/减 (signed) are whole and may be negative. Blank and "/" always fit.
    """
    if cell.number is None:
        return []
    if kind == "money":
        return [NEGATIVE_MONEY] if cell.number < 0 else []
    problems = []
    if kind == "count" and cell.number < 0:
        problems.append(NEGATIVE_COUNT)
    if not cell.is_integral:
        problems.append(FRACTION)
    return problems


def format_number(value: Decimal) -> str:
    """Plain notation, never exponent: Decimal('1E+2') -> '100', keeps '12.50'."""
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0") else text


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_number_text(text: str) -> Decimal | None:
    """A plain number written as text: full-width digits and thousands separators allowed."""
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    t = t.replace("−", "-")
    if not _NUMBER.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        return None


def is_na_mark(text: str) -> bool:
    return text.strip() in NA_MARKS
