"""Render workflow: a report file (and optionally last year's) -> the final report on disk.

`render_file(settings, RenderRequest(...)) -> RenderResult`. The final copy is refused
(NianbaoError, exit 1) while anything blocks it; `draft=True` renders anyway, marked 草稿.
The bytes come from `assistant.render`; the file is written whole or not at all by the
report io layer's writer, so an existing output survives a refusal or a failed write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import NianbaoError
from ..report.io import read_report, write_atomic
from ..settings import Settings


@dataclass(frozen=True)
class RenderRequest:
    report: Path
    fmt: str = "html"
    output: Path | None = None  # None: next to the report file, extension by format
    draft: bool = False
    compare: Path | None = None  # last year's report: cross-year checks and a comparison appendix


@dataclass(frozen=True)
class RenderResult:
    path: Path
    fmt: str
    draft: bool

    @property
    def kind(self) -> str:
        return "草稿" if self.draft else "正式稿"


def target_path(request: RenderRequest) -> Path:
    from ..render import EXTENSIONS, FORMATS

    if request.fmt not in FORMATS:
        raise NianbaoError(f"不支持的输出格式「{request.fmt}」，可选：{'、'.join(FORMATS)}")
    target = request.output or request.report.with_suffix(EXTENSIONS[request.fmt])
    if target.resolve() == request.report.resolve():
        raise NianbaoError("输出文件不能与报告文件相同，请用 -o 指定其他文件名", file=str(request.report))
    return target


def render_file(settings: Settings, request: RenderRequest) -> RenderResult:
    from ..render import render

    target = target_path(request)
    current = read_report(request.report)
    previous = read_report(request.compare) if request.compare is not None else None
    data = render(current, request.fmt, draft=request.draft, previous=previous)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise NianbaoError(f"无法写入输出文件：{exc.strerror or exc}", file=str(target)) from exc
    return RenderResult(target, request.fmt, request.draft)
