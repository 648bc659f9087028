"""One error body for every response that is not a success: NianbaoError's, in Chinese, no traceback.

FastAPI answers a missing parameter with 422, an unknown path with 404, a wrong method with
405 and an unexpected exception with 500, each in its own English shape; here each becomes
`error_body(NianbaoError(...))` with the status kept. The traceback of a 500 goes to the
server log, never to the user (it can hold file paths of the server).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import NianbaoError, error_body

log = logging.getLogger("assistant.web")

WHERE = {"query": "参数", "path": "地址中的参数", "header": "请求头", "cookie": "Cookie", "body": "请求内容"}

PROBLEMS = {
    "missing": "缺少{where}「{name}」",
    "int_parsing": "{where}「{name}」应是整数",
    "int_type": "{where}「{name}」应是整数",
    "float_parsing": "{where}「{name}」应是数字",
    "bool_parsing": "{where}「{name}」应是 true 或 false",
    "string_type": "{where}「{name}」应是文本",
    "string_too_long": "{where}「{name}」太长",
    "json_invalid": "请求内容不是有效的 JSON",
    "model_attributes_type": "请求内容应是 JSON 对象",
    "dict_type": "{where}「{name}」应是键值对",
    "list_type": "{where}「{name}」应是列表",
}

STATUS_MESSAGES = {
    400: "请求有误",
    401: "请先登录",
    403: "没有权限进行这项操作",
    404: "找不到这个地址：{path}",
    405: "这个地址不接受 {method} 请求",
    413: "上传的内容太大",
    415: "不支持这种上传内容",
    429: "请求过于频繁，请稍后再试",
}


def _problem(err: dict[str, Any]) -> str:
    loc = [str(p) for p in err.get("loc", ())]
    where = WHERE.get(loc[0], "参数") if loc else "参数"
    name = ".".join(loc[1:]) or where
    template = PROBLEMS.get(err.get("type", ""), "{where}「{name}」的值无效")
    return template.format(where=where, name=name)


def validation_error(exc: RequestValidationError) -> NianbaoError:
    problems = list(dict.fromkeys(_problem(e) for e in exc.errors()))
    message = problems[0] if len(problems) == 1 else f"请求中有 {len(problems)} 处问题"
    return NianbaoError(message, status=422, details=problems if len(problems) > 1 else [])


def http_error(request: Request, exc: HTTPException) -> NianbaoError:
    template = STATUS_MESSAGES.get(exc.status_code)
    if template is None:
        try:
            template = f"请求未能完成（HTTP {exc.status_code} {HTTPStatus(exc.status_code).phrase}）"
        except ValueError:
            template = f"请求未能完成（HTTP {exc.status_code}）"
    detail = exc.detail if isinstance(exc.detail, str) and _is_chinese(exc.detail) else None
    message = detail or template.format(path=request.url.path, method=request.method)
    return NianbaoError(message, status=exc.status_code)


def _is_chinese(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in text)


def install(app: FastAPI) -> None:
    """Register the handlers: NianbaoError, 422, every HTTP error and any unexpected exception."""

    @app.exception_handler(NianbaoError)
    async def _nianbao(request: Request, exc: NianbaoError) -> JSONResponse:
        return JSONResponse(error_body(exc), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(error_body(validation_error(exc)), status_code=422)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(
            error_body(http_error(request, exc)), status_code=exc.status_code, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        error = NianbaoError("服务器内部错误，已记入日志；请稍后重试，或把出错的时间告诉管理员", status=500)
        return JSONResponse(error_body(error), status_code=500)
