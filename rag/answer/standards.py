"""A question asking which standard, class or grade ("出水要达到什么标准", "要达到几类水", "哪一级") is answered by
the sentence stating it ("出水达到一级A排放标准", "稳定达到地表水V类标准"), not by a share of the same clause
(measured: such questions were refused as "别的指标" or answered with a numeric target of the clause).
"""
from __future__ import annotations

import re

from rag.answer.draft import Context, Draft
from rag.answer.evidence import PIECES, coverage, subject_without
from rag.answer.query import Query, in_scope
from rag.normalize import normalize, sentences
from rag.types import Hit

# Asking a class or standard by name; "什么要求" is left out: a 要求 is as often a share ("水质要求是多少").
# A class word must end the question or be followed by 水/标准: "哪类企业要装在线监控" asks which enterprises.
_ASKS = re.compile(r"(?:什么|啥|哪个|哪种|何种)(?:样的?)?(?:排放|出水|水质)?标准|什么等级|(?:几|哪一?|哪个|什么)(?:类|级)(?:别|水质|水|标准|排放标准)?(?=[？?。，,！!]|$)"
                   r"|(?:几|哪一?|哪个|什么)(?:类|级)(?:水质?|标准|排放标准)")
# A class or grade as the plans state it (normalised: Ⅲ → iii, Ш left as the ingest repaired it in clause.norm):
# "一级A排放标准", "准地表水Ⅳ类标准", "Ⅱ类", a concentration "40mg/L". A class inside a share's name
# ("达到或优于Ⅲ类比例", "(达到或优于Ⅲ类)") names the share's scope, not a standard to reach.
_STANDARD = re.compile(r"[一二三]级[ab]?(?:排放)?标准|《[^》]{2,30}标准》|行业标准|行标|(?<![a-z])(?:iv|v|i{1,3}|ш)类(?!以上比例|比例|[)）])"
                       r"|\d+(?:\.\d+)?\s*mg/l")
# What meets a standard, said in the asker's words ("出水得按什么标准排", "排放要执行哪个标准"): every standard is
# one for the outflow or the discharge, so these words ask the standard again and name no subject; the plans
# write them or not ("新建城镇污水处理设施要执行一级A排放标准" states the outflow's standard without 出水).
_BEARING = re.compile(r"出水水质|出水|排放|水质|执行|排")
# Share of the subject's weight the sentence's subject piece and the stating piece must hold together.
STANDARD_FLOOR = 0.5


def asks_standard(query: Query) -> bool:
    """The question asks which standard, class or grade (not who, not a share)."""
    return bool(_ASKS.search(query.norm))


def states_standard(text: str) -> bool:
    """The text states a class, grade or concentration limit."""
    return bool(_STANDARD.search(normalize(text)))


_QUOTED = re.compile(r"「[^」]*」|\[\d+\]")


def answers_standard(lines: list[str], quotes: list[str]) -> bool:
    """An answer states a standard in its own words, or, made only of quotes, in a quote: "纳管率：达到98%" beside
    a quoted sentence that names a class for another subject states none."""
    own = [_QUOTED.sub("", line).replace("原文：", "").strip(" 。：:-") for line in lines]
    own = [text for text in own if len(text) > 3]  # a label ("须：", "禁止：") is no statement
    if any(own):
        return any(states_standard(text) for text in own)
    return any(states_standard(quote) for quote in quotes)


def standard(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The stating piece of the closest sentence that states a standard for the question's subject, quoted with
    its sentence; empty when no sentence of the top clauses does (the caller's answerers then decide)."""
    draft = Draft(ctx.corpus)
    subject = subject_without(query.about(), _BEARING)
    best: tuple[float, str, str, object] | None = None
    for rank, hit in enumerate(hits[:3]):
        clause = hit.clause
        if clause.kind == "table" or not in_scope(query, clause):
            continue
        title = clause.path[-1] if clause.path else ""
        for sentence in sentences(clause.text):
            if query.year and str(query.year) not in sentence and str(query.year) not in title:
                continue
            pieces = PIECES.findall(sentence)
            for at, piece in enumerate(pieces):
                if not states_standard(piece):
                    continue
                # The piece names what reaches the standard, or the pieces before it do ("全区城镇污水处理厂…，
                # 其他指标达到一级A标准要求"); a later piece of another subject lends it no words (平湖: "…出水达到
                # 准地表水Ⅳ类标准，工业企业废水纳管率…" states no standard for 工业企业废水).
                before = " ".join(pieces[:at + 1])
                score = max(coverage(subject, f"{title} {before}"), coverage(subject, piece)) - 0.02 * rank
                if best is None or score > best[0]:
                    best = (score, piece.strip(), sentence, clause)
    if best is None or best[0] < STANDARD_FLOOR:
        return draft
    _, piece, sentence, clause = best
    n = draft.cite(clause, sentence)
    draft.lines.append(f"{ctx.prefix(query, clause.plan_id)}{piece}。原文：「{sentence}」[{n}]")
    draft.facts.append({"type": "standard", "clause_id": clause.clause_id, "value": piece})
    return draft
