"""Chat handlers as pure functions of the assistant: testable without a server."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from typing import Protocol

from rag.types import Answer, Corpus
from rag.ui.render import answer_message, plain_markdown

log = logging.getLogger(__name__)

ALL_PLANS = "all"  # the plan filter's "no filter" value
MAX_TURNS = 50  # a session keeps its last 50 answers: its memory stays bounded however long it chats
UNEXPECTED = "抱歉，回答这个问题时出了错，请换个说法再试。 Sorry, something went wrong answering this question."
# One example per kind of question the assistant answers; real wording from the dev questions.
EXAMPLES = (  # (key of its label in rag.ui.i18n, question)
    ("ex_lead", "周村区推进污泥安全处置由哪个部门牵头？"),
    ("ex_target", "周村区到2020年全区污水处理率要达到多少？"),
    ("ex_deadline", "周村区各类工业集聚区什么时候前全面实现污水集中处理？"),
    ("ex_obligation", "在乐都区集中式饮用水水源地保护区内能开餐馆吗？"),
    ("ex_comparison", "周村区、昌邑区和山西省的农田灌溉水有效利用系数目标分别是多少？"),
    ("ex_follow_up", "那昌邑区呢？"),
    ("ex_not_found", "广州市黑臭水体整治由哪个部门牵头？"),
)


class Asks(Protocol):
    """What the app needs of rag.assistant.Assistant."""

    corpus: Corpus

    def ask(self, question: str, plan: str | None = None, previous: str | None = None) -> Answer: ...


@dataclass(frozen=True)
class Conversation:
    """One browser session's chat: messages shown, each answer with its own sources, the questions asked."""

    messages: tuple[dict[str, str], ...] = ()
    answers: tuple[Answer, ...] = ()  # answers[i] is the reply in messages[2 * i + 1]
    turns: tuple[int, ...] = ()  # each answer's number in the session (stable anchors for its [n] links)
    questions: tuple[str, ...] = ()  # as understood, for follow-ups; rejected questions left out

    @property
    def previous(self) -> str | None:
        return self.questions[-1] if self.questions else None

    def answer_at(self, message_index: int) -> tuple[int, Answer] | None:
        """The (turn, answer) a chat message belongs to, for a click on either the question or the reply."""
        pair = message_index // 2
        return (self.turns[pair], self.answers[pair]) if 0 <= pair < len(self.answers) else None

    def latest(self) -> tuple[int, Answer] | None:
        return (self.turns[-1], self.answers[-1]) if self.answers else None


def plan_filter(choice: str | None) -> str | None:
    """The plan id to pass to Assistant.ask: None for all plans."""
    return None if not choice or choice == ALL_PLANS else choice


def plan_choices(corpus: Corpus, all_plans="全部方案") -> list[tuple[str, str]]:
    """(label, value) pairs for the plan dropdowns, all plans first (its label may be a gr.I18n key)."""
    return [(all_plans, ALL_PLANS)] + [(plan.title, plan.plan_id) for plan in corpus.plans]


def safe_ask(assistant: Asks, question: str, plan: str | None = None, previous: str | None = None) -> Answer:
    """Assistant.ask, with a polite Answer instead of a traceback should anything below it fail."""
    try:
        return assistant.ask(question, plan=plan, previous=previous)
    except Exception:  # the page must answer every question; the log keeps the traceback for us
        log.exception("assistant failed on %r", question[:200] if isinstance(question, str) else question)
        return Answer(question=str(question)[:200], answer=UNEXPECTED, abstained=True, citations=(),
                      intent="invalid", error=UNEXPECTED)


def respond(assistant: Asks, conversation: Conversation, question: str, plan_choice: str | None
            ) -> tuple[Conversation, Answer]:
    """Ask one chat question with the previous one as context; return the grown conversation and the answer."""
    answer = safe_ask(assistant, question, plan_filter(plan_choice), conversation.previous)
    return remember(conversation, question, answer, assistant.corpus), answer


def remember(conversation: Conversation, question: str, answer: Answer, corpus: Corpus | None) -> Conversation:
    """The conversation with one more turn, the oldest dropped past MAX_TURNS."""
    turn = conversation.turns[-1] + 1 if conversation.turns else 0
    messages = conversation.messages + (
        {"role": "user", "content": plain_markdown(question)},
        {"role": "assistant", "content": answer_message(answer, turn, corpus)},
    )
    # A rejected question (empty, too long) is no context for the next one; a follow-up counts as understood,
    # so a chain of follow-ups ("那山西呢？" then "那昌邑区呢？") keeps the original question.
    asked = answer.resolved_question or answer.question
    questions = conversation.questions if answer.error else conversation.questions + (asked,)
    grown = Conversation(messages, conversation.answers + (answer,), conversation.turns + (turn,),
                         questions[-MAX_TURNS:])
    if len(grown.answers) <= MAX_TURNS:
        return grown
    return replace(grown, messages=grown.messages[2:], answers=grown.answers[1:], turns=grown.turns[1:])


def ask_json(assistant: Asks, question: str, plan: str = "", previous: str = "") -> str:
    """The text `rag ask --json` prints for one question: the app's /ask API."""
    # Text, not a dict: gradio_client 2.7 fetches any returned dict with a "path" key as a file (citations have one).
    answer = safe_ask(assistant, question, plan_filter(plan), previous or None)
    return json.dumps(answer.to_json(), ensure_ascii=False)


def conversation_json(conversation: Conversation) -> str:
    """The conversation as JSON: each turn's question and the `rag ask --json` object of its answer."""
    turns = [{"turn": turn, **answer.to_json()} for turn, answer in zip(conversation.turns, conversation.answers)]
    return json.dumps({"turns": turns}, ensure_ascii=False, indent=2)


def conversation_markdown(conversation: Conversation, corpus: Corpus) -> str:
    """The conversation as Markdown: question, answer, then each cited clause quoted verbatim."""
    parts = ["# 对话记录 Conversation\n"]
    for turn, answer in zip(conversation.turns, conversation.answers):
        parts.append(f"## {turn + 1}. {answer.question}\n\n{answer.answer}\n")
        for c in answer.citations:
            plan = corpus.plan(c.plan_id) if c.plan_id in {p.plan_id for p in corpus.plans} else None
            number = f"，{plan.doc_number}" if plan and plan.doc_number else ""
            parts.append(f"[{c.n}] {c.plan_title}{number} › {c.path} (`{c.clause_id}`)\n\n> {c.text}\n")
    return "\n".join(parts)
