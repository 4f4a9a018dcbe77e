"""The app's layout: both tabs (chat with sources, browse tables), the /ask API and the page theme.

gradio is imported inside build_demo and passed to the tab builders, so `import rag` stays light."""
# No `from __future__ import annotations`: gradio reads the live gr.SelectData / gr.Request annotations.

import datetime
import hashlib
import tempfile
from pathlib import Path

from rag.feedback import FeedbackStore, open_store
from rag.types import Corpus
from rag.ui.browse import (
    COMPARE_INDICATORS,
    chart_legend,
    chart_range,
    deadline_table,
    deadline_timeline,
    for_plot,
    indicator_comparison,
    localized,
    plot_field,
    responsibility_table,
    short_tasks,
    target_table,
    target_years_note,
    value_title,
    write_csv,
)
from rag.ui.chat import ALL_PLANS, Asks, ask_json, plan_choices, plan_filter
from rag.ui.chat_tab import ANSWER_GROUP, chat_tab, refused_answer, session_of
from rag.ui.i18n import header, make_i18n, ui_language, words
from rag.ui.limits import Admission
from rag.ui.relabel import Relabel, relabel_all
from rag.ui.render import context_html, empty_panel

# Colours chosen for contrast on white (breadcrumb #374151: 10.3:1; WCAG AA asks 4.5:1), in light and dark themes.
CSS = """
.source { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
.source-path, .source-meta { color: #374151; font-size: 0.9em; }
.dark .source-path, .dark .source-meta { color: #e5e7eb; }
.source-open { margin-left: 8px; white-space: nowrap; }
.sources-for { font-weight: 600; margin: 4px 0; }
.source-text, .context-clause, .context-parent { white-space: pre-wrap; line-height: 1.6; }
.source-text mark { background: #fef3c7; color: #111827; padding: 0 1px; }
/* The words that answer (value, lead units' note, deadline), inside the lighter quoted sentence. */
.source-text mark.answering { background: #fbbf24; font-weight: 700; border-bottom: 2px solid #b45309; }
.abstain-notice { background: #fef3c7; color: #111827; border-left: 4px solid #b45309; padding: 8px; margin: 6px 0; }
.context-parent { color: #374151; margin-bottom: 6px; }
.dark .context-parent { color: #e5e7eb; }
.context-clause { padding: 4px 6px; margin: 2px 0; }
.context-clause.selected { background: #e0f2fe; color: #111827; border-left: 4px solid #0284c7; }
/* On a phone the legend would run off the side; each bar's label names its plan already. */
@media (max-width: 640px) { #compare-chart .role-legend { display: none; } }
#years-note { background: #eff6ff; color: #1e3a8a; border-left: 4px solid #1d4ed8; padding: 6px 10px; }
/* A comparison table in the chat keeps each cell on one line and scrolls sideways in its bubble on a phone. */
#chatbot table { display: block; overflow-x: auto; max-width: 100%; }
#chatbot th, #chatbot td { white-space: nowrap; }
/* Boxes with a light background of their own keep dark text in the dark theme too: Gradio's dark prose colour
   reached the note's paragraph (1.0:1) and the selected clause's id. */
#years-note *, .abstain-notice *, .context-clause.selected *, .source-text mark * { color: inherit !important; }
.dark #sources .source-meta, .dark #sources .source-path { color: #e5e7eb; }
/* Gradio's own greys and orange read at 1.9:1 and 2.8:1 on white (the footer holds Settings, where the language
   is chosen): darker shades of the same hues, at least 4.5:1 (WCAG AA), in light and dark themes. */
button[role="tab"].selected { color: #c2410c; }
.dark button[role="tab"].selected { color: #fdba74; }
footer, footer a, footer button, footer .divider { color: #4b5563 !important; }
.dark footer, .dark footer a, .dark footer button, .dark footer .divider { color: #d1d5db !important; }
textarea::placeholder, input::placeholder { color: #6b7280; opacity: 1; }
.dark textarea::placeholder, .dark input::placeholder { color: #9ca3af; }
/* Phone: tables keep readable columns and scroll sideways instead of one character per line. */
@media (max-width: 640px) {
  .browse-table .virtual-table-viewport { overflow-x: auto !important; }
}
"""
# Fixed pixel widths (not percentages): on a phone the table scrolls sideways instead of shrinking every
# column to one character; on a desktop the 1,000 pixels fit beside nothing else.
RESPONSIBILITY_WIDTHS = ["72px", "300px", "110px", "150px", "136px", "104px", "210px"]
TARGET_WIDTHS = ["72px", "220px", "80px", "72px", "120px", "104px", "72px", "210px"]
DEADLINE_WIDTHS = ["72px", "150px", "72px", "72px", "72px", "300px", "210px"]
SESSION_CAPACITY = 100  # Gradio keeps a copy of the page config per session (~300 KB): at most this many
CACHE_SWEEP = (600, 3600)  # every 10 minutes, delete the app's temporary files older than an hour


def build_demo(assistant: Asks, download_dir: Path | None = None, feedback: FeedbackStore | None = None,
               today: datetime.date | None = None):
    """The Blocks app around one loaded assistant, shared read-only by every session."""
    import gradio as gr

    corpus = assistant.corpus
    download_dir = download_dir or Path(tempfile.mkdtemp(prefix="rag-app-"))
    if feedback is None:
        settings = getattr(assistant, "settings", None)
        feedback = open_store(settings.data_dir if settings else download_dir / "data", settings)
    years_note = target_years_note(corpus, (today or datetime.date.today()).year)
    i18n, admission = make_i18n(gr, years_note=years_note), Admission()
    with gr.Blocks(title="水污染防治方案问答 Plan assistant", analytics_enabled=False,
                   delete_cache=CACHE_SWEEP) as demo:
        # The page language as Gradio's i18n chose it in the browser: the handlers' text follows it.
        language = gr.Textbox(i18n("ui_language"), visible="hidden", elem_id="ui-language", interactive=False)
        gr.Markdown(i18n("title"))
        gr.Markdown(i18n("years_note"), elem_id="years-note", visible=bool(years_note[0]))
        if corpus.problems:  # files skipped or refused and plans.toml faults: never a silent loss
            gr.HTML(corpus_notice(corpus.problems, i18n("corpus_notice")), elem_id="corpus-notice")
        with gr.Tab(i18n("tab_chat"), elem_id="chat-tab") as chat_item:
            chat_part = chat_tab(gr, i18n, assistant, feedback, download_dir / "conversations", admission, language)
        with gr.Tab(i18n("tab_browse"), elem_id="browse-tab") as browse_item:
            browse_part, browse_titles = browse_tab(gr, i18n, corpus, download_dir, language)
        tabs = Relabel.tabs(gr, {chat_item: "tab_chat", browse_item: "tab_browse"})
        relabel_all(gr, [demo.load, language.change], language, [tabs, chat_part, browse_part], [browse_titles])

        def ask(question: str, plan: str = "", previous: str = "", request: gr.Request = None) -> str:
            """Answer one question (plan: a plan id or "all"; previous: the last question); `rag ask --json` text."""
            with admission.enter(session_of(request), question, previous) as refusal:
                if refusal:
                    return json_of(refused_answer(question, refusal))
                return ask_json(assistant, question, plan, previous)

        gr.api(ask, api_name="ask", concurrency_id=ANSWER_GROUP, concurrency_limit=4)
    demo.corpus, demo.rag_i18n = corpus, i18n  # for the /plan route and the translations given at launch
    return demo


def corpus_notice(problems, heading="语料提示：以下文件未载入或有问题") -> str:
    """The files skipped or refused and the plans.toml faults, as an escaped notice above the tabs.

    `heading` may be a gr.I18n key: the page translates it inside the HTML (the problems are file messages)."""
    import html

    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
    return f'<div class="abstain-notice"><b>{heading}</b><ul>{items}</ul></div>'


def json_of(answer) -> str:
    import json

    return json.dumps(answer.to_json(), ensure_ascii=False)


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


def browse_tab(gr, i18n, corpus: Corpus, download_dir: Path, language) -> tuple[Relabel, Relabel]:
    """Responsibilities, targets with an indicator chart, and deadlines with a timeline; what a change of
    page language redraws: data first, then the plots' titles."""
    with gr.Tab(i18n("tab_resp"), elem_id="responsibility-tab") as resp_item:
        resp = _responsibilities(gr, i18n, corpus, download_dir, language)
    with gr.Tab(i18n("tab_targets"), elem_id="targets-tab") as targets_item:
        targets = _targets(gr, i18n, corpus, language)
    with gr.Tab(i18n("tab_deadlines"), elem_id="deadlines-tab") as deadlines_item:
        deadlines, deadline_titles = _deadlines(gr, i18n, corpus, language)
    tabs = Relabel.tabs(gr, {resp_item: "tab_resp", targets_item: "tab_targets", deadlines_item: "tab_deadlines"})
    return Relabel.joined([tabs, resp, targets, deadlines]), deadline_titles


def _responsibilities(gr, i18n, corpus: Corpus, download_dir: Path, language) -> Relabel:
    with gr.Row():
        # min_width: on a phone the two stack, each full width, instead of two 140 px boxes cutting the plan title.
        plan = gr.Dropdown(plan_choices(corpus, i18n("all_plans")), value=ALL_PLANS, label=i18n("plan"),
                           elem_id="browse-plan", min_width=300)
        unit = gr.Textbox(label=i18n("unit"), elem_id="browse-unit", max_length=100, min_width=300)
        download = gr.DownloadButton(i18n("download_csv"), elem_id="download-csv",
                                     value=responsibilities_csv(corpus, ALL_PLANS, "", download_dir))
    table = gr.Dataframe(localized(short_tasks(responsibility_table(corpus)), "zh"), wrap=True, max_height=520,
                         elem_id="responsibility-table", interactive=False, elem_classes=["browse-table"],
                         column_widths=RESPONSIBILITY_WIDTHS)
    context = gr.HTML(empty_panel(i18n("row_context_empty")), elem_id="browse-context")

    def shown(plan_choice: str, unit_name: str, page_language: str):
        table = short_tasks(responsibility_table(corpus, plan_filter(plan_choice) or "", unit_name or ""))
        return localized(table, ui_language(page_language))

    def refilter(plan_choice: str, unit_name: str, page_language: str):
        return (shown(plan_choice, unit_name, page_language),
                responsibilities_csv(corpus, plan_choice, unit_name, download_dir))

    plan.change(refilter, [plan, unit, language], [table, download], api_visibility="private")
    # As you type: only the last keystroke's filter runs when several arrive together.
    unit.input(refilter, [plan, unit, language], [table, download], api_visibility="private",
               trigger_mode="always_last")

    picked = gr.State("")  # the clause of the row last picked, drawn again in a new page language

    def row_context(clause_id: str, lang: str) -> str:
        return context_html(corpus, clause_id, lang) if clause_id else empty_panel(words(lang)["row_context_empty"])

    def on_select(evt: gr.SelectData, page_language: str):
        row = getattr(evt, "row_value", None) or []
        clause_id = str(row[-1]) if row else ""
        return clause_id, row_context(clause_id, ui_language(page_language))

    table.select(on_select, language, [picked, context], api_visibility="private")
    # The context panel's first value is an i18n key: the page resets the panel to it when the language
    # changes, so the picked row's clause is drawn again (or the words, before any row was picked).
    return Relabel([plan, unit, picked], [table, context],
                   lambda lang, plan_choice, unit_name, clause_id: [shown(plan_choice, unit_name, lang),
                                                                    row_context(clause_id, lang)])


PALETTE = ("#1d4ed8", "#b45309", "#047857", "#b91c1c", "#6d28d9", "#0e7490", "#a21caf", "#4d7c0f", "#c2410c",
           "#334155")


def plan_colors(corpus: Corpus) -> dict[str, str]:
    """A fixed colour per plan, so a plan keeps its colour from one indicator to the next."""
    return {corpus.display_name(p.plan_id): PALETTE[i % len(PALETTE)] for i, p in enumerate(corpus.plans)}


def chart_style(corpus: Corpus, frame, language: str = "zh") -> dict:
    """The bar plot's settings that follow its data: range, unit, and colours of the plans drawn."""
    legend = chart_legend(frame, plan_colors(corpus))
    return {"x_lim": chart_range(frame), "x_title": value_title(frame, language), "color_map": legend,
            "colors_in_legend": list(legend)}


def chart_titles(language: str) -> dict:
    """The bar plot's titles in one language (the plot does not translate i18n keys in its axis titles)."""
    said = words(language)
    # The title is the block's label, top left: drawn by the plot, centred over the bars, it ran off a phone.
    return {"label": said["chart_title"], "show_label": True, "y_title": said["chart_y"],
            "color_title": header("方案 plan", language)}


def _chart(gr, i18n, corpus: Corpus, indicator: str):
    # Horizontal bars: each label reads in full on its own line, on a phone as on a desktop.
    frame = indicator_comparison(corpus, indicator)
    return gr.BarPlot(x=plot_field("value"), y="label", color=plot_field("plan"), elem_id="compare-chart",
                      tooltip=[plot_field(f) for f in ("plan", "indicator", "value", "unit", "year", "clause")],
                      value=for_plot(frame), **chart_style(corpus, frame), **chart_titles("zh"))


def _targets(gr, i18n, corpus: Corpus, language) -> Relabel:
    with gr.Row():
        indicator = gr.Dropdown(list(COMPARE_INDICATORS), value=COMPARE_INDICATORS[0], allow_custom_value=True,
                                label=i18n("compare_indicator"), elem_id="compare-indicator", min_width=300)
        plan = gr.Dropdown(plan_choices(corpus, i18n("all_plans")), value=ALL_PLANS, label=i18n("target_plan"),
                           elem_id="target-plan", min_width=300)
    chart = _chart(gr, i18n, corpus, COMPARE_INDICATORS[0])
    table = gr.Dataframe(localized(target_table(corpus), "zh"), wrap=True, max_height=420, interactive=False,
                         elem_classes=["browse-table"], elem_id="target-table", column_widths=TARGET_WIDTHS)

    # Data first, then the settings that rebuild the plot: sent together, the rebuild can finish after the
    # data update and draw the previous indicator's bars under the new legend.
    def redata(name: str):
        return gr.BarPlot(value=for_plot(indicator_comparison(corpus, name or "")))

    def restyle(name: str, page_language: str):
        lang = ui_language(page_language)
        return gr.BarPlot(**chart_style(corpus, indicator_comparison(corpus, name or ""), lang), **chart_titles(lang))

    def shown(choice: str, lang: str):
        return localized(target_table(corpus, plan_filter(choice) or ""), lang)

    indicator.change(redata, indicator, chart, api_visibility="private").then(
        restyle, [indicator, language], chart, api_visibility="private")
    plan.change(lambda choice, page_language: shown(choice, ui_language(page_language)), [plan, language], table,
                api_visibility="private")
    return Relabel([indicator, plan], [chart, table],
                   lambda lang, name, choice: [restyle(name, lang), shown(choice, lang)])


def timeline_titles(language: str) -> dict:
    said = words(language)
    return {"title": said["timeline_title"], "x_title": said["timeline_x"],
            "y_title": header("方案 plan", language), "color_title": said["kind"]}


def _deadlines(gr, i18n, corpus: Corpus, language) -> tuple[Relabel, Relabel]:
    plan = gr.Dropdown(plan_choices(corpus, i18n("all_plans")), value=ALL_PLANS, label=i18n("plan"))
    timeline = gr.ScatterPlot(for_plot(deadline_timeline(corpus)), x="when", y=plot_field("plan"),
                              color=plot_field("kind"), tooltip=[plot_field("deadline"), plot_field("clause")],
                              elem_id="deadline-chart", **timeline_titles("zh"))
    table = gr.Dataframe(localized(deadline_table(corpus), "zh"), wrap=True, max_height=420, interactive=False,
                         elem_classes=["browse-table"], elem_id="deadline-table", column_widths=DEADLINE_WIDTHS)

    def refilter(plan_choice: str, page_language: str):
        plan_id, lang = plan_filter(plan_choice) or "", ui_language(page_language)
        return for_plot(deadline_timeline(corpus, plan_id, lang)), localized(deadline_table(corpus, plan_id), lang)

    plan.change(refilter, [plan, language], [timeline, table], api_visibility="private")
    return (Relabel([plan], [timeline, table], lambda lang, choice: list(refilter(choice, lang))),
            Relabel([], [timeline], lambda lang: [gr.ScatterPlot(**timeline_titles(lang))]))
