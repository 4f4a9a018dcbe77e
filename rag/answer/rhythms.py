"""How often: a patrol or inspection rhythm ("村级河长每周不少于1次") asked with "多久…一次", "频次", "how often".
A sentence often sets one rhythm per level or season ("区级河长每月巡河不少于1次，镇级河长每周不少于1次，村级河长
每日巡河"): the piece whose subject the question names is the answer, not the first rhythm of the sentence."""
from __future__ import annotations

import re

from rag.answer.draft import Context, Draft
from rag.answer.evidence import FACT_FLOOR, PARTS, PIECES, coverage, subject_without
from rag.answer.query import Query
from rag.normalize import normalize
from rag.types import Hit

_ASKS_HOW_OFTEN = re.compile(r"多久[^，。？?]{0,8}一次|多长时间[^，。？?]{0,8}一次|隔多久|几天一次|频次|频率|多少次"
                             r"|how often|how frequently|how many times")
# A rhythm and the count it sets: "每周不少于1次", "每月巡河不少于2次", "每日巡河", "每半月不少于1次".
_RHYTHM = re.compile(r"每(?:日|天|周|旬|半月|月|季度|季|半年|年)(?:[^，,；;。]{0,8}?(?:不少于|不低于|至少)\s*\d+\s*次)?")
# 必须 and 禁止 are what an English "must" adds to the search (role_terms): asking words too, not the subject.
_ASKING = re.compile(r"多久|多长时间|隔|几天|一次|频次|频率|多少次|要|需要|得|吗|[?？]|必须|禁止")
TIE = 0.25  # subjects naming the question's words equally well (汛期 / 非汛期 asked neither): each answers
HITS = 5


def asks_how_often(query: Query) -> bool:
    return bool(_ASKS_HOW_OFTEN.search(query.norm))


def rhythm(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The rhythm pieces of the best sentence about the question, the one(s) whose subject it names; an empty
    draft when no sentence about the question sets a rhythm (the caller answers as before)."""
    draft = Draft(ctx.corpus)
    # the asking words are in no plan's sentence, nor the single characters they leave ("巡一次河" → 巡, 河)
    subject = subject_without(query.about(), _ASKING)
    asked = _ASKING.sub("", normalize(query.search_text))
    found = []
    for rank, hit in enumerate(hits[:HITS]):
        for sentence in PARTS.findall(hit.clause.text):
            if coverage(subject, sentence) < FACT_FLOOR:
                continue
            for piece in PIECES.findall(sentence):
                match = _RHYTHM.search(piece)
                if not match:
                    continue
                who = set(normalize(piece[: match.start()]))
                # the subject's characters the question writes, less half of those it does not ("非汛期" is not
                # "汛期"); a sentence ranked lower loses a little
                named = sum(ch in asked for ch in who) - 0.5 * sum(ch not in asked for ch in who) - 0.3 * rank
                found.append((named, hit.clause, sentence, piece.strip(), match.group(0), any(c in asked for c in who)))
    if not found:
        return draft
    top = max(found, key=lambda item: item[0])
    same = [item for item in found if item[2] is top[2] and item[1] is top[1]]
    # A question naming no subject of the sentence's rhythms gets them all; else the best named and its ties.
    chosen = same if not top[5] else [item for item in same if item[0] >= top[0] - TIE]
    english = query.language == "en"
    for _, clause, sentence, piece, said, _ in chosen:
        n = draft.cite(clause, sentence.strip())
        prefix = ctx.prefix(query, clause.plan_id)
        line = (f"{prefix}Frequency: {said} ({piece}). Source: 「{sentence.strip()}」[{n}]" if english
                else f"{prefix}频次：{piece}。原文：「{sentence.strip()}」[{n}]")
        draft.lines.append(line)
        draft.facts.append({"type": "rhythm", "clause_id": clause.clause_id, "rhythm": said})
    return draft
