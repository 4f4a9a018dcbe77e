"""The words the plans themselves write for a glossary term a question names in other words."""
from __future__ import annotations

from typing import Sequence

from rag.answer.glossary import Mention
from rag.normalize import normalize
from rag.types import Clause


def plans_words(found: tuple[Mention, ...], clauses: Sequence[Clause],
                plan_ids: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """For each term the question names in words the plans (those it names, else all) do not write, and whose
    official name they do not write either, the term's forms they do write (洗车行 → 洗车场 is no plan's word;
    车辆冲洗, 车辆清洗 are): an actor's everyday name is often the glossary's official one while the plans list
    the activity instead. A question already in the plans' words ("清四乱") keeps them. Empty without clauses."""
    if not clauses:
        return {}
    text = scope_text(clauses, plan_ids)
    result: dict[str, tuple[str, ...]] = {}
    for mention in found:
        term = mention.term
        if term.kind == "unit" or mention.surface in text or normalize(term.official) in text:
            continue  # a unit named is who the question tells or asks about, not what the task is
        official = normalize(term.official)
        # a shorter name inside the official one (建成区 in 城市建成区) is no other word: the official stands
        forms = tuple(dict.fromkeys(normalize(a) for a in term.aliases if len(a) >= 2 and not a.isascii()
                                    and normalize(a) in text and normalize(a) not in official))
        if forms:
            result[term.official] = forms
    return result


_PLAN_TEXTS: list = [None, {}]  # the clause list last read and its plans' texts


def plan_texts(clauses: Sequence[Clause]) -> dict[str, str]:
    """Each plan's clause texts, normalised, in one string (searched for the glossary forms the plans write);
    kept for the clause list last read, which lives as long as its corpus."""
    if _PLAN_TEXTS[0] is not clauses:
        texts: dict[str, list[str]] = {}
        for clause in clauses:
            texts.setdefault(clause.plan_id, []).append(clause.norm)
        _PLAN_TEXTS[:] = [clauses, {plan: "\n".join(lines) for plan, lines in texts.items()}]
    return _PLAN_TEXTS[1]



_SCOPE_TEXTS: list = [None, {}]  # the plan texts last read, and their joins per set of plans


def scope_text(clauses: Sequence[Clause], plan_ids: tuple[str, ...] = ()) -> str:
    """The normalised text of the plans named (all plans when none is), joined once per set of plans."""
    texts = plan_texts(clauses)
    if _SCOPE_TEXTS[0] is not texts:
        _SCOPE_TEXTS[:] = [texts, {}]
    joined = _SCOPE_TEXTS[1]
    key = tuple(plan_ids)
    if key not in joined:
        joined[key] = "\n".join(texts[p] for p in key if p in texts) if key else "\n".join(texts.values())
    return joined[key]
