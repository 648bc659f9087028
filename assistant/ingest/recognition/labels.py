"""Printed labels of 表二/表三/表四 -> row and column keys, tolerant of real-world variants.

Matching works on `norm()`-ed text (NFKC, no spaces, no quotes) with the item number
stripped, by the distinctive words of each label, and only for short texts so a prose
sentence that happens to mention 「予以公开」 is never taken for a table row.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...report.format import T3_COLUMNS, T4_COLUMNS, FormatVersion

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)[、.]?|\d+[.、)]|\(\d+\)|[①-⑳])")


def strip_numbering(n: str) -> tuple[str, str]:
    """('(三)', '不予公开') from '(三)不予公开' (input already normalized)."""
    m = _NUMBERING.match(n)
    if not m:
        return "", n
    return m.group(0), n[m.end() :]


# -- 表三 ------------------------------------------------------------------------------

# (key, distinctive words); first match wins, so longer/more specific entries come first.
_T3_WORDS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("new", ("本年新收",), 22),
    ("carried_in", ("上年结转",), 22),
    ("carried_out", ("结转下年度", "结转下年"), 18),
    ("partly_granted", ("部分公开",), 34),
    ("granted", ("予以公开",), 10),
    ("refused.state_secret", ("国家秘密",), 12),
    ("refused.law_prohibited", ("法律行政法规禁止", "法律法规禁止", "行政法规禁止"), 20),
    ("refused.security_stability", ("三安全一稳定",), 16),
    ("refused.third_party", ("第三方合法权益",), 16),
    ("refused.internal_affairs", ("内部事务",), 16),
    ("refused.process_info", ("过程性信息",), 16),
    ("refused.enforcement_file", ("执法案卷",), 16),
    ("refused.query_matter", ("查询事项",), 16),
    ("unable.not_held", ("不掌握",), 22),
    ("unable.needs_creation", ("另行制作",), 22),
    ("unable.unclear", ("仍不明确",), 22),
    ("not_processed.petition", ("信访举报投诉", "信访", "举报投诉"), 18),
    ("not_processed.repeated", ("重复申请",), 10),
    ("not_processed.publication", ("公开出版物",), 16),
    ("not_processed.excessive", ("大量反复申请", "大量反复"), 18),
    ("not_processed.confirmation", ("确认或重新出具", "重新出具"), 26),
    ("other.no_correction", ("逾期不补正",), 48),
    ("other.fee_unpaid", ("缴纳费用", "收费通知"), 48),
)
# group labels: no cells; value = the row-key prefix of their items
T3_GROUPS = {
    "本年度办理结果": "results",
    "不予公开": "refused",
    "无法提供": "unable",
    "不予处理": "not_processed",
    "其他处理": "other",
}


def match_t3(n: str, *, after: str | None = None) -> str | None:
    """Row key, 'group:<name>' for a group label, or None (cached: labels repeat a lot)."""
    return _match_t3(n, after)


@lru_cache(maxsize=65536)
def _match_t3(n: str, after: str | None) -> str | None:
    """`n` is normalized text. `after` is the previous row key read, which tells 「3.其他」 and 「总计」 apart from
    the column headers of the same names.
    """
    if not n or len(n) > 60:
        return None
    prefix, core = strip_numbering(n)
    core = core.rstrip(":：")
    for key, words, limit in _T3_WORDS:
        if len(core) <= limit and any(w in core for w in words):
            # 「不予公开」 contains no 「予以公开」, but guard the group labels anyway
            if key == "granted" and core.startswith("不予"):
                continue
            return key
    for label, group in T3_GROUPS.items():
        if core == label or (len(core) <= len(label) + 4 and core.startswith(label)):
            return f"group:{group}"
    fuzzy = _fuzzy_t3(core)
    if fuzzy is not None:
        return fuzzy
    if core == "其他" and (prefix.startswith("3") or (after or "").startswith("other.")):
        return "other.other"
    if core in ("总计", "合计") and (prefix == "(七)" or (after or "").startswith(("other", "not_processed"))):
        return "results_total"
    # characters of a vertical group label ran into the cell ('度办1.属于国家秘密'):
    # read from the item number on
    m = _INNER_NUMBER.search(n[:8])
    if m and m.start() > 0:
        return _match_t3(n[m.start() :], after)
    return None


_INNER_NUMBER = re.compile(r"\([一二三四五六七八]\)|(?<![\d.])\d\.")


def _canonical_cores() -> dict[str, str]:
    from ...report.format import t3_rows

    out = {}
    for v in FormatVersion:
        for row in t3_rows(v):
            core = strip_numbering(norm_label(row.label))[1]
            if len(core) >= 5:
                out[core] = row.key
    return out


def norm_label(text: str) -> str:
    from .tokens import norm

    return norm(text)


_CORES: dict[str, str] = {}


def _fuzzy_t3(core: str) -> str | None:
    """A misprinted label (「其他法律行政止公开」): close to exactly one template label."""
    if len(core) < 5 or len(core) > 60:
        return None
    from rapidfuzz import fuzz

    if not _CORES:
        _CORES.update(_canonical_cores())
    scored = sorted(((fuzz.ratio(core, c), key) for c, key in _CORES.items()), reverse=True)
    if scored and scored[0][0] >= 80 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 10):
        return scored[0][1]
    return None


# the printed column words are the template's own
T3_COLUMN_WORDS = T3_COLUMNS
# short fragments still present when a PDF chops header cells into pieces ('社会公益' + '组织')
_T3_COLUMN_FRAGMENTS = (
    ("natural", "自然"),
    ("commercial", "商业"),
    ("research", "科研"),
    ("public_interest", "公益"),
    ("legal_service", "法律"),
    ("other_org", "其他"),
    ("total", "总计"),
)
T3_HEADER_WORDS = ("申请人情况", "法人或其他组织", "勾稽关系") + tuple(w for _, w in T3_COLUMN_WORDS)


def t3_columns_from_header(header: str) -> list[str] | None:
    """Column keys in printed order, from the joined normalized header text; None if unreadable."""
    h = header.replace("法人或其他组织", "").replace("法人和其他组织", "")
    h = re.sub(r"\(本列数据.*?\)", "", h)
    found = []
    for key, word in _T3_COLUMN_FRAGMENTS:
        pos = h.find(word)
        if pos >= 0:
            found.append((pos, key))
    if "natural" not in {k for _, k in found} or len(found) < 4:
        return None
    # header cells sit on two rows (自然人 … 总计 above 商业企业 …): positions do not give
    # the order, the template does
    return [k for _, k in sorted(found, key=lambda f: [c for c, _ in T3_COLUMN_WORDS].index(f[1]))]


# -- 表二 ------------------------------------------------------------------------------

_T2_WORDS = (
    ("rules", ("规章",)),
    ("normative_docs", ("行政规范性文件", "规范性文件")),
    ("licensing", ("行政许可",)),
    ("other_services", ("其他对外管理服务事项", "其他对外管理服务")),
    ("punishment", ("行政处罚",)),
    ("coercion", ("行政强制",)),
    ("fees", ("行政事业性收费",)),
    ("procurement", ("政府集中采购",)),
)
T2_HEADER_WORDS = (
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "处理决定数量",
    "采购项目数量",
    "采购总金额",
    "单位",
)
_SUBTABLE = re.compile(r"^第二十条第\(?[一二三四五六七八九十]+\)?项")


def is_t2_subtable(n: str) -> bool:
    return bool(_SUBTABLE.match(n)) and len(n) <= 16


def match_t2(n: str) -> str | None:
    if not n or len(n) > 16:
        return None
    _, core = strip_numbering(n)
    for key, words in _T2_WORDS:
        if any(core == w for w in words):
            return key
    return None


# -- 表四 ------------------------------------------------------------------------------

T4_COLUMN_WORDS = T4_COLUMNS
T4_HEADER_WORDS = ("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉") + tuple(w for _, w in T4_COLUMN_WORDS)


def is_t4_anchor(n: str) -> bool:
    # 「行政复议」 alone, or a flattened header line 「行政复议 行政诉讼」 / 「结果维持 结果纠正 …」
    return n.startswith(("行政复议", "结果维持")) and len(n) <= 60 and "情况" not in n


def t4_columns_from_header(header: str) -> list[tuple[str, str]] | None:
    """(block, column) pairs in printed order from the joined header; None if unreadable."""
    h = header
    for word in ("未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼"):
        h = h.replace(word, "")
    seq = []
    pos = 0
    pattern = re.compile("|".join(w for _, w in T4_COLUMN_WORDS))
    for m in pattern.finditer(h, pos):
        seq.append(next(k for k, w in T4_COLUMN_WORDS if w == m.group(0)))
    if len(seq) < 6:
        return None
    blocks = ("review", "suit_direct", "suit_after_review")
    out: list[tuple[str, str]] = []
    b, seen = 0, set()
    for col in seq:
        if col in seen:  # a column name repeats: the next block starts
            b, seen = b + 1, set()
        if b >= 3:
            return None
        out.append((blocks[b], col))
        seen.add(col)
        if col == "total":
            b, seen = b + 1, set()
    return out


# -- format version ------------------------------------------------------------------

_V2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "缴纳费用")
_V2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "其他对外管理服务事项", "政府集中采购", "上一年项目数量", "采购总金额")


_T2_ONLY = {
    FormatVersion.V2021: ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"),
    FormatVersion.V2019: ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量", "采购总金额"),
}


def other_version_columns(version: FormatVersion, header: str) -> list[str]:
    """表二 column labels in a sub-table header that belong only to the other format version."""
    other = FormatVersion.V2019 if version is FormatVersion.V2021 else FormatVersion.V2021
    return [w for w in _T2_ONLY[other] if w in header]


def detect_format(texts: list[str]) -> FormatVersion | None:
    """The format version the printed table labels belong to (None when no table label)."""
    joined = "\u0000".join(t for t in texts if len(t) <= 60)
    s21 = sum(joined.count(w) for w in _V2021)
    s19 = sum(joined.count(w) for w in _V2019)
    if s21 == s19 == 0:
        return None
    return FormatVersion.V2021 if s21 >= s19 else FormatVersion.V2019
