"""Whether the clauses an answer cites carry every specific thing the question names (measured; not in the answer
path: see the finding below).

A question names a thing of its own beside the place, the year and what it asks: "昌邑区建筑工地的泥浆水归谁管",
"山西蓝藻水华发生次数要控制在多少", "麦积区城里开火锅店的，油污水有什么要求". The retriever finds the nearest task, the
one sharing the question's other words, and the answer would be that task's. So each specific word of the question
(question_specifics) should be carried by what the answer cites:

- by its words (worded): a character pair of the word, or a form of the glossary term it names, is in a cited
  clause, its headings or the span quoted;
- else by its meaning: a cited clause is among the word's nearest clauses of the cited plans (meaning_rank), or
  the word weighs for the cited clause in the question's cosine (word_weights).

Finding (stop 24, `python -m evals.specifics_calibration`): with multilingual-e5-small a single word's meaning does
not tell a thing the plan lacks (泥浆, 蓝藻, 地沟油) from the asker's own everyday words for what it has (开了个,
种地, 工厂, 老百姓, 管子): the cosines of any two short texts of this domain sit at 0.82-0.87, a paraphrase's rank
and weight are no better than an unrelated object's. Every setting that refused one answer more of the near-miss
kind on everyday dev also refused 5 to 44 correct answers; so `uncarried` is not called by the answerers.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from rag.answer.cited_subject import evidence_texts
from rag.answer.draft import Draft
from rag.answer.evidence import _ASKING_ONLY, bigrams
from rag.answer.query import Query
from rag.normalize import normalize
from rag.search.lexical import jieba_words, official_terms
from rag.types import Corpus, Hit

Similar = Callable[[str, Sequence[str]], list[float]]
Search = Callable[[str, Sequence[str] | None], list[Hit]]

# The depth a cited clause must reach among the word's nearest clauses (the search's top_k).
NEAR_DEPTH = 8
NOT_NEAR = 99
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_YEARISH = re.compile(r"\d")
# A word holding a question word asks (哪年, 多少, 什么时候, 为啥): the question's frame, not its subject.
_ASKS = re.compile(r"哪|什么|多少|几|谁|吗|啥|咋|怎|如何|何时")


# jieba's dictionary tags of the words that name a thing: nouns (蓝藻 comes tagged as a person's name, 加油站 as an
# organisation's), verbal and adjectival nouns. Places (ns) are checked by rag.answer.absent and cited_subject;
# verbs, adverbs and place-words (换成, 私自, 边上) frame the question rather than name its thing.
_THING_TAGS = frozenset({"n", "nz", "ng", "nr", "nrt", "nt", "vn", "an", "l"})


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    import jieba.posseg  # deferred: jieba loads its dictionary on first use

    jieba_words("")  # the product's jieba, with the glossary's terms as its user dictionary
    return jieba.posseg.dt.word_tag_tab


def question_specifics(corpus: Corpus, query: Query) -> list[str]:
    """The things the question names of its own: the dictionary nouns of its subject (jieba words of two or more
    Han characters whose dictionary tag names a thing, or the glossary's terms), without the noun a question word
    asks for (什么时候, 哪个部门) and without the names of the plans in scope (their regions, their title)."""
    names = []
    for plan_id in query.plan_ids:
        plan = corpus.plan(plan_id)
        names.extend(normalize(n) for n in (*plan.regions, corpus.display_name(plan_id), plan.title))
    tags, terms = _word_tags(), official_terms()
    words, after_asking = [], False
    for word in jieba_words(normalize(query.about())):
        asked, after_asking = after_asking, bool(_ASKS.search(word))
        if asked or after_asking or _YEARISH.search(word) or not _HAN_WORD.fullmatch(word) \
                or _ASKING_ONLY.fullmatch(word):
            continue
        if tags.get(word) not in _THING_TAGS and word not in terms:
            continue
        if any(word in name for name in names):
            continue
        words.append(word)
    return list(dict.fromkeys(words))


def _named_forms(query: Query, word: str) -> list[str]:
    """The other forms of the glossary terms the word is part of, or names: the asker's words, the official term
    and its aliases ("脏水" → 污水; the official 关闭 that the search text put for the asker's 取缔)."""
    forms = []
    for mention in query.terms:
        own = {normalize(f) for f in (mention.term.official, *mention.term.aliases)} | {mention.surface}
        if any(word in form or form in word for form in own if form):
            forms.extend(own)
    return forms


def worded(query: Query, word: str, texts: Sequence[str]) -> bool:
    """The cited texts write a character pair of the word, or a glossary form of the term it names."""
    grams = bigrams(word)
    if any(gram in text for text in texts for gram in grams):
        return True
    return any(form and form in text for form in _named_forms(query, word) for text in texts)


def meaning_rank(search: Search, word: str, draft: Draft) -> int:
    """Where the closest cited clause stands among the clauses of the cited plans that the search finds for the
    word alone (1 = nearest; NOT_NEAR when none is found). Ranked against the plan's other clauses, not by a bare
    cosine: the embedder puts any two short texts of this domain at 0.82-0.87, a paraphrase ("小饭馆" for "小型
    餐饮服务业") no higher than an unrelated sentence, but a paraphrase's clause is among the word's nearest."""
    plans = list(dict.fromkeys(c.clause_id.split("/", 1)[0] for c in draft.citations))
    cited = {c.clause_id for c in draft.citations}
    for rank, hit in enumerate(search(word, plans), start=1):
        if hit.clause.clause_id in cited:
            return rank
    return NOT_NEAR


def word_weights(corpus: Corpus, query: Query, draft: Draft, search: Search, similar: Similar | None
                 ) -> list[tuple[str, int, float]]:
    """Each specific word of the question the cited text does not write, with meaning_rank and its weight in the
    match: the embedder's cosine of the question to the closest cited clause, less that of the question without
    the word (a word the clause carries weighs for it; a thing the clause does not carry weighs against it)."""
    texts = evidence_texts(corpus, draft)
    clauses = [corpus.clause(c.clause_id).text for c in draft.citations]
    found = []
    for word in question_specifics(corpus, query):
        if worded(query, word, texts):
            continue
        weight = 0.0
        if similar is not None:
            without = query.text.replace(word, "") if word in query.text else normalize(query.text).replace(word, "")
            weight = max(similar(query.text, clauses)) - max(similar(without, clauses))
        found.append((word, meaning_rank(search, word, draft), weight))
    return found


def uncarried(corpus: Corpus, query: Query, draft: Draft, search: Search, similar: Similar | None = None,
              depth: int = NEAR_DEPTH) -> str:
    """The first specific word of the question that the answer's cited text carries neither by its words nor by
    its meaning (no cited clause among the word's `depth` nearest clauses), else ""."""
    if draft.abstained or not draft.citations:
        return ""
    return next((word for word, rank, _ in word_weights(corpus, query, draft, search, similar) if rank > depth), "")
