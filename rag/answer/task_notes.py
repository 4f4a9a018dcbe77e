"""Which task's note a who-question is about: the notes of the top clauses whose task holds the question's subject
(in its title or its own words, not in passing), scored by how much of it they hold. rag.answer.who answers from them."""
from __future__ import annotations

import re

from rag.answer.about import (
    ABOUT_FLOOR,
    document_frequency,
    subject_of,
    subject_weights,
    weighted_cover,
    without_enumerations,
)
from rag.answer.english_unknown import unknown_words
from rag.answer.evidence import bigrams, content_of, coverage
from rag.answer.fits import names_other_part
from rag.answer.query import Query
from rag.answer.water_names import (
    asked_waters,
    half_writes,
    named_water_grams,
    water_class,
    water_mentions,
)
from rag.normalize import normalize
from rag.types import Corpus, Hit, Responsibility, names


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
    # A water asked is where the task is done, also as one of a list of waters the task names; not when an English
    # question's subject is a word the plans lack ("microplastics monitoring on the Dongjin River").
    waters = asked_waters(corpus, query) if query.language != "en" or not unknown_words(query) else ()
    compounds = _compounds(corpus, query) if phrases else ()
    scored = []
    for rank, hit in enumerate(hits[:8]):
        title = task_heading(hit.clause.path)
        for note in corpus.notes_of(hit.clause.clause_id):
            named = named_water_grams(waters, note.span)
            if max(_cover(weights, listed, title, note.span, named) for weights in weightings) < ABOUT_FLOOR:
                continue  # another task's note, or the subject only named in passing
            if phrases and not _shares_phrase(_narrowed(phrases, compounds, query, subject, title + note.span),
                                              title + note.span):
                continue  # its words only scattered over the task ("垃圾分类" against a 分类管理 task)
            if names_other_part(query, title + note.span):
                continue  # the task of another part of the area (县城 for a question on 乡镇)
            if water_not_in_task(query, title + note.span):
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


def _compounds(corpus: Corpus, query: Query) -> tuple[tuple[str, str, str], ...]:
    """(official, surface, next word) for each everyday word the glossary widens to a longer term (垃圾 → 生活垃圾)
    that the question writes inside a longer word of its own ("垃圾分类": 分类 follows it). The next word must be
    one the plans write: "厕所改完" goes on with the asker's own telling, not with a word that names a task."""
    frequency, _ = document_frequency(corpus)
    runs = [part for run in re.findall(r"[\u4e00-\u9fff]+", subject_of(query)) for part in _JOINERS.split(run)]
    found = []
    for mention in query.terms:
        surface, official = normalize(mention.surface), normalize(mention.term.official)
        if mention.how != "alias" or surface == official or surface not in official:
            continue
        for part in runs:
            end = part.find(surface) + len(surface)
            if end >= len(surface) and len(part) >= end + 2 and frequency.get(part[end:end + 2]):
                found.append((official, surface, part[end:end + 2]))
    return tuple(found)


def _narrowed(phrases: tuple, compounds: tuple[tuple[str, str, str], ...], query: Query, subject: str,
              task: str) -> tuple:
    """The phrases to look for in one task: a widened term stands in for the asker's word only when the task also
    writes the word the asker put after it. "垃圾分类" asked of a task that names 生活垃圾 but never 分类 is not
    its task (the plans' form 生活垃圾分类 held 生活垃, a phrase any 生活垃圾 sentence holds)."""
    task = normalize(task)
    narrowed = subject
    for official, surface, word in compounds:
        if word not in task:
            narrowed = narrowed.replace(official, surface)
    return phrases if narrowed == subject else _phrases(subject_of(query), narrowed)


# A question's own list of two items or more: asking "汽车维修、洗车行业排水" names the task by the list it writes
# ("规范汽车维修、洗车、餐饮等行业排水"), though a plan's list of three is a mention in passing.
_ASKED_LIST = re.compile(r"(?:[^、，。；,;：:\s\d]{1,12}、)+[^、，。；,;：:\s\d]{1,12}")


def _listed_grams(*subjects: str) -> frozenset[str]:
    """The bigrams of the lists a question itself writes ("化工、电镀、印染企业", "上兴、竹箦、南渡镇污水处理厂",
    "汽车维修、洗车行业")."""
    return frozenset(gram for subject in subjects for listed in _ASKED_LIST.findall(normalize(subject))
                     for gram in bigrams(listed))


def _cover(weights: dict[str, float], listed: frozenset[str], title: str, span: str,
           named: frozenset[str] = frozenset()) -> float:
    """How much of the subject a task holds. A list in a task is a subject named in passing, and is not counted
    (rag.answer.about), unless the question writes that list too: then it names the task ("上兴、竹箦、南渡镇污水处理厂
    扩建工程" is the task "建成上兴镇、竹箦镇、南渡镇污水处理厂扩建工程"). `named`: the bigrams of the waters asked that the
    task writes, found even in its list (water_names.named_water_grams), when some of the rest of the subject is found
    too."""
    rest = {gram: weight for gram, weight in weights.items() if gram not in named}
    if named and rest and not weighted_cover(rest, title, span):
        named = frozenset()  # the water found, nothing of the task asked of it ("徒骇河的河长")
    cover = weighted_cover(weights, title, span, named)
    total = sum(weights.values())
    if not listed or not total:
        return cover
    seen = bigrams(normalize(title)) | bigrams(without_enumerations(span)) | named
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


def water_not_in_task(query: Query, task: str) -> bool:
    """The question names a water its task is about that the note's task never writes in any form: a who answer
    for groundwater monitoring is not the lead of industrial-park sewage treatment."""
    task = normalize(task)
    for mention in water_mentions(query):
        term = mention.term
        if len(term.official) < 3 or water_class(term.official):
            continue
        if not any(half_writes(normalize(form), task) for form in (term.official, *term.aliases)):
            return True
    return False


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


ROLE_BONUS = 0.1
TIE_MARGIN = 0.005  # notes whose match differs by less than this (float noise) tie


def _names_role(note: Responsibility, intent: str) -> bool:
    """The note names units of its own in the role a cooperate or implement question asks about."""
    if intent == "cooperate":
        return bool(note.cooperating_units)
    return intent == "implement" and any(u not in note.inherited for u in note.implementing_units)
