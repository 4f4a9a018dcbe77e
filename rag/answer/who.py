"""Who leads, cooperates or implements: the responsibility note of the task the question is about."""
from __future__ import annotations

import re
from collections import defaultdict

from rag.answer.draft import Context, Draft
from rag.answer.english_tasks import task_by_agreement
from rag.answer.evidence import content_of, coverage
from rag.answer.label_roles import cooperating_by_label
from rag.answer.query import Query
from rag.answer.roles_asked import role_asked
from rag.answer.task_meaning import task_by_meaning
from rag.answer.task_notes import matching_notes
from rag.corpus.note_forms import default_quote
from rag.lexicon import lexicon_section, load_lexicon
from rag.normalize import normalize
from rag.types import Clause, Corpus, Hit, Responsibility, names


def who(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The units of the best-matching note, per plan when several plans answer, with inherited implementers."""
    corpus = ctx.corpus
    draft = Draft(corpus)
    per_plan = per_plan_hits(query, hits)
    own_units = False  # a note names units of its own (not only the plan-wide implementers)
    answered: list[Responsibility] = []
    for plan_hits in per_plan:
        found = matching_notes(corpus, query, plan_hits)
        if not found and (meant := task_by_meaning(ctx, query, plan_hits) or task_by_agreement(ctx, query, plan_hits)):
            found = [meant]  # the task named in words the plans' terms do not map (task_meaning, english_tasks)
        if len(found) > 1:
            draft.lines.append("有几项任务同样符合所问，各自的牵头单位不同： Several tasks match equally; each is listed.")
        for note, _ in found:
            own_units = _note_lines(corpus, draft, note, len(per_plan) > 1) or own_units
            answered.append(note)
    if not draft.facts:
        return not_the_same_task(ctx, query, hits)
    if query.intent == "lead" and not own_units:
        # Only the plan-wide implementers apply (the note names no unit of its own): they do not lead the task.
        draft.lines.insert(0, "方案在该任务下没有写明牵头单位，只有全篇统一的落实单位。 The plan names no lead for this task.")
        draft.abstained = True
    elif (asked := role_asked(corpus, query, draft.facts)) and not any(
            _states_role(corpus, f, asked) for f in draft.facts) and not (
            asked == "cooperate" and _cooperating_by_label(corpus, draft, answered)):
        # The task is found but it names no unit in the role asked: the lead is no answer to "who cooperates".
        role = dict(load_lexicon().role_display)[asked]
        draft.lines.insert(0, f"方案在该任务下没有列出{role}单位，只写明了以下单位。 The plan names no units in that role for this task.")
        draft.abstained = True
    return draft


def _cooperating_by_label(corpus: Corpus, draft: Draft, notes: list[Responsibility]) -> bool:
    """Every note answered names its cooperating units under a label its plan says cooperates ("“责任单位”按职责分工
    配合推进"): the plan's sentence is cited beside them, and they answer "哪些单位配合"."""
    definitions = [cooperating_by_label(corpus, note) for note in notes]
    if not definitions or not all(definitions):
        return False
    for label, clause in dict.fromkeys(definitions):
        sentence = next((s for s in re.split(r"(?<=[。；;])", clause.text) if label in s), clause.text)
        n = draft.cite(clause, sentence)
        draft.lines.append(f"（方案写明{label}按职责配合牵头单位 The plan says its {label} units cooperate with the lead [{n}]）")
    return True




def _note_lines(corpus: Corpus, draft: Draft, note: Responsibility, name_plan: bool) -> bool:
    """The roles line of one note with its citation (and the plan-wide implementers it inherits); True when the
    note names units of its own."""
    task = corpus.clause(note.clause_id)
    marks = f"[{draft.cite(task, note.span)}]"
    stating = stating_clause(corpus, note, task)
    if stating is not None:  # "第（二）至（三）项由县住建局牵头…" in a 责任分工 section: the units are written there
        marks += f"[{draft.cite(stating, note.note)}]"
    prefix = f"{corpus.display_name(note.plan_id)}：" if name_plan else ""
    line = roles_line(corpus, note)
    draft.lines.append(f"{prefix}{line if line != EMPTY_ROLES else '任务原文：'} {marks}")
    source = corpus.default_source(note.plan_id)
    if note.inherited and source is not None and source.clause_id != note.clause_id:
        quote = re.search(rf"[^，,。（(]*以下[^（()）]*?{load_lexicon().default_mark}", source.text)
        m = draft.cite(source, default_quote(source.text) or (quote.group(0) if quote else ""))
        draft.lines.append(f"（{'、'.join(names(note.inherited))}为全篇统一的落实单位 [{m}]）")
    draft.facts.append({"type": "responsibility", "clause_id": note.clause_id, "lead_units": names(note.lead_units),
                        "cooperating_units": names(note.cooperating_units),
                        "implementing_units": names(note.implementing_units)})
    # a line holding only the deadline and the plan-wide implementers names no unit of the note's own
    own = note.lead_units or note.cooperating_units or set(names(note.implementing_units)) - set(names(note.inherited))
    return line != EMPTY_ROLES and bool(own)


def stating_clause(corpus: Corpus, note: Responsibility, task: Clause) -> Clause | None:
    """The clause that states a note written away from its task (a plan assigning its tasks by number in a section
    of its own); None when the note stands in the task's own text."""
    said = normalize(note.note)
    if not said or said in task.norm:
        return None
    return next((c for c in corpus.clauses if c.plan_id == note.plan_id and said in c.norm), None)


def _states_role(corpus: Corpus, fact: dict, intent: str) -> bool:
    """The note behind a responsibility fact names units in the role the question asks about."""
    if intent == "cooperate":
        return bool(fact["cooperating_units"])
    inherited = any(note.inherited for note in corpus.notes_of(fact["clause_id"]))
    return bool(fact["implementing_units"]) or inherited


def not_the_same_task(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The refusal when no task of the plan is about the subject, citing the closest clauses that carry a note."""
    draft = Draft(ctx.corpus, abstained=True)
    draft.lines.append("方案中没有关于这项任务的牵头或责任单位规定。 The plan names no such task, so no units are given.")
    closest = [hit.clause for hit in hits[:8] if ctx.corpus.notes_of(hit.clause.clause_id)][:2]
    if closest:
        numbers = "".join(f"[{draft.cite(clause)}]" for clause in closest)
        draft.lines.append(f"相近但不是同一任务的条款 Closest clauses, not the same task: {numbers}")
    return draft


EMPTY_ROLES = "。"  # roles_line of a note that names no unit of its own


def roles_line(corpus: Corpus, note: Responsibility) -> str:
    """"牵头：区住建局；配合/参与：…；期限：2017年底前。" for one note."""
    display = dict(load_lexicon().role_display)
    parts = []
    stated_here = tuple(u for u in note.implementing_units if u not in note.inherited)
    for role, units in (("lead", note.lead_units), ("cooperate", note.cooperating_units), ("implement", stated_here)):
        if units:
            label = "负责" if role == "lead" and shares_remit(note.note) else display[role]
            parts.append(f"{label}：{'、'.join(names(units))}")
    # A rhythm ("每周") is no time limit: "期限：每周" misread "汛期每日…，非汛期每周巡查" (rag.answer.rhythms says it).
    deadlines = [d.text for d in corpus.deadlines_of(note.clause_id) if d.text in note.span and d.kind != "periodic"]
    if deadlines:
        parts.append(f"期限：{'、'.join(dict.fromkeys(deadlines))}")
    return "；".join(parts) + "。"


_REMIT = re.compile(rf"(?:{load_lexicon().alternation(tuple(lexicon_section('genre').get('remit_qualifiers', ())))})负责")


def shares_remit(note: str) -> bool:
    """A note that only shares the task out ("市生态环境局、市住建局按职责分工负责") names the responsible units,
    not a lead: its units are labelled 负责, not 牵头."""
    return bool(_REMIT.search(note)) and "牵头" not in note


def per_plan_hits(query: Query, hits: list[Hit]) -> list[list[Hit]]:
    """Hits grouped by plan when the question names no plan and several plans answer it; else one group."""
    if query.plan_ids or not hits:
        return [hits]
    subject = content_of(query.about())
    top = coverage(subject, hits[0].clause.text)
    groups: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        groups[hit.clause.plan_id].append(hit)
    strong = [g for g in groups.values() if coverage(subject, g[0].clause.text) >= max(0.5, top - 0.15)]
    return strong if len(strong) > 1 else [hits]
