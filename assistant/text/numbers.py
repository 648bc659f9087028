"""Find the quantities stated in Chinese report prose, with exact character offsets.

A quantity is a number a reader would take as an amount: "21件", "二十一件",
"１２件", "1.2万", "12.5万元", "百分之九十五", "95%", or a year/date ("2021年",
"2021年1月1日", "2月18日"). Numerals that are not amounts are skipped: article
numbers and ordinals (第四十二条, 第一时间), list markers ((一) （1） 1. 一是),
fixed phrases (see phrases.py), phone numbers, postcodes, addresses, document
numbers (〔2021〕30号, 国务院令第711号), e-mail addresses and URLs.

Chinese numerals are converted by cn2an; Chinese numerals count only when a unit
follows them, because bare 一/二 are everywhere in ordinary words (统一, 进一步).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal


from . import cn_numerals
from .phrases import fixed_phrase_spans

Kind = Literal["count", "percent", "money", "year", "date", "other"]


@dataclass(frozen=True)
class Quantity:
    """`value` is in `unit` as written (12.5万元 -> 12.5, "万元"); a magnitude word
    without a money unit is applied (1.2万件 -> 12000, "件"). Years: the year.
    Dates: YYYYMMDD as a number, with 0 for a part not written (2月18日 -> 218)."""

    start: int
    end: int
    raw: str
    value: Decimal
    unit: str | None
    kind: Kind


MONEY_UNITS = ("万元", "亿元", "元")

# Full-width digits and marks map one-to-one, so offsets into the original text hold.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
_S = r"[ \t\u3000]*"  # spaces inside a quantity ("21 件" in PDF text)
_CN_DIGIT = "零〇○一二两三四五六七八九"
_CN_NUM = f"[{_CN_DIGIT}十][{_CN_DIGIT}十百千万亿点]*"
# A unit must not be the first character of a longer word (条例, 个人, 人民 ...).
_UNIT = (
    r"(?P<unit>人次|万元|亿元|元|件|条(?!例|款|目|线)|次(?!性|序|要)|个(?!人|别|性|体)"
    r"|期(?!间|限|刊)|场(?!所|景)|人(?!民|员|大|才)|家(?!庭|属)|篇(?!章)|项(?!目)|份(?!额)|起(?!草|来|诉)|宗(?!旨))"
)

_ARABIC = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:{_S}(?P<mag>[万亿])(?!元))?"
    rf"(?:{_S}(?P<approx>余|多))?"
    rf"(?:{_S}(?:{_UNIT}|(?P<pct>%)))?"
)
_CHINESE = re.compile(rf"(?P<num>{_CN_NUM})(?P<approx>余|多)?{_UNIT}")
_PERCENT_CN = re.compile(rf"百分之(?P<num>{_CN_NUM}|百)")
_DATE = re.compile(
    rf"(?P<y>\d{{4}}){_S}年(?:{_S}(?P<m>\d{{1,2}}){_S}月(?:{_S}(?P<d>\d{{1,2}}){_S}日)?|(?P<du>度)?)"
    rf"|(?<!\d)(?P<m2>\d{{1,2}}){_S}月(?:{_S}(?P<d2>\d{{1,2}}){_S}日)?"
)
_CN_DATE = re.compile(
    r"(?P<y>[零〇○一二三四五六七八九]{4})年(?:(?P<m>[一二三四五六七八九十]{1,2})月(?:(?P<d>[一二三四五六七八九十]{1,3})日)?|(?P<du>度)?)"
)

_RANGE_TO_YEAR = re.compile(rf"{_S}[—\-－~～至到]{_S}\d{{4}}{_S}年")
_OPEN = "（(〔[【"
_CLOSE = "）)〕]】"
_PLACE_AFTER = ("号", "室", "楼", "层", "栋", "幢", "弄", "路", "街", "巷", "热线", "专线", "届", "版", "批")
_CONTACT_BEFORE = re.compile(r"(电话|热线|传真|邮编|邮政编码|手机|联系方式|号码|QQ|qq|微信号|邮箱|网址)[：:\s]*$")


def _cn_value(numeral: str) -> Decimal | None:
    plain = cn_numerals.parse(numeral)
    if plain is not None:
        return Decimal(plain)
    import cn2an  # 0.3–0.8 s to import: only for numerals the plain reader leaves

    try:
        value = cn2an.cn2an(numeral, "smart")
    except Exception:  # cn2an raises a bare ValueError family on odd input; not a number then
        return None
    try:
        return Decimal(str(value)).normalize() if "." in str(value) else Decimal(int(value))
    except (InvalidOperation, ValueError):
        return None


def _prev_char(text: str, i: int) -> str:
    j = i - 1
    while j >= 0 and text[j] in " \t\u3000":
        j -= 1
    return text[j] if j >= 0 else "\x00"  # never a member of any marker set


def _next_text(text: str, i: int, n: int = 2) -> str:
    j = i
    while j < len(text) and text[j] in " \t\u3000":
        j += 1
    return text[j : j + n]


def _is_not_an_amount(text: str, start: int, num_end: int, end: int, has_unit: bool) -> bool:
    """Context says this numeral is an ordinal, marker, identifier or part of a code."""
    before = _prev_char(text, start)
    after = _next_text(text, num_end)
    if before == "第":
        return True  # 第四十二条, 第一时间, 国务院令第711号
    if start > 0 and (text[start - 1].isascii() and (text[start - 1].isalpha() or text[start - 1] in "@_/.:-")):
        return True  # e-mail, URL, code (hzzwgk@126.com, 5G) or phone part (0431-81186305)
    if end < len(text) and text[end].isascii() and (text[end].isalpha() or text[end] in "@_/-"):
        return True
    if num_end < len(text) and text[num_end] in "-－" and num_end + 1 < len(text) and text[num_end + 1].isdigit():
        return True  # 0431-81186305
    if before in _OPEN and after[:1] in _CLOSE:
        return True  # （1）, 〔2021〕
    if before in "〕]】":
        return True  # 〔2021〕30号
    if any(after.startswith(w) or _next_text(text, num_end, len(w)) == w for w in _PLACE_AFTER):
        return True  # 1577号, 30号, 12345热线
    if not has_unit:
        if after[:1] in ("、", ")", "）") or (after[:1] == "." and not after[1:2].isdigit()):
            return True  # list marker 1、 1. 1)
        if _CONTACT_BEFORE.search(text[max(0, start - 12) : start]):
            return True  # phone numbers and postcodes
        digits = re.sub(r"\D", "", text[start:num_end])
        if len(digits) >= 7:
            return True  # a bare run this long is a phone/ID number, not an amount
    return False


def _year_ok(y: int) -> bool:
    return 1900 <= y <= 2100


def _date_value(y: int, m: int, d: int) -> Decimal:
    return Decimal(f"{y:04d}{m:02d}{d:02d}")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in order, without overlaps."""
    if not text:
        return []
    norm = text.translate(_FULLWIDTH)
    masked = fixed_phrase_spans(norm)
    found: list[Quantity] = []

    def add(start: int, end: int, value: Decimal, unit: str | None, kind: Kind) -> None:
        found.append(Quantity(start, end, text[start:end], value, unit, kind))

    for m in _DATE.finditer(norm):
        if m.group("y"):
            y = int(m.group("y"))
            before = _prev_char(norm, m.start())
            # 〔2021〕, 第2021; in round brackets only a bare year is an annotation
            # ("（2019年修订）"), a date is a date ("（2023年1月1日至12月31日）")
            if not _year_ok(y) or before in "〔[【第" or (before in "（(" and not m.group("m")):
                continue
            if m.group("m"):
                mo, d = int(m.group("m")), int(m.group("d") or 0)
                if 1 <= mo <= 12 and d <= 31:
                    add(m.start(), m.end(), _date_value(y, mo, d), None, "date")
            else:
                add(m.start(), m.end(), Decimal(y), None, "year")
        else:
            mo, d = int(m.group("m2")), int(m.group("d2") or 0)
            if 1 <= mo <= 12 and d <= 31 and _prev_char(norm, m.start()) not in "第-－":
                add(m.start(), m.end(), _date_value(0, mo, d), None, "date")
    for m in _CN_DATE.finditer(norm):
        y = _cn_value(m.group("y"))
        if y is None or not _year_ok(int(y)):
            continue
        if m.group("m"):
            mo = _cn_value(m.group("m"))
            d = _cn_value(m.group("d")) if m.group("d") else Decimal(0)
            if mo is not None and d is not None:
                add(m.start(), m.end(), _date_value(int(y), int(mo), int(d)), None, "date")
        else:
            add(m.start(), m.end(), Decimal(int(y)), None, "year")
    for m in _PERCENT_CN.finditer(norm):
        value = Decimal(100) if m.group("num") == "百" else _cn_value(m.group("num"))
        if value is not None:
            add(m.start(), m.end(), value, "%", "percent")
    for m in _ARABIC.finditer(norm):
        unit = m.group("unit")
        pct = m.group("pct")
        has_unit = bool(unit or pct)
        if _is_not_an_amount(norm, m.start(), m.end("num"), m.end(), has_unit):
            continue
        try:
            value = Decimal(m.group("num").replace(",", ""))
        except InvalidOperation:
            continue
        if m.group("mag"):
            value *= Decimal(10000) if m.group("mag") == "万" else Decimal(100000000)
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
        if pct:
            add(m.start(), m.end(), value, "%", "percent")
        elif unit:
            add(m.start(), m.end(), value, unit, "money" if unit in MONEY_UNITS else "count")
        elif _RANGE_TO_YEAR.match(norm, m.end()) and _year_ok(int(value)) and value == int(value):
            add(m.start(), m.end(), value, None, "year")  # 2019—2023年: the first year of a range
        else:
            end = m.end("approx") if m.group("approx") else m.end("mag") if m.group("mag") else m.end("num")
            add(m.start(), end, value, None, "other")
    for m in _CHINESE.finditer(norm):
        numeral, unit = m.group("num"), m.group("unit")
        if numeral.endswith("万") and unit == "元":
            numeral, unit = numeral[:-1], "万元"  # 两万元 -> 2 万元, as 2万元 is read
        if not numeral or _is_not_an_amount(norm, m.start(), m.end("num"), m.end(), True):
            continue
        value = _cn_value(numeral)
        if value is not None:
            add(m.start(), m.end(), value, unit, "money" if unit in MONEY_UNITS else "count")

    found = [q for q in found if not any(q.start < e and s < q.end for s, e in masked)]
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    result: list[Quantity] = []
    for q in found:
        if result and q.start < result[-1].end:
            continue
        result.append(q)
    return result


def is_approximate(q: Quantity, text: str) -> bool:
    """The writer hedged the number (500余条, 近20件, 约3万元): not fit for comparison."""
    before = text[max(0, q.start - 2) : q.start]
    return "余" in q.raw or "多" in q.raw or any(w in before for w in ("约", "近", "超", "逾"))
