"""How much a plant treats: a capacity ("处理规模由1.5万吨/日扩大至3万吨/日", "新增处理能力2万立方米/日") asked with
"一天能处理多少", "处理规模", "处理能力", "capacity". Capacities are no indicator targets, so the target answerer
never holds them; the piece stating one in the best sentence about the plant asked answers."""
from __future__ import annotations

import re

from rag.answer.draft import Context, Draft
from rag.answer.evidence import FACT_FLOOR, PARTS, PIECES, coverage, subject_without
from rag.answer.query import Query
from rag.normalize import normalize
from rag.types import Hit

_ASKS_CAPACITY = re.compile(r"(?:一天|每天|每日|日)[^，。？?]{0,4}(?:处理|能处理|处理量)|处理(?:规模|能力|量)|规模多大"
                            r"|capacity|how much (?:sewage|wastewater|water)? ?(?:can|will|does) .{0,30}(?:treat|handle)"
                            r"|\b(?:tonnes?|tons?|cubic met(?:er|re)s?|m3)\s+(?:a|per|each)\s+day\b")
# A daily amount: "3万吨/日", "2万立方米/日", "5000吨/天", "1.5万m3/d".
_CAPACITY = re.compile(r"\d+(?:\.\d+)?\s*万?(?:吨|立方米|m3|m³)\s*/\s*(?:日|天|d)")
# The day may be said before the amount instead ("日处理能力由1万吨提高到2万吨"): every amount of that piece is daily.
_DAILY = re.compile(r"日(?:处理|供水)(?:能力|规模|量)")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*万?(?:吨|立方米|m3|m³)")
_ASKING = re.compile(r"一天|每天|每日|能|处理多少|多少|多大|规模|能力|以后|之后|后|吗|[?？]")
HITS = 5


def _amounts(piece: str) -> list[str]:
    """The daily amounts a piece states, in its order."""
    return _CAPACITY.findall(piece) or (_AMOUNT.findall(piece) if _DAILY.search(piece) else [])


def asks_capacity(query: Query) -> bool:
    return bool(_ASKS_CAPACITY.search(query.norm))


def capacity(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The capacity pieces of the best sentence about the plant asked; an empty draft when none states one."""
    draft = Draft(ctx.corpus)
    subject = subject_without(query.about(), _ASKING)
    best = None
    for rank, hit in enumerate(hits[:HITS]):
        for sentence in PARTS.findall(hit.clause.text):
            pieces = [p for p in PIECES.findall(sentence) if _amounts(p)]
            score = coverage(subject, sentence) - 0.02 * rank
            if pieces and score >= FACT_FLOOR and (best is None or score > best[0]):
                best = (score, hit.clause, sentence.strip(), pieces)
    if best is None:
        return draft
    _, clause, sentence, pieces = best
    n = draft.cite(clause, sentence)
    prefix = ctx.prefix(query, clause.plan_id)
    for piece in pieces:
        amount = _amounts(piece)[-1]  # "由1.5万吨/日扩大至3万吨/日": the amount it reaches
        line = (f"{prefix}Capacity: {amount} ({piece.strip()}). Source: 「{sentence}」[{n}]" if query.language == "en"
                else f"{prefix}处理规模：{amount}（{piece.strip()}）。原文：「{sentence}」[{n}]")
        draft.lines.append(line)
        draft.facts.append({"type": "capacity", "clause_id": clause.clause_id, "capacity": normalize(amount)})
    return draft
