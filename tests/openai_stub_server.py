"""A real local HTTP server speaking the OpenAI chat completions API, scripted by each test."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


@dataclass(frozen=True)
class StubResponse:
    """What the server does with one request: answer `content`, fail with `status`, or hang first."""

    status: int = 200
    content: str = ""
    hang_s: float = 0.0


def reply(content: str) -> Callable[[dict[str, Any]], StubResponse]:
    """Every request gets this assistant message."""
    return lambda request: StubResponse(content=content)


def fail(status: int) -> Callable[[dict[str, Any]], StubResponse]:
    """Every request gets this HTTP error status."""
    return lambda request: StubResponse(status=status)


def hang(seconds: float) -> Callable[[dict[str, Any]], StubResponse]:
    """Every request waits this long (or until the server stops) before answering."""
    return lambda request: StubResponse(content="too late [1]", hang_s=seconds)


class OpenAIStubServer:
    """ThreadingHTTPServer on 127.0.0.1 with an ephemeral port; records every request body."""

    def __init__(self, respond: Callable[[dict[str, Any]], StubResponse] = reply("")) -> None:
        self.respond = respond
        self.requests: list[dict[str, Any]] = []
        self.stopping = threading.Event()  # wakes hanging handlers at shutdown
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._serve, name="openai-stub", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def _serve(self) -> None:
        self._server.serve_forever(poll_interval=0.05)  # a short poll makes stop() quick

    def start(self) -> "OpenAIStubServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "OpenAIStubServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def completion_body(content: str, model: str) -> dict[str, Any]:
    """A chat.completion object as the OpenAI API returns it."""
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def _handler_for(stub: OpenAIStubServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            length = int(self.headers.get("content-length", 0))
            request = json.loads(self.rfile.read(length) or b"{}")
            stub.requests.append({"path": self.path, **request})
            if self.path.rstrip("/") != "/v1/chat/completions":
                return self._send(404, {"error": {"message": f"no route {self.path}"}})
            response = stub.respond(request)
            if response.hang_s and stub.stopping.wait(response.hang_s):
                return
            if response.status != 200:
                return self._send(response.status, {"error": {"message": "stub failure", "type": "server_error"}})
            self._send(200, completion_body(response.content, request.get("model", "")))

        def _send(self, status: int, body: dict[str, Any]) -> None:
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its timeout fired): nothing to deliver

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

    return Handler
