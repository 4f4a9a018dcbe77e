"""What a named department leads: "What does the water affairs bureau lead?", "what is the Kashi housing and
urban-rural development bureau responsible for?".

Every other answerer starts from a task and reads the unit in its note; this question starts from the unit and
asks for its tasks. Retrieval cannot find them (the question's only subject is the unit's name, which every note
of the plan writes in some form), so the answer reads the plan's responsibility notes directly: each task whose
note names the unit in the role asked, its title quoted and its clause cited. Only English questions naming one
unit and one plan, and nothing else the glossary knows (a task named beside the unit is a who-question about
that task, for the other answerers).
"""
from __future__ import annotations

import re

from rag.answer.draft import Context, Draft
from rag.answer.english import english_name
from rag.answer.glossary import Mention
from rag.answer.query import Query
from rag.normalize import normalize
from rag.types import Clause, Responsibility, Unit

# "What does X lead", "which tasks does X take the lead on", "what is X responsible for", "list what X leads".
_ASKS = re.compile(r"^(?:what|which|list|name|tell me)\b")
_LEAD = re.compile(r"\b(?:leads?|leading|heads?|in charge of|responsible for|take the lead|takes the lead|"
                   r"charged with|oversees?)\b")
_COOPERATE = re.compile(r"\b(?:assists?|supports?|helps?(?: with)?|cooperates?|co-operates?|works? with|"
                        r"partners? on|contributes? to)\b")
MAX_TASKS = 12  # a bureau of a county plan leads 10-20 tasks; beyond this the list says there are more
# Forms shorter than this are too general to stand for one unit (局, 办).
MIN_FORM = 3


def asked_unit(query: Query, plan_count: int) -> tuple[Mention, str] | None:
    """The one unit an English question asks the tasks of, and the role asked (lead | cooperate); None when the
    question is not of this kind."""
    if query.language != "en":
        return None
    # "agriculture and rural affairs bureau" also holds "agriculture bureau": the unit is the longest name, and
    # a unit whose words lie inside it is the same mention.
    units = sorted((m for m in query.terms if m.term.kind == "unit"), key=lambda m: -len(m.surface.split()))
    units = [m for i, m in enumerate(units)
             if not any(set(m.surface.split()) <= set(longer.surface.split()) for longer in units[:i])]
    others = [m for m in query.terms if m.term.kind not in ("unit", "water")]
    if len(units) != 1 or others or not _ASKS.search(query.norm):
        return None
    if not query.plan_ids and plan_count != 1:
        return None
    # The surface is stemmed ("water affair bureau"): its last word's stem, looked for from its first word's, places
    # the name in the question ("which office helps the town environmental protection office…" names the unit at
    # its second "office": the verb before it asks who helps the unit, not what the unit helps with).
    words = units[0].surface.split()
    last = words[-1] if words else ""
    at = query.norm.find(last, max(0, query.norm.find(words[0]))) if last else -1
    after = query.norm[at + len(last):] if at >= 0 else ""
    # The unit is the subject: the role verb comes after its name ("what does the X bureau lead"), not before
    # ("who leads …", which asks a unit).
    for role, verb in (("lead", _LEAD), ("cooperate", _COOPERATE)):
        if verb.search(after):
            return units[0], role
    return None


def _forms(mention: Mention) -> tuple[str, ...]:
    term = mention.term
    return tuple(normalize(f) for f in (term.official, *term.aliases) if len(normalize(f)) >= MIN_FORM)


def _names_unit(units: tuple[Unit, ...], forms: tuple[str, ...]) -> bool:
    """A note's unit is the one asked when its name ends with one of the unit's forms (区水务局 ends with 水务局)."""
    return any(normalize(unit.name or unit.text).endswith(form) for unit in units for form in forms)


def _official_first(notes: list[Responsibility], mention: Mention, role: str) -> list[Responsibility]:
    """The notes naming the unit by its official name when there are any, else by an alias: a plan that has a
    水务局 lists its tasks, not those of a 水利局 the glossary counts as the same kind of unit."""
    units = (lambda n: n.lead_units) if role == "lead" else (lambda n: n.cooperating_units)
    official = (normalize(mention.term.official),)
    exact = [n for n in notes if _names_unit(units(n), official)]
    return exact or [n for n in notes if _names_unit(units(n), _forms(mention))]


def unit_tasks(ctx: Context, query: Query, mention: Mention, role: str) -> Draft:
    """The tasks whose notes name the unit in the role asked, each title quoted and cited; an empty draft when
    the plans in scope name no such unit in that role."""
    draft = Draft(ctx.corpus)
    plan_ids = set(query.plan_ids or (p.plan_id for p in ctx.corpus.plans))
    notes = [n for n in ctx.corpus.responsibilities if n.plan_id in plan_ids]
    found = _official_first(notes, mention, role)
    spans = {n.clause_id: n.span for n in found}
    units = [u.text for n in found for u in (n.lead_units if role == "lead" else n.cooperating_units)
             if _names_unit((u,), _forms(mention))]
    if not units:
        return draft
    name = units[0]
    if role == "lead":  # a note the parser did not read ("…下降10%牵头部门:区水务局;…") still names the lead
        for clause in ctx.corpus.clauses:
            if clause.plan_id in plan_ids and clause.clause_id not in spans and _written_lead(clause.text, name):
                spans[clause.clause_id] = ""
    order = {c.clause_id: i for i, c in enumerate(ctx.corpus.clauses)}
    tasks = sorted(spans, key=lambda cid: order.get(cid, 0))
    english = english_name(name) or mention.surface
    verb = "leads" if role == "lead" else "cooperates on"
    # No count of our own: the grounding check keeps a number only when a cited clause writes it.
    draft.lines.append(f"The {english} ({name}) {verb} these tasks:")
    for clause_id in tasks[:MAX_TASKS]:
        clause = ctx.corpus.clause(clause_id)
        title = _title(clause, spans[clause_id])
        draft.lines.append(f"- 「{title}」[{draft.cite(clause, title)}]")
        draft.facts.append({"type": "unit-task", "clause_id": clause.clause_id, "unit": name, "role": role})
    if len(tasks) > MAX_TASKS:
        draft.lines.append("… and more tasks in the same plan (not listed).")
    return draft


def _written_lead(text: str, unit: str) -> bool:
    """The clause writes the unit as a lead in a note's words: "牵头部门:区水务局", "区水务局牵头"."""
    unit = re.escape(unit)
    other = r"[^、;；:：()（）,，。]{2,15}"  # another unit of the same list
    return bool(re.search(rf"牵头(?:部门|单位)?[:：]\s*(?:{other}、)*{unit}|{unit}(?:、{other})*牵头", text))


_NUMBERING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、．.])\s*")
_TITLE_END = re.compile(r"[。；;]")
MAX_TITLE = 40


def _title(clause: Clause, span: str) -> str:
    """The task's own words as its clause writes them (the quote must be verbatim): its heading without the
    numbering when the clause holds it, else the first sentence of the text its note covers, else of the clause;
    cut at MAX_TITLE characters."""
    heading = clause.path[-1] if clause.path else ""
    for text in (heading, span, clause.text):
        first = _TITLE_END.split(_NUMBERING.sub("", text or "").strip(), maxsplit=1)[0].strip()[:MAX_TITLE]
        if first and first in clause.text:
            return first
    return clause.text.strip()[:MAX_TITLE]
