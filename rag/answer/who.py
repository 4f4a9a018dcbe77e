"""Who leads, cooperates or implements: the responsibility note of the task the question is about."""
from __future__ import annotations

import re
from collections import defaultdict

from rag.answer.about import (
    ABOUT_FLOOR,
    subject_of,
    subject_weights,
    weighted_cover,
    without_enumerations,
)
from rag.answer.draft import Context, Draft
from rag.answer.evidence import bigrams, content_of, coverage
from rag.answer.fits import names_other_part
from rag.answer.query import Query
from rag.answer.roles_asked import role_asked
from rag.corpus.note_forms import default_quote
from rag.lexicon import lexicon_section, load_lexicon
from rag.normalize import normalize
from rag.types import Clause, Corpus, Hit, Responsibility, names


def best_note(corpus: Corpus, query: Query, hits: list[Hit]) -> tuple[Responsibility, float] | None:
    """The responsibility note of the task the question is about that best matches it, among the top clauses;
    None when no task of those clauses is about the question's subject (see rag.answer.about)."""
    notes = matching_notes(corpus, query, hits)
    return notes[0] if notes else None


def matching_notes(corpus: Corpus, query: Query, hits: list[Hit]) -> list[tuple[Responsibility, float]]:
    """The best note first, then the notes of other units that match the question as well as it does (their
    score differs only by the rank of their clause): "沿河农家乐的污水整治" is as much the 农家乐 sentence of
    农村环境整治 as the 农家乐 sentence of 餐饮服务业 整治, and the search rank alone is no reason to name one
    lead and hide the other."""
    subject = content_of(query.about())
    task_words = _without_units(subject, query)
    # The question's words, and for a Chinese question its words with the plans' words beside them: "自己打的
    # 井" weighs nothing in the plans, its 自备水井 does. A note about either is about the subject.
    # A unit the question names says who, not which task ("work alongside the economy and IT commission on…").
    weightings = [subject_weights(corpus, _without_units(subject_of(query), query).strip() or subject_of(query))]
    if query.language != "en" and subject != subject_of(query):
        weightings.append(subject_weights(corpus, subject))
    # A Chinese question's subject is written as a phrase; the task it asks about holds some three-character run
    # of it (or of its plans' words). An English question's subject is already the plans' terms.
    phrases = _phrases(subject_of(query), subject) if query.language != "en" else ()
    listed = _listed_grams(subject_of(query), subject)
    scored = []
    for rank, hit in enumerate(hits[:8]):
        title = task_heading(hit.clause.path)
        for note in corpus.notes_of(hit.clause.clause_id):
            if max(_cover(weights, listed, title, note.span) for weights in weightings) < ABOUT_FLOOR:
                continue  # another task's note, or the subject only named in passing
            if phrases and not _shares_phrase(phrases, title + note.span):
                continue  # its words only scattered over the task ("垃圾分类" against a 分类管理 task)
            if names_other_part(query, title + note.span):
                continue  # the task of another part of the area (县城 for a question on 乡镇)
            if _other_water(query, title + note.span):
                continue  # the task of another water (工业集聚区 sewage for "industrial park groundwater")
            # A task's title names the task; a match there outweighs a match in its body.
            # Of the notes about the subject, one naming units in the role asked (配合 for "哪些单位配合") is the
            # likelier answer: a close second that states the role beats a first that does not.
            stated = ROLE_BONUS * _names_role(note, query.intent)
            match = coverage(task_words, note.span) + 0.5 * coverage(task_words, title) + stated
            scored.append((match - 0.03 * rank, match, note))
    if not scored:
        return []
    score, match, note = max(scored, key=lambda triple: triple[0])
    found = [(note, score)]
    for other_score, other_match, other in sorted(scored, key=lambda triple: -triple[0]):
        if other is note or other_match < match - TIE_MARGIN or not other.lead_units:
            continue
        if all(set(names(other.lead_units)) != set(names(n.lead_units)) for n, _ in found):
            found.append((other, other_score))
    return found


def _listed_grams(*subjects: str) -> frozenset[str]:
    """The bigrams of the lists a question itself writes ("化工、电镀、印染企业", "上兴、竹箦、南渡镇污水处理厂")."""
    return frozenset(gram for subject in subjects for gram in
                     bigrams(normalize(subject)) - bigrams(without_enumerations(subject)))


def _cover(weights: dict[str, float], listed: frozenset[str], title: str, span: str) -> float:
    """How much of the subject a task holds. A list in a task is a subject named in passing, and is not counted
    (rag.answer.about), unless the question writes that list too: then it names the task ("上兴、竹箦、南渡镇污水处理厂
    扩建工程" is the task "建成上兴镇、竹箦镇、南渡镇污水处理厂扩建工程")."""
    cover = weighted_cover(weights, title, span)
    total = sum(weights.values())
    if not listed or not total:
        return cover
    seen = bigrams(normalize(title)) | bigrams(without_enumerations(span))
    text = bigrams(normalize(span))
    return cover + sum(w for gram, w in weights.items() if gram in listed and gram in text and gram not in seen) / total


_NUMBER_ONLY = re.compile(r"^\s*[（(]?[0-9０-９一二三四五六七八九十]{1,3}[)）]?\s*[．.、]?\s*$")


def task_heading(path: tuple[str, ...]) -> str:
    """The heading that names a task: its own title, or, for an item numbered without one ("1．2019年6月底前，
    完成…"), the heading of its group ("（一）强化密云水库一级保护区管理"), as for an unnumbered paragraph there."""
    for label in reversed(path):
        if not _NUMBER_ONLY.match(label):
            return label
    return ""


# A water class (Ⅲ类, 劣Ⅴ类) describes a task's target, and a bare river, lake or basin (河道, 流域) names where
# any task is done: neither sets which task. A water of three characters or more (地下水, 饮用水, 近岸海域) does.
_WATER_CLASS = re.compile(r"^劣?[ⅠⅡⅢⅣⅤ]类$")


def _other_water(query: Query, task: str) -> bool:
    """The question names a water its task is about that the note's task never writes in any form: a who answer
    for groundwater monitoring is not the lead of industrial-park sewage treatment."""
    task = normalize(task)
    for mention in query.terms:
        term = mention.term
        if term.kind != "water" or len(term.official) < 3 or _WATER_CLASS.match(term.official):
            continue
        if not any(_half_written(normalize(form), task) for form in (term.official, *term.aliases)):
            return True
    return False


def _half_written(form: str, task: str) -> bool:
    # A plan words a water its own way ("农村饮用水水源保护" for 农村饮用水水源地): most of its name is enough.
    grams = {form[i:i + 2] for i in range(len(form) - 1)}
    return bool(grams) and sum(g in task for g in grams) / len(grams) >= 0.5


# Characters that join words rather than belong to them: a run is cut there ("垃圾分类工作由" → 垃圾分类工作).
_JOINERS = re.compile(r"[由的了和与及等是在对把将为向从让给被]")


def _phrases(*subjects: str) -> tuple[str | tuple[str, str], ...]:
    """The three-character runs of the subjects' words, and the first two two-character words of each run (a
    shorthand writes them in another order: "十小取缔" for 取缔十小企业); empty when no word is that long."""
    runs = [run for subject in subjects for chunk in re.findall(r"[\u4e00-\u9fff]+", _unquoted(subject))
            for run in _JOINERS.split(chunk)]
    grams = [run[i:i + 3] for run in runs for i in range(len(run) - 2)]
    pairs = [(run[:2], run[2:4]) for run in runs if len(run) >= 4]  # its leading words, not a trailing 工作
    return tuple(dict.fromkeys([*grams, *pairs]))


def _shares_phrase(phrases: tuple[str | tuple[str, str], ...], text: str) -> bool:
    """The text holds a three-character run of the subject, or two of its words in one sentence."""
    text = _unquoted(text)
    sentences = re.split(r"[。；;！!？?]", text)
    return any(phrase in text if isinstance(phrase, str) else any(all(w in s for w in phrase) for s in sentences)
               for phrase in phrases)


_QUOTES = re.compile(r"[“”\"‘’'「」『』《》]")


def _unquoted(text: str) -> str:
    """Quote marks dropped: "取缔“十小”企业" is the phrase 取缔十小企业."""
    return _QUOTES.sub("", normalize(text))


def _without_units(subject: str, query: Query) -> str:
    """The subject without the units the question names: a told lead ("除了生态环境局，还有哪些部门配合") says who,
    not which task, and its words only match a task text that happens to hold them (地下水环境监测 → 环境)."""
    units = [m for m in query.terms if m.term.kind == "unit"]
    forms = {normalize(f) for m in units for f in (m.surface, m.term.official, *m.term.aliases)}
    for form in sorted(forms, key=len, reverse=True):
        subject = subject.replace(form, " ")
    return subject


def who(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The units of the best-matching note, per plan when several plans answer, with inherited implementers."""
    corpus = ctx.corpus
    draft = Draft(corpus)
    per_plan = per_plan_hits(query, hits)
    own_units = False  # a note names units of its own (not only the plan-wide implementers)
    for plan_hits in per_plan:
        found = matching_notes(corpus, query, plan_hits)
        if len(found) > 1:
            draft.lines.append("有几项任务同样符合所问，各自的牵头单位不同： Several tasks match equally; each is listed.")
        for note, _ in found:
            own_units = _note_lines(corpus, draft, note, len(per_plan) > 1) or own_units
    if not draft.facts:
        return not_the_same_task(ctx, query, hits)
    if query.intent == "lead" and not own_units:
        # Only the plan-wide implementers apply (the note names no unit of its own): they do not lead the task.
        draft.lines.insert(0, "方案在该任务下没有写明牵头单位，只有全篇统一的落实单位。 The plan names no lead for this task.")
        draft.abstained = True
    elif (asked := role_asked(corpus, query, draft.facts)) and not any(
            _states_role(corpus, f, asked) for f in draft.facts):
        # The task is found but it names no unit in the role asked: the lead is no answer to "who cooperates".
        role = dict(load_lexicon().role_display)[asked]
        draft.lines.insert(0, f"方案在该任务下没有列出{role}单位，只写明了以下单位。 The plan names no units in that role for this task.")
        draft.abstained = True
    return draft


ROLE_BONUS = 0.1
TIE_MARGIN = 0.005  # notes whose match differs by less than this (float noise) tie


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


def _names_role(note: Responsibility, intent: str) -> bool:
    """The note names units of its own in the role a cooperate or implement question asks about."""
    if intent == "cooperate":
        return bool(note.cooperating_units)
    return intent == "implement" and any(u not in note.inherited for u in note.implementing_units)


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
