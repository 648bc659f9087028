"""One error type for everything a user can get wrong, with one shape for CLI and web.

Raise `NianbaoError` with a Chinese message that names the file, row, cell or field.
The CLI prints it and exits with `exit_code` (2 = unusable input; README 退出码); the web app answers
with `error_body(...)` and `status`.
"""

from __future__ import annotations

import errno
import os
from typing import Any

EXIT_FINDINGS = 1  # findings of severity error or inconsistency
EXIT_UNUSABLE = 2  # bad input: named, nothing saved is changed
EXIT_INTERNAL = 3  # a defect of the program, never of the input


class NianbaoError(Exception):
    def __init__(
        self,
        message: str,
        *,
        exit_code: int = EXIT_UNUSABLE,
        status: int = 400,
        details: list[str] | None = None,
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.status = status
        self.details = details or []
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}"
            if self.line:
                where += f" 第{self.line}行"
            where += "："
        lines = [where + self.message] + [f"  - {d}" for d in self.details]
        return "\n".join(lines)


def error_body(error: NianbaoError) -> dict[str, Any]:
    """The JSON body the web app returns for an error (and `--format json` may print)."""
    return {
        "ok": False,
        "error": {
            "message": error.message,
            "details": error.details,
            "file": error.file,
            "line": error.line,
        },
    }


def show_tracebacks() -> bool:
    """Tracebacks are for developers: NIANBAO_DEBUG=1 or under pytest."""
    return os.environ.get("NIANBAO_DEBUG") == "1" or "PYTEST_CURRENT_TEST" in os.environ


_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被占用",
    errno.EIO: "磁盘读写出错",
}


def os_reason(error: OSError) -> str:
    """Why a file could not be read or written, in Chinese (the system's words are English)."""
    return _OS_REASONS.get(error.errno or -1) or error.strerror or type(error).__name__
