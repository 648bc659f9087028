"""The one place readers are registered: source kind -> function(path) -> Document.

The kind comes from the content first (a PDF, a DOCX zip, HTML markup), then from the
extension, so a web page saved as .txt or a Word file without extension still imports.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from ...errors import NianbaoError
from ..document import Document

# kind -> (module, function); modules are imported only when used
READERS: dict[str, tuple[str, str]] = {
    "text": ("assistant.ingest.readers.text", "read_text"),
    "html": ("assistant.ingest.readers.html", "read_html"),
    "docx": ("assistant.ingest.readers.docx", "read_docx"),
    "pdf": ("assistant.ingest.readers.pdf", "read_pdf"),
}
EXTENSIONS = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
KIND_LABELS = {"text": "文本", "html": "网页", "docx": "Word", "pdf": "PDF"}


def sniff(path: Path) -> str:
    """The reader kind for a file, by its first bytes, else by its extension."""
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except FileNotFoundError:
        raise NianbaoError("文件不存在", file=str(path)) from None
    except IsADirectoryError:
        raise NianbaoError("这是一个文件夹，不是文件", file=str(path)) from None
    except OSError as exc:
        raise NianbaoError(f"无法读取文件（{exc.strerror}）", file=str(path)) from None
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix not in (".docx", ".txt", ""):
            raise NianbaoError(
                f"不支持导入 {suffix} 文件；可导入的是网页复制的文本、HTML、Word（.docx）和 PDF", file=str(path)
            )
        return "docx"
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise NianbaoError("不支持旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再导入", file=str(path))
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<table" in lowered or b"<body" in lowered:
        return "html"
    if suffix in (".pdf", ".docx") and head.strip():
        label = "PDF" if suffix == ".pdf" else "Word"
        raise NianbaoError(f"文件扩展名是 {suffix}，但内容不是 {label} 文件（文件可能已损坏）", file=str(path))
    return EXTENSIONS.get(suffix, "text")


def reader_for(kind: str) -> Callable[[Path], Document]:
    module, attr = READERS[kind]
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        raise NianbaoError(f"暂不支持导入{KIND_LABELS.get(kind, kind)}文件（读取程序尚未安装）") from None
    fn = getattr(mod, attr, None)
    if fn is None:
        raise NianbaoError(f"暂不支持导入{KIND_LABELS.get(kind, kind)}文件（读取程序尚未完成）")
    return fn


def read_document(path: str | Path) -> Document:
    p = Path(path)
    return reader_for(sniff(p))(p)
