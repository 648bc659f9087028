"""Re-anchoring by quoted text and the character-level diff (no database)."""

from __future__ import annotations

from assistant.workspace.texts import Quote, apply, char_diff, reanchor

OLD = "本区加强平台建设。全年发布信息120条。本区加强平台建设。"


def test_a_repeated_quote_follows_its_own_place():
    second = OLD.rindex("加强平台建设")
    span = Quote.of(OLD, second, second + 6)
    new = "2024年，" + OLD.replace("120", "135")
    moved = reanchor(span, OLD, new)
    assert moved is not None and moved.start == new.rindex("加强平台建设")


def test_a_changed_quote_is_gone_never_matched_elsewhere():
    second = OLD.rindex("加强平台建设")
    span = Quote.of(OLD, second, second + 6)
    new = OLD[:second] + "加强网站建设。"
    assert reanchor(span, OLD, new) is None  # the first 加强平台建设 is another sentence


def test_an_insertion_point_survives_a_change_next_door():
    at = OLD.index("全年")
    span = Quote.of(OLD, at, at)
    new = OLD.replace("120", "135")
    moved = reanchor(span, OLD, new)
    assert moved is not None and new[moved.start :].startswith("全年发布信息135条")
    assert reanchor(span, OLD, OLD[:at] + "另外，" + OLD[at:]) is None  # text inserted right there: ambiguous


def test_apply_and_the_character_diff():
    span = Quote.of(OLD, OLD.index("120"), OLD.index("120") + 3)
    assert apply(OLD, span, "135") == OLD.replace("120", "135")
    assert [op for op, _ in char_diff("公开信息", "主动公开信息")] == ["insert", "equal"]
