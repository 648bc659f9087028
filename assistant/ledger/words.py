"""Office words in register cells, and what each means in 表三.

Offices write 「个人」 for 自然人 and 「已公开」 for 予以公开. A built-in table holds the words
that have one meaning only; an office adds its own in 「台账用语.csv」 next to the register
(columns 列, 写法, 含义 — e.g. 申请人类型, 村民, 自然人). Every word read through these tables
is counted, so the fill summary can show each mapping and how often it was used. Words for
a request still in progress (「正在办理」) mean "no result yet"; an office may give a result
word the meaning 不计入 (a void entry such as 作废): such rows are left out, and counted.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NianbaoError
from .vocab import COL_APPLICANT, COL_RESULT, applicant_key, normalize, result_key

WORDS_FILE = "台账用语.csv"
PENDING = "（尚未办结）"  # the meaning of a pending word
EXCLUDED = "（不计入）"  # an office's word for a void entry (作废, 误登记): the row is not an application
EXCLUDED_MEANINGS = ("不计入", "不计入统计")

# word -> the 表三 label it stands for (a label the register may also use directly)
APPLICANT_WORDS = {
    "个人": "自然人",
    "公民": "自然人",
    "自然人申请": "自然人",
    "企业": "商业企业",
    "公司": "商业企业",
    "企业法人": "商业企业",
    "律师事务所": "法律服务机构",
    "律所": "法律服务机构",
    "高校": "科研机构",
    "高等院校": "科研机构",
    "研究院": "科研机构",
    "研究所": "科研机构",
    "科研院所": "科研机构",
    "协会": "社会公益组织",
    "学会": "社会公益组织",
    "基金会": "社会公益组织",
    "社会组织": "社会公益组织",
    "公益组织": "社会公益组织",
}
RESULT_WORDS = {
    "已公开": "予以公开",
    "同意公开": "予以公开",
    "全部公开": "予以公开",
    "公开": "予以公开",
    "部分公开": "部分公开",
    "信息不存在": "本机关不掌握相关政府信息",
    "非本机关掌握": "本机关不掌握相关政府信息",
    "本机关不掌握": "本机关不掌握相关政府信息",
    "不掌握": "本机关不掌握相关政府信息",
    "逾期未补正": "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "逾期不补正": "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "逾期未缴费": "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "申请人撤回": "其他",
    "撤回申请": "其他",
    "主动撤回": "其他",
    "信访举报投诉": "信访举报投诉类申请",
    "重复申请": "重复申请",
    "需另行制作": "没有现成信息需要另行制作",
    "第三方权益": "保护第三方合法权益",
    "过程性信息": "属于四类过程性信息",
    "内部事务信息": "属于三类内部事务信息",
    "行政查询事项": "属于行政查询事项",
}
PENDING_WORDS = ("正在办理", "办理中", "在办", "未办结", "尚未办结", "待答复", "未答复", "尚未答复")

BUILT_IN = {COL_APPLICANT: APPLICANT_WORDS, COL_RESULT: RESULT_WORDS}


@dataclass
class Words:
    """The words a fill may read, and how often each was read."""

    table: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> normalized word -> meaning
    source: dict[tuple[str, str], str] = field(default_factory=dict)  # (column, word) -> 内置 / file name
    used: Counter = field(default_factory=Counter)  # (column, word as written, meaning) -> rows

    def lookup(self, column: str, text: str) -> str | None:
        """What a word means in this column (PENDING for a request in progress); None if unknown.
        The caller counts each use in `used`."""
        return self.table.get(column, {}).get(normalize(text))

    def lines(self) -> list[str]:
        out = []
        for (column, word, meaning), n in sorted(self.used.items(), key=lambda kv: (kv[0][0], -kv[1])):
            source = self.source.get((column, normalize(word)), "内置")
            shown = {PENDING: "按尚未办结计", EXCLUDED: "不计入"}.get(meaning, f"按「{meaning}」计")
            out.append(f"「{column}」列「{word}」{shown} {n} 行" + ("" if source == "内置" else f"（{source}）"))
        return out


def load_words(register: Path | None, extra: Path | None = None) -> Words:
    """The built-in words plus the office's own file (given, or 台账用语.csv beside the register)."""
    words = Words()
    for column, table in BUILT_IN.items():
        for word, meaning in table.items():
            words.table.setdefault(column, {})[normalize(word)] = meaning
            words.source[(column, normalize(word))] = "内置"
    words.table.setdefault(COL_RESULT, {}).update({normalize(w): PENDING for w in PENDING_WORDS})
    for w in PENDING_WORDS:
        words.source[(COL_RESULT, normalize(w))] = "内置"
    path = extra if extra is not None else (register.parent / WORDS_FILE if register is not None else None)
    if path is not None and (extra is not None or path.exists()):
        _read_office_words(path, words)
    return words


def _read_office_words(path: Path, words: Words) -> None:
    from .table import detect_encoding

    if not path.exists():
        raise NianbaoError("找不到用语文件", file=str(path))
    columns = {COL_APPLICANT: COL_APPLICANT, "申请人类型": COL_APPLICANT, COL_RESULT: COL_RESULT, "办理结果": COL_RESULT}
    with path.open(encoding=detect_encoding(path), newline="") as fh:
        for number, row in enumerate(csv.reader(fh), start=1):
            cells = [c.strip() for c in row]
            if not any(cells) or (number == 1 and cells[:3] == ["列", "写法", "含义"]):
                continue
            if len(cells) < 3 or not all(cells[:3]):
                raise NianbaoError("用语文件每行应有三列：列、写法、含义（如：申请人类型,村民,自然人）", file=str(path), line=number)
            column = columns.get(cells[0])
            if column is None:
                raise NianbaoError(f"用语文件的「列」应为「申请人类型」或「办理结果」，不能是「{cells[0]}」", file=str(path), line=number)
            word = normalize(cells[1])
            pending = normalize(cells[2]) in {normalize(w) for w in PENDING_WORDS}
            excluded = column == COL_RESULT and normalize(cells[2]) in EXCLUDED_MEANINGS
            known = applicant_key(cells[2]) if column == COL_APPLICANT else (pending or excluded or result_key(cells[2]))
            if not known:
                raise NianbaoError(
                    f"用语文件中「{cells[1]}」的含义「{cells[2]}」不是{column}（应写表三中的名称"
                    + ("，或「尚未办结」「不计入」" if column == COL_RESULT else "") + "）",
                    file=str(path),
                    line=number,
                )
            words.table.setdefault(column, {})[word] = PENDING if pending else EXCLUDED if excluded else cells[2]
            words.source[(column, word)] = path.name
