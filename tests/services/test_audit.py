"""Batch audit: an interrupted run resumes where it stopped; changed files are done again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.services.audit import JOURNAL, AuditRequest, audit

IMPORT = Path(__file__).resolve().parents[1] / "fixtures" / "import"
DOCS = ["2022-某市生态环境局.txt", "2021-某区市场监督管理局-管道表格.md", "2022-某区卫生健康委员会.html",
        "2019-某镇人民政府-制表符.txt"]


class Stop(Exception):
    pass


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in DOCS:
        shutil.copy(IMPORT / name, folder / name)
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


def _stop_after(n: int):
    def progress(done, total, row):
        if done >= n:
            raise Stop

    return progress


def test_an_interrupted_audit_resumes_without_redoing_finished_files(settings, folder, tmp_path):
    out = tmp_path / "out"
    fresh = audit(settings, AuditRequest([folder], tmp_path / "fresh", workers=1))
    with pytest.raises(Stop):
        audit(settings, AuditRequest([folder], out, workers=1), progress=_stop_after(2))
    seen: list[int] = []
    resumed = audit(settings, AuditRequest([folder], out, workers=1),
                    progress=lambda done, total, row: seen.append(total))
    assert resumed.skipped == 2 and set(seen) == {len(DOCS) + 1 - 2}  # progress counts only what is left
    strip = lambda rows: [{k: v for k, v in vars(r).items() if k != "report_file"} for r in rows]  # noqa: E731
    assert strip(resumed.rows) == strip(fresh.rows)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == len(DOCS) + 1 and summary["failed"] == 1

    again = audit(settings, AuditRequest([folder], out, workers=1))
    assert again.skipped == len(DOCS) + 1  # the broken file's reason is kept too
    restarted = audit(settings, AuditRequest([folder], out, workers=1, resume=False))
    assert restarted.skipped == 0


def test_a_changed_or_lost_result_is_done_again(settings, folder, tmp_path):
    out = tmp_path / "out"
    first = audit(settings, AuditRequest([folder], out, workers=1))
    changed = folder / DOCS[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    Path(next(r.report_file for r in first.rows if r.file.endswith(DOCS[1]))).unlink()
    again = audit(settings, AuditRequest([folder], out, workers=1))
    assert again.skipped == len(DOCS) + 1 - 2


def test_a_journal_of_another_version_or_format_is_not_trusted(settings, folder, tmp_path):
    out = tmp_path / "out"
    audit(settings, AuditRequest([folder], out, workers=1))
    lines = (out / JOURNAL).read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    (out / JOURNAL).write_text("\n".join([json.dumps({**header, "version": "0.0.0"}), *lines[1:]]) + "\n",
                               encoding="utf-8")
    assert audit(settings, AuditRequest([folder], out, workers=1)).skipped == 0
    assert audit(settings, AuditRequest([folder], out, workers=1, report_format="yaml")).skipped == 0


def test_the_cli_says_what_it_skipped(run_cli, settings, folder, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(Stop):
        audit(settings, AuditRequest([folder], out, workers=1), progress=_stop_after(3))
    code, _, err = run_cli("audit", folder, "--out", out, "--workers", "2")
    assert code == 1  # the broken file
    assert "上次中断前已完成 3 份" in err
    code, _, err = run_cli("audit", folder, "--out", out, "--restart", "--workers", "1")
    assert "本次跳过" not in err


def test_a_cut_journal_line_is_done_again(settings, folder, tmp_path):
    out = tmp_path / "out"
    audit(settings, AuditRequest([folder], out, workers=1))
    journal = out / JOURNAL
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text[: len(text) - 40], encoding="utf-8")  # killed mid-write
    assert audit(settings, AuditRequest([folder], out, workers=1)).skipped == len(DOCS)


def test_a_worker_that_dies_costs_one_row_not_the_batch(settings, folder, tmp_path, monkeypatch):
    import os

    import assistant.services.audit as service

    real = service.audit_one
    (folder / "kill-me.txt").write_text("x", encoding="utf-8")

    def dies_on_one(path, report_path):
        if path.endswith("kill-me.txt"):
            os._exit(3)  # like the out-of-memory killer
        return real(path, report_path)

    # pickled by name like the real one; forked workers inherit the replacement
    dies_on_one.__module__, dies_on_one.__qualname__ = service.__name__, "audit_one"
    monkeypatch.setattr(service, "audit_one", dies_on_one)
    result = audit(settings, AuditRequest([folder], tmp_path / "out", workers=2))
    by_name = {Path(r.file).name: r for r in result.rows}
    assert len(result.rows) == len(DOCS) + 2
    assert "处理进程异常退出" in by_name["kill-me.txt"].error
    assert all(by_name[name].ok for name in DOCS), [(n, by_name[n].error) for n in DOCS]  # retried alone
