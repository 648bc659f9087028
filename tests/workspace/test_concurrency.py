"""No lost update between processes, and no half-written change after kill -9 (both backends)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.services import workspace as ws
from assistant.services import workspace_reports as reports
from assistant.services import workspace_review as rv

A = "甲区人民政府/2024"
WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]


def _spawn(mode: str, user: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, str(WORKER), mode, user, A], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
    )


def _ready(proc: subprocess.Popen) -> None:
    line = proc.stdout.readline()
    assert line.strip() == "ready", line + proc.stderr.read()


def _section(settings):
    view = reports.show(settings, "reviewer_a", A)
    return next(s for s in view.sections if s.key == "overview")


ROUNDS = 6


def test_two_processes_accept_against_the_same_base_exactly_one_wins(office):
    ws.set_roles(office, "admin_a", "drafter_a", add=["审核人"])
    workers = [_spawn("race", "reviewer_a"), _spawn("race", "drafter_a")]
    try:
        for proc in workers:
            _ready(proc)
        for round_ in range(ROUNDS):
            text = f"第{round_}轮：甲乙丙丁戊己庚辛壬癸子丑寅卯。"
            base = reports.edit_section(office, "drafter_a", A, "overview", text, base=_section(office).version).version
            first = rv.suggest(office, "drafter_a", A, "overview", "一", start=3, end=5)
            second = rv.suggest(office, "drafter_a", A, "overview", "二", start=len(text) - 3, end=len(text) - 1)
            start_at = time.time() + 0.3
            for proc, sug in zip(workers, (first, second)):
                proc.stdin.write(f"{sug.id} {base} {start_at}\n")
                proc.stdin.flush()
            outcomes = [json.loads(proc.stdout.readline()) for proc in workers]
            winners = [o for o in outcomes if o["ok"]]
            losers = [o for o in outcomes if not o["ok"]]
            assert len(winners) == 1 and len(losers) == 1, outcomes
            loser = losers[0]
            # the loser is told, with the winner's text, and nothing was written for him
            assert loser["status"] == 409 and loser["current_text"] == winners[0]["text"], outcomes
            assert _section(office).text == winners[0]["text"] and _section(office).version == base + 1
            # nothing lost: the other suggestion is still pending, re-anchored, and can be accepted now
            lost = second if outcomes[0]["ok"] else first
            again = rv.show(office, "reviewer_a", lost.id)
            assert again.status == "待处理" and again.anchor_revision == base + 1
            final = rv.accept(office, "reviewer_a", lost.id, base=base + 1).text
            assert final == text[:3] + "一" + text[5:-3] + "二" + text[-1:]
    finally:
        for proc in workers:
            proc.stdin.close()
            proc.wait(timeout=30)
    assert ws.verify(office, "reviewer_a") == []


KILLS = 10


def test_kill_9_during_accepts_leaves_the_store_consistent(office):
    reports.edit_section(office, "drafter_a", A, "overview", "初始文字，供反复修改。", base=1)
    ws.set_roles(office, "admin_a", "reviewer_a", add=["起草人"])
    rng = random.Random(11)
    accepted = []
    proc = _spawn("churn", "reviewer_a")
    try:
        _ready(proc)
        for _ in range(KILLS):
            proc.stdin.write(f"{rng.uniform(0.4, 1.2):.3f}\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
            assert line.startswith("killed"), line + proc.stderr.read()
            accepted.append(int(line.split()[1]))
            assert ws.verify(office, "reviewer_a") == []
            # the store still takes changes after the crash
            section = _section(office)
            sug = rv.suggest(office, "reviewer_a", A, "overview", "人工。", start=0, end=1)
            assert rv.accept(office, "reviewer_a", sug.id, base=section.version).revision == section.version + 1
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert sum(1 for n in accepted if n) >= KILLS // 2, accepted  # it really was accepting when killed
    assert ws.verify(office, "reviewer_a") == []
