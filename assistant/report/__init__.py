"""The typed model of the national report format (2019 and 2021 versions).

The names below load on first use, so importing one small module of the package (the
format tables for a CLI choice) does not pay for YAML, pydantic and the file reader.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "BLANK": "cells",
    "CellValue": "cells",
    "FormatVersion": "format",
    "cell_keys": "format",
    "cell_specs": "format",
    "dumps_report": "io",
    "loads_report": "io",
    "read_report": "io",
    "write_report": "io",
    "Contact": "model",
    "Report": "model",
    "Sections": "model",
    "blank_report": "model",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
