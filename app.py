"""The Gradio app: chat with checkable sources, the plans as browsable tables, and the /ask JSON API."""
from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # no telemetry: this machine has no network, and users expect none

import logging
import tempfile
from pathlib import Path

from rag.ui_chat import ALL_PLANS, EXAMPLES, Asks, Conversation, ask_json, plan_choices, respond
from rag.ui_layout import browse_tab, theme_and_css
from rag.ui_render import context_html, source_choices, sources_html

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def build_demo(assistant: Asks, download_dir: Path | None = None):
    """The Blocks app around one loaded assistant, shared read-only by every session."""
    import gradio as gr

    corpus = assistant.corpus
    download_dir = download_dir or Path(tempfile.mkdtemp(prefix="rag-app-"))
    with gr.Blocks(title="水污染防治方案问答 Plan assistant", analytics_enabled=False) as demo:
        gr.Markdown("## 水污染防治方案问答\n问一个关于五个水污染防治方案的问题：答案旁边列出所依据的条款原文。")
        with gr.Tab("问答 Chat"):
            _chat_tab(gr, assistant)
        with gr.Tab("浏览 Browse", elem_id="browse-tab"):
            browse_tab(gr, corpus, download_dir)

        def ask(question: str, plan: str = "", previous: str = "") -> str:
            """Answer one question (plan: a plan id or "all"; previous: the last question); `rag ask --json` text."""
            return ask_json(assistant, question, plan, previous)

        gr.api(ask, api_name="ask")
    return demo


def _chat_tab(gr, assistant: Asks) -> None:
    """Chat column on the left, sources and surrounding clauses on the right."""
    conversation = gr.State(Conversation())
    with gr.Row():
        with gr.Column(scale=3):
            plan = gr.Dropdown(plan_choices(assistant.corpus), value=ALL_PLANS, label="方案 Plan",
                               elem_id="plan-filter")
            chatbot = gr.Chatbot(label="对话 Conversation", height=460, elem_id="chatbot",
                                 sanitize_html=True, allow_tags=False, latex_delimiters=[], buttons=["copy"],
                                 feedback_options=None)
            question = gr.Textbox(label="问题 Question", placeholder="例如：周村区推进污泥安全处置由哪个部门牵头？",
                                  elem_id="question", submit_btn="提问 Ask")
            gr.Examples([[q] for _, q in EXAMPLES], inputs=[question], example_labels=[k for k, _ in EXAMPLES],
                        label="示例问题 Examples")
            clear = gr.Button("新对话 New conversation", size="sm", elem_id="new-conversation")
        with gr.Column(scale=2):
            gr.Markdown("### 来源 Sources")
            sources = gr.HTML(sources_html(None), elem_id="sources")
            picked = gr.Radio([], label="查看上下文 Show surrounding clauses", elem_id="source-picker")
            context = gr.HTML(context_html(assistant.corpus, ""), elem_id="context")

    def on_ask(text: str, plan_choice: str, state: Conversation):
        state, answer = respond(assistant, state, text, plan_choice)
        choices = source_choices(answer)
        first = choices[0][1] if choices else None
        return (state, list(state.messages), "", sources_html(answer), gr.Radio(choices=choices, value=first),
                context_html(assistant.corpus, first or ""))

    outputs = [conversation, chatbot, question, sources, picked, context]
    question.submit(on_ask, [question, plan, conversation], outputs, api_visibility="private")
    picked.change(lambda clause_id: context_html(assistant.corpus, clause_id or ""), picked, context,
                  api_visibility="private")
    clear.click(lambda: (Conversation(), [], sources_html(None), gr.Radio(choices=[], value=None),
                         context_html(assistant.corpus, "")),
                None, [conversation, chatbot, sources, picked, context], api_visibility="private")


def serve(demo, host: str, port: int, block: bool = True):
    """Queue with bounded concurrency and size, then serve on a loopback address only."""
    if host not in LOOPBACK:
        raise SystemExit(f"refusing to serve on {host!r}: this app binds to a loopback address only")
    theme, css = theme_and_css()
    demo.queue(default_concurrency_limit=4, max_size=64)
    return demo.launch(server_name=host, server_port=port, share=False, prevent_thread_lock=not block,
                       show_error=False, ssr_mode=False, theme=theme, css=css, quiet=not block)


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
