"""Idle Gradio sessions expire: each holds a copy of the page config (~300 KB), so memory follows their number."""
from __future__ import annotations

import datetime
import logging
import threading

log = logging.getLogger(__name__)

IDLE_S = 1200.0  # a session untouched for 20 minutes is forgotten (its conversation with it)
SWEEP_EVERY_S = 60.0


def expire_idle(state_holder, idle_s: float, now: datetime.datetime | None = None) -> int:
    """Drop the sessions last used more than `idle_s` seconds ago from Gradio's state holder; returns how many."""
    now = now or datetime.datetime.now()
    with state_holder.lock:
        stale = [sid for sid, used in list(state_holder.time_last_used.items())
                 if (now - used).total_seconds() > idle_s]
        for sid in stale:
            state_holder.session_data.pop(sid, None)
            state_holder.time_last_used.pop(sid, None)
    return len(stale)


def start_sweeper(state_holder, stop: threading.Event, idle_s: float = IDLE_S,
                  every_s: float = SWEEP_EVERY_S) -> threading.Thread:
    """A daemon thread that expires idle sessions every `every_s` seconds until `stop` is set."""
    def sweep() -> None:
        while not stop.wait(every_s):
            try:
                dropped = expire_idle(state_holder, idle_s)
            except Exception:  # Gradio's internals may change; serving matters more than sweeping
                log.exception("could not expire idle sessions")
                return
            if dropped:
                log.info("expired %d idle sessions", dropped)

    thread = threading.Thread(target=sweep, name="session-sweeper", daemon=True)
    thread.start()
    return thread
