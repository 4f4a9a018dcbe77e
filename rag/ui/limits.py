"""Per-client fairness: one running request per session, and few long (costly) questions at a time.

Requests beyond either limit are turned away at once with a message, so they cost nothing and never
hold one of the queue's workers while a short question waits."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

BUSY = "上一个问题还在回答中，请稍候再问。 Your previous question is still being answered: please wait."
HEAVY_BUSY = ("另一个很长的问题正在回答中，请稍后再试，或把问题缩短到 {chars} 字以内。"
              " Another very long question is being answered: please retry shortly,"
              " or ask in under {chars} characters.")
HEAVY_CHARS = 160  # the retrievers read this many characters (rag.assistant.MAX_SEARCH_CHARS); longer costs more


class Admission:
    """Counts running requests per client key (the Gradio session) and running long ones, under a lock."""

    def __init__(self, per_client: int = 1, heavy_slots: int = 1, heavy_chars: int = HEAVY_CHARS) -> None:
        if per_client < 1 or heavy_slots < 1 or heavy_chars < 1:
            raise ValueError("per_client, heavy_slots and heavy_chars must each be at least 1")
        self.per_client, self.heavy_slots, self.heavy_chars = per_client, heavy_slots, heavy_chars
        self._running: dict[str, int] = {}
        self._heavy = 0
        self._lock = threading.Lock()

    def is_heavy(self, question: str, previous: str | None) -> bool:
        """A question (or the previous one it follows) longer than most: it costs up to ~10× a short one."""
        return len(question or "") > self.heavy_chars or len(previous or "") > self.heavy_chars

    def _refusal(self, client: str, heavy: bool) -> str:
        if self._running.get(client, 0) >= self.per_client:
            return BUSY
        if heavy and self._heavy >= self.heavy_slots:
            return HEAVY_BUSY.format(chars=self.heavy_chars)
        return ""

    @contextmanager
    def enter(self, client: str, question: str, previous: str | None = None) -> Iterator[str]:
        """Yields "" when the request may run now, else the message to answer with."""
        heavy = self.is_heavy(question, previous)
        with self._lock:
            refusal = self._refusal(client, heavy)
            if not refusal:
                self._running[client] = self._running.get(client, 0) + 1
                self._heavy += heavy
        try:
            yield refusal
        finally:
            if not refusal:
                with self._lock:
                    self._heavy -= heavy
                    left = self._running[client] - 1
                    if left:
                        self._running[client] = left
                    else:
                        del self._running[client]  # no entry per idle client: the dict stays small

    def running(self) -> int:
        with self._lock:
            return sum(self._running.values())
