"""The prose around the tables: title, opening paragraph, part headings, parts, metadata."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from ...report.model import Contact
from ...report.parts import BY_KEY, CN_NUMBERS, PART_KEYS, part_by_number, part_of_heading
from .tokens import Line, norm

_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]|[1-9１-９])\s*[、.．]\s*|^\s*第[一二三四五六]部分[、：:\s]*")
_DATE = r"(20\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?"
_DATE_LINE = re.compile(rf"^\s*[（(]?\s*{_DATE}\s*[）)]?\s*$")  # also 「（2023年1月20日）」 under the title
_PUBLISHED = re.compile(rf"(?:发布|成文|印发)(?:日期|时间)\s*[：:]\s*{_DATE}")
# 「…工作年度报告」「…工作报告」「…工作的报告」「…工作年报」
_REPORT = r"(?:政府信息公开|政务信息公开|政务公开)(?:工作)?的?(?:年度报告|年报|报告)"
_NAME = r"[^，。；、,;:：\s《》“”\d]{2,40}?"
_AGENCY_AFTER_YEAR = re.compile(rf"(20\d{{2}})\s*年度?\s*({_NAME})(?:关于)?{_REPORT}")
_AGENCY_BEFORE_YEAR = re.compile(rf"^\s*({_NAME})(?:关于)?\s*(20\d{{2}})\s*年度?\s*{_REPORT}")
_AGENCY_YEAR_LAST = re.compile(
    rf"^\s*({_NAME})(?:政府信息公开|政务信息公开|政务公开)工作\s*(20\d{{2}})\s*年度?报告"
)
# 「某某局政府信息公开工作年度报告（2022年）」
_AGENCY_YEAR_PAREN = re.compile(rf"^\s*({_NAME})(?:关于)?{_REPORT}\s*[（(]\s*(20\d{{2}})\s*年度?\s*[）)]")
# the opening paragraph naming the agency when the title does not:
# 「现公布某某局2022年政府信息公开工作年度报告」, 「本报告由某某局编制」
_AGENCY_PUBLISHES = re.compile(rf"(?:现公布|现将|现予公布|特公布)({_NAME})(?:关于)?\s*(20\d{{2}})\s*年度?\s*{_REPORT}")
_AGENCY_COMPILES = re.compile(rf"由({_NAME})(?:负责)?(?:编制|(?=根据|依据|按照)[^。]{{0,80}}?编制)")
# a title naming the agency but no year: 「某某县发展和改革局政府信息公开工作年度报告」
_AGENCY_NO_YEAR = re.compile(rf"^\s*({_NAME})(?:关于)?{_REPORT}\s*$")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})(?=\s*年)")
_CN_DIGIT = {ch: str(n) for n, ch in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}


def _arabic_years(text: str) -> str:
    """「二〇二二年」 -> 「2022年」 (titles sometimes print the year in Chinese numerals)."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[ch] for ch in m.group(1)), text)
_YEAR = re.compile(r"(20\d{2})\s*年度?")
_PERIOD = re.compile(r"(20\d{2})\s*年\s*1\s*月\s*1\s*日")
_GOVERNMENT = ("人民政府", "管委会", "管理委员会", "办事处")
# page chrome printed around the article: 「发布日期：… 来源：…」, 「【打印本页】【关闭窗口】」
_CHROME_WORDS = ("发布日期", "发布时间", "信息来源", "文章来源", "来源：", "来源:", "浏览次数", "点击数", "访问次数", "字体：", "字体:", "字号：", "索引号")
_CHROME_BUTTONS = re.compile(r"^(?:\s*【[^】]{1,8}】\s*)+$")
_CHROME_START = ("上一篇", "下一篇", "扫一扫", "分享到", "责任编辑", "打印本页", "关闭窗口", "当前位置")
# a crawled page's furniture: 「全文」「文字版」「文件下载」「相关链接：」 tabs and links around the
# article, 「附件下载」 after it, the crawler's 「单位：…」 and 「采集时间：2025-01-10T09:30:00+08:00」
_FURNITURE_WORDS = {"全文", "文字版", "图文版", "图解版", "解读", "文件下载", "附件下载", "下载附件", "相关链接", "相关文件", "打印", "关闭"}
_FURNITURE_SPLIT = re.compile(r"[\s\u3000|｜/／·•]+")
_FURNITURE_LINE = re.compile(
    r"^(?:相关链接|附件下载)\s*[：:]|^单位\s*[：:]\s*[^。，；]{1,40}$"
    r"|^采集时间\s*[：:]\s*\d{4}-\d{1,2}-\d{1,2}(?:[T\s]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


_TAIL_MARK = re.compile(r"^[【\[]?\s*(?:附件下载|下载附件|相关链接|相关文件|相关附件)\s*[】\]]?\s*[：:]?")


def is_furniture(text: str) -> bool:
    """A tab, link or crawler line of the page, not a line of the report."""
    t = text.strip().strip("【】[]")
    if not t or len(t) > 80:
        return False
    if _FURNITURE_LINE.match(t):
        return True
    words = [w.strip("【】[]：:") for w in _FURNITURE_SPLIT.split(t) if w.strip("【】[]：:")]
    return bool(words) and all(w in _FURNITURE_WORDS for w in words)


def is_chrome(text: str) -> bool:
    """A line of the web page around the report, not of the report itself."""
    t = text.strip()
    if _CHROME_BUTTONS.match(t) or (len(t) <= 80 and t.startswith(_CHROME_START)) or is_furniture(t):
        return True
    if len(t) > 120 or "。" in t:
        return False
    if t.startswith(_CHROME_WORDS):
        return True
    # 「… 发布时间：2024-01-26 浏览次数：128」: metadata further along the line
    return sum(1 for w in _CHROME_WORDS if w in t) >= 2


@dataclass
class Narrative:
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: dt.date | None = None
    contact: Contact | None = None
    headings: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the document lacks (a heading not printed)


def heading_key(text: str) -> str | None:
    """The part a printed heading line stands for, or None when it is not a heading."""
    t = text.strip()
    if not t or len(t) > 40 or "。" in t:
        return None
    m = _HEADING_NUMBER.match(t)
    body = norm(t[m.end() :] if m else t)
    if not m and len(body) > 24:
        return None
    return part_of_heading(body, numbered=bool(m))


# a bare place name as issuer (「某某区2023年政府信息公开工作年度报告」) is that level's government
_PLACES = ("省", "市", "区", "县", "旗", "镇", "乡", "街道", "自治州", "自治县", "盟")


def issuer_kind_of(agency: str) -> str:
    return "人民政府" if agency.endswith(_GOVERNMENT + _PLACES) else "部门"


def _date(m: re.Match) -> dt.date | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def contact_of(text: str) -> Contact | None:
    found: dict[str, str] = {}
    patterns = {
        "address": r"(?:通讯|联系|办公)?地址\s*[：:]\s*([^；;，,。）)\n]+)",
        "phone": r"(?:咨询|联系|办公|值班)?电话\s*[：:]\s*([0-9０-９\-－—()（）\s]{7,}?)(?=\s*(?:[；;，,。）)\n]|邮编|邮政编码|传真|地址|电子|$))",
        "postcode": r"(?:邮编|邮政编码)\s*[：:]\s*(\d{6})",
        "email": r"(?:电子邮箱|邮箱|E-?mail)\s*[：:]\s*([\w.\-]+@[\w.\-]+\w)",
        "website": r"(?:网址|网站)\s*[：:]\s*((?:https?://)?[\w.\-]+\.[a-z]{2,}[\w/.\-]*)",
    }
    for key, pattern in patterns.items():
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            found[key] = m.group(1).strip()
    return Contact(**found) if found else None


def extract(lines: list[Line], table_lines: set[int], t4_end: int | None = None) -> Narrative:
    """The narrative of a document; `t4_end` is the last line of 表四 (to find part 五's
    body printed after it without its heading)."""
    prose: list[str] = []
    at: list[int] = []  # the line each piece of prose comes from
    for line in lines:
        if line.empty or line.in_table or line.index in table_lines:
            continue
        text = line.raw.strip()
        if text:
            prose.append(text)
            at.append(line.index)
    out = Narrative()
    if not prose:
        return out
    start = _title(out, prose)
    pieces = [(piece, a) for line, a in zip(prose[start:], at[start:]) for piece in _split_run_in_heading(line)]
    prose, at = prose[:start] + [p for p, _ in pieces], at[:start] + [a for _, a in pieces]
    chrome = [p for p in prose[start:] if is_chrome(p)]
    keep = [k for k in range(len(prose)) if k < start or not is_chrome(prose[k])]
    # 「附件下载」「相关链接：」 below the report: what follows them is the page's list of files and links
    marks, tail_marks = 0, []
    for k in range(len(prose)):
        marks += k >= start and bool(_TAIL_MARK.match(prose[k]))
        tail_marks.append(marks)
    tail_marks = [tail_marks[k] for k in keep]
    prose, at = [prose[k] for k in keep], [at[k] for k in keep]
    # under the title: the article printing the title again, the date (metadata, not the
    # opening paragraph)
    while out.title and start < len(prose) and (norm(prose[start]) == norm(out.title) or _DATE_LINE.match(prose[start])):
        start += 1
    positions = _part_headings(prose, start)
    headless = _headless_problems(prose, at, positions, t4_end, out)
    positions = sorted(positions + headless)
    for i, key in positions:
        if (i, key) not in headless:
            out.headings[key] = prose[i]
    first_heading = positions[0][0] if positions else len(prose)
    intro = prose[start:first_heading]
    out.sections["intro"] = "\n".join(intro) if intro else None
    for n, (i, key) in enumerate(positions):
        end = positions[n + 1][0] if n + 1 < len(positions) else len(prose)
        if n + 1 == len(positions):  # the last part ends where the page's files and links begin
            end = next((j for j in range(i + 1, end) if tail_marks[j] > tail_marks[i]), end)
        body = i if (i, key) in headless else i + 1
        out.sections[key] = "\n".join(prose[body:end])
    _metadata(out, prose + chrome)
    _drop_signature(out)
    return out


def _part_headings(prose: list[str], start: int) -> list[tuple[int, str]]:
    """(prose index, part) of each part heading: the first line naming the part, never a
    sub-item like 「（二）主动公开」 — unless a later line names the part in full with its own
    number, as when 总体情况 numbers its topics 「二、主动公开工作」「三、依申请公开工作」 and
    the report restarts its numbering for the parts with the tables."""
    candidates: dict[str, list[int]] = {}
    for i in range(start, len(prose)):
        key = heading_key(prose[i])
        if key and not _number_fits(prose[i], key):
            key = None  # 「（一）主动公开」: a sub-item of 总体情况, not part 二
        if key:
            candidates.setdefault(key, []).append(i)
    first = sorted((found[0], key) for key, found in candidates.items())
    full = sorted((next((i for i in found if _names_in_full(prose[i], key)), found[0]), key) for key, found in candidates.items())
    order = [key for _, key in full]
    return full if order == [k for k in PART_KEYS if k in order] else first


def _names_in_full(line: str, key: str) -> bool:
    """「二、主动公开政府信息情况」: numbered as its part and naming it as the template does."""
    m = _HAN_NUMBER.match(line)
    part = BY_KEY[key]
    if not m or CN_NUMBERS.index(m.group(1)) + 1 != part.number:
        return False
    body = norm(line[m.end() :])
    return any(norm(w) in body for w in part.full_words + part.names)


_PROBLEM_WORDS = ("问题", "不足", "改进", "薄弱", "有待", "短板", "差距")


def _headless_problems(prose: list[str], at: list[int], positions: list[tuple[int, str]], t4_end: int | None,
                       out: Narrative) -> list[tuple[int, str]]:
    """Part 五's body printed right after 表四 without its heading: part 五, with a note."""
    keys = [k for _, k in positions]
    if t4_end is None or "problems" in keys or "review_litigation" not in keys:
        return []
    four = next(i for i, k in positions if k == "review_litigation")
    later = [i for i, k in positions if i > four]
    end = min(later) if later else len(prose)
    body = next((j for j in range(four + 1, end) if at[j] > t4_end), None)
    if body is None or not any(w in "".join(prose[body:end]) for w in _PROBLEM_WORDS):
        return []
    out.notes.append("第五部分「存在的主要问题及改进情况」没有印标题：表四之后的文字按第五部分导入，请核对并补上标题")
    return [(body, "problems")]


_HAN_NUMBER = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*")


def _split_run_in_heading(line: str) -> list[str]:
    """「一、总体情况。2022年，本局……」 -> the heading and its text, when the name is exactly a part's.

    Only a 「一、」-numbered part name in its own place: a sentence that merely starts with
    those words is left alone.
    """
    m = _HAN_NUMBER.match(line)
    if not m or heading_key(line) is not None:
        return [line]
    part = part_by_number(CN_NUMBERS.index(m.group(1)) + 1)
    rest = line[m.end() :]
    for name in part.names:
        if rest.startswith(name):
            tail = rest[len(name) :]
            text = tail.lstrip(" \u3000：:。.")
            # with no mark between them only a long name is safe to cut (「一、总体情况良好」 is a sentence;
            # 「五、存在的主要问题及改进情况一是…」 is a heading a PDF line ran into its text)
            if text and (tail != text or len(name) >= 8):
                return [line[: m.end()] + name, text]
    return [line]


_SUB_NUMBER = re.compile(r"^\s*(?:[（(]\s*([一二三四五六七八九十1-9１-９])\s*[）)]|([1-9１-９])\s*[、.．])")


def _number_fits(line: str, key: str) -> bool:
    """A heading numbered 「（二）」 or 「2.」 is part 二 only when that is the part's place.

    Those numberings are also the sub-items of 总体情况 (「（一）主动公开」「2.依申请公开」);
    「一、」-style numbers are the parts' own and are taken as printed.
    """
    m = _SUB_NUMBER.match(line)
    if not m:
        return True
    digit = m.group(1) or m.group(2)
    number = "一二三四五六七八九十".find(digit) + 1 or int(unicodedata.normalize("NFKC", digit))
    return number == BY_KEY[key].number


def _is_title(line: str) -> bool:
    if len(line) > 80 or "。" in line or ">" in line or "当前位置" in line:
        return False
    if not any(w in line for w in ("年度报告", "工作报告", "工作的报告", "工作年报")):
        return False
    return "公开" in line or re.search(r"20\d{2}", line) is not None


def _title(out: Narrative, prose: list[str]) -> int:
    """Find the title (page chrome such as menus may come first); return where the text starts."""
    for k, line in enumerate(prose[:30]):
        if heading_key(line) is not None and _numbered(line):
            return 0  # a numbered part heading before any title: there is no title
        if _is_title(line):
            before = prose[k - 1] if k else ""
            if before and not is_chrome(before) and len(before) <= 40 and "。" not in before and re.match(r"^\s*20\d{2}", line):
                # the agency on its own line above 「2024年政府信息公开工作年度报告」
                out.title = before + line
            else:
                out.title = line
            return k + 1
        nxt = prose[k + 1] if k + 1 < len(prose) else ""
        if len(line) <= 40 and len(nxt) <= 40 and "。" not in line and heading_key(nxt) is None and _is_title(line + nxt) and (
            not _is_title(nxt) or (_has_year(line) and not _has_year(nxt))
        ):
            out.title = line + nxt  # a title broken over two lines (<br> in the page title)
            return k + 2
    return 0


def _has_year(text: str) -> bool:
    return re.search(r"20\d{2}\s*年", _arabic_years(text)) is not None


def _numbered(line: str) -> bool:
    return bool(_HEADING_NUMBER.match(line))


def _metadata(out: Narrative, prose: list[str]) -> None:
    head = [_arabic_years(p) for p in ([out.title] if out.title else []) + [out.sections.get("intro") or ""] if p]
    for text in head:
        m = _AGENCY_YEAR_PAREN.search(text)
        if m:
            out.agency, out.year = m.group(1), int(m.group(2))
            break
        m = _AGENCY_BEFORE_YEAR.search(text) or None
        if m:
            out.agency, out.year = m.group(1), int(m.group(2))
            break
        m = _AGENCY_AFTER_YEAR.search(text)
        if m:
            out.agency, out.year = m.group(2), int(m.group(1))
            break
        m = _AGENCY_YEAR_LAST.search(text)
        if m:
            out.agency, out.year = m.group(1), int(m.group(2))
            break
    if out.agency is None and out.title:
        m = _AGENCY_NO_YEAR.match(_arabic_years(out.title))
        out.agency = m.group(1) if m else None
    intro = _arabic_years(out.sections.get("intro") or "")
    if out.agency is None and intro:
        m = _AGENCY_PUBLISHES.search(intro)
        if m:
            out.agency, out.year = m.group(1), out.year or int(m.group(2))
        else:
            m = _AGENCY_COMPILES.search(intro)
            out.agency = m.group(1) if m and not m.group(1).startswith(("本", "我")) else None
    if out.agency:
        out.agency = re.sub(r"^(?:现公布|现将|公布|本机关|关于)", "", out.agency)
    if out.year is None:
        for text in head:
            m = _PERIOD.search(text) or _YEAR.search(text)
            if m:
                out.year = int(m.group(1))
                break
    whole = "\n".join(prose)
    m = _PUBLISHED.search(whole)
    if m:
        out.published = _date(m)
    else:
        for text in reversed(prose):
            m = _DATE_LINE.match(text)
            if m:
                out.published = _date(m)
                break
    out.contact = contact_of(out.sections.get("intro") or "") or contact_of(whole)


def _drop_signature(out: Narrative) -> None:
    """The agency name and date printed under part 六 are not part of its text."""
    if not out.headings:
        return
    last = list(out.headings)[-1]
    text = out.sections.get(last)
    if not text:
        return
    lines = text.split("\n")
    while lines and (_DATE_LINE.match(lines[-1]) or (out.agency and norm(lines[-1]) == norm(out.agency))):
        lines.pop()
    out.sections[last] = "\n".join(lines)
