"""The role a who-question wants when that is not the lead: "谁配合", "由谁落实", or a 责任主体 asked of a plan
whose notes use 责任主体 as a label of its own."""
from __future__ import annotations

import re

from rag.answer.query import Query
from rag.lexicon import load_lexicon
from rag.types import Corpus

_ROLE_ASKED = {"cooperate": "cooperate", "implement": "implement"}

# The implementer labels named 主体 (责任主体): a question asks for one of them as for "the responsible one" (a lead
# question, rag.answer.asks), except in a plan whose notes use it as a label of its own beside 牵头单位
# ("牵头单位：旗农牧局；…；责任主体：各苏木乡镇人民政府"): there it names the implementer, and a task whose
# note has none has no 责任主体 to give.
_SUBJECT_LABELS = tuple(label for label, role in load_lexicon().role_labels
                        if role == "implement" and label.endswith("主体"))


def role_asked(corpus: Corpus, query: Query, facts: list[dict]) -> str | None:
    """The role whose units the question wants when that is not the lead: cooperate, implement, or None."""
    if query.intent in _ROLE_ASKED:
        return _ROLE_ASKED[query.intent]
    said = [label for label in _SUBJECT_LABELS if label in query.norm]
    plans = {corpus.clause(f["clause_id"]).plan_id for f in facts}
    if query.intent == "lead" and said and any(_labels(corpus, plan, said) for plan in plans):
        return "implement"
    return None


def _labels(corpus: Corpus, plan_id: str, labels: list[str]) -> bool:
    """The plan's notes write one of the labels as a label ("责任主体：…")."""
    marks = re.compile(rf"(?:{'|'.join(map(re.escape, labels))})\s*[:：]")
    return any(note.plan_id == plan_id and marks.search(note.note) for note in corpus.responsibilities)
