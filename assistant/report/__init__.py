"""The typed model of the national report format (2019 and 2021 versions)."""

from .cells import BLANK, CellValue
from .format import FormatVersion, cell_keys, cell_specs
from .io import dumps_report, loads_report, read_report, write_report
from .model import Contact, Report, Sections, blank_report

__all__ = [
    "BLANK",
    "CellValue",
    "Contact",
    "FormatVersion",
    "Report",
    "Sections",
    "blank_report",
    "cell_keys",
    "cell_specs",
    "dumps_report",
    "loads_report",
    "read_report",
    "write_report",
]
