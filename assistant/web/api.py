"""JSON endpoints over the same services as the CLI.

Files are sent as the raw request body with their name in `?name=` (no multipart
parser needed); errors use the shared error body. Blocking work runs off the event loop
(uploads.run_blocking).
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from ..report.io import report_to_data
from ..services.validate import validate_upload
from .uploads import read_upload, run_blocking, upload_name

router = APIRouter(prefix="/api")


@router.post("/validate")
async def validate_report(request: Request, name: str = Query(..., description="报告文件名（.yaml 或 .json）")):
    """检查一份报告文件，返回与 `nianbao validate --format json` 相同的结构。"""
    name = upload_name(name)
    data = await read_upload(request, name)
    result = await run_blocking(request, validate_upload, request.app.state.settings, data, name)
    return result.to_json()


@router.post("/import")
async def import_published(
    request: Request,
    name: str = Query(..., description="原文件名（.txt .html .docx .pdf）"),
    agency: str | None = None,
    year: int | None = None,
):
    """导入一份已发布的年报，返回报告文件内容、导入摘要和发现的问题。"""
    from ..services.import_report import import_upload

    name = upload_name(name)
    data = await read_upload(request, name)
    result = await run_blocking(
        request, import_upload, request.app.state.settings, data, name, agency=agency, year=year
    )
    return {
        "report": report_to_data(result.report),
        "summary": result.summary.to_json(),
        "findings": [f.to_json() for f in result.findings],
    }
