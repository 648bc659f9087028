"""N-TABLE-MISMATCH: a number stated in the narrative contradicts the tables.

Only statements that clearly refer to a table row are compared:
- a row label right before the number, with only filler between
  ("予以公开10件", "结转下年度继续办理2件", "上年结转政府信息公开申请1件",
  "被申请行政复议3件"), in a sentence (or after a sentence) about 申请 / 信息公开;
- "收到/受理/新收 … 政府信息公开申请 N件" in one clause (表三 一、本年新收);
- the applicant split of the new requests ("收到申请21件，其中自然人20件、法人或其他
  组织1件"), only when the text was speaking of the new requests;
- statements of none: "未收到政府信息公开申请", "未发生因政府信息公开引起的行政复议、行政诉讼".
Two rows joined by 和/及/与/、 before one number ("予以公开和部分公开的共29件") are
compared with their sum; new requests stated together with the carried-over ones
("受理/办理申请46件", or a sentence naming 上年结转) may equal 本年新收 + 上年结转.
Stated nones of one kind only ("未收到以信函方式提交的…申请", "未发生…被纠错的行政复议")
and results of last year's requests only ("上年结转的3件申请均已办结，予以公开2件") are
left alone.
Review cases the agency decides itself ("办理行政复议案件86件，其中涉及政府信息公开的
12件") are not 表四, which counts reviews of the agency's own disclosure.
Hedged numbers (约, 近, 余, 多), deltas (同比, 较上年, 增加 …), other years and
counts in units that are not applications (条, 人次 …) are left alone, so
"共受理市长公开电话1414件" or "网民留言48条" are never compared.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...report.format import T3_APPLICANT_COLUMNS, FormatVersion, cell_specs, t3_rows
from ...text.numbers import find_quantities, is_approximate
from ..finding import Span
from ..narrative import clause_start, narrative_sections, section_label, sentence_bounds
from ..rule import Rule

_UNITS = {"件", "宗", "起", "个", "项", "次"}
# "20个工作日", "3个月": durations, not counts of requests
_DURATION_AFTER = re.compile(r"\s*(?:工作日|自然日|月|小时|天|日|星期|周|季度|年|百分点)")
_FILL = r"(?:的|为|有|是|共|计|达|了|合计|共计|分别为|继续办理|政府信息公开申请|信息公开申请|申请|事项|案件|[：:\s\u3000])*"
_ABOUT_REQUESTS = re.compile(r"申请|依申请")
_ABOUT_DISCLOSURE = re.compile(r"信息公开|依申请")
_ROUNDED = re.compile(r"\.\d+\s*[万亿]")  # "1.2万件": rounded, not a count to compare
# "由区政府办公室代为受理的申请17件": a part of the requests (another office's), not the table
_NARROWER = re.compile(r"代为|代收|由(?!本)[^，,。；;\n]{1,20}?(?:受理|办理|收到|接收)")
_DELTA = re.compile(r"同比|环比|较上年|比上年|较去年|比去年|相比|增加|减少|增长|下降|上升|提高|降低")
# Counts of other bodies ("全区各部门共收到…"): not this report's table
# — nor are a government's totals for its whole area ("全市各级行政机关共收到…", "市本级…"):
# whether its table holds the same scope is not written anywhere, so no contradiction is sure.
_ELSEWHERE = re.compile(
    r"各部门|各单位|各乡镇|各镇|各街道|各县|各区|各市|下属|所属|全系统|系统内|各级"
    r"|全(?:省|市|州|盟|区|县|旗)(?:各|共|累计|合计|范围)|[省市州区县]本级"
)
# "办理行政复议案件86件", "行政复议机构…": the agency decides review cases (a 司法局 or the
# government's review office); those are not reviews of its own disclosure (表四).
_DECIDER = re.compile(r"(?:办理|审理|受理|办结|审结|承办)[^，,。；;\n]{0,4}?行政复议|复议机构|复议机关|复议委员会")
# The writer counted last year's carried-over requests in with the new ones.
_COUNTS_CARRIED = re.compile(r"受理|办理")
_REQUESTS_AFTER = re.compile(r"(?:到|的)?(?:政府信息公开|信息公开)?申请")
_NEW_VERB = re.compile(r"收到|受理|新收|接收|接到|收悉")
_NEW_OBJECT = re.compile(r"政府信息公开申请|信息公开申请|依申请公开|公开申请")
# "本年度未收到政府信息公开申请", "未发生因政府信息公开引起的行政复议、行政诉讼": a stated 0.
_NONE_RECEIVED = re.compile(
    r"(?:未|没有|无)(?:收到|受理|接到|接收|新收)(?:任何|过)?[^。；;，,\n]{0,12}?(?:政府信息公开申请|信息公开申请|依申请公开申请)"
    r"(?![^。；;\n]{0,6}?(?:以外|之外|外))"
)
_NONE_CASES = re.compile(
    r"(?:未|没有|无)(?:发生|出现|收到|产生|涉及)(?:过|任何)?[^。；;，,\n]{0,20}?"
    r"(?:行政复议(?:[、和及或与]行政诉讼)?|行政诉讼(?:[、和及或与]行政复议)?)"
    r"(?=案件|情况|事项|[。；;，,\n]|$)"
)
# Qualifiers that make a stated none partial: of one channel, kind or result only.
_PART_OF_REQUESTS = re.compile(
    r"其他|其它|另外|以[^的]{0,6}方式|通过|信函|当面|网上|网络|传真|邮件|邮寄|商业企业|科研机构|社会公益组织|法律服务机构|重复|逾期|超期"
)
_PART_OF_CASES = re.compile(r"纠错|纠正|维持|败诉|撤销|确认违法|超期|逾期|尚未审结")
# "上年结转的3件申请均已办结，予以公开2件": results of last year's requests only
# ("加上/连同上年结转的3件，共办结…" counts both years' requests).
_CARRIED_SUBJECT = re.compile(
    r"(?<!加上)(?<!连同)(?:上|去)(?:一)?年度?结转的[^。；;，,]{0,4}?\d+\s*件|(?:上|去)(?:一)?年度?结转[^。；;，,]{0,16}?(?:均|全部|已)已?(?:办结|办理完毕|答复)"
)
_APPLICANT = re.compile(
    rf"(?P<label>自然人|法人或其他组织|法人和其他组织|商业企业|科研机构|社会公益组织|法律服务机构){_FILL}$"
)
_APPLICANT_COLUMNS = {
    "自然人": ("natural",),
    "法人或其他组织": ("commercial", "research", "public_interest", "legal_service", "other_org"),
    "法人和其他组织": ("commercial", "research", "public_interest", "legal_service", "other_org"),
    "商业企业": ("commercial",),
    "科研机构": ("research",),
    "社会公益组织": ("public_interest",),
    "法律服务机构": ("legal_service",),
}
_OTHER_ROW = re.compile(r"结转|办结|答复|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|复议|诉讼|办理结果")
_NOT_NEW = re.compile(r"结转|办结|答复|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|复议|诉讼")


def _t3_group(version: FormatVersion, prefix: str) -> list[str]:
    return [f"t3.{r.key}.total" for r in t3_rows(version) if r.key == prefix or r.key.startswith(prefix + ".")]


# (label regex, what it names, cells as a function of the format version, needs 申请 context)
_ROWS: list[tuple[str, str, object, str]] = [
    (r"结转(?:至|到)?下(?:一)?年度?|转入下(?:一)?年度?", "结转下年度继续办理", lambda v: ["t3.carried_out.total"], "requests"),
    (r"(?:上|去)(?:一)?年度?结转|结转(?:自)?上(?:一)?年度?", "上年结转", lambda v: ["t3.carried_in.total"], "requests"),
    (r"本年(?:度)?新收|新收到?", "本年新收", lambda v: ["t3.new.total"], "requests"),
    # "已办结62件", "共答复办结62件", "年内答复62件": the results total (the drafter's phrasebook
    # writes each of them: tests/validate/test_drafted_figures.py keeps the two in step)
    (r"(?<!上年)(?<!未)(?:答复)?办结|(?:作出|已|年内)答复", "办结", lambda v: ["t3.results_total.total"], "requests"),
    (r"予以公开", "予以公开", lambda v: ["t3.granted.total"], "requests"),
    (r"部分公开", "部分公开", lambda v: ["t3.partly_granted.total"], "requests"),
    (r"不予公开", "不予公开", lambda v: _t3_group(v, "refused"), "requests"),
    (r"无法提供", "无法提供", lambda v: _t3_group(v, "unable"), "requests"),
    (r"不予处理", "不予处理", lambda v: _t3_group(v, "not_processed"), "requests"),
    (r"其他处理", "其他处理", lambda v: _t3_group(v, "other"), "requests"),
    (r"(?:被申请|申请|提起)?行政复议", "行政复议", lambda v: ["t4.review.total"], "disclosure"),
    (
        r"(?:被提起|提起|被)?行政诉讼|被起诉",
        "行政诉讼",
        lambda v: ["t4.suit_direct.total", "t4.suit_after_review.total"],
        "disclosure",
    ),
]
_ADJACENT = [
    (re.compile(rf"(?P<label>{label}){_FILL}$"), name, cells, about) for label, name, cells, about in _ROWS
]
# "予以公开和部分公开的共29件": two rows joined, the number is their sum.
_JOINED = [
    (re.compile(rf"(?P<label>{label})(?:的)?[和及与、]$"), name, cells, about) for label, name, cells, about in _ROWS
]


class NTableMismatch(Rule):
    code = "N-TABLE-MISMATCH"

    # the row labels the reader knows, and whether the subject (this office's requests and
    # disclosure) needs saying around the number; the drafting checks read a draft, whose
    # subject is certain, with more rows (drafting/concepts.py)
    adjacent = _ADJACENT
    joined = _JOINED
    sure_of_subject = False

    def check(self, ctx):
        report = ctx.report
        specs = cell_specs(report.format)
        for section, text in narrative_sections(report):
            for start, end, stated, actual, name, cells in self.mismatches(report, section, text):
                if len(cells) == 1:
                    cell_label = specs[cells[0]].label
                else:
                    cell_label = "、".join(specs[k].label for k in cells) + " 之和"
                yield self.finding(
                    cells=cells,
                    span=Span(section=section, start=start, end=end),
                    where=section_label(section),
                    text=text[start:end],
                    stated=_plain(stated),
                    actual=_plain(actual),
                    cell_label=cell_label,
                    row=name,
                )

    def mismatches(self, report, section, text):
        """(start, end, stated, actual, row name, cell keys) for every statement the tables contradict."""
        for start, end, stated, name, cells in self._statements(report, section, text):
            if not cells:
                continue  # a row this format does not print
            actual = _sum(report, cells)
            if actual is None:
                continue  # blank or n/a: nothing to contradict
            if actual == stated:
                continue
            if name.startswith("本年新收"):
                # the same columns of last year's carry-over
                carried = _sum(report, [k.replace("t3.new.", "t3.carried_in.", 1) for k in cells])
                s_start, s_end = sentence_bounds(text, start)
                if carried is not None and stated == actual + carried and (
                    _COUNTS_CARRIED.search(text, start, end) or _COUNTS_CARRIED.search(text, s_start, start)
                    or "结转" in text[s_start:s_end]
                ):
                    continue  # 受理/办理, or a sentence naming the carry-over: both years' requests
            yield start, end, stated, actual, name, cells

    def _statements(self, report, section, text):
        """(start, end, stated value, row name, cell keys) for every clear statement."""
        for q in find_quantities(text):
            if q.kind != "count" or q.unit not in _UNITS or is_approximate(q, text) or _ROUNDED.search(q.raw):
                continue
            if _DURATION_AFTER.match(text, q.end):
                continue
            match = self._match(report, section, text, q)
            if match is not None:
                start, name, cells = match
                yield start, q.end, q.value, name, cells
        for m in _NONE_RECEIVED.finditer(text):
            if _PART_OF_REQUESTS.search(m.group()):
                continue  # "未收到其他/以信函方式提交的…申请": none of a kind, not none at all
            yield m.start(), m.end(), Decimal(0), "本年新收", ["t3.new.total"]
        for m in _NONE_CASES.finditer(text):
            if not (_ABOUT_DISCLOSURE.search(m.group()) or section == "review_litigation"):
                continue
            if _PART_OF_CASES.search(m.group()):
                continue  # "未发生…被纠错的行政复议": none with that result, not none at all
            if "复议" in m.group():
                yield m.start(), m.end(), Decimal(0), "行政复议", ["t4.review.total"]
            if "诉讼" in m.group():
                yield m.start(), m.end(), Decimal(0), "行政诉讼", ["t4.suit_direct.total", "t4.suit_after_review.total"]

    def _match(self, report, section, text, q):
        """(span start, row name, cell keys) when the number clearly states a table row."""
        c_start = clause_start(text, q.start)
        clause = text[c_start : q.start]
        if _DELTA.search(clause) or _ELSEWHERE.search(clause) or _NARROWER.search(clause) or _other_year(clause, report.year):
            return None
        s_start, _ = sentence_bounds(text, q.start)
        p_start, _ = sentence_bounds(text, max(0, s_start - 1)) if s_start > 0 else (s_start, s_start)
        context = text[p_start : q.end]
        window_start = max(c_start, q.start - 40)
        window = text[window_start : q.start]
        for pattern, name, cells, about in self.adjacent:
            m = pattern.search(window)
            if not m:
                continue
            if about == "requests" and not (self.sure_of_subject or _ABOUT_REQUESTS.search(context) or section == "requests"):
                return None
            if name not in ("上年结转", "本年新收") and _CARRIED_SUBJECT.search(text, s_start, q.start):
                return None
            if about == "disclosure" and not (
                self.sure_of_subject or _ABOUT_DISCLOSURE.search(context) or section == "review_litigation"
            ):
                return None
            if about == "disclosure" and _DECIDER.search(text, s_start, q.start):
                return None
            start, keys = window_start + m.start("label"), cells(report.format)
            for j_pattern, j_name, j_cells, j_about in self.joined:
                joined = j_pattern.search(window, 0, m.start("label"))
                if joined and j_about == about and j_name != name:
                    return window_start + joined.start("label"), f"{j_name}和{name}", j_cells(report.format) + keys
            return start, name, keys
        applicant = _APPLICANT.search(window)
        if applicant:
            # "收到申请21件，其中自然人20件": the split belongs to 本年新收 only when the last
            # row the text spoke of was the new requests, not a result or a carry-over
            # ("新收申请43件，上年结转3件。从申请人看，自然人40件": last year's carry-over named
            # in passing in an earlier sentence does not change the subject; "上年结转3件，其中
            # 自然人2件" in the same sentence does)
            prefix = text[p_start : q.start]
            new = [
                v.end()
                for v in _NEW_VERB.finditer(prefix)
                if _NEW_OBJECT.search(prefix, v.end()) or _REQUESTS_AFTER.match(prefix, v.end())
            ]
            other = [
                o.start()
                for o in _OTHER_ROW.finditer(prefix)
                if not (p_start + o.start() < s_start and _is_carried_in(prefix, o.start()))
            ]
            if new and (not other or max(new) > max(other)):
                label = applicant.group("label")
                keys = [f"t3.new.{c}" for c in _APPLICANT_COLUMNS[label]]
                return window_start + applicant.start("label"), f"本年新收·{label}", keys
            return None
        verb = _NEW_VERB.search(clause)
        if verb and _NEW_OBJECT.search(clause, verb.end()) and not _NOT_NEW.search(clause):
            return c_start + verb.start(), "本年新收", ["t3.new.total"]
        return None


def _value(report, key: str) -> Decimal | None:
    """A cell's number. A report printing no 表三 总计 column at all (every 总计 blank):
    the sum of the row's applicant columns is its total. One blank 总计 among printed ones
    stays blank: nothing to compare."""
    value = report.number(key)
    if value is None and key.startswith("t3.") and key.endswith(".total") and _no_total_column(report):
        row = key[: -len("total")]
        parts = [report.number(row + c) for c in T3_APPLICANT_COLUMNS]
        if all(p is not None for p in parts):
            return sum(parts, Decimal(0))
    return value


def _no_total_column(report) -> bool:
    return all(report.cells[k].is_blank for k in report.cells if k.startswith("t3.") and k.endswith(".total"))


def _sum(report, keys: list[str]) -> Decimal | None:
    values = [_value(report, k) for k in keys]
    return None if any(v is None for v in values) else sum(values, Decimal(0))


def _is_carried_in(text: str, pos: int) -> bool:
    """The 结转 at `pos` is last year's carry-over (上年结转, 结转自上年)."""
    return bool(re.search(r"(?:上|去)(?:一)?年度?$", text[:pos])) or bool(re.match(r"结转(?:自)?上", text[pos:]))


def _other_year(clause: str, year: int) -> bool:
    return any(q.kind == "year" and int(q.value) != year for q in find_quantities(clause))


def _plain(value: Decimal) -> int | Decimal:
    """Counts as JSON integers, as the other rules' args."""
    return int(value) if value == value.to_integral_value() else value
