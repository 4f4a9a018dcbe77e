"""The app's layout: both tabs (chat with sources, browse tables), the /ask API and the page theme.

gradio is imported inside build_demo and passed to the tab builders, so `import rag` stays light."""
# No `from __future__ import annotations`: gradio reads the live gr.SelectData annotation of the select handler.

import hashlib
import html
import tempfile
from pathlib import Path

from rag.types import Corpus
from rag.ui.browse import (
    COMPARE_INDICATORS,
    deadline_table,
    deadline_timeline,
    indicator_comparison,
    responsibility_table,
    target_table,
    write_csv,
)
from rag.ui.chat import (
    ALL_PLANS,
    EXAMPLES,
    Asks,
    Conversation,
    ask_json,
    plan_choices,
    plan_filter,
    respond,
)
from rag.ui.render import context_html, source_choices, sources_html

CSS = """
.source { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
.source-path { color: var(--body-text-color-subdued); font-size: 0.9em; }
.source-text, .context-clause, .context-parent { white-space: pre-wrap; line-height: 1.6; }
.source-text mark { background: #fde68a; color: inherit; padding: 0 1px; }
.abstain-notice { background: #fef3c7; border-left: 4px solid #d97706; padding: 8px; margin: 6px 0; }
.context-parent { color: var(--body-text-color-subdued); margin-bottom: 6px; }
.context-clause { padding: 4px 6px; margin: 2px 0; }
.context-clause.selected { background: #e0f2fe; border-left: 4px solid #0284c7; }
"""


def build_demo(assistant: Asks, download_dir: Path | None = None):
    """The Blocks app around one loaded assistant, shared read-only by every session."""
    import gradio as gr

    corpus = assistant.corpus
    download_dir = download_dir or Path(tempfile.mkdtemp(prefix="rag-app-"))
    with gr.Blocks(title="水污染防治方案问答 Plan assistant", analytics_enabled=False) as demo:
        gr.Markdown("## 水污染防治方案问答\n问一个关于五个水污染防治方案的问题：答案旁边列出所依据的条款原文。")
        if corpus.problems:
            gr.HTML(corpus_notice(corpus.problems), elem_id="corpus-notice")
        with gr.Tab("问答 Chat"):
            _chat_tab(gr, assistant)
        with gr.Tab("浏览 Browse", elem_id="browse-tab"):
            browse_tab(gr, corpus, download_dir)

        def ask(question: str, plan: str = "", previous: str = "") -> str:
            """Answer one question (plan: a plan id or "all"; previous: the last question); `rag ask --json` text."""
            return ask_json(assistant, question, plan, previous)

        gr.api(ask, api_name="ask")
    return demo


def corpus_notice(problems) -> str:
    """The files skipped or refused and the plans.toml faults, as an escaped notice above the tabs."""
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
    return (f'<div class="abstain-notice"><b>语料提示 Corpus notice</b>：以下文件未载入或有问题 '
            f"(some files were skipped or have problems):<ul>{items}</ul></div>")


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


def theme_and_css():
    """A theme with system fonts only: the default theme would fetch Google Fonts, and there is no network."""
    import gradio as gr

    fonts = dict(font=["system-ui", "Noto Sans CJK SC", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return gr.themes.Default(**fonts), CSS


def responsibilities_csv(corpus: Corpus, plan_choice: str | None, unit: str, folder: Path) -> Path:
    """The filtered responsibility table as a CSV file, named by its filters (same filters, same file)."""
    plan_id = plan_filter(plan_choice) or "all"
    digest = hashlib.sha1(unit.strip().encode("utf-8")).hexdigest()[:8]
    table = responsibility_table(corpus, plan_filter(plan_choice) or "", unit)
    return write_csv(table, folder, f"responsibilities-{plan_id}-{digest}.csv")


def browse_tab(gr, corpus: Corpus, download_dir: Path) -> None:
    """Responsibilities, targets with an indicator chart, and deadlines with a timeline."""
    with gr.Tab("职责 Responsibilities", elem_id="responsibility-tab"):
        _responsibilities(gr, corpus, download_dir)
    with gr.Tab("目标 Targets"):
        _targets(gr, corpus)
    with gr.Tab("期限 Deadlines"):
        _deadlines(gr, corpus)


def _responsibilities(gr, corpus: Corpus, download_dir: Path) -> None:
    with gr.Row():
        plan = gr.Dropdown(plan_choices(corpus), value=ALL_PLANS, label="方案 Plan", elem_id="browse-plan")
        unit = gr.Textbox(label="单位 Unit (如 区住建局、环保局)", elem_id="browse-unit")
        download = gr.DownloadButton("下载 CSV", value=responsibilities_csv(corpus, ALL_PLANS, "", download_dir),
                                     elem_id="download-csv")
    table = gr.Dataframe(responsibility_table(corpus), wrap=True, max_height=520, elem_id="responsibility-table",
                         interactive=False, column_widths=["9%", "40%", "11%", "13%", "9%", "8%", "10%"])
    context = gr.HTML(context_html(corpus, ""), elem_id="browse-context")

    def refilter(plan_choice: str, unit_name: str):
        return (responsibility_table(corpus, plan_filter(plan_choice) or "", unit_name),
                responsibilities_csv(corpus, plan_choice, unit_name, download_dir))

    for event in (plan.change, unit.submit):
        event(refilter, [plan, unit], [table, download], api_visibility="private")
    def on_select(evt: gr.SelectData) -> str:
        return _selected_context(corpus, evt)

    table.select(on_select, None, context, api_visibility="private")


def _selected_context(corpus: Corpus, evt) -> str:
    """Context of the clause in the selected row (the clause id is the last column)."""
    row = getattr(evt, "row_value", None) or []
    return context_html(corpus, str(row[-1]) if row else "")


def _targets(gr, corpus: Corpus) -> None:
    with gr.Row():
        indicator = gr.Dropdown(list(COMPARE_INDICATORS), value=COMPARE_INDICATORS[0], allow_custom_value=True,
                                label="对比指标 Compare an indicator across plans", elem_id="compare-indicator")
        plan = gr.Dropdown(plan_choices(corpus), value=ALL_PLANS, label="目标表的方案 Plan for the target table")
    chart = gr.BarPlot(indicator_comparison(corpus, COMPARE_INDICATORS[0]), x="label", y="value", color="plan",
                       tooltip=["indicator", "value", "unit", "year", "clause"], elem_id="compare-chart",
                       title="各方案目标值 Target value by plan", x_title="方案 年份", y_title="目标值")
    table = gr.Dataframe(target_table(corpus), wrap=True, max_height=420, interactive=False)

    indicator.change(lambda name: indicator_comparison(corpus, name or ""), indicator, chart, api_visibility="private")
    plan.change(lambda choice: target_table(corpus, plan_filter(choice) or ""), plan, table, api_visibility="private")


def _deadlines(gr, corpus: Corpus) -> None:
    plan = gr.Dropdown(plan_choices(corpus), value=ALL_PLANS, label="方案 Plan")
    timeline = gr.ScatterPlot(deadline_timeline(corpus), x="when", y="plan", color="kind",
                              tooltip=["deadline", "clause"], title="期限时间线 Deadline timeline",
                              x_title="年份 year", y_title="方案 plan")
    table = gr.Dataframe(deadline_table(corpus), wrap=True, max_height=420, interactive=False)

    def refilter(plan_choice: str):
        plan_id = plan_filter(plan_choice) or ""
        return deadline_timeline(corpus, plan_id), deadline_table(corpus, plan_id)

    plan.change(refilter, plan, [timeline, table], api_visibility="private")
