"""A glossary term read from inside a place's name is no term of the question.

Chinese place names are made of the words water plans use: 梅河口 holds 河口 (the glossary's estuary, 河口海湾),
湖口县 holds 湖口, 丹江口市 holds 江口. Read as terms, the question "梅河口第二污水处理厂扩建是哪个部门牵头？" asked
about an estuary, and every task of the city, none of which writes 河口, was "not about the water asked": the
who, target and list answers all refused, with the task's own clause retrieved first (stop 26, five of fifty
everyday questions on three new plans). The place matcher of rag.answer.places already knows where the question
names a place, from the plans' regions and titles and the table of divisions; a term written only inside such a
name is dropped. A name that is the term itself ("河口" matched as a county's short name in "辉发河口") leaves the
term: the question may mean the water.
"""
from __future__ import annotations

from rag.answer.glossary import Mention, mentions


def outside_places(found: tuple[Mention, ...], norm: str, spans: tuple[tuple[int, int], ...]) -> tuple[Mention, ...]:
    """The mentions, without those whose words the question writes only inside a longer place name; a term it
    also writes in another form outside them ("古城区…城市建成区…", found first as 城区) stays."""
    inside = [m for m in found if _only_inside(m.surface, norm, spans)]
    if not inside:
        return found
    blanked = list(norm)
    for start, end in spans:
        blanked[start:end] = " " * (end - start)
    outside = {id(m.term) for m in mentions("".join(blanked))}
    return tuple(m for m in found if m not in inside or id(m.term) in outside)


def _only_inside(surface: str, norm: str, spans: tuple[tuple[int, int], ...]) -> bool:
    starts = [i for i in range(len(norm)) if norm.startswith(surface, i)] if surface else []
    return bool(starts) and all(
        any(start <= i and i + len(surface) <= end and end - start > len(surface) for start, end in spans)
        for i in starts)
