"""Hostile and soak clients for evals.load_app: long questions, long `previous`, abandoned requests; RSS series.

Every loop is bounded by a clock and a request count, and talks to 127.0.0.1 only."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field

LONG_QUESTION = ("周村区推进污泥安全处置由哪个部门牵头，城市黑臭水体整治，工业集聚区污水集中处理设施建设，" * 60)[:2000]
HUGE_PREVIOUS = LONG_QUESTION * 15  # 30,000 characters: over the limit, must be refused at once
SHORT_QUESTIONS = ("周村区推进污泥安全处置由哪个部门牵头？", "周村区到2020年全区污水处理率要达到多少？",
                   "山西省化肥利用率目标是多少？", "乐都区集中式饮用水水源地保护区内能开餐馆吗？")
ABUSES = ("long-question", "long-previous", "huge-previous-abandoned", "long-question-abandoned")
MAX_REQUESTS = 100_000
SERVER_MS: list[float] = []


@dataclass
class AbuseLog:
    """What one hostile client sent and how the app replied."""

    kind: str
    sent: int = 0
    refused: int = 0  # answered with an error message (too long, busy)
    failed: list[str] = field(default_factory=list)


def abusive_client(url: str, kind: str, stop_at: float, limit: int = MAX_REQUESTS) -> AbuseLog:
    """One hostile client: back-to-back requests of one kind until the clock or the count runs out."""
    from gradio_client import Client

    log, client = AbuseLog(kind), Client(url, verbose=False)
    previous = {"long-previous": LONG_QUESTION[:1999], "huge-previous-abandoned": HUGE_PREVIOUS}.get(kind, "")
    question = "那昌邑区呢？" if previous else LONG_QUESTION
    for _ in range(limit):
        if time.monotonic() >= stop_at:
            break
        log.sent += 1
        try:
            if kind.endswith("abandoned"):  # hang up at once; the next request follows straight away
                job = client.submit(question, "all", previous, api_name="/ask")
                time.sleep(0.02)
                job.cancel()
                continue
            row = json.loads(client.predict(question, "all", previous, api_name="/ask"))
            log.refused += bool(row.get("error"))
        except Exception as exc:  # counted, not fatal: the probe's waits are the measurement
            log.failed.append(f"{type(exc).__name__}: {exc}"[:200])
    return log


def probe_waits(url: str, stop_at: float, every_s: float = 1.0, limit: int = 10_000) -> list[float]:
    # The server's own time for each answer is appended to SERVER_MS (module state: this is a script, not the app).
    """A well-behaved user asking a short question every `every_s` seconds: the time each answer took (ms)."""
    from gradio_client import Client

    client, waits = Client(url, verbose=False), []
    server_ms = SERVER_MS
    for i in range(limit):
        if time.monotonic() >= stop_at:
            break
        started = time.perf_counter()
        row = json.loads(client.predict(SHORT_QUESTIONS[i % len(SHORT_QUESTIONS)], "all", "", api_name="/ask"))
        if row.get("error"):
            raise RuntimeError(f"the probe's short question was refused: {row['error']}")
        waits.append((time.perf_counter() - started) * 1000)
        server_ms.append(row["latency_ms"])
        time.sleep(max(0.0, every_s - (time.perf_counter() - started)))
    return waits


def _hostile_process(url: str, kind: str, seconds: float) -> dict:
    """abusive_client in a process of its own, so its client-side work does not slow the probe's client."""
    log = abusive_client(url, kind, time.monotonic() + seconds)
    return {"kind": log.kind, "sent": log.sent, "refused": log.refused, "failed": len(log.failed),
            "failure_examples": log.failed[:2]}


def run_abuse(url: str, seconds: float) -> dict:
    """Four hostile clients (one per kind, one process each) and one probe; the probe's worst wait is the figure."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    alone = sorted(probe_waits(url, time.monotonic() + seconds / 3))  # the same probe, nobody hostile: the baseline
    alone_server = sorted(SERVER_MS)
    SERVER_MS.clear()
    with ProcessPoolExecutor(max_workers=len(ABUSES), mp_context=multiprocessing.get_context("spawn")) as pool:
        hostile = [pool.submit(_hostile_process, url, kind, seconds + 4.0) for kind in ABUSES]
        time.sleep(4.0)  # let the hostile load build up (and its processes start) before measuring
        waits = probe_waits(url, time.monotonic() + seconds)
        logs = [f.result() for f in hostile]
    ordered, server = sorted(waits), sorted(SERVER_MS)
    return {
        "seconds": seconds, "probe_questions": len(waits),
        "probe_alone_wait_ms": _quantiles(alone), "probe_alone_server_ms": _quantiles(alone_server),
        "probe_wait_ms": _quantiles(ordered), "probe_server_ms": _quantiles(server), "hostile": logs,
    }


def _quantiles(ordered: list[float]) -> dict:
    if not ordered:
        return {"p50": None, "p95": None, "max": None}
    return {"p50": round(ordered[len(ordered) // 2], 1), "p95": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
            "max": round(ordered[-1], 1)}


def soak_rss(pid: int, stop: threading.Event, series: list[tuple[float, float]], started: float,
             every_s: float = 5.0) -> None:
    """(seconds since start, RSS MB) every `every_s` seconds until stopped."""
    from evals.load_app import rss_mb

    while not stop.wait(every_s):
        series.append((round(time.monotonic() - started, 1), round(rss_mb(pid), 1)))


def soak_summary(series: list[tuple[float, float]], warmup_s: float) -> dict:
    """RSS after warm-up: first, last, lowest, highest, and whether it stayed within 10% of the first."""
    after = [mb for t, mb in series if t >= warmup_s]
    if not after:
        return {"flat_within_10pct": None}
    start, end = after[0], after[-1]
    return {"warmup_s": warmup_s, "start_mb": start, "end_mb": end, "min_mb": min(after), "max_mb": max(after),
            "growth_pct": round((end - start) / start * 100, 1),
            "flat_within_10pct": max(after) <= start * 1.10 and min(after) >= start * 0.90,
            "series": [[t, mb] for t, mb in series]}
