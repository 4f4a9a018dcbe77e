"""A part the question names that the plan never writes, answered from a clause naming a sibling of it.

Plans name their parts of one kind by a head word and a qualifier before it: 城北污水处理厂 and 城南…, 第二污水处理厂
and 第三…, 乡级河长 and 村级…, 野马渡村 and 东方村, 紫云路大桥断面 and 紫罗山断面, 一级保护区 and 二级…. A question
about a part the plan does not have is answered best, by the search, with its sibling's clause: the sibling's time,
unit or figure is then a confident wrong answer (measured on the dev splits: the commonest kind of wrong answer to
an unanswerable question). The structure gives it away: the question writes the head with a qualifier that no plan
in scope writes before that head, and a cited clause writes the same head with another qualifier. Such an answer
is refused. A question written in the plan's own words (新铺镇, 县城污水处理厂) is never touched: its form is written.

Heads: the water words, the plant and section words and the place words below the gazetteer ([waters] in the
lexicon, read by rag.answer.water_names), and the lexicon's [trust] sibling_heads (a level 级, a 水源地).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.water_names import BEFORE_NAME, COMPOUND_AFTER, LEVEL_AFTER
from rag.lexicon import lexicon_section

_TRUST = lexicon_section("trust")
_WATERS = lexicon_section("waters")
_COMMON_BEFORE: dict[str, str] = dict(_WATERS.get("common_before", {}))
# Longest first, so 污水处理厂 is read before 水, 工业园区 before 园区.
# A bare 水 ends a river's name of one character only (湟水), and ends a hundred words of the plans (污水, 水质 read
# as 面水…): too common a head to tell a sibling by.
# (Only the water words that end a name in Chinese text: 海, 冲, 沟 begin and end common words, 海绵城市, 冲洗.)
HEADS: tuple[str, ...] = tuple(sorted({*_WATERS["chinese_names"], *(word for word, _ in _WATERS["named_like"]),
                                       *(word for word, _ in _WATERS["named_places"]),
                                       *_TRUST.get("sibling_heads", ())} - {"水"}, key=len, reverse=True))
_LEVEL = "级"
# A head followed by these makes a word, not a name's end: 河道, 河长, 村庄, 村民, 乡镇, 镇区, 村级 (read at its 级).
_NOT_END = frozenset(COMPOUND_AFTER | LEVEL_AFTER | frozenset("庄民委组落级街容貌"))
_HEAD = re.compile("|".join(map(re.escape, HEADS)))
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A head whose qualifier makes a common word, not a name: 污水, 农村, 乡镇, 各村, 全县…级 ("县级以上"), 上级.
# (The form must then be written in the plans anyway; this keeps a sibling from being read in the clause.)
_NOT_QUALIFIER = frozenset("各全该本每其等和及与、的之在对上下同两三多")


def named_forms(norm: str) -> list[tuple[str, str]]:
    """(qualifier, head) of each head word of a normalised text with a Han character before it, that character
    being the part's own (城南污水处理厂 → ("南", "污水处理厂"), 村级河长 → ("村", "级"))."""
    found = []
    for match in _HEAD.finditer(norm):
        head, at = match.group(0), match.start()
        before, after = (norm[at - 1] if at else ""), norm[match.end():match.end() + 1]
        if not before or not _HAN.match(before) or before in _COMMON_BEFORE.get(head, ""):
            continue
        if head != _LEVEL and (after in _NOT_END or before in BEFORE_NAME):
            continue  # 村庄, 河道; 蕉岭县村庄 (a place's level before the head: no qualifier of its own)
        found.append((before, head))
    return found


def sibling_named(question_norm: str, scope_texts: Sequence[str], evidence: Sequence[str]) -> str:
    """The part the question names ("村级", "南污水处理厂") when no plan text in scope writes it and a cited text
    writes its head with another qualifier (a sibling: "乡级"); "" otherwise."""
    for qualifier, head in named_forms(question_norm):
        form = qualifier + head
        if any(form in text for text in scope_texts):
            continue  # the plan writes the part asked: the other checks judge the clause cited for it
        for text in evidence:
            siblings = {q for q, h in named_forms(text) if h == head and q != qualifier and q not in _NOT_QUALIFIER}
            if siblings:
                return form
    return ""

