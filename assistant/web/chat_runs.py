"""Answers being written: one worker thread each, their text kept in memory while they grow.

A stream (or several: a reload, a second tab, a reconnect after a dropped connection) reads
a run from any offset; the run does not depend on anyone listening. The store holds the
partial text too (services/chat.py saves it as it grows), so an answer whose process is
gone is shown with what it had, marked 未完成.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from ..services import chat
from ..settings import Settings


@dataclass
class Run:
    parts: list[str] = field(default_factory=list)
    size: int = 0
    done: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def feed(self, piece: str) -> None:
        with self.lock:
            self.parts.append(piece)
            self.size += len(piece)

    def text(self) -> str:
        with self.lock:
            if len(self.parts) > 1:
                self.parts[:] = ["".join(self.parts)]
            return self.parts[0] if self.parts else ""


class Runs:
    """The live answers of this process, at most `limit` written at a time (the rest wait)."""

    def __init__(self, limit: int) -> None:
        self._runs: dict[int, Run] = {}
        self._slots = threading.BoundedSemaphore(max(1, limit))
        self._lock = threading.Lock()

    def get(self, message_id: int) -> Run | None:
        with self._lock:
            return self._runs.get(message_id)

    def live(self, message_id: int) -> bool:
        return self.get(message_id) is not None

    def start(self, settings: Settings, user: str, ref: str, message_id: int) -> Run:
        run = Run()
        with self._lock:
            self._runs[message_id] = run

        def work() -> None:
            try:
                with self._slots:
                    chat.answer(settings, user, ref, message_id, on_text=run.feed)
            finally:
                # the store has the final text and status before the run is dropped
                run.done = True
                with self._lock:
                    self._runs.pop(message_id, None)

        threading.Thread(target=work, name=f"chat-{message_id}", daemon=True).start()
        return run


def runs_of(app) -> Runs:
    runs = getattr(app.state, "chat_runs", None)
    if runs is None:
        runs = app.state.chat_runs = Runs(app.state.settings.web_max_jobs)
    return runs
