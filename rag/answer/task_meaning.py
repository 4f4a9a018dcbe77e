"""Which task a who-question is about, by meaning, when its words do not map to the task's words.

rag.answer.task_notes finds the task by the question's subject words (after the glossary and the dictionary). A
reader who says "rural toilet renovation" for 改厕, or "cleaning up pollution in industrial parks" for 工业集聚区
污染专项整治, names the task in words no list maps. The retriever's multilingual embedder places such a question
near the task's own sentence in either language, so the task is the note whose text is the closest in meaning to
the question, among the notes of the clauses the search found, accepted only when

- it is close enough (FLOOR) and clearly closer than any task of other units (MARGIN): a question about a task the
  plan does not have lands about as near to two or three neighbouring tasks, or to none;
- the task's text writes at least one of the things the question names that the glossary knows (in any of their
  forms): the meaning says which task, the words say the plan has it. A question naming nothing the glossary
  knows, or only things the task never writes ("sponge city", "rural toilet revolution" asked of a plan without
  them), lands near a neighbouring task about as often as near its own: on the dev splits, of 9 such questions
  whose closest task was over 0.855, it was the task asked for 2;
- and the task's text carries every specific the question names: a year, a water, a part of the area, and each
  English word only the dictionary knew (an object the plans name in one form; a task that does not write it is a
  neighbour, not the task asked).

FLOOR and MARGIN were chosen on the 142 dev who-questions of both languages (everyday and genre, answerable and
not) that the word path leaves without a task: with the term check, a margin of 0.01 answered 27 more of them right
but 4 near-miss questions wrong (a task the plan lacks, asked in the words of a neighbouring one); 0.015 answered 20
more right and 0.02 15, each with one wrong ("mangrove wetlands" to 湿地保护修复); 0.025 answered 8 more right and
none wrong. Without the term check, the settings that answered none wrong answered at most 3 more right. The floor
matters little once the margin and the term check hold (0.80 to 0.87 gave the same answers); 0.85 is under every
right answer seen. A task's first two sentences instead of its first (same questions, judged by the gold clause)
found more (13 right at 0.87/0.025) but answered none wrong only at a floor of 0.87 and a margin of 0.02 or more: a
narrower setting, not taken.

Second pass (same questions and method, 156 dev who-questions reaching this path, after english_unknown's stricter
"could this word be pinyin?": a word is a spelt-out name only when it splits into syllables characters are read as
and the dictionary does not know it as English). Extra right / lost / new wrong on everyday, genre dev:

    first sentence 0.85 / 0.025 (first pass)            0/0/0    0/0/0
    first sentence 0.85 / 0.015                          1/0/2   13/0/0   (mangrove wetlands → 湿地保护修复)
    first sentence 0.85 / 0.015, no unknown English word 0/1/1    7/0/0   (loses "shaft": a word the plan has)
    first two sentences 0.86 / 0.02 alone                2/1/0   12/0/0
    first two 0.85 / 0.02 after the first at 0.85/0.025  2/0/1   12/0/0
    first two 0.86 / 0.02 after the first at 0.85/0.025  2/0/0   12/0/0   ← taken

An "unknown word" guard (no task by meaning when the question has a word neither vocabulary, dictionary nor name
covers) was tried at every setting: the words it finds are mostly everyday ones ("such", "around", "check",
"shaft"), so it loses right answers and was not taken.
"""
from __future__ import annotations

import re

from rag.answer.about import states_year
from rag.answer.draft import Context
from rag.answer.fits import names_other_part
from rag.answer.query import Query
from rag.answer.task_notes import task_heading, water_not_in_task
from rag.normalize import normalize
from rag.types import Hit, Responsibility, names

FLOOR = 0.85  # cosine of multilingual-e5-small between the question and the task's text
MARGIN = 0.025  # over the closest task of other lead units
# A task's heading and first TWO sentences, tried when the first sentence finds no task: a heading as short as
# "（九）城区餐饮和洗车行业排水整治" or a table row's number leaves the first sentence too little to be near the
# question. Taken alone this reading gave up one right answer the first sentence found; after it, none.
FLOOR_TWO = 0.86
MARGIN_TWO = 0.02
DEPTH = 8  # the clauses searched for a task, as the word match reads them

_SENTENCE_END = re.compile(r"(?<=[。；;])")


def task_text(title: str, span: str, sentences: int = 1) -> str:
    """What a note's task says it is: its heading and the first sentence(s) of its own text (the rest lists ways
    and means, which every neighbouring task shares)."""
    parts = _SENTENCE_END.split(span.strip())
    first = parts[0].rstrip("。；;")[:80] if sentences == 1 else "".join(parts[:sentences])[:80 * sentences]
    title = title.strip().rstrip("。；;．. ")
    return first if not title or normalize(title) in normalize(first) else f"{title} {first}"


def scored_tasks(ctx: Context, query: Query, hits: list[Hit],
                 sentences: int = 1) -> list[tuple[float, Responsibility]]:
    """Every note of the top clauses with the embedder's similarity of its task to the question, closest first;
    empty without an embedder (the unit tests' fake one gives no meaning: they use the word path)."""
    if ctx.similar is None:
        return []
    notes = [(note, task_text(task_heading(hit.clause.path), note.span, sentences))
             for hit in hits[:DEPTH] for note in ctx.corpus.notes_of(hit.clause.clause_id)]
    notes = [(note, text) for note, text in notes if text.strip() and _names_units(note)]
    if not notes:
        return []
    cosines = ctx.similar(query.search_text, [text for _, text in notes])
    return sorted(zip(cosines, (note for note, _ in notes)), key=lambda pair: -pair[0])


def _names_units(note: Responsibility) -> bool:
    return bool(note.lead_units or note.cooperating_units
                or set(names(note.implementing_units)) - set(names(note.inherited)))


def margin_of(scored: list[tuple[float, Responsibility]]) -> float:
    """How much closer the closest task is than the closest task of other lead units (1.0 when there is none)."""
    best = scored[0][1]
    others = [s for s, note in scored[1:] if set(names(note.lead_units)) != set(names(best.lead_units))]
    return scored[0][0] - others[0] if others else 1.0


def task_by_meaning(ctx: Context, query: Query, hits: list[Hit]) -> tuple[Responsibility, float] | None:
    """The note of the task the question asks about by meaning, or None when no task is clearly the one: by the
    task's first sentence, else by its first two at their own floor and margin."""
    for sentences, floor, margin in ((1, FLOOR, MARGIN), (2, FLOOR_TWO, MARGIN_TWO)):
        if found := closest_task(ctx, query, hits, sentences, floor, margin):
            return found
    return None


def closest_task(ctx: Context, query: Query, hits: list[Hit], sentences: int, floor: float, margin: float,
                 agreeing_with: str | None = None) -> tuple[Responsibility, float] | None:
    """The closest task's note at this floor and margin, when its text writes a glossary term the question names
    and every specific it asks; with `agreeing_with`, only when the note is of that clause (a second witness:
    rag.answer.english_tasks)."""
    scored = scored_tasks(ctx, query, hits, sentences)
    if not scored or scored[0][0] < floor or margin_of(scored) < margin:
        return None
    cosine, note = scored[0]
    if agreeing_with is not None and note.clause_id != agreeing_with:
        return None
    task = task_heading(ctx.corpus.clause(note.clause_id).path) + note.span
    if not writes_a_term(query, task) or unstated_specific(query, task):
        return None
    return note, cosine


def writes_a_term(query: Query, task: str) -> bool:
    """The task's text writes one of the glossary terms the question names (units aside: they say who, not what)."""
    text = normalize(task)
    return any(normalize(form) in text for mention in query.terms if mention.term.kind != "unit"
               for form in (mention.term.official, *mention.term.aliases) if form)


def unstated_specific(query: Query, task: str) -> str:
    """A specific the question names that the task's text does not carry (the year, a water, a part of the area, a
    word only the dictionary knew), or ""."""
    text = normalize(task)
    if query.year and not states_year(text, query.year) and not _plan_year(query):  # a baseline is no year's task
        return str(query.year)
    if water_not_in_task(query, task):
        return "water"
    if names_other_part(query, task):
        return "part"
    for forms in query.dictionary_words:
        if not any(normalize(form) in text for form in forms):
            return forms[0] if forms else "word"
    return ""


def _plan_year(query: Query) -> bool:
    """The year is the plan's own ("Zhoucun's 2016 plan"): a plan id ends with its year."""
    return any(plan_id.endswith(f"-{query.year}") for plan_id in query.plan_ids)
