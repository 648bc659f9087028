"""Per-agency isolation: every workspace service, tried on another agency's records.

A user of 乙县 gets "not found" for everything of 甲区 (never a hint that it exists), and
lists show only his own. A new service must be added to the table below, or this test fails.
"""

from __future__ import annotations

import inspect

import pytest

from assistant.errors import NianbaoError
from assistant.report.cells import CellValue
from assistant.services import workspace as ws
from assistant.services import workspace_reports as reports
from assistant.services import workspace_review as rv

A = "甲区人民政府/2024"
MODULES = (ws, reports, rv)
# Services that are not about one agency's records: the store, sign-in, who am I.
UNSCOPED = {"store", "close_stores", "init", "sign_in", "safe_url", "whoami"}
# Reads only the user's own agencies' reports (test_integrity checks what it finds).
UNSCOPED |= {"verify"}


def _public(module):
    return {
        name for name, obj in vars(module).items()
        if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("_")
    }


def _probes(settings, a_id: int, sug_id: int, tmp_path):
    """service name -> a call by a user of 乙县 aimed at 甲区's records."""
    b, admin_b = "reviewer_b", "admin_b"
    return {
        "add_user": lambda: ws.add_user(settings, admin_b, "x", roles=["起草人"], agencies=["甲区人民政府"]),
        "set_password": lambda: ws.set_password(settings, admin_b, "drafter_a", "new-password-1"),
        "set_roles": lambda: ws.set_roles(settings, admin_b, "drafter_a", add=["审核人"]),
        "add_agency": lambda: ws.add_agency(settings, admin_b, "甲区下属局", issuer_kind="部门", parent="甲区人民政府"),
        "backup": lambda: ws.backup(settings, b, tmp_path / "b.db"),
        "create": lambda: reports.create(settings, b, "甲区人民政府", 2025),
        "show": lambda: reports.show(settings, b, A),
        "load": lambda: reports.load(settings, b, str(a_id)),
        "check": lambda: reports.check(settings, b, A),
        "set_status": lambda: reports.set_status(settings, b, A, "审核中"),
        "set_cells": lambda: reports.set_cells(settings, b, A, {"t2.r1.new": CellValue.of(1)}),
        "edit_section": lambda: reports.edit_section(settings, b, A, "overview", "改", base=1),
        "history": lambda: reports.history(settings, b, A),
        "export_report": lambda: reports.export_report(settings, b, A),
        "import_report": lambda: reports.import_report(
            settings, b, {"format": "nianbao-report", "agency": {"name": "甲区人民政府"}}
        ),
        "list_suggestions": lambda: rv.list_suggestions(settings, b, A),
        "rv.show": lambda: rv.show(settings, b, sug_id),
        "diff": lambda: rv.diff(settings, b, sug_id),
        "suggest": lambda: rv.suggest(settings, b, A, "overview", "改"),
        "suggest_drafts": lambda: rv.suggest_drafts(settings, b, A, []),
        "accept": lambda: rv.accept(settings, b, sug_id, base=1),
        "accept_edited": lambda: rv.accept_edited(settings, b, sug_id, "改", base=1),
        "reject": lambda: rv.reject(settings, b, sug_id),
        "comment": lambda: rv.comment(settings, b, "意见", suggestion_id=sug_id),
        "comment_on_span": lambda: rv.comment(settings, b, "意见", ref=A, section="overview"),
        "comments": lambda: rv.comments(settings, b, A),
        "audit_log": lambda: rv.audit_log(settings, b, A),
        "draft": lambda: rv.draft(settings, b, A, offline=True),
        "export_docx": lambda: rv.export_docx(settings, b, A, tmp_path / "b.docx"),
        "through_file": lambda: reports.through_file(settings, b, A, lambda path, last: None, source="person"),
        "import_docx": lambda: rv.import_docx(
            settings, b, rv.export_docx(settings, "reviewer_a", A, tmp_path / "a.docx")[0].read_bytes()
        ),
        "render": lambda: reports.render(settings, b, A, "docx", tmp_path / "b-render.docx", draft=True),
    }


LISTS = {
    "list_users": lambda s: [u.name for u in ws.list_users(s, "reviewer_b")],
    "list_agencies": lambda s: [a.name for a in ws.list_agencies(s, "reviewer_b")],
    "list_reports": lambda s: [r.agency for r in reports.list_reports(s, "reviewer_b")],
}


def test_every_service_is_probed():
    names = set()
    for module in MODULES:
        for name in _public(module):
            names.add(f"rv.{name}" if module is rv and name in _public(reports) else name)
    probed = set(_probes(None, 0, 0, None)) | set(LISTS) | UNSCOPED
    assert names - probed == set(), "a workspace service without a cross-agency test"


def test_another_agency_is_not_found_by_any_service(office, tmp_path):
    a_id = reports.show(office, "reviewer_a", A).id
    sug = rv.suggest(office, "drafter_a", A, "overview", "甲区的建议")
    before = reports.history(office, "reviewer_a", A)
    for name, probe in _probes(office, a_id, sug.id, tmp_path).items():
        with pytest.raises(NianbaoError) as caught:
            probe()
        assert caught.value.status in (403, 404), name
        assert "甲区" not in caught.value.message or "找不到" in caught.value.message, name
    # and nothing of 甲区 changed
    assert reports.history(office, "reviewer_a", A) == before
    assert rv.show(office, "reviewer_a", sug.id).status == "待处理"
    assert not [e for e in rv.audit_log(office, "reviewer_a", A) if e.user in ("reviewer_b", "admin_b")]


def test_lists_show_only_the_users_own_agency(office):
    assert LISTS["list_reports"](office) == ["乙县人民政府"]
    assert LISTS["list_agencies"](office) == ["乙县人民政府"]
    assert set(LISTS["list_users"](office)) == {"reviewer_b", "admin_b"}


def test_a_missing_record_and_a_foreign_one_read_the_same(office):
    a_id = reports.show(office, "reviewer_a", A).id
    with pytest.raises(NianbaoError) as foreign:
        reports.show(office, "reviewer_b", str(a_id))
    with pytest.raises(NianbaoError) as missing:
        reports.show(office, "reviewer_b", "99999")
    assert foreign.value.status == missing.value.status == 404
    assert foreign.value.message.replace(str(a_id), "N") == missing.value.message.replace("99999", "N")


def test_unknown_or_missing_acting_user_is_refused(office):
    for user in (None, "", "nobody"):
        with pytest.raises(NianbaoError) as caught:
            reports.list_reports(office, user)
        assert caught.value.status == 401
