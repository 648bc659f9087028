"""The report conversation (对话): plain Chinese requests routed to the drafting and review services.

Routing is deterministic (section names from report/parts.py, the three tables, a few
words for the kind of request). The model only ever writes section text, through the
drafting service, and what it writes lands as a suggestion on the section, never as an
edit. Questions about the tables, the findings and the change on last year are answered
from the validator and the derived values (drafting/figures.py), and the answer goes
through the drafts' number check, whose result is shown with it.

`ask()` records the request and an empty answer (进行中); `answer()` writes the answer,
calling `on_text` with each new piece; the partial text is saved as it grows, and an
answer that cannot finish keeps it, marked 未完成.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update

from ..errors import NianbaoError
from ..report.format import TABLE_NAMES
from ..report.parts import BY_KEY, PARTS, SECTIONS, Part
from ..settings import Settings
from ..workspace.models import DONE, INCOMPLETE, STREAMING, ChatMessage, utcnow
from ..workspace.scope import Actor
from .workspace import store

MAX_TEXT = 2000  # a request longer than this is refused (bounded input)
SAVE_EVERY_S = 0.3  # how often a growing answer is saved

DRAFT_WORDS = ("起草", "草拟", "拟写", "撰写", "写一", "写一下", "重写", "改写", "改得", "修改", "润色", "完善",
               "补充", "充实", "精简", "生成")
FINDING_WORDS = ("问题", "错误", "不一致", "检查", "核对", "对不上", "有误", "勾稽", "提示", "警告")
YOY_WORDS = ("去年", "上年", "上一年", "同比", "变化", "增减", "增加了", "减少了", "比较", "相比")
CN_DIGITS = {c: i for i, c in enumerate("一二三四五六", start=1)}
_PART_NUMBER = re.compile(r"第\s*([一二三四五六1-6])\s*(?:部分|节|项|大项)")
_TABLE = re.compile(r"表\s*([二三四234])")

Intent = str  # "draft" | "rewrite" | "findings" | "yoy" | "figures" | "help"


@dataclass
class Route:
    intent: Intent
    section: str | None = None
    table: str | None = None
    selection: tuple[int, int] | None = None


@dataclass
class ChatView:
    id: int
    role: str
    author: str | None
    text: str
    status: str
    intent: str | None
    section: str | None
    detail: dict[str, Any] = field(default_factory=dict)
    created_at: Any = None


def _part_names(part: Part) -> tuple[str, ...]:
    return tuple(n for n in {part.label, part.short, *part.names, *part.words, *part.aliases} if n)


def find_section(text: str) -> str | None:
    """The section a request names: 「第五部分」, a part's printed name or short name, or 表三 etc.

    The name standing first in the request wins."""
    found: list[tuple[int, str]] = []
    if m := _PART_NUMBER.search(text):
        n = m.group(1)
        found.append((m.start(), PARTS[(CN_DIGITS.get(n) or int(n)) - 1].key))
    if m := _TABLE.search(text):
        found.append((m.start(), table_part(_table_key(m.group(1)))))
    for part in SECTIONS:
        for name in _part_names(part):
            at = text.find(name)
            if at >= 0:
                found.append((at, part.key))
    return min(found)[1] if found else None


def _table_key(char: str) -> str:
    return "t" + str(CN_DIGITS.get(char) or int(char))


def table_part(table: str) -> str:
    return next(p.key for p in PARTS if p.table == table)


def route(text: str, selection: tuple[int, int] | None = None, selected_section: str | None = None) -> Route:
    """What a request asks for. Deterministic: the same words always go the same way."""
    section = find_section(text)
    m = _TABLE.search(text)
    table = _table_key(m.group(1)) if m else (BY_KEY[section].table if section and section in BY_KEY else None)
    if selection is not None and selected_section:
        return Route("rewrite", selected_section, None, selection)
    if any(w in text for w in YOY_WORDS):
        return Route("yoy", section, table)
    drafting = any(w in text for w in DRAFT_WORDS) or re.search(r"写.{0,8}(部分|情况|事项|段)", text)
    if drafting and section is not None and not any(w in text for w in ("有什么问题", "有没有问题", "哪些问题")):
        return Route("draft", section, table)
    if any(w in text for w in FINDING_WORDS):
        return Route("findings", section, table)
    if table is not None and re.search(r"多少|几|数|情况|怎么样|如何|\?|？", text):
        return Route("figures", section, table)
    return Route("help", section, table)


# -- the conversation in the store ----------------------------------------------------------


def _view(row: ChatMessage, names: dict[int, str]) -> ChatView:
    return ChatView(id=row.id, role=row.role, author=names.get(row.author_id) if row.author_id else None,
                    text=row.text, status=row.status, intent=row.intent, section=row.section,
                    detail=dict(row.detail or {}), created_at=row.created_at)


def messages(settings: Settings, user: str | None, ref: str, *, live: Callable[[int], bool] | None = None,
             limit: int = 200) -> list[ChatView]:
    """The report's conversation, oldest first. An answer 进行中 that no process is writing any
    more (`live` says which are) is marked 未完成 here, its partial text kept."""
    from ..workspace.views import names as user_names

    with store(settings).read() as session:
        actor = Actor.load(session, user)
        report = actor.report(session, ref)
        rows = list(session.scalars(select(ChatMessage).where(ChatMessage.report_id == report.id)
                                    .order_by(ChatMessage.id.desc()).limit(limit)))[::-1]
        who = user_names(session, {r.author_id for r in rows if r.author_id})
    stale = [r.id for r in rows if r.status == STREAMING and live is not None and not live(r.id)]
    if stale:
        with store(settings).write() as session:
            session.execute(update(ChatMessage).where(ChatMessage.id.in_(stale), ChatMessage.status == STREAMING)
                            .values(status=INCOMPLETE))
        for r in rows:
            if r.id in stale:
                r.status = INCOMPLETE
    return [_view(r, who) for r in rows]


def message(settings: Settings, user: str | None, ref: str, message_id: int) -> ChatView:
    """One message of the report's conversation (another report's is "not found")."""
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        report = actor.report(session, ref)
        row = session.get(ChatMessage, message_id)
        if row is None or row.report_id != report.id:
            raise NianbaoError(f"找不到对话消息 #{message_id}", status=404)
        return _view(row, {})


def ask(
    settings: Settings, user: str | None, ref: str, text: str, *, section: str | None = None,
    start: int | None = None, end: int | None = None,
) -> tuple[ChatView, ChatView]:
    """Record a request and its (still empty) answer. Returns (request, answer)."""
    text = (text or "").strip()
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        report = actor.report(session, ref)
        if not text:
            raise NianbaoError("请输入要问的问题或起草要求", status=422)
        if len(text) > MAX_TEXT:
            raise NianbaoError(f"一次最多输入 {MAX_TEXT} 个字，请分开提问", status=422)
        selection = None
        if section is not None and start is not None and end is not None:
            sec = actor.section(session, report, section)
            from ..workspace.review import current_revision

            current = current_revision(session, sec).text
            if not (0 <= start < end <= len(current)):
                raise NianbaoError("选中的文字不在该部分的当前文本之内，请刷新页面后重新选择", status=422)
            selection = {"section": section, "start": start, "end": end, "version": sec.version,
                         "quote": current[start:end]}
        routed = route(text, (start, end) if selection else None, section if selection else None)
        if routed.intent in ("draft", "rewrite"):
            actor.require("report.write")
        now = utcnow()
        asked = ChatMessage(report_id=report.id, role="user", author_id=actor.id, text=text, status=DONE,
                            intent=routed.intent, section=routed.section,
                            detail={"selection": selection} if selection else {}, created_at=now)
        session.add(asked)
        session.flush()
        reply = ChatMessage(report_id=report.id, role="assistant", author_id=None, text="", status=STREAMING,
                            intent=routed.intent, section=routed.section,
                            detail={"request": asked.id, "table": routed.table, "selection": selection}, created_at=now)
        session.add(reply)
        session.flush()
        return _view(asked, {actor.id: actor.name}), _view(reply, {})


class _Writer:
    """The growing answer: every piece goes to `on_text` at once and to the store now and then."""

    def __init__(self, settings: Settings, message_id: int, on_text: Callable[[str], None] | None):
        self.settings, self.id, self.on_text = settings, message_id, on_text
        self.parts: list[str] = []
        self.saved_at = time.monotonic()

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def write(self, piece: str) -> None:
        if not piece:
            return
        self.parts.append(piece)
        if self.on_text:
            self.on_text(piece)
        if time.monotonic() - self.saved_at >= SAVE_EVERY_S:
            self.save()

    def save(self, status: str | None = None, detail: dict | None = None) -> None:
        values: dict[str, Any] = {"text": self.text}
        if status:
            values["status"] = status
        if detail is not None:
            values["detail"] = detail
        with store(self.settings).write() as session:
            session.execute(update(ChatMessage).where(ChatMessage.id == self.id).values(**values))
        self.saved_at = time.monotonic()


def answer(settings: Settings, user: str | None, ref: str, message_id: int,
           on_text: Callable[[str], None] | None = None) -> ChatView:
    """Write the answer of message `message_id` (made by `ask`). Never raises for what the
    request asked: a failure ends the answer, partial text kept, marked 未完成."""
    reply = message(settings, user, ref, message_id)
    writer = _Writer(settings, message_id, on_text)
    detail = dict(reply.detail)
    status = DONE
    try:
        handler = _HANDLERS[reply.intent or "help"]
        detail.update(handler(settings, user, ref, reply, writer) or {})
    except NianbaoError as error:
        writer.write(("\n\n" if writer.parts else "") + f"未能完成：{error.message}")
        status = INCOMPLETE
    except Exception as error:  # noqa: BLE001 - the answer says it stopped; the log has the rest
        writer.write(("\n\n" if writer.parts else "") + f"未能完成：处理时出错（{type(error).__name__}）")
        status = INCOMPLETE
    if detail.get("incomplete"):
        status = INCOMPLETE
    writer.save(status, detail)
    return message(settings, user, ref, message_id)


# -- the answers ------------------------------------------------------------------------------


def _heading(key: str) -> str:
    return BY_KEY[key].heading


def _draft(settings, user, ref, reply: ChatView, writer: _Writer) -> dict:
    from . import workspace_review as review

    key = reply.section
    part = BY_KEY[key]
    if not part.drafted:
        writer.write(f"「{part.heading}」以{TABLE_NAMES.get(part.table or '', '表格')}为主，不需要起草文字；"
                     "可以问「表二有什么问题」或「和去年比表二有什么变化」。")
        return {}
    request = message(settings, user, ref, reply.detail["request"])
    notices: list[str] = []
    writer.write(f"正在起草「{_heading(key)}」……\n\n")
    streamed = False

    def on_token(_section: str, piece: str) -> None:
        nonlocal streamed
        streamed = True
        writer.write(piece)

    made = review.draft(settings, user, ref, sections=[key], notes={key: f"对话中的要求：{request.text}"},
                        notify=notices.append, on_token=on_token)
    drafted = next((s for s in made if s.section == key), None)
    if drafted is None:
        writer.write("\n\n未能形成完整的草稿，没有提交修改建议。")
        return {"notices": notices, "incomplete": True}
    if not streamed:
        for i in range(0, len(drafted.new_text), 40):
            writer.write(drafted.new_text[i : i + 40])
    mode = "模板起草（未配置大模型）" if drafted.source == "template" else f"大模型 {drafted.model or ''} 起草"
    writer.write(f"\n\n以上为{mode}的草稿，已作为修改建议 #{drafted.id} 提交审核，没有直接改动报告。")
    return {"notices": notices, "suggestions": [drafted.id], "citations": drafted.citations,
            "findings": drafted.findings, "mode": drafted.source}


def _rewrite(settings, user, ref, reply: ChatView, writer: _Writer) -> dict:
    """Rewrite a selected passage alone: the model writes only the passage (through the drafting
    service, with the staff's request and the section as their note); the suggestion replaces
    exactly the selected span of the revision it was selected in."""
    from . import draft as drafting
    from . import workspace_reports as reports
    from . import workspace_review as review

    selection = reply.detail["selection"]
    key, quote = selection["section"], selection["quote"]
    request = message(settings, user, ref, reply.detail["request"])
    report, previous = reports.load(settings, user, ref)
    current = report.sections.text(key)
    note = (f"对话中的要求：{request.text}\n只改写本部分中的这一段，只输出改写后的这一段文字，不写其他内容。"
            f"\n要改写的一段：{quote}\n本部分现有全文：{current}")
    notices: list[str] = []
    writer.write(f"正在改写「{_heading(key)}」中选中的一段……\n\n")
    [drafted] = drafting.draft_sections(settings, report, sections=(key,), previous=previous, notes={key: note},
                                        notify=notices.append, on_token=lambda _s, piece: writer.write(piece))
    if drafted.mode != "llm":
        writer.write("改写选中的一段需要大模型；现在没有配置大模型，模板只能起草整个部分"
                     f"（可以说「起草{BY_KEY[key].label}」）。没有提交修改建议。")
        return {"notices": notices, "incomplete": True}
    if not drafted.complete or not drafted.text.strip():
        writer.write("\n\n未能形成完整的改写，没有提交修改建议。")
        return {"notices": notices, "incomplete": True}
    # only the checks of the passage itself: rules about the whole section do not apply to a part
    drafted.findings = [f for f in drafted.findings if f.code.startswith(("NUM-", "PLACEHOLDER", "DRAFT-"))]
    [sug] = review.suggest_drafts(settings, user, ref, [drafted], base={key: selection["version"]},
                                  spans={key: (selection["start"], selection["end"])})
    checks = [f.to_json() for f in drafted.findings]
    writer.write(f"\n\n以上改写已作为修改建议 #{sug.id} 提交审核，只替换选中的一段，没有直接改动报告。")
    return {"notices": notices, "suggestions": [sug.id], "citations": drafted.citations, "findings": checks,
            "number_check": True, "mode": "llm"}


def _findings(settings, user, ref, reply: ChatView, writer: _Writer) -> dict:
    from . import workspace_reports as reports

    _, found = reports.check(settings, user, ref)
    table = reply.detail.get("table")
    if table:
        found = [f for f in found if any(c.startswith(f"{table}.") for c in f.cells)]
        where = TABLE_NAMES[table]
    elif reply.section:
        found = [f for f in found if (f.span and f.span.section == reply.section)]
        where = f"「{_heading(reply.section)}」"
    else:
        where = "报告"
    if not found:
        writer.write(f"检查程序没有发现{where}的问题。")
        return {"findings": []}
    writer.write(f"检查程序在{where}发现 {len(found)} 条提示（以下内容来自检查程序，未经大模型改写）：\n")
    for i, f in enumerate(found, start=1):
        writer.write(f"\n{i}. 〔{f.severity.label}〕{f.message}（{f.code}）")
    return {"findings": [f.to_json() for f in found], "source": "validator"}


def _figures_of(settings, user, ref):
    from ..drafting.figures import build_figures
    from . import workspace_reports as reports

    report, previous = reports.load(settings, user, ref)
    return report, previous, build_figures(report, previous)


def _number_check(text: str, figures, section: str) -> list[dict]:
    from ..drafting.checks import check_numbers

    return [f.to_json() for f in check_numbers(text, figures, section)]


def _yoy(settings, user, ref, reply: ChatView, writer: _Writer) -> dict:
    report, previous, figures = _figures_of(settings, user, ref)
    if previous is None:
        writer.write(f"工作区里没有本机关 {report.year - 1} 年度的报告，无法与上年比较。")
        return {}
    table = reply.detail.get("table")
    prefixes = (f"derived.{table}.",) if table else ("derived.t2.", "derived.t3.", "derived.t4.")
    changes = [f for f in figures.select(prefixes) if f.key.endswith(".change")]
    where = TABLE_NAMES.get(table or "", "各表")
    lines, same = [], 0
    for f in changes:
        base = f.key.removeprefix("derived.").removesuffix(".change")
        before = figures.get(f"derived.{base}.previous")
        now = figures.get(base) or figures.get(f"derived.{base}")
        if now is None or before is None:
            continue
        if f.value == 0:
            same += 1
            continue
        label = before.description.removeprefix("上年")
        way = "增加" if f.value > 0 else "减少"
        pct = figures.get(f"derived.{base}.pct_change_abs")
        tail = f"，{way}{pct.text}" if pct is not None else ""
        lines.append(f"{label}：本年 {now.text}，上年 {before.text}，{way} {figures[f'derived.{base}.change_abs'].text}{tail}")
    if not lines:
        writer.write(f"与 {previous.year} 年相比，{where}中可比较的数字没有变化。")
        return {"findings": []}
    # no counts of our own in the text: every number in it is a figure the number check can find
    text = f"与 {previous.year} 年相比，{where}中这些数字发生了变化（数字由程序计算）：\n"
    text += "".join(f"\n· {line}" for line in lines[:30])
    if len(lines) > 30:
        text += "\n……其余变化请在报告页面查看。"
    if same:
        text += "\n\n其余可比较的数字与上年相同。"
    writer.write(text)
    return {"findings": _number_check(writer.text, figures, reply.section or "overview"), "number_check": True}


def _table_figures(settings, user, ref, reply: ChatView, writer: _Writer) -> dict:
    report, _, figures = _figures_of(settings, user, ref)
    table = reply.detail.get("table")
    yoy = (".previous", ".change", ".change_abs", ".pct_change", ".pct_change_abs", ".share")
    picked = [f for f in figures.select((f"{table}.", f"derived.{table}."))
              if f.value != 0 and not f.key.endswith(yoy) and (table != "t3" or f.key.endswith(".total"))]
    if not picked:
        writer.write(f"{TABLE_NAMES[table]}还没有填写不为零的数字。")
        return {}
    text = f"{TABLE_NAMES[table]}中不为零的数字（来自表格和程序计算）：\n"
    text += "".join(f"\n· {f.description}：{f.text}" for f in picked[:40])
    writer.write(text)
    return {"findings": _number_check(writer.text, figures, reply.section or "overview"), "number_check": True}


def _help(settings, user, ref, reply: ChatView, writer: _Writer) -> dict:
    names = "、".join(p.label for p in PARTS if p.drafted)
    writer.write(
        "没有听明白要做什么。可以这样说：\n"
        "· 「起草总体情况，重点写政策解读和平台建设」（草稿作为修改建议提交审核）\n"
        "· 「把第五部分改得更具体一些」\n"
        "· 「表三有什么问题」「和去年比依申请公开有什么变化」「表三的数字是多少」\n"
        f"可以起草的部分：{names}。"
    )
    return {}


_HANDLERS: dict[str, Callable[..., dict | None]] = {
    "draft": _draft, "rewrite": _rewrite, "findings": _findings, "yoy": _yoy, "figures": _table_figures,
    "help": _help,
}
