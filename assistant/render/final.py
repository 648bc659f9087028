"""Final vs draft: a final report is only printed when nothing blocks it.

Two things block a 正式稿: a finding that blocks (error or inconsistency), and any fill-in
note (〔请填写…〕, S-FILL-IN) still in the text, which is a warning for the validator but
never something to publish. `--draft` renders regardless, marked 草稿.
"""

from __future__ import annotations

from ..errors import EXIT_FINDINGS, NianbaoError
from ..report.parts import SECTION_LABELS
from ..report.model import Report


def blocking_findings(report: Report, previous: Report | None = None):
    from ..validate import validate  # the validator loads every rule module; only when needed
    from ..validate.catalogue import blocking_findings as blocking_of

    return blocking_of(validate(report, previous))


def ensure_final(report: Report, previous: Report | None = None) -> None:
    """Refuse (exit 1) while anything blocks a final copy; name every problem, notes part by part."""
    blocking = blocking_findings(report, previous)
    if not blocking:
        return
    from ..validate.catalogue import entry

    # the fill-in notes are listed part by part, the rest one by one
    is_note = [entry(f.code).holds_final and "note" in f.args for f in blocking]
    problems = [f for f, note in zip(blocking, is_note) if not note]
    notes: dict[str, list[str]] = {}
    for f, note in zip(blocking, is_note):
        if note:
            notes.setdefault(f.args["section"], []).append(str(f.args["note"]))
    said = []
    if problems:
        said.append(f"还有 {len(problems)} 处错误或数据不一致")
    if notes:
        said.append(f"还有 {sum(map(len, notes.values()))} 处待填写的提示（〔请填写…〕）")
    details = [f"[{f.severity.label}] {f.code}：{f.message}" for f in problems]
    details += [f"「{label}」待填写：{_listed(notes[key])}" for key, label in SECTION_LABELS.items() if key in notes]
    raise NianbaoError(
        f"报告{'，'.join(said)}，不能输出正式稿；请先改正或补写，或加 --draft 输出带“草稿”标记的稿子",
        exit_code=EXIT_FINDINGS,
        status=422,
        details=details,
    )


def _listed(found: list[str]) -> str:
    """Each note once, in order of appearance, with how often it occurs when more than once."""
    counts = {note: found.count(note) for note in found}
    return "、".join(note + (f"（{n} 处）" if n > 1 else "") for note, n in counts.items())
