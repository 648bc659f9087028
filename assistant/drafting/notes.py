"""Staff notes per section (notes.yaml): material for the model, never instructions.

A YAML mapping from section key to free text, e.g. {problems: "答复超期2件……"}.
The text enters prompts only as a variable; numbers in it still need placeholders.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import NianbaoError
from .outline import SECTION_ORDER


def load_notes(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    name = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NianbaoError("找不到补充说明文件", file=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NianbaoError(f"无法读取补充说明文件：{exc}", file=name) from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise NianbaoError("补充说明文件不是有效的 YAML", file=name, line=line + 1 if line is not None else None) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise NianbaoError("补充说明文件应为“部分: 文字”的对应关系", file=name,
                           details=[f"可用的部分：{'、'.join(SECTION_ORDER)}"])
    unknown = [str(k) for k in data if k not in SECTION_ORDER]
    if unknown:
        raise NianbaoError(f"补充说明文件中有未知的部分：{'、'.join(unknown)}", file=name,
                           details=[f"可用的部分：{'、'.join(SECTION_ORDER)}"])
    return {k: str(v).strip() for k, v in data.items() if v is not None and str(v).strip()}
