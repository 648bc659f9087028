"""The one text-decoding routine: text files, web pages and CSV ledgers.

Offices save text as UTF-8 (with or without the BOM Windows Notepad writes), as GBK (a
subset of GB18030: older Windows and WPS defaults), or as "Unicode" (UTF-16 with a BOM,
Notepad's and Excel's "Unicode text"). A UTF-16 BOM decides; otherwise the whole content
must decode as UTF-8, else as GB18030, so a file is never half read in one encoding.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from pathlib import Path

ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 reads GBK files and more
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def has_utf16_bom(data: bytes) -> bool:
    return data.startswith(_UTF16_BOMS)


def _candidates(head: bytes) -> tuple[str, ...]:
    return ("utf-16",) if has_utf16_bom(head) else ENCODINGS


def decode_bytes(data: bytes) -> str | None:
    """The text of `data` in the first encoding that decodes all of it; None if none does."""
    for encoding in _candidates(data[:2]):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _decodes(chunks: Iterable[bytes], encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def file_encoding(path: Path) -> str | None:
    """The encoding a (possibly large) file decodes with, read in chunks; None if none does."""
    with path.open("rb") as fh:
        head = fh.read(2)
    for encoding in _candidates(head):
        with path.open("rb") as fh:
            if _decodes(iter(lambda: fh.read(1 << 20), b""), encoding):
                return encoding
    return None
