"""Load the app: concurrent gradio_client sessions ask the dev questions at /ask; report errors, latency, RSS.

    python -m evals.load_app --duration 120 --sessions 20
    python -m evals.load_app --soak --out evals/results/soak_app.json      # 2 min warm-up + 10 min, RSS series
    python -m evals.load_app --abuse 60 --duration 0 --out evals/results/abuse_app.json   # worst short wait

Starts `python app.py` on 127.0.0.1 (the configured embedder and index, as `make run` would) unless --url
points at a running app (then pass --pid to measure its memory). Writes evals/results/load_app.json.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_REQUESTS_PER_SESSION = 100_000  # a bound on each loop besides the clock


@dataclass
class SessionLog:
    """What one simulated user saw."""

    latencies_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    abstained: int = 0


def dev_questions(split: str) -> list[str]:
    """The gold questions of one split, in file order."""
    rows = (json.loads(line) for line in (ROOT / "evals" / "gold.jsonl").open(encoding="utf-8") if line.strip())
    return [row["question"] for row in rows if row.get("split") == split]


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(port: int, timeout_s: float) -> subprocess.Popen:
    """`python app.py` on 127.0.0.1:port, waiting until it accepts connections."""
    env = {**os.environ, "RAG_HOST": "127.0.0.1", "RAG_PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False"}
    server = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"app.py exited with {server.returncode}: {server.stderr.read()[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"app.py did not listen on port {port} within {timeout_s:.0f} s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_session(url: str, questions: list[str], offset: int, stop_at: float,
                limit: int = MAX_REQUESTS_PER_SESSION, new_session_every: int = 0) -> SessionLog:
    """One user: its own client, asking questions round-robin from `offset` until the clock or `limit` ends it.

    With new_session_every=N the client starts a fresh Gradio session every N requests, as new visitors do."""
    from gradio_client import Client

    log = SessionLog()
    client = Client(url, verbose=False)
    for i in range(limit):
        if time.monotonic() >= stop_at:
            break
        if new_session_every and i and i % new_session_every == 0:
            client.reset_session()
        question = questions[(offset + i) % len(questions)]
        started = time.perf_counter()
        try:
            row = json.loads(client.predict(question, "all", "", api_name="/ask"))
        except Exception as exc:  # any failure is what we are counting
            log.errors.append(f"{type(exc).__name__}: {exc}"[:300])
            continue
        log.latencies_ms.append((time.perf_counter() - started) * 1000)
        log.server_ms.append(row["latency_ms"])
        log.abstained += bool(row["abstained"])
        if row.get("error"):
            log.errors.append(f"answer error: {row['error']}"[:300])
    return log


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def summarize(logs: list[SessionLog], seconds: float, rss: list[float], args) -> dict:
    latencies = [ms for log in logs for ms in log.latencies_ms]
    server = [ms for log in logs for ms in log.server_ms]
    errors = [e for log in logs for e in log.errors]
    return {
        "sessions": args.sessions, "duration_s": round(seconds, 1), "requests": len(latencies) + len(errors),
        "answered": len(latencies), "errors": len(errors), "error_examples": errors[:5],
        "abstained": sum(log.abstained for log in logs),
        "throughput_rps": round(len(latencies) / seconds, 2) if seconds else 0.0,
        "latency_ms": {"p50": round(percentile(latencies, 50), 1), "p95": round(percentile(latencies, 95), 1),
                       "max": round(max(latencies, default=0.0), 1)},
        "server_latency_ms": {"p50": round(percentile(server, 50), 1), "p95": round(percentile(server, 95), 1)},
        "rss_mb": {"start": round(rss[0], 1) if rss else None, "end": round(rss[-1], 1) if rss else None,
                   "peak": round(max(rss), 1) if rss else None,
                   "growth": round(rss[-1] - rss[0], 1) if rss else None},
    }


def run_load(url: str, pid: int | None, args) -> dict:
    """The sessions for warm-up + duration seconds, RSS sampled all along; figures after warm-up for a soak."""
    from evals.app_abuse import soak_rss, soak_summary

    questions = dev_questions(args.split)
    series: list[tuple[float, float]] = []
    stop = threading.Event()
    started = time.monotonic()
    sampler = threading.Thread(target=soak_rss, args=(pid, stop, series, started, args.rss_every), daemon=True)
    if pid:
        series.append((0.0, round(rss_mb(pid), 1)))
        sampler.start()
    with ThreadPoolExecutor(max_workers=args.sessions) as pool:
        futures = [pool.submit(run_session, url, questions, n * 7, started + args.warmup + args.duration,
                               MAX_REQUESTS_PER_SESSION, args.new_session_every)
                   for n in range(args.sessions)]
        logs = [f.result() for f in futures]
    stop.set()
    if pid:
        sampler.join()
        series.append((round(time.monotonic() - started, 1), round(rss_mb(pid), 1)))
    report = summarize(logs, time.monotonic() - started, [mb for _, mb in series], args)
    if args.warmup:
        report["soak"] = soak_summary(series, args.warmup)
    report["new_session_every"] = args.new_session_every
    return report


def load(args) -> dict:
    """Start (or reach) the app, warm it up, then run the hostile clients and/or the sessions, and summarise."""
    from evals.app_abuse import run_abuse

    server = None
    url, pid = args.url, args.pid
    if not url:
        port = args.port or free_port()
        server = start_server(port, args.startup_timeout)
        url, pid = f"http://127.0.0.1:{port}/", server.pid
    try:
        run_session(url, dev_questions(args.split), 0, time.monotonic() + 60, limit=3)  # first answers load lazily
        report: dict = {}
        if args.abuse:
            report["abuse"] = run_abuse(url, args.abuse)
        if args.duration > 0:
            report.update(run_load(url, pid, args))
        return report
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of load (default 120)")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent gradio_client sessions")
    parser.add_argument("--split", default="dev", help="gold split to ask (default dev)")
    parser.add_argument("--url", default="", help="a running app on 127.0.0.1 (default: start app.py)")
    parser.add_argument("--pid", type=int, default=0, help="server pid for RSS when --url is given")
    parser.add_argument("--port", type=int, default=0, help="port for the started app (default: a free one)")
    parser.add_argument("--startup-timeout", type=float, default=900.0, help="seconds to wait for app.py")
    parser.add_argument("--soak", action="store_true",
                        help="soak: 300 s warm-up then 600 s, new sessions every 25 requests, RSS every 5 s")
    parser.add_argument("--warmup", type=float, default=0.0, help="seconds of load before the figures start")
    parser.add_argument("--new-session-every", type=int, default=0, help="fresh Gradio session every N requests")
    parser.add_argument("--rss-every", type=float, default=1.0, help="seconds between RSS samples")
    parser.add_argument("--abuse", type=float, default=0.0,
                        help="seconds of four hostile clients while a probe asks short questions (0: none)")
    parser.add_argument("--out", type=Path, default=ROOT / "evals" / "results" / "load_app.json")
    args = parser.parse_args(argv)
    if args.soak:
        args.warmup = args.warmup or 300.0  # long enough to fill the app's session table
        args.duration = 600.0 if args.duration == 120.0 else args.duration
        args.new_session_every = args.new_session_every or 25
        args.rss_every = 5.0
    if args.url and not args.url.startswith(("http://127.0.0.1", "http://localhost")):
        parser.error("--url must be on 127.0.0.1 or localhost")
    report = load(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
