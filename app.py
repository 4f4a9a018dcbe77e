"""The Gradio app, built by rag.ui.layout and launched here on a loopback address only.

`make run` calls main(); tests and the load script call start().
"""
from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # no telemetry: this machine has no network, and users expect none

import logging
import threading

from rag.ui.layout import SESSION_CAPACITY, build_demo, theme_and_css

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(demo, host: str, port: int, block: bool = True):
    """Queue with bounded concurrency and size, then serve on a loopback address only."""
    import gradio as gr

    from rag.ui.i18n import make_i18n
    from rag.ui.plantext import add_plan_route
    from rag.ui.relabel import own_words_script
    from rag.ui.sessions import start_sweeper

    if host not in LOOPBACK:
        raise SystemExit(f"refusing to serve on {host!r}: this app binds to a loopback address only")
    theme, css = theme_and_css()
    demo.queue(default_concurrency_limit=4, max_size=64)
    # state_session_capacity: Gradio keeps a copy of the page config per session; the oldest go past the cap.
    launched = demo.launch(server_name=host, server_port=port, share=False, prevent_thread_lock=True,
                           show_error=False, ssr_mode=False, theme=theme, css=css, js=own_words_script(),
                           quiet=not block,
                           i18n=getattr(demo, "rag_i18n", None) or make_i18n(gr),
                           state_session_capacity=SESSION_CAPACITY)
    add_plan_route(demo.server_app, demo.corpus)
    demo.sweeper_stop = threading.Event()  # set it to stop sweeping; the thread is a daemon and dies with the app
    start_sweeper(demo.server_app.state_holder, demo.sweeper_stop)
    if block:
        demo.block_thread()
    return launched


def start(settings=None, host: str = "127.0.0.1", port: int = 7860):
    """Load the assistant and serve without blocking (tests, load runs); returns (demo, local URL)."""
    from rag.assistant import Assistant

    demo = build_demo(Assistant.load(settings))
    _, url, _ = serve(demo, host, port, block=False)
    return demo, url


def main() -> None:
    """`make run`: load the assistant once, then serve on RAG_HOST:RAG_PORT (127.0.0.1:7860)."""
    from rag.assistant import Assistant

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for chatty in ("faiss.loader", "httpx"):  # one line per CPU-feature probe and per health check
        logging.getLogger(chatty).setLevel(logging.WARNING)
    assistant = Assistant.load(progress=True)
    demo = build_demo(assistant)
    serve(demo, os.environ.get("RAG_HOST", "127.0.0.1"), int(os.environ.get("RAG_PORT", "7860")))


if __name__ == "__main__":
    main()
