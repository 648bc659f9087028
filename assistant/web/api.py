"""JSON endpoints over the same services as the CLI.

Files are sent as the raw request body with their name in `?name=` (no multipart
parser needed); errors use the shared error body.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Query, Request

from ..errors import NianbaoError
from ..report.io import report_to_data
from ..services.validate import validate_upload

router = APIRouter(prefix="/api")

MAX_UPLOAD = 50 * 1024 * 1024


async def _body(request: Request, name: str) -> bytes:
    data = await request.body()
    if not data:
        raise NianbaoError("上传的文件是空的", file=name)
    if len(data) > MAX_UPLOAD:
        raise NianbaoError("上传的文件超过 50 MB", file=name, status=413)
    return data


@router.post("/validate")
async def validate_report(request: Request, name: str = Query(..., description="报告文件名（.yaml 或 .json）")):
    """检查一份报告文件，返回与 `nianbao validate --format json` 相同的结构。"""
    name = Path(name).name
    return validate_upload(request.app.state.settings, await _body(request, name), name).to_json()


@router.post("/import")
async def import_published(
    request: Request,
    name: str = Query(..., description="原文件名（.txt .html .docx .pdf）"),
    agency: str | None = None,
    year: int | None = None,
):
    """导入一份已发布的年报，返回报告文件内容、导入摘要和发现的问题。"""
    from ..services.import_report import import_upload

    name = Path(name).name
    result = import_upload(request.app.state.settings, await _body(request, name), name, agency=agency, year=year)
    return {
        "report": report_to_data(result.report),
        "summary": result.summary.to_json(),
        "findings": [f.to_json() for f in result.findings],
    }
