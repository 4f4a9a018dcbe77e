"""A part the question names that the plan never writes, answered from a clause naming a sibling of it.

Plans name their parts of one kind by a head word and a qualifier before it: 城北污水处理厂 and 城南…, 第二污水处理厂
and 第三…, 乡级河长 and 村级…, 野马渡村 and 东方村, 紫云路大桥断面 and 紫罗山断面, 一级保护区 and 二级…. A question
about a part the plan does not have is answered best, by the search, with its sibling's clause: the sibling's time,
unit or figure is then a confident wrong answer (measured on the dev splits: the commonest kind of wrong answer to
an unanswerable question). The structure gives it away: the question writes the head with a qualifier that no plan
in scope writes before that head, and a cited clause writes the same head with another qualifier and not the
question's name (a clause listing "第一、第二…污水处理厂" writes 第一). Such an answer is refused. A question written in
the plan's own words (新铺镇, 县城污水处理厂) is never touched: its form is written.

Heads: the plant and section words and the place words below the gazetteer ([waters] named_like and named_places
in the lexicon, less the zones), and the lexicon's [trust] sibling_heads (a level 级, after a level character).
Waters are rag.answer.named_waters' to check.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.water_names import BEFORE_NAME, LEVEL_AFTER
from rag.lexicon import lexicon_section

_TRUST = lexicon_section("trust")
_WATERS = lexicon_section("waters")
# Longest first, so 污水处理厂 is read before 水厂. Not the waters (rag.answer.named_waters reads their names, and
# 巡几次河, 黑臭河 end in a water word without naming one), nor the zones (宁国开发区, 平湖园区: a city's name before
# the head, the plan writing 宁国经济技术开发区).
_ZONES = frozenset({"工业集聚区", "工业园区", "工业园", "园区", "开发区"})
HEADS: tuple[str, ...] = tuple(sorted({*(word for word, _ in _WATERS["named_like"]),
                                       *(word for word, _ in _WATERS["named_places"] if word not in _ZONES),
                                       *_TRUST.get("sibling_heads", ())}, key=len, reverse=True))
_LEVEL = "级"
_LEVELS = frozenset(_TRUST.get("sibling_levels", ""))
# Heads a place below the gazetteer is named by: a question may name it without the head the plan writes (社棠镇
# for 社棠), so its name, the two characters before the head, must be unwritten too.
_PLACES = frozenset(word for word, _ in _WATERS["named_places"]) - _ZONES
# A head followed by these makes a word, not a name's end: 村庄, 村民, 乡镇, 镇区, 村级 (read at its 级), 村子, 村支书,
# 村主任, 村干部, 村里.
_NOT_END = frozenset(LEVEL_AFTER | frozenset("庄民委组落级街容貌子支主干里"))
_HEAD = re.compile("|".join(map(re.escape, HEADS)))
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Characters before a head that make a common word or ask, not a name: 各村, 全镇, 哪些街道, 多少个村, 城里的.
# An asker's own (我们村, 一家污水处理厂, 这个村) is no name either, nor 污 (污水厂 is a sewage plant).
_NOT_QUALIFIER = frozenset("各全该本每其等和及与、的之在对上下同多个些几哪次里城内外们家这那污")
# Before a level's number: "哪一级财政", "这一级" ask or point, they name no level.
_NOT_BEFORE_LEVEL = frozenset("哪这那每同某")


def named_forms(norm: str) -> list[tuple[str, str]]:
    """(qualifier, head) of each head word of a normalised text with a Han character before it, that character
    being the part's own (城南污水处理厂 → ("南", "污水处理厂"), 村级河长 → ("村", "级"))."""
    found = []
    for match in _HEAD.finditer(norm):
        head, at = match.group(0), match.start()
        before, after = (norm[at - 1] if at else ""), norm[match.end():match.end() + 1]
        if not before or not _HAN.match(before) or before in _NOT_QUALIFIER:
            continue
        if head == _LEVEL:
            if before in _LEVELS and not (at >= 2 and norm[at - 2] in _NOT_BEFORE_LEVEL):
                found.append((before, head))
            continue
        if after in _NOT_END or before in BEFORE_NAME:
            continue  # 村庄; 蕉岭县村庄 (a place's level before the head: no qualifier of its own)
        found.append((before, head))
    return found


def _name_before(norm: str, qualifier: str, head: str) -> str:
    """The two characters before the head in the question ("社棠镇" → "社棠", "第一污水处理厂" → "第一")."""
    at = norm.find(qualifier + head)
    return norm[at - 1:at + 1] if at >= 1 and _HAN.match(norm[at - 1]) else ""


def sibling_named(question_norm: str, scope_texts: Sequence[str], evidence: Sequence[str],
                  plan_places: Sequence[str] = ()) -> str:
    """The part the question names ("村级", "南污水处理厂") when no plan text in scope writes it and a cited text
    writes its head with another qualifier (a sibling: "乡级"); "" otherwise. A head right after a plan's own place
    name ("莆田污水处理厂", "溧阳村里") names that place's, not a part of its own."""
    for qualifier, head in named_forms(question_norm):
        form = qualifier + head
        if any(place and (place + head in question_norm or form in place) for place in plan_places):
            continue  # 莆田污水处理厂; 周村 (the plan's own place, named by a head word: 周村区)
        name = "" if head == _LEVEL else _name_before(question_norm, qualifier, head)
        if any(form in text or (name and head in _PLACES and name in text) for text in scope_texts):
            continue  # the plan writes the part asked: the other checks judge the clause cited for it
        if name and any(name in text for text in evidence):
            continue  # "第一、第二…污水处理厂": the clause lists the part asked before a shared head
        for text in evidence:
            siblings = {q for q, h in named_forms(text) if h == head and q != qualifier}
            if siblings:
                return form
    return ""

