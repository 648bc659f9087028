"""Plain text reader: text copied from a web page, flattened/pipe tables, Markdown.

Every line becomes one paragraph with its line number and character offsets into the
decoded text, so the recognizer can cut tokens out of it and the source gate can look
at the very same characters again.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...errors import NianbaoError
from ..document import Document, Paragraph, Where
from .encoding import decode_bytes, has_utf16_bom
from .limits import MAX_TEXT_BYTES, check_file_size

_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def decode(data: bytes, name: str) -> str:
    """Bytes -> text (see `encoding`); binary data is refused with a clear message."""
    if not data.strip():
        raise NianbaoError("文件是空的，没有可导入的内容", file=name)
    utf16 = has_utf16_bom(data)  # Windows Notepad's "Unicode"
    if not utf16 and b"\x00" in data[:4096]:
        raise NianbaoError("文件不是文本，也不是可识别的 HTML、Word 或 PDF 文件", file=name)
    text = decode_bytes(data)
    if text is None and utf16:
        raise NianbaoError("文件以 UTF-16 标记开头，但内容无法解码", file=name)
    if text is None:
        raise NianbaoError("文件不是文本（无法按 UTF-8 或 GB18030 解码），也不是可识别的 HTML、Word 或 PDF 文件", file=name)
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 50):
        raise NianbaoError("文件内容是乱码或二进制数据，不是可导入的年报", file=name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# a Markdown heading's marks (「### 四、…」, optionally closed by #s) are markup, not text
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?=\S)")
_MD_CLOSING = re.compile(r"[ \t]+#+[ \t]*$")


def text_document(text: str, source: str) -> Document:
    blocks = []
    pos = 0
    for n, line in enumerate(text.split("\n"), start=1):
        start, end = pos, pos + len(line)
        m = _MD_HEADING.match(line)
        if m:  # the paragraph is the heading's words; offsets still point into the source
            closing = _MD_CLOSING.search(line, m.end())
            start, end = pos + m.end(), pos + (closing.start() if closing else len(line))
        blocks.append(Paragraph(text[start:end], Where(kind="text", line=n, start=start, end=end)))
        pos += len(line) + 1
    return Document(source=source, kind="text", blocks=blocks, text=text)


def read_text(path: str | Path) -> Document:
    p = Path(path)
    check_file_size(p, MAX_TEXT_BYTES, "文本")
    return text_document(decode(p.read_bytes(), str(path)), str(path))
