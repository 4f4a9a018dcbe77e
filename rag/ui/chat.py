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
UNEXPECTED = "抱歉，回答这个问题时出了错，请换个说法再试。 Sorry, something went wrong answering this question."
# One example per kind of question the assistant answers; real wording from the dev questions.
EXAMPLES = (
    ("谁牵头 who leads", "周村区推进污泥安全处置由哪个部门牵头？"),
    ("目标 target", "周村区到2020年全区污水处理率要达到多少？"),
    ("期限 deadline", "周村区各类工业集聚区什么时候前全面实现污水集中处理？"),
    ("义务 obligation", "在乐都区集中式饮用水水源地保护区内能开餐馆吗？"),
    ("比较 comparison", "周村区、昌邑区和山西省的农田灌溉水有效利用系数目标分别是多少？"),
    ("追问 follow-up", "那昌邑区呢？"),
    ("没有答案 not in the plans", "广州市黑臭水体整治由哪个部门牵头？"),
)


class Asks(Protocol):
    """What the app needs of rag.assistant.Assistant."""

    corpus: Corpus

    def ask(self, question: str, plan: str | None = None, previous: str | None = None) -> Answer: ...


@dataclass(frozen=True)
class Conversation:
    """One browser session's chat: the messages shown and the questions asked (raw, for follow-ups)."""

    messages: tuple[dict[str, str], ...] = ()
    questions: tuple[str, ...] = ()

    @property
    def previous(self) -> str | None:
        return self.questions[-1] if self.questions else None


def plan_filter(choice: str | None) -> str | None:
    """The plan id to pass to Assistant.ask: None for all plans."""
    return None if not choice or choice == ALL_PLANS else choice


def plan_choices(corpus: Corpus) -> list[tuple[str, str]]:
    """(label, value) pairs for the plan dropdowns, all plans first."""
    return [("全部方案 All plans", ALL_PLANS)] + [(plan.title, plan.plan_id) for plan in corpus.plans]


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
    messages = conversation.messages + (
        {"role": "user", "content": plain_markdown(question)},
        {"role": "assistant", "content": answer_message(answer)},
    )
    # A rejected question (empty, too long) is no context for the next one; a follow-up counts as understood,
    # so a chain of follow-ups ("那山西呢？" then "那昌邑区呢？") keeps the original question.
    asked = answer.resolved_question or answer.question
    questions = conversation.questions if answer.error else conversation.questions + (asked,)
    return replace(conversation, messages=messages, questions=questions), answer


def ask_json(assistant: Asks, question: str, plan: str = "", previous: str = "") -> str:
    """The text `rag ask --json` prints for one question: the app's /ask API."""
    # Text, not a dict: gradio_client 2.7 fetches any returned dict with a "path" key as a file (citations have one).
    answer = safe_ask(assistant, question, plan_filter(plan), previous or None)
    return json.dumps(answer.to_json(), ensure_ascii=False)
