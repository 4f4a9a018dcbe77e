"""What a plan says its own labels mean. A task table's 责任单位 names the units that carry a task out, but a plan
may say otherwise once, above its table: "表中“牵头单位”对任务负总责，“责任单位”按职责分工配合推进" makes the
责任单位 of every row the units that cooperate with the lead. A "哪些单位配合" question on such a plan is answered
by them, with the plan's own sentence cited, instead of refused for naming no 配合单位."""
from __future__ import annotations

import re
from functools import lru_cache

from rag.types import Clause, Corpus, Responsibility

# "“责任单位”按职责分工配合推进", "责任单位要积极配合", "参加单位协助牵头单位": a label (2–4 characters ending in
# 单位 or 部门, quoted or not) followed closely by a cooperating verb. The label must be written as a label in a
# note of the same plan (rag.answer.label_roles.cooperating_label checks it), so a task sentence such as
# "有关部门配合做好…" never defines one.
_DEFINED = re.compile(r"[“\"‘]?(?P<label>[\u4e00-\u9fff]{2,4}(?:单位|部门))[”\"’]?"
                      r"(?:要|应|须|应当)?(?:按(?:照)?职责(?:分工)?|积极|主动)?(?P<verb>配合|协助|协同|参与)")


def _label_written(note: Responsibility, label: str) -> bool:
    return bool(re.search(rf"{re.escape(label)}\s*[:：]", note.note))


@lru_cache(maxsize=256)
def cooperating_label(corpus: Corpus, plan_id: str) -> tuple[str, Clause] | None:
    """(label, the clause that says so) when the plan says the units under a label of its notes cooperate."""
    notes = [note for note in corpus.responsibilities if note.plan_id == plan_id]
    for clause in corpus.clauses:
        if clause.plan_id != plan_id or corpus.notes_of(clause.clause_id):
            continue  # a task's own sentence says what its units do, not what a label means
        for match in _DEFINED.finditer(clause.text):
            # the run before 单位 may take in the words before the label ("要求责任单位积极配合"): its tails are tried
            written = match.group("label")
            for label in (written[i:] for i in range(len(written) - 3)):
                if any(_label_written(note, label) for note in notes):
                    return label, clause
    return None


def cooperating_by_label(corpus: Corpus, note: Responsibility) -> tuple[str, Clause] | None:
    """The plan's definition that makes this note's labelled units the cooperating ones, when it has one and the note
    names no 配合 units of its own."""
    if note.cooperating_units:
        return None
    found = cooperating_label(corpus, note.plan_id)
    if found is None or not _label_written(note, found[0]):
        return None
    return found
