"""The 对话 page of a report: the conversation, a box to ask, answers streamed by server-sent events.

A request is recorded and its answer written by a worker thread (chat_runs.py); the
page (or the script) then follows the answer at /api/reports/{id}/chat/stream. Each event
carries the answer's length so far as its id, so a reconnect (Last-Event-ID) or a reloaded
page (`after`) goes on where it stopped. Without the script the form still works: the
page shows the answer as far as it got.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup, escape
from sse_starlette import EventSourceResponse, ServerSentEvent

from ..errors import NianbaoError
from ..report.parts import SECTION_LABELS
from ..services import chat
from ..services import workspace_reports as reports
from ..services.web_auth import WebUser
from ..workspace.models import STREAMING
from . import auth
from .chat_runs import runs_of
from .pages import page, settings_of
from .uploads import run_blocking

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api")

POLL_S = 0.03  # how often a stream looks for new text of its answer
PING_S = 15
_CITE = re.compile(r"\[(\d{1,3})\]")


def cited(message: chat.ChatView) -> Markup:
    """The text, escaped, with each 「[n]」 linked to the passage stored with the answer.

    Only numbers of passages the drafter actually retrieved for this answer become links; a
    number the model made up stays plain text."""
    known = {c.get("n"): i for i, c in enumerate(message.detail.get("citations") or [], start=1) if c.get("n")}

    def link(match: re.Match) -> str:
        index = known.get(int(match.group(1)))
        return match.group(0) if index is None else f'<a href="#m{message.id}-c{index}">{match.group(0)}</a>'

    return Markup(_CITE.sub(link, str(escape(message.text))))


def _context(settings, user: WebUser, report_id: int, live) -> dict[str, Any]:
    view = reports.show(settings, user.name, str(report_id))
    messages = chat.messages(settings, user.name, str(report_id), live=live)
    return {"view": view, "messages": messages, "texts": {m.id: cited(m) for m in messages},
            "labels": SECTION_LABELS, "may_draft": view.status != "定稿" and bool({"起草人", "审核人"} & user.roles)}


@router.get("/reports/{report_id}/chat")
async def chat_page(request: Request, report_id: int, user: WebUser = Depends(auth.page_user)) -> HTMLResponse:
    runs = runs_of(request.app)
    context = await run_blocking(request, _context, settings_of(request), user, report_id, runs.live)
    return page(request, "chat.html", user, **context)


async def _ask(request: Request, user: WebUser, report_id: int, text: Any, section: Any = None, start: Any = None,
               end: Any = None) -> chat.ChatView:
    def _num(value: Any) -> int | None:
        if value in (None, ""):
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise NianbaoError("选中文字的位置应是整数", status=422) from None

    settings = settings_of(request)
    _, reply = await run_blocking(
        request, chat.ask, settings, user.name, str(report_id), text if isinstance(text, str) else "",
        section=section if isinstance(section, str) and section else None, start=_num(start), end=_num(end),
    )
    runs_of(request.app).start(settings, user.name, str(report_id), reply.id)
    return reply


@router.post("/reports/{report_id}/chat")
async def chat_form(request: Request, report_id: int, user: WebUser = Depends(auth.page_writer)) -> Response:
    form = await request.form()
    reply = await _ask(request, user, report_id, form.get("text"), form.get("section"), form.get("start"),
                       form.get("end"))
    return RedirectResponse(f"/reports/{report_id}/chat#m{reply.id}", status_code=303)


@api.post("/reports/{report_id}/chat")
async def chat_api(request: Request, report_id: int, user: WebUser = Depends(auth.api_writer)) -> JSONResponse:
    """向报告的对话提问或提出起草要求（JSON：text；改写选中文字时另给 section、start、end）。"""
    try:
        body = await request.json()
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    reply = await _ask(request, user, report_id, body.get("text"), body.get("section"), body.get("start"),
                       body.get("end"))
    return JSONResponse({"ok": True, "message": reply.id,
                         "stream": f"/api/reports/{report_id}/chat/stream?message={reply.id}"})


@api.get("/reports/{report_id}/chat/stream")
async def chat_stream(
    request: Request, report_id: int, message: int | None = None, after: int = 0,
    user: WebUser = Depends(auth.api_user),
) -> EventSourceResponse:
    """一条回答的文字，以服务器推送事件（SSE）逐段送出；断线重连（Last-Event-ID）从断处接着送。"""
    settings = settings_of(request)
    ref = str(report_id)
    if message is None:
        await run_blocking(request, chat.messages, settings, user.name, ref, limit=0)  # another agency's: 404
        raise NianbaoError("请指明要接收的回答（message）", status=422)
    stored = await run_blocking(request, chat.message, settings, user.name, ref, message)  # checks the report
    if stored.role != "assistant":
        raise NianbaoError(f"对话消息 #{message} 不是回答", status=422)
    last = request.headers.get("last-event-id")
    offset = max(0, int(last) if last and last.isdigit() else after)
    runs = runs_of(request.app)

    async def events():
        nonlocal offset
        while True:
            run = runs.get(message)
            if run is not None:
                text = run.text()
                if len(text) > offset:
                    piece, offset = text[offset:], len(text)
                    yield ServerSentEvent(data=piece, event="text", id=str(offset))
                if not run.done:
                    await asyncio.sleep(POLL_S)
                    continue
            # the run is over (or belongs to no live process): the store has the answer
            final = await run_blocking(request, chat.message, settings, user.name, ref, message)
            if final.status == STREAMING and runs.live(message):
                continue
            if len(final.text) > offset:
                piece, offset = final.text[offset:], len(final.text)
                yield ServerSentEvent(data=piece, event="text", id=str(offset))
            status = final.status if final.status != STREAMING else "未完成"
            yield ServerSentEvent(data=json.dumps({"status": status, "length": offset}, ensure_ascii=False),
                                  event="end", id=str(offset))
            return

    return EventSourceResponse(events(), ping=PING_S, headers={"Cache-Control": "no-store",
                                                                "X-Accel-Buffering": "no"})
