"""Property: any sequence of suggest / accept / edit-accept / reject / direct edit keeps the
current text equal to the replay of the accepted revisions, and the store whole."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from assistant.errors import NianbaoError
from assistant.services import workspace as ws
from assistant.services import workspace_reports as reports
from assistant.services import workspace_review as rv
from assistant.workspace import integrity
from assistant.workspace.models import Revision

A = "甲区人民政府/2024"
# A small alphabet makes repeated quotes (the hard case for re-anchoring) common.
CHARS = st.text(alphabet="政务公开平台建设。，一二", min_size=1, max_size=6)

actions = st.lists(
    st.one_of(
        st.tuples(st.just("suggest"), st.integers(0, 400), st.integers(0, 6), CHARS),
        st.tuples(st.just("accept"), st.integers(0, 50)),
        st.tuples(st.just("accept_edited"), st.integers(0, 50), CHARS),
        st.tuples(st.just("reject"), st.integers(0, 50)),
        st.tuples(st.just("edit"), st.integers(0, 400), st.integers(0, 6), CHARS),
    ),
    min_size=1,
    max_size=14,
)


def _current(settings_):
    view = reports.show(settings_, "reviewer_a", A)
    section = next(s for s in view.sections if s.key == "overview")
    return section.text, section.version


@pytest.mark.parametrize("backend", ["sqlite"], indirect=False)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=actions)
def test_current_text_is_the_replay_of_accepted_revisions(office, steps):
    # each example starts from a fresh section text: a new report year
    text, version = _current(office)
    model = text
    pending: list[int] = []
    for step in steps:
        text, version = _current(office)
        assert text == model
        kind = step[0]
        if kind in ("suggest", "edit"):
            _, at, length, new = step
            start = at % (len(text) + 1)
            end = min(len(text), start + length)
            if kind == "edit":
                body = text[:start] + new + text[end:]
                if body == text:
                    continue
                reports.edit_section(office, "drafter_a", A, "overview", body, base=version)
                model = body
            elif text[start:end] != new:
                pending.append(rv.suggest(office, "drafter_a", A, "overview", new, start=start, end=end).id)
        elif pending:
            sug = rv.show(office, "reviewer_a", pending[step[1] % len(pending)])
            if kind == "reject":
                try:
                    rv.reject(office, "reviewer_a", sug.id)
                except NianbaoError as error:
                    assert sug.status != "待处理" and error.status == 409
                continue
            try:
                if kind == "accept":
                    result = rv.accept(office, "reviewer_a", sug.id, base=version)
                    applied = sug.new_text
                else:
                    result = rv.accept_edited(office, "reviewer_a", sug.id, step[2], base=version)
                    applied = step[2]
            except NianbaoError as error:
                assert sug.status != "待处理", error  # only a resolved or stale one is refused
                continue
            assert sug.status == "待处理" and sug.anchor_revision == version
            assert model[sug.start : sug.end] == sug.quote
            model = model[: sug.start] + applied + model[sug.end :]
            assert result.text == model and result.revision == version + 1
            event(f"{kind} applied")
    text, _ = _current(office)
    assert text == model
    store = ws.store(office)
    with store.read() as session:
        assert integrity.check(session) == []
        made = session.query(Revision).filter(Revision.number > 1).count()
    assert ws.verify(office, "reviewer_a") == []
    event(f"revisions made: {min(made, 20) // 5 * 5}+")
