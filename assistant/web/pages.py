"""The office's pages: sign-in, 工作台, 报告 (tables, findings, sections), 审核, downloads.

Server-rendered, autoescaped jinja2 templates; the only script is static/app.js (cell
editing with live validation). Every page works through the same services as the CLI,
as the signed-in user, so another agency's report is "not found" here exactly as there.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from ..errors import NianbaoError
from ..report.format import TABLE_NAMES, TABLE_TITLES
from ..validate.finding import Severity
from ..services import web_auth
from ..services import workspace_reports as reports
from ..services import workspace_review as review
from ..services.web_auth import WebUser
from . import auth
from .uploads import run_blocking

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api")

_ENV = Environment(loader=PackageLoader("assistant.web", "templates"), autoescape=select_autoescape(["html"]))

SEVERITY_LABELS = {s.value: s.label for s in Severity}
DOWNLOADS = {"docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
             "html": ("网页", "text/html; charset=utf-8"),
             "md": ("Markdown", "text/markdown; charset=utf-8"),
             "pdf": ("PDF", "application/pdf")}


def page(request: Request, template: str, user: WebUser | None, status: int = 200, **context: Any) -> HTMLResponse:
    html = _ENV.get_template(template).render(user=user, severity_labels=SEVERITY_LABELS, **context)
    return HTMLResponse(html, status_code=status)


def settings_of(request: Request):
    return request.app.state.settings


# -- sign-in -------------------------------------------------------------------------------


@router.get("/login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = page(request, "login.html", None, next=_safe_next(next), login_token=token, error=None)
    response.set_cookie(auth.LOGIN_COOKIE, token, httponly=True, samesite="lax", path="/login")
    return response


def _safe_next(target: str) -> str:
    # only a path of this site: never //evil.example or https://…
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    target = _safe_next(str(form.get("next", "/")))
    expected = request.cookies.get(auth.LOGIN_COOKIE)
    sent = str(form.get(auth.CSRF_FIELD, ""))
    if not expected or not secrets.compare_digest(expected.encode(), sent.encode()):
        raise NianbaoError("登录页面已过期，请刷新后重新登录", status=403)
    try:
        ticket = await run_blocking(
            request, web_auth.sign_in, settings_of(request), name, password, auth.address(request)
        )
    except NianbaoError as error:
        token = secrets.token_urlsafe(24)
        response = page(request, "login.html", None, status=error.status, next=target, login_token=token,
                        error=error.message, name=name)
        response.set_cookie(auth.LOGIN_COOKIE, token, httponly=True, samesite="lax", path="/login")
        return response
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        auth.COOKIE, ticket.token, httponly=True, samesite="lax", path="/",
        secure=settings_of(request).web_secure_cookie,
        max_age=int(settings_of(request).web_session_hours * 3600),
    )
    response.delete_cookie(auth.LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
async def logout(request: Request, user: WebUser = Depends(auth.page_writer)) -> Response:
    await run_blocking(request, web_auth.sign_out, settings_of(request), request.cookies.get(auth.COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.COOKIE, path="/")
    return response


@router.post("/admin/revoke")
async def revoke_sessions(request: Request, user: WebUser = Depends(auth.page_writer)) -> Response:
    name = str((await request.form()).get("name", ""))
    count = await run_blocking(request, web_auth.revoke, settings_of(request), user.name, name)
    return page(request, "message.html", user, title="已注销登录", message=f"已结束用户「{name}」的 {count} 个登录。")


# -- 工作台 -------------------------------------------------------------------------------


def _dashboard(settings, user: WebUser) -> list[dict[str, Any]]:
    from ..validate import summarize

    rows = []
    for summary in reports.list_reports(settings, user.name):
        _, findings = reports.check(settings, user.name, str(summary.id))
        rows.append({"report": summary, "counts": summarize(findings)})
    return rows


@router.get("/")
async def dashboard(request: Request, user: WebUser = Depends(auth.page_user)) -> HTMLResponse:
    rows = await run_blocking(request, _dashboard, settings_of(request), user)
    return page(request, "dashboard.html", user, rows=rows)


# -- 报告 ---------------------------------------------------------------------------------


def _report_context(settings, user: WebUser, report_id: int) -> dict[str, Any]:
    from ..render.layout import grids
    from ..validate import summarize

    view = reports.show(settings, user.name, str(report_id))
    model, findings = reports.check(settings, user.name, str(report_id))
    flagged: dict[str, list[str]] = {}
    for f in findings:
        for key in f.cells:
            flagged.setdefault(key, []).append(f.message)
    return {
        "view": view, "grids": grids(model), "table_titles": {k: f"{TABLE_NAMES[k]} {TABLE_TITLES[k]}" for k in TABLE_NAMES}, "findings": [f.to_json() for f in findings],
        "counts": summarize(findings), "flagged": flagged, "downloads": DOWNLOADS,
        "editable": view.status != "定稿" and bool({"起草人", "审核人"} & user.roles),
    }


@router.get("/reports/{report_id}")
async def report_page(request: Request, report_id: int, user: WebUser = Depends(auth.page_user)) -> HTMLResponse:
    context = await run_blocking(request, _report_context, settings_of(request), user, report_id)
    return page(request, "report.html", user, **context)


def _set_cell(settings, user: WebUser, report_id: int, key: str, value: str, expected: str | None) -> dict[str, Any]:
    from ..report.edit import apply_cells
    from ..validate import summarize

    ref = str(report_id)
    model, _ = reports.load(settings, user.name, ref)
    before = model.cell(key) if key in model.cells else None
    changes = apply_cells(model, {key: value}, origin="网页填写")
    if expected is not None and before is not None and before.display() != expected:
        raise NianbaoError(
            f"单元格「{key}」已被他人改为「{before.display() or '空白'}」，您的修改未保存；请核对后重新填写",
            status=409, details=[f"当前值：{before.display() or '空白'}"],
        )
    if changes:
        reports.set_cells(
            settings, user.name, ref, {key: model.cell(key)},
            {key: {"kind": "person", "by": user.name, "via": "网页"}}, expected={key: before},
        )
    _, findings = reports.check(settings, user.name, ref)
    return {"ok": True, "key": key, "value": model.cell(key).display(),
            "findings": [f.to_json() for f in findings], "summary": summarize(findings)}


@api.post("/reports/{report_id}/cells")
async def set_cell(request: Request, report_id: int, user: WebUser = Depends(auth.api_writer)) -> JSONResponse:
    """填写一个单元格（JSON：key、value、expected），返回检查结果（与命令行 --format json 的 findings 相同）。"""
    try:
        body = await request.json()
    except ValueError:
        raise NianbaoError("请求内容不是有效的 JSON", status=422) from None
    if not isinstance(body, dict) or not isinstance(body.get("key"), str) or not isinstance(body.get("value"), str):
        raise NianbaoError("请求内容应包含文本字段 key 和 value", status=422)
    expected = body.get("expected")
    result = await run_blocking(
        request, _set_cell, settings_of(request), user, report_id, body["key"], body["value"],
        expected if isinstance(expected, str) else None,
    )
    return JSONResponse(result)


@router.post("/reports/{report_id}/sections/{key}")
async def edit_section(
    request: Request, report_id: int, key: str, user: WebUser = Depends(auth.page_writer)
) -> Response:
    form = await request.form()
    text, base = str(form.get("text", "")), _int(form.get("base"), "base")
    try:
        await run_blocking(request, reports.edit_section, settings_of(request), user.name, str(report_id), key, text,
                           base=base)
    except review.ConflictError as conflict:
        return page(request, "conflict.html", user, status=409, report_id=report_id, section=key,
                    mine=text, current=conflict.current_text, version=conflict.current_version,
                    message=conflict.message)
    return RedirectResponse(f"/reports/{report_id}#section-{key}", status_code=303)


def _int(value: Any, name: str) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise NianbaoError(f"参数「{name}」应是整数", status=422) from None


# -- 审核 ---------------------------------------------------------------------------------


def _review_context(settings, user: WebUser, report_id: int) -> dict[str, Any]:
    view = reports.show(settings, user.name, str(report_id))
    items = []
    for s in review.list_suggestions(settings, user.name, str(report_id)):
        full, current, runs = review.diff(settings, user.name, s.id)
        items.append({"s": full, "runs": runs, "current": current})
    sections = {sec.key: sec for sec in view.sections}
    return {"view": view, "items": items, "sections": sections,
            "may_decide": "审核人" in user.roles}


@router.get("/reports/{report_id}/review")
async def review_page(request: Request, report_id: int, user: WebUser = Depends(auth.page_user)) -> HTMLResponse:
    context = await run_blocking(request, _review_context, settings_of(request), user, report_id)
    return page(request, "review.html", user, **context)


@router.post("/suggestions/{suggestion_id}/accept")
async def accept(request: Request, suggestion_id: int, user: WebUser = Depends(auth.page_writer)) -> Response:
    form = await request.form()
    base = _int(form.get("base"), "base")
    edited = form.get("text")
    override = str(form.get("override") or "").strip() or None
    settings = settings_of(request)
    try:
        if isinstance(edited, str) and edited.strip():
            result = await run_blocking(request, review.accept_edited, settings, user.name, suggestion_id, edited,
                                        base=base, override=override)
        else:
            result = await run_blocking(request, review.accept, settings, user.name, suggestion_id, base=base,
                                        override=override)
    except review.ConflictError as conflict:
        view = await run_blocking(request, review.show, settings, user.name, suggestion_id)
        return page(request, "conflict.html", user, status=409, report_id=view.report_id, section=view.section,
                    mine=view.new_text, current=conflict.current_text, version=conflict.current_version,
                    message=conflict.message)
    return page(request, "accepted.html", user, result=result)


@router.post("/suggestions/{suggestion_id}/reject")
async def reject(request: Request, suggestion_id: int, user: WebUser = Depends(auth.page_writer)) -> Response:
    reason = str((await request.form()).get("reason") or "").strip() or None
    view = await run_blocking(request, review.reject, settings_of(request), user.name, suggestion_id, reason=reason)
    return RedirectResponse(f"/reports/{view.report_id}/review", status_code=303)


@router.post("/suggestions/{suggestion_id}/comment")
async def comment(request: Request, suggestion_id: int, user: WebUser = Depends(auth.page_writer)) -> Response:
    text = str((await request.form()).get("text") or "").strip()
    if not text:
        raise NianbaoError("意见不能为空", status=422)
    view = await run_blocking(request, review.show, settings_of(request), user.name, suggestion_id)
    await run_blocking(request, review.comment, settings_of(request), user.name, text, suggestion_id=suggestion_id)
    return RedirectResponse(f"/reports/{view.report_id}/review#s{suggestion_id}", status_code=303)


# -- 输出 ---------------------------------------------------------------------------------


def _download(settings, user: WebUser, report_id: int, fmt: str, draft: bool) -> tuple[bytes, str]:
    with tempfile.TemporaryDirectory(prefix="nianbao-web-") as tmp:
        view = reports.show(settings, user.name, str(report_id))
        out = Path(tmp) / f"report.{fmt}"
        reports.render(settings, user.name, str(report_id), fmt, out, draft=draft)
        suffix = "草稿" if draft else ""
        return out.read_bytes(), f"{view.year}年度政府信息公开工作年度报告{suffix}.{fmt}"


@router.get("/reports/{report_id}/download/{fmt}")
async def download(
    request: Request, report_id: int, fmt: str, draft: bool = True, user: WebUser = Depends(auth.page_user)
) -> Response:
    if fmt not in DOWNLOADS:
        raise NianbaoError(f"不支持「{fmt}」格式，可用的有：{'、'.join(DOWNLOADS)}", status=404)
    data, name = await run_blocking(request, _download, settings_of(request), user, report_id, fmt, draft)
    from urllib.parse import quote

    return Response(data, media_type=DOWNLOADS[fmt][1],
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


# -- 台账 → 表三、表四 -------------------------------------------------------------------


async def _limited_form(request: Request, user: WebUser):
    """A multipart form read with the upload limit (413 before it is all in memory), then the CSRF check."""
    from .uploads import read_upload

    request._body = await read_upload(request, "台账")  # starlette parses the form from this body
    await auth.csrf_ok(request, user)
    return await request.form()


def _fill_from_upload(settings, user: WebUser, report_id: int, files: dict[str, tuple[str, bytes]],
                      skip_bad_rows: bool, overwrite: bool):
    from ..services.fill import FillRequest
    from ..services.fill import fill as run_fill

    with tempfile.TemporaryDirectory(prefix="nianbao-web-") as tmp:
        paths = {}
        for field, (name, data) in files.items():
            folder = Path(tmp) / field  # one folder each: two uploads of the same name never collide
            folder.mkdir()
            paths[field] = folder / name
            paths[field].write_bytes(data)

        def run(path, last):
            return run_fill(settings, FillRequest(path, paths["ledger"], cases=paths.get("cases"), previous=last,
                                                  skip_bad_rows=skip_bad_rows, overwrite=overwrite))

        keys, result = reports.through_file(settings, user.name, str(report_id), run, source="ledger")
        return keys, result


@router.post("/reports/{report_id}/ledger")
async def upload_ledger(request: Request, report_id: int, user: WebUser = Depends(auth.page_user)) -> Response:
    from .uploads import upload_name

    # another agency's report is "not found" before anything of the upload is read
    await run_blocking(request, reports.show, settings_of(request), user.name, str(report_id))
    form = await _limited_form(request, user)
    files: dict[str, tuple[str, bytes]] = {}
    for field in ("ledger", "cases"):
        item = form.get(field)
        if item is None or isinstance(item, str) or not item.filename:
            continue
        files[field] = (upload_name(item.filename), await item.read())
    if "ledger" not in files:
        raise NianbaoError("请选择依申请公开台账文件（Excel 或 CSV）", status=422)
    try:
        keys, result = await run_blocking(
            request, _fill_from_upload, settings_of(request), user, report_id, files,
            form.get("skip_bad_rows") == "1", form.get("overwrite") == "1",
        )
    except NianbaoError as error:
        if error.status == 404:
            raise
        return page(request, "filled.html", user, status=error.status if error.status >= 400 else 400,
                    report_id=report_id, error=error, result=None, keys=[])
    return page(request, "filled.html", user, report_id=report_id, error=None, result=result, keys=keys)


# -- 检索库 -------------------------------------------------------------------------------
# The library holds published reports and regulations, public documents shared by the
# whole workspace: every signed-in user searches it; a 管理员 adds and removes documents.


def _corpus(request: Request):
    from ..services.corpus import Corpus

    if getattr(request.app.state, "corpus", None) is None:
        request.app.state.corpus = Corpus(settings_of(request))  # kept warm between requests
    return request.app.state.corpus


def _library(corpus, q: str, agency: str, years: str, part: str):
    from ..report.parts import PARTS
    from ..services.corpus import SearchRequest

    result = None
    if q.strip():
        result = corpus.search(SearchRequest(q.strip(), k=10, agency=agency or None, years=years or None,
                                             part=part or None))
    return {"docs": corpus.list_docs(), "result": result, "parts": PARTS}


@router.get("/library")
async def library(
    request: Request, q: str = "", agency: str = "", years: str = "", part: str = "",
    user: WebUser = Depends(auth.page_user),
) -> HTMLResponse:
    context = await run_blocking(request, _library, _corpus(request), q, agency, years, part)
    return page(request, "library.html", user, q=q, agency=agency, years=years, part=part,
                may_manage="管理员" in user.roles, **context)


def _require_admin(user: WebUser) -> None:
    if "管理员" not in user.roles:
        raise NianbaoError("只有管理员可以增删检索库中的文件", status=403)


@router.post("/library/add")
async def library_add(request: Request, user: WebUser = Depends(auth.page_user)) -> Response:
    from .uploads import upload_name

    _require_admin(user)
    form = await _limited_form(request, user)
    item = form.get("file")
    if item is None or isinstance(item, str) or not item.filename:
        raise NianbaoError("请选择要收录的文件", status=422)
    name = upload_name(item.filename)
    folder = settings_of(request).ensure_home() / "library"
    folder.mkdir(exist_ok=True)
    target = folder / name
    target.write_bytes(await item.read())
    summary = await run_blocking(request, _corpus(request).add, [target])
    if summary.failed:
        raise NianbaoError(f"「{name}」未能收录", details=[f["message"] for f in summary.failed], status=422)
    return RedirectResponse("/library", status_code=303)


@router.post("/library/remove")
async def library_remove(request: Request, user: WebUser = Depends(auth.page_writer)) -> Response:
    _require_admin(user)
    target = str((await request.form()).get("id", ""))
    if not target:
        raise NianbaoError("请给出要删除的文件编号", status=422)
    await run_blocking(request, _corpus(request).remove, target)
    return RedirectResponse("/library", status_code=303)
