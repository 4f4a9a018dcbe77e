"""Which task an English who-question is about, when meaning and retrieval agree on it.

An English question names a task in the asker's words: "the wetland restoration at the Min River estuary" for
保护闽江河口湿地, "sea-bound sewage outfalls" for 入海排污口, "regulating drainage from car washes" for 规范…洗车…
行业排水. The glossary maps such phrases to neighbouring terms (入河排污口, 车辆冲洗) that the task does not write,
so the word path finds no task, and rag.answer.task_meaning asks a wide lead of the closest task (a margin of
0.025) because, alone, a narrower one also answers questions about tasks the plan lacks with a neighbour's units.

A second, independent witness lets a narrower lead suffice: the retriever's first clause (the fusion of the
lexical and the dense search over whole clauses, with the glossary's expansion) is the clause of that same task.
A question about a task the plan lacks lands near two or three neighbours by meaning, and its first hit, found
largely by the words it shares with them, is then seldom the one its closest task sits in. The term guards of
task_meaning still apply (the task writes a glossary term the question names and every specific it asks), and one
more: the question writes no word that neither the glossary, the dictionary (CC-CEDICT) nor pinyin reads
("mangrove", "microplastics"): a thing so rare that no vocabulary has it is a thing the plan is unlikely to write, and
its neighbouring task (湿地保护修复 for mangrove wetlands) is close in meaning and often the first hit too.

Calibrated on the 97 dev English who-questions (everyday and genre, 48 answerable) that the word path and
task_meaning leave without a task, judged by the gold clause of the task picked (right / wrong):

    margin                        0       0.003   0.005   0.0075  0.01    0.015   0.02
    agreeing, word guard, 0.83-0.85  17/0    16/0    13/0    13/0    11/0    5/0     1/0   <- 0.84 / 0.005 taken
    agreeing, word guard, 0.86-0.87  14/0    13/0    12/0    12/0    10/0    4/0     0/0
    agreeing, no word guard, 0.84    18/2    17/1    14/1    14/1    12/1    6/1     2/1   (mangrove wetlands)
    not agreeing, word guard, 0.84   21/3    19/3    14/2    14/1    12/1    6/0     2/0

A task's first two sentences (task_meaning's second reading) added 3 right and 2 wrong under agreement: not taken.

English questions only: a Chinese question's words are the plans' own, and the word path reads them.
"""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.english_dictionary import dictionary
from rag.answer.english_unknown import unknown_words
from rag.answer.query import Query
from rag.answer.task_meaning import closest_task
from rag.types import Hit, Responsibility

AGREED_FLOOR = 0.84  # cosine of multilingual-e5-small between the question and the task's first sentence
AGREED_MARGIN = 0.005  # over the closest task of other lead units


def task_by_agreement(ctx: Context, query: Query, hits: list[Hit], floor: float = AGREED_FLOOR,
                      margin: float = AGREED_MARGIN) -> tuple[Responsibility, float] | None:
    """The note of the task closest in meaning to an English question, at a lower floor and margin than
    task_meaning's, when its clause is also the retriever's first hit; else None."""
    if query.language != "en" or not hits or unread_words(query):
        return None
    return closest_task(ctx, query, hits, 1, floor, margin, agreeing_with=hits[0].clause.clause_id)


def unread_words(query: Query) -> tuple[str, ...]:
    """The words of an English question that no glossary form, dictionary entry, place or pinyin reads."""
    return tuple(word for word in unknown_words(query) if not dictionary().get(word))
