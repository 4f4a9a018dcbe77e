"""The chat tab: question, answers with linked [n] markers, each answer's own sources, feedback and export."""
# No `from __future__ import annotations`: gradio reads the live gr.SelectData / gr.LikeData / gr.Request annotations.

import hashlib
from pathlib import Path

from rag.feedback import Feedback, FeedbackError, FeedbackStore
from rag.types import Answer
from rag.ui.chat import (
    ALL_PLANS,
    EXAMPLES,
    Asks,
    Conversation,
    conversation_json,
    conversation_markdown,
    plan_choices,
    remember,
    respond,
)
from rag.ui.i18n import ui_language, words
from rag.ui.limits import Admission
from rag.ui.relabel import Relabel
from rag.ui.render import (
    NOTICES,
    context_html,
    empty_panel,
    source_choices,
    sources_html,
)

# After a click on an earlier answer's [n], its sources are drawn only once the select event returns, too late
# for the browser's own jump to #src-…: scroll there then, and drop the hash so a later click does not jump.
SCROLL_TO_SOURCE = """() => {
  const id = decodeURIComponent(location.hash.slice(1));
  const card = id.startsWith("src-") ? document.getElementById(id) : null;
  if (card) { card.scrollIntoView({block: "start"}); history.replaceState(null, "", location.pathname + location.search); }
}"""
SESSION_TTL_S = 3600  # a conversation left idle for an hour is dropped from memory
ANSWER_GROUP = "answer"  # chat and /ask share one concurrency group: at most 4 answers run at once


def session_of(request) -> str:
    """The Gradio session a request belongs to ("" outside a server, in tests)."""
    return str(getattr(request, "session_hash", "") or "")


def refused_answer(question: str, message: str) -> Answer:
    """The reply to a request turned away by the admission limits."""
    return Answer(question=str(question)[:200], answer=message, abstained=True, citations=(), intent="invalid",
                  error=message)


def export_files(conversation: Conversation, corpus, folder: Path, session: str) -> tuple[str, str]:
    """The conversation written as Markdown and JSON, one pair of files per session (overwritten each turn)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = "conversation-" + hashlib.sha1(session.encode()).hexdigest()[:12]
    md, js = folder / f"{stem}.md", folder / f"{stem}.json"
    md.write_text(conversation_markdown(conversation, corpus), encoding="utf-8")
    js.write_text(conversation_json(conversation), encoding="utf-8")
    return str(md), str(js)


def _panel(gr, corpus, turn_answer, language):
    """Sources, surrounding-clause choices and context for one (turn, answer), or the empty panel."""
    turn, answer = turn_answer if turn_answer else (0, None)
    choices = source_choices(answer)
    first = choices[0][1] if choices else None
    return (sources_html(answer, turn, corpus, language), gr.Radio(choices=choices, value=first),
            context_html(corpus, first or "", language))


def chat_tab(gr, i18n, assistant: Asks, feedback: FeedbackStore, download_dir: Path, admission: Admission,
             language) -> Relabel:
    """Chat column on the left, sources and surrounding clauses on the right (below, on a phone).

    `language` is the hidden textbox holding the page language Gradio's i18n chose; handlers read it.
    Returns what a change of page language redraws."""
    corpus = assistant.corpus
    conversation = gr.State(Conversation(), time_to_live=SESSION_TTL_S)
    focus = gr.State(None, time_to_live=SESSION_TTL_S)  # the answer picked for comments; None: the latest
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            plan = gr.Dropdown(plan_choices(corpus, i18n("all_plans")), value=ALL_PLANS, label=i18n("plan"),
                               elem_id="plan-filter")
            chatbot = gr.Chatbot(label=i18n("conversation"), height=460, elem_id="chatbot", sanitize_html=True,
                                 allow_tags=False, latex_delimiters=[], buttons=["copy"],
                                 feedback_options=("Like", "Dislike"))
            question = gr.Textbox(label=i18n("question"), placeholder=i18n("question_placeholder"),
                                  elem_id="question", submit_btn=True, max_length=2000)
            examples = gr.Examples([[q] for _, q in EXAMPLES], inputs=[question], label=i18n("examples"),
                                   example_labels=[words("zh")[k] for k, _ in EXAMPLES])
            with gr.Row():
                clear = gr.Button(i18n("new_conversation"), size="sm", elem_id="new-conversation")
                export_md = gr.DownloadButton(i18n("export_md"), size="sm", elem_id="export-md", value=None)
                export_json = gr.DownloadButton(i18n("export_json"), size="sm", elem_id="export-json", value=None)
            gr.Markdown(i18n("feedback_hint"))
            with gr.Row():
                comment = gr.Textbox(label=i18n("comment"), elem_id="comment", max_length=2000, scale=4)
                send = gr.Button(i18n("send_comment"), size="sm", elem_id="send-comment", scale=1)
            status = gr.Markdown("", elem_id="feedback-status")
        with gr.Column(scale=2, min_width=320):
            gr.Markdown(i18n("sources"))
            sources = gr.HTML(empty_panel(i18n("sources_empty")), elem_id="sources")
            picked = gr.Radio([], label=i18n("show_context"), elem_id="source-picker")
            context = gr.HTML(empty_panel(i18n("context_empty")), elem_id="context")

    def on_ask(text: str, plan_choice: str, state: Conversation, page_language: str, request: gr.Request):
        session = session_of(request)
        with admission.enter(session, text, state.previous) as refusal:
            if refusal:
                state = remember(state, text, refused_answer(text, refusal), corpus)
            else:
                state, _ = respond(assistant, state, text, plan_choice)
        md, js = export_files(state, corpus, download_dir, session)
        return (state, None, list(state.messages), "",
                *_panel(gr, corpus, state.latest(), ui_language(page_language)),
                gr.DownloadButton(value=md), gr.DownloadButton(value=js))

    def on_select(evt: gr.SelectData, state: Conversation, page_language: str):
        index = evt.index if isinstance(evt.index, int) else evt.index[0]
        picked_turn = state.answer_at(index)
        return (index // 2 if picked_turn else None, *_panel(gr, corpus, picked_turn, ui_language(page_language)))

    def rate(state: Conversation, pair: int | None, rating: int, text: str, words: dict, request) -> str:
        if not state.answers:
            return words["nothing_to_rate"]
        pair = len(state.answers) - 1 if pair is None or pair >= len(state.answers) else pair
        answer = state.answers[pair]
        try:
            feedback.record(Feedback(session_of(request) or "local", state.turns[pair], rating, text.strip(),
                                     answer.question, answer.answer, tuple(c.clause_id for c in answer.citations)))
        except FeedbackError as exc:
            return str(exc)
        return words["saved"].format(n=state.turns[pair] + 1)

    def on_like(evt: gr.LikeData, state: Conversation, page_language: str, request: gr.Request) -> str:
        index = evt.index if isinstance(evt.index, int) else evt.index[0]
        words = NOTICES[ui_language(page_language)]
        return rate(state, index // 2, 1 if evt.liked is True else -1, "", words, request)

    def on_comment(text: str, state: Conversation, pair, page_language: str, request: gr.Request):
        words = NOTICES[ui_language(page_language)]
        if not (text or "").strip():
            return words["write_first"], text
        return rate(state, pair, 0, text, words, request), ""

    def on_clear(page_language: str):
        return (Conversation(), None, [], *_panel(gr, corpus, None, ui_language(page_language)),
                gr.DownloadButton(value=None), gr.DownloadButton(value=None), "")

    def on_pick(clause_id: str, page_language: str) -> str:
        return context_html(corpus, clause_id or "", ui_language(page_language))

    asked = [conversation, focus, chatbot, question, sources, picked, context, export_md, export_json]
    question.submit(on_ask, [question, plan, conversation, language], asked, api_visibility="private",
                    concurrency_id=ANSWER_GROUP, concurrency_limit=4)
    chatbot.select(on_select, [conversation, language], [focus, sources, picked, context],
                   api_visibility="private").then(None, None, None, js=SCROLL_TO_SOURCE)
    chatbot.like(on_like, [conversation, language], status, api_visibility="private")
    commented = [comment, conversation, focus, language]
    send.click(on_comment, commented, [status, comment], api_visibility="private")
    comment.submit(on_comment, commented, [status, comment], api_visibility="private")
    picked.change(on_pick, [picked, language], context, api_visibility="private")
    cleared = [conversation, focus, chatbot, sources, picked, context, export_md, export_json, status]
    clear.click(on_clear, language, cleared, api_visibility="private")
    chatbot.clear(on_clear, language, cleared, api_visibility="private")  # the chatbot's own 🗑 forgets too

    def redraw(lang: str, state: Conversation, pair, clause_id):
        """The example labels and the panels of the answer in view, in the page's new language."""
        shown = state.answer_at(2 * pair + 1) if pair is not None else None
        turn, answer = shown or state.latest() or (0, None)
        return [gr.Dataset(sample_labels=[words(lang)[k] for k, _ in EXAMPLES]),
                sources_html(answer, turn, corpus, lang), context_html(corpus, clause_id or "", lang)]

    return Relabel([conversation, focus, picked], [examples.dataset, sources, context], redraw)
