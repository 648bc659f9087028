"""Staff facts: figures no table holds (门户网站发布信息条数, 培训场次…), from facts.yaml.

The file is a YAML list of {key, value, unit, description, section}. Keys become
placeholders `{{fact.<key>}}`; values must be numbers, because only numbers need this
protection. Known keys (factbook.py) have their own place in the report; `section` places
any other key (e.g. `overview.platform` or 「平台建设」); without one it is not placed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from pydantic import BaseModel, field_validator

from ..errors import NianbaoError
from ..report.cells import parse_number_text
from .factbook import place_of

_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class Fact(BaseModel):
    key: str
    value: Decimal
    unit: str = ""
    description: str = ""
    section: str | None = None  # a place key of factbook.PLACES, for keys the catalogue does not know

    @field_validator("section")
    @classmethod
    def _place(cls, value: str | None) -> str | None:
        return place_of(value)

    @property
    def kind(self):
        from .factbook import BY_KEY

        return BY_KEY.get(self.key)

    @property
    def place(self) -> str | None:
        """Where the fact stands in the report: the file's `section`, else the catalogue's."""
        if self.section:
            return self.section
        return self.kind.place if self.kind else None

    @property
    def measure(self) -> str:
        return self.unit or (self.kind.unit if self.kind else "")


def load_facts(path: Path | None) -> list[Fact]:
    if path is None:
        return []
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NianbaoError("找不到事实数据文件", file=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NianbaoError(f"无法读取事实数据文件：{exc}", file=name) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise NianbaoError("事实数据文件不是有效的 YAML", file=name, line=line + 1 if line is not None else None) from None
    if data is None:
        return []
    if isinstance(data, dict) and "facts" in data:
        data = data["facts"]
    if not isinstance(data, list):
        raise NianbaoError("事实数据文件应为列表，每项包含 key、value、unit、description", file=name)
    facts: list[Fact] = []
    errors: list[str] = []
    seen: set[str] = set()
    for i, item in enumerate(data, start=1):
        where = f"第{i}项"
        if not isinstance(item, dict):
            errors.append(f"{where}：应为包含 key、value 的条目")
            continue
        key = str(item.get("key") or "").strip()
        if not _KEY.match(key):
            errors.append(f"{where}：key「{key}」只能用英文字母、数字和下划线，且以字母开头")
            continue
        if key in seen:
            errors.append(f"{where}：key「{key}」重复")
            continue
        value = _number(item.get("value"))
        if value is None:
            errors.append(f"{where}（{key}）：value「{item.get('value')}」不是数字")
            continue
        try:
            section = place_of(item.get("section"), key=key, where=where)
        except NianbaoError as exc:
            errors += exc.details
            continue
        seen.add(key)
        facts.append(
            Fact(
                key=key,
                value=value,
                unit=str(item.get("unit") or "").strip(),
                description=str(item.get("description") or "").strip(),
                section=section,
            )
        )
    if errors:
        raise NianbaoError("事实数据文件有误", file=name, details=errors)
    return facts


def _number(raw: object) -> Decimal | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            return None
    return parse_number_text(str(raw))
