"""The words a ledger uses: column headers, applicant types, result names, case kinds.

Results are read into one canonical key set that covers both format versions: the 2021
keys plus the 2019 single row `other`. Mapping to the report's own version happens when
counting (see `result_row`), because one ledger can span years of both versions.
"""

from __future__ import annotations

import re
import unicodedata

from ..report.format import T3_COLUMNS, FormatVersion, t3_result_rows

# Ledger headers (exact names; any order; further columns are kept but not used).
COL_ID = "编号"
COL_RECEIVED = "收到日期"
COL_APPLICANT = "申请人类型"
COL_RESULT = "办理结果"
COL_ANSWERED = "答复日期"
LEDGER_COLUMNS = (COL_ID, COL_RECEIVED, COL_APPLICANT, COL_RESULT, COL_ANSWERED)
FREE_COLUMNS = ("申请人", "申请内容", "备注")  # suggested in the template, never used

# Cases file for 表四.
CASE_ID = "编号"
CASE_KIND = "类型"
CASE_RESULT = "结果"
CASE_YEAR = "年度"  # optional: when present, only rows of the report year count
CASE_DATE = "收案日期"  # optional: without 年度, the year of this date
CASE_COLUMNS = (CASE_ID, CASE_KIND, CASE_RESULT)

APPLICANT_LABELS = {k: label for k, label in T3_COLUMNS if k != "total"}  # key -> 自然人 …
CASE_KINDS = {"review": "行政复议", "suit_direct": "直接起诉", "suit_after_review": "复议后起诉"}
CASE_RESULTS = {"upheld": "维持", "corrected": "纠正", "other": "其他", "pending": "尚未审结"}

_KIND_ALIASES = {
    "行政复议": "review",
    "复议": "review",
    "直接起诉": "suit_direct",
    "未经复议直接起诉": "suit_direct",
    "行政诉讼未经复议直接起诉": "suit_direct",
    "复议后起诉": "suit_after_review",
    "行政诉讼复议后起诉": "suit_after_review",
}
_CASE_RESULT_ALIASES = {
    "维持": "upheld",
    "结果维持": "upheld",
    "纠正": "corrected",
    "结果纠正": "corrected",
    "其他": "other",
    "其他结果": "other",
    "尚未审结": "pending",
    "未审结": "pending",
}


def normalize(text: str) -> str:
    """Comparable form: NFKC (full-width -> half-width), no spaces, no quote marks."""
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\"'“”‘’「」]", "", t)


_PREFIX = re.compile(r"^([(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])")


def strip_prefix(label: str) -> str:
    """「（三）不予公开」-> 不予公开, 「4.保护第三方合法权益」-> 保护第三方合法权益."""
    return _PREFIX.sub("", label, count=1)


def applicant_key(text: str) -> str | None:
    t = normalize(text)
    for key, label in APPLICANT_LABELS.items():
        if t in (key, normalize(label)):
            return key
    return None


def _result_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    rows = t3_result_rows(FormatVersion.V2021) + t3_result_rows(FormatVersion.V2019)
    for row in rows:
        for name in (row.key, strip_prefix(normalize(row.label))):
            aliases.setdefault(name, row.key)
        short = strip_prefix(normalize(row.label))
        if short.startswith("属于"):  # 「属于国家秘密」 is also written 「国家秘密」
            aliases.setdefault(short[2:], row.key)
    aliases["部分公开"] = "partly_granted"
    aliases["其他"] = "other.other"  # REPORT_FORMAT.md: in 其他处理, 其他 means other.other
    aliases["其他处理"] = "other"  # the 2019 single row
    return aliases


_RESULTS = _result_aliases()


def result_key(text: str) -> str | None:
    """Canonical result key for a cell-row key or printed label; None if unknown."""
    t = normalize(text)
    return _RESULTS.get(t) or _RESULTS.get(strip_prefix(t))


def result_row(key: str, version: FormatVersion) -> str | None:
    """The 表三 row a canonical result counts in for this format version (None: cannot)."""
    if version is FormatVersion.V2019:
        return "other" if key.startswith("other") else key
    return None if key == "other" else key  # 2019「其他处理」must be split in the 2021 format


def result_labels(version: FormatVersion | str) -> list[str]:
    """Dropdown entries: every result of the version, printed label without its number."""
    return [strip_prefix(r.label) for r in t3_result_rows(version)]


def case_kind_key(text: str) -> str | None:
    t = normalize(text).replace("·", "").replace("-", "").replace("—", "")
    return t if t in CASE_KINDS else _KIND_ALIASES.get(t)


def case_result_key(text: str) -> str | None:
    t = normalize(text)
    return t if t in CASE_RESULTS else _CASE_RESULT_ALIASES.get(t)
