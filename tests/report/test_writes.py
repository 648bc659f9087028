"""Report-file writes: one lock, unique temporary names, fsync, and no update lost in silence."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.errors import NianbaoError
from assistant.report.io import read_report, write_atomic, write_report
from assistant.report.model import blank_report

ROOT = Path(__file__).resolve().parents[2]


def _blank(path: Path) -> Path:
    write_report(blank_report(2022, "某某局", "部门"), path)
    return path


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    path = _blank(tmp_path / "r.yaml")
    first, second = read_report(path), read_report(path)
    first.set("t2.rules.issued", 1)
    write_report(first, path)
    second.set("t2.rules.repealed", 2)
    with pytest.raises(NianbaoError, match="已被改动") as info:
        write_report(second, path)
    assert info.value.file == str(path)
    again = read_report(path)
    assert again.number("t2.rules.issued") == 1 and again.cell("t2.rules.repealed").is_blank


def test_the_same_reader_may_write_again_and_another_file_is_not_checked(tmp_path):
    path = _blank(tmp_path / "r.yaml")
    report = read_report(path)
    report.set("t2.rules.issued", 1)
    write_report(report, path)
    report.set("t2.rules.issued", 2)
    write_report(report, path)  # its own earlier write is not "a change by someone else"
    assert read_report(path).number("t2.rules.issued") == 2
    other = _blank(tmp_path / "other.yaml")
    path.write_text(path.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    write_report(report, other)  # -o elsewhere: no check against the file it came from
    assert read_report(other).number("t2.rules.issued") == 2


def test_parallel_writers_use_their_own_temporary_files(tmp_path):
    path = tmp_path / "r.json"
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                report = blank_report(2022, f"某某局{n}", "部门")
                report.set("t2.rules.issued", i)
                write_report(report, path)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert read_report(path).number("t2.rules.issued") == 14
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]  # no temporary file left


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = _blank(tmp_path / "r.yaml")
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(NianbaoError, match="磁盘已满") as info:
        write_atomic(path, b"half")
    assert info.value.file == str(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.yaml"]


def test_the_file_keeps_its_permissions(tmp_path):
    path = _blank(tmp_path / "r.yaml")
    path.chmod(0o640)
    report = read_report(path)
    write_report(report, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_two_set_commands_at_once_never_lose_a_value_in_silence(tmp_path):
    """Before: 20 of 20 runs lost one value. Now each pair ends with both values, or one refusal."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTEST_CURRENT_TEST", None)
    for round_ in range(4):
        path = _blank(tmp_path / f"r{round_}.yaml")
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "assistant", "set", str(path), f"{key}={round_ + 1}"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for key in ("t2.rules.issued", "t2.rules.repealed")
        ]
        results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        report = read_report(path)
        for (code, err), key in zip(results, ("t2.rules.issued", "t2.rules.repealed")):
            if code == 0:
                assert report.number(key) == round_ + 1, (round_, key, err)
            else:
                assert code == 2 and "已被改动" in err, err
        assert any(code == 0 for code, _ in results)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".yaml"] * 4
