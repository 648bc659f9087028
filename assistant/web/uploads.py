"""Server hardening shared by the routes: uploads read with a limit, odd names refused, blocking work off the loop.

- the body is streamed and counted, so an oversized upload is refused (413) before it is
  all in memory;
- a file name is a name, not a path: directories are dropped, and "..", control characters
  (NUL) or over-long names are refused with the one error body;
- parsing a PDF or validating a report blocks, so it runs in a worker thread, at most
  `web_max_jobs` at a time and at most `web_job_timeout` seconds; /healthz and other
  requests stay answered meanwhile.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Request

from ..errors import NianbaoError

T = TypeVar("T")

MAX_NAME_CHARS = 120  # a Chinese name of 120 characters is 360 bytes; most file systems allow 255


def upload_name(raw: str) -> str:
    """The file name part of what the browser sent, or a clear refusal."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if any(unicodedata.category(c) == "Cc" for c in name):
        raise NianbaoError("文件名中有控制字符（如 NUL），请改名后再上传", status=400)
    if name in ("", ".", ".."):
        raise NianbaoError("没有给出文件名（如 2024年报.docx），请带上原文件名上传", status=400)
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8")) > 240:
        raise NianbaoError(f"文件名太长（{len(name)} 个字符），请改短到 {MAX_NAME_CHARS // 3} 个汉字以内再上传", status=400)
    return name


async def read_upload(request: Request, name: str) -> bytes:
    """The request body, counted while it arrives; refused as soon as it passes the limit."""
    settings = request.app.state.settings
    limit = settings.web_max_upload_mb * 1024 * 1024
    too_big = NianbaoError(
        f"上传的文件超过 {settings.web_max_upload_mb} MB，请压缩或拆分后再上传", file=name, status=413
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    if not size:
        raise NianbaoError("上传的文件是空的", file=name)
    return b"".join(chunks)


async def run_blocking(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking service call in a worker thread, bounded in number and in time."""
    state = request.app.state
    seconds = state.settings.web_job_timeout
    try:
        with anyio.fail_after(seconds):
            return await anyio.to_thread.run_sync(
                functools.partial(fn, *args, **kwargs), limiter=state.job_limiter, abandon_on_cancel=True
            )
    except TimeoutError:
        raise NianbaoError(f"处理超时（超过 {seconds:g} 秒），请稍后重试，或改用命令行处理这个文件", status=504) from None
