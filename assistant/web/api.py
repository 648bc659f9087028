"""JSON endpoints over the same services as the CLI.

Files are sent as the raw request body with their name in `?name=` (no multipart
parser needed); errors use the shared error body.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Query, Request

from ..errors import NianbaoError
from ..report.io import file_format, loads_report, report_to_data
from ..validate import validate
from ..validate.output import validation_json

router = APIRouter(prefix="/api")

MAX_UPLOAD = 50 * 1024 * 1024


async def _body(request: Request, name: str) -> bytes:
    data = await request.body()
    if not data:
        raise NianbaoError("上传的文件是空的", file=name)
    if len(data) > MAX_UPLOAD:
        raise NianbaoError("上传的文件超过 50 MB", file=name, status=413)
    return data


def _report_from(data: bytes, name: str):
    kind = file_format(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NianbaoError("报告文件不是 UTF-8 编码的文本", file=name) from None
    return loads_report(text, kind, name)


@router.post("/validate")
async def validate_report(request: Request, name: str = Query(..., description="报告文件名（.yaml 或 .json）")):
    """检查一份报告文件，返回与 `nianbao validate --format json` 相同的结构。"""
    name = Path(name).name
    report = _report_from(await _body(request, name), name)
    return validation_json(report, validate(report), name)


@router.post("/import")
async def import_published(
    request: Request,
    name: str = Query(..., description="原文件名（.txt .html .docx .pdf）"),
    agency: str | None = None,
    year: int | None = None,
):
    """导入一份已发布的年报，返回报告文件内容、导入摘要和发现的问题。"""
    from ..ingest import import_bytes

    name = Path(name).name
    result = import_bytes(await _body(request, name), name, agency=agency, year=year)
    return {
        "report": report_to_data(result.report),
        "summary": result.summary.to_json(),
        "findings": [f.to_json() for f in result.findings],
    }
