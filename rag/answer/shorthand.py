"""Keyword-string questions ("周村 污泥 牵头？", "邵东 蒸水水源地 隔离网 完成时间"): officials type the things they
ask about as separate words, and each word is a deliberate choice. An answer whose cited text names none of a
word's characters is about something else (a lake asked, a monitoring clause answered), and a wrong answer is
worse than a refusal: the asker is told which word the plans did not match and can ask again."""
from __future__ import annotations

import re
from typing import Sequence

from rag.answer.query import Query
from rag.normalize import normalize
from rag.types import Citation, Corpus

# The words that ask (role, time, figure) rather than name the subject; what is left of a keyword is its subject.
_ASKING = re.compile(r"谁牵头|牵头(?:局|单位|部门)?|配合(?:部门|单位)?|参与(?:部门|单位)?|责任(?:单位|部门)|落实(?:单位|部门)"
                     r"|谁(?:管|负责)?|(?:有|是)?哪(?:个|些|一)?(?:部门|局|单位)?|什么时候|几时前?|时限|完成时间|截止(?:时间)?"
                     r"|从哪年|哪年|目标值?|多少|几类|类别|数量|是多少|要求|情况|吗|呢|(?:是)?什么|怎么|如何|是否")
_YEAR = re.compile(r"(?:到|至|在|于)?\s*(?:19|20)\d{2}\s*年(?:年)?(?:底|末)?(?:前)?(?:要|应)?(?:达到|完成)?")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")  # two characters (十小, 住建, 污泥) are too short to judge by
_MATCHED_SHARE = 0.5  # of a keyword's two-character words found in the cited text
# Intents whose answer quotes the sentence it relies on: the keyword must be in that sentence, not only
# somewhere in a long clause (蒸水水源地 named in the clause, a 乡镇 water-quality sentence quoted).
_QUOTED = frozenset({"target", "deadline"})


def keywords(query: Query, corpus: Corpus) -> tuple[str, ...]:
    """The subject words of a Chinese question typed as space-separated keywords, without the places the
    question names and the words that ask; () for a question written as a sentence."""
    parts = query.norm.split()
    if query.language != "zh" or len(parts) < 2:
        return ()
    names = {normalize(n) for plan_id in query.plan_ids for n in (*corpus.plan(plan_id).regions,
                                                                   corpus.display_name(plan_id))}
    names |= {normalize(p) for p in query.unknown_places}
    found = []
    for part in parts:
        for name in sorted((n for n in names if n), key=len, reverse=True):
            part = part.replace(name, " ")
        part = _YEAR.sub(" ", part)  # "2020年底前" times the question; it names no subject
        found += _CJK_RUN.findall(_ASKING.sub(" ", part))
    return tuple(dict.fromkeys(found))


def unmatched_keyword(query: Query, corpus: Corpus, answer: str, citations: Sequence[Citation]) -> str:
    """The first keyword of a keyword-string question that the answer's cited text does not name ("" if all are
    named): a word is named by a three-character run of it, a glossary term in it named in any of its forms, or
    half of its two-character words."""
    words = keywords(query, corpus)
    if not words or not citations:
        return ""
    quoted = query.intent in _QUOTED and "「" in answer
    text = normalize(" ".join([answer, *(c.path for c in citations), *(() if quoted else (c.text for c in citations))]))
    for word in words:
        if any(word[i:i + 3] in text for i in range(len(word) - 2)):
            continue  # a three-character run is named (人工湿地 of 人工湿地运行监管)
        if any(m.surface in word and any(normalize(f) in text for f in (m.term.official, *m.term.aliases))
               for m in query.terms):
            continue  # a glossary term in it is named in one of its forms (住建局 for 住房和城乡建设局)
        pairs = [word[i:i + 2] for i in range(len(word) - 1)]
        if sum(p in text for p in pairs) < _MATCHED_SHARE * len(pairs):
            return word
    return ""


def keyword_refusal(word: str) -> str:
    """The refusal naming the keyword the plans' clauses did not match."""
    return (f"找到的条款没有提到问题中的“{word}”，无法确定所问的是哪一项。请换个说法，或把问题写完整（哪个地方、哪一项、问什么）。"
            f" The clauses found do not mention \u201c{word}\u201d: please rephrase or ask in a full sentence.")
