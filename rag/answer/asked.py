"""Whether a stated target is a value of the indicator the question names.

A clause often states several figures ("化肥利用率提高10个百分点以上，农药利用率提高到40%…"); the abstention rule
and the aboutness check judge the sentence, not which of its figures answers. A question on 农作物秸秆综合利用率
or 工业废水处理率 then got another indicator's figure from a right-looking sentence. Here the indicator the
question names is matched against each target's own phrase: its distinctive words (秸秆, 工业废水, 农村) must be
there, or the target states another indicator.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from rag.answer.about import document_frequency
from rag.answer.absent import ASIDE, written
from rag.answer.evidence import bigrams, content_of
from rag.answer.query import Query
from rag.answer.glossary import plan_scope_form
from rag.answer.water_names import water_class
from rag.lexicon import load_glossary
from rag.normalize import normalize
from rag.types import Corpus, Target

# A measure's name ends in one of these heads ("农村污水处理率", "水质优良比例", "用水总量").
# Heads may follow one another: "近岸海域优良水质面积比例" is a share of an area, not the area.
_HEAD = re.compile(r"[\u4e00-\u9fff]{2,16}?(?:率|比例|比重|系数|用水量|总量|排放量|浓度|面积)+")
# Times and "how much" words sit before an indicator's name without naming it ("2020年年底…", "多大比例"); so does
# the whole area ("邵阳全市乡镇级…达标率": the plan's own area, which its target names as often not as so).
_NOT_NAMING = re.compile(r"(?:19|20)\d\d\s*年?|(?:今|本|当)年度?|年?底前?|年末|多大|多高|多少|几成|全(?:市|区|县|省|州|旗|盟)")
# Measured on the dev target questions of the three sets: every target of a right answer holds all of the asked
# indicator's distinguishing weight (1.0); a near name 0.6 (再生水回用率 → 再生水利用率); another indicator's
# figure 0 (工业废水处理率 → 全区污水处理率, 农村污水处理率 → 城市污水处理率, 秸秆 → 病虫害绿色防控覆盖率).
INDICATOR_FLOOR = 0.5
_SHARE_HEAD = re.compile(r"(?:率|比例|比重)$")
# What a measure's head says it measures: a share, a coefficient, an amount, a concentration, an area. Two names
# whose heads measure different things name different indicators, whatever words they share ("新增高效节水灌溉
# 面积" is not "灌溉水利用系数" for sharing 节水 and 灌溉).
_MEASURES = (("share", re.compile(r"(?:率|比例|比重)$")), ("coefficient", re.compile(r"系数$")),
             ("amount", re.compile(r"(?:用水量|总量|排放量)$")), ("concentration", re.compile(r"浓度$")),
             ("area", re.compile(r"面积$")))


def measure_of(name: str) -> str:
    """What the head of an indicator's name measures; "" when the name ends in no head."""
    name = ASIDE.sub("", normalize(name)).rstrip("平均 ")
    return next((kind for kind, head in _MEASURES if head.search(name)), "")


@lru_cache(maxsize=4)
def measure_words(corpus: Corpus) -> frozenset[str]:
    """Bigrams that name what is measured: those of the targets' indicators and of the glossary's terms (units
    aside). Other words of a question's indicator phrase ("时候", "打算把", "年底") say nothing about which."""
    names = [target.indicator for target in corpus.targets]
    names += [form for term in load_glossary().terms if term.kind != "unit" for form in (term.official, *term.aliases)]
    return frozenset(gram for name in names for gram in bigrams(normalize(name)) if len(gram) == 2)


def named_as(query: Query, mention) -> str:
    """How the asked phrase holds a term the question names: its own words, or for English the plans' term."""
    return mention.surface if query.language == "zh" else normalize(mention.term.official)


def asked_phrase(query: Query) -> str:
    """The indicator the question names, in its own words ("农作物秸秆综合利用率"); "" when it names none. An
    English question names it through its glossary terms, read as one phrase ("农村生活污水治理污水处理率")."""
    if query.language == "zh":
        text = content_of(query.search_text)
    elif query.indicator:
        # The indicator an English question names most fully: its other terms are mostly the same words read
        # again ("industrial water reuse rate" also reads 再生水, 促进再生水利用), and run together with it they
        # formed a phrase no plan writes (ev-en17: three right targets refused). The part of the area asked
        # (rural, county towns) is checked apart, by query.scopes.
        text = normalize(query.indicator)
    else:
        text = "".join(normalize(m.term.official) for m in query.terms if m.term.kind != "unit")
    text = _NOT_NAMING.sub(" ", text)
    found = _HEAD.findall(text)
    return max(found, key=len) if found else ""


def phrase_weights(corpus: Corpus, phrase: str) -> dict[str, float]:
    """The phrase's measure bigrams that occur in the plans, weighted by idf (rare words weigh more)."""
    frequency, clauses = document_frequency(corpus)
    words = measure_words(corpus)
    return {gram: math.log(clauses / frequency[gram]) for gram in bigrams(normalize(phrase))
            if gram in words and frequency.get(gram)}


RARE_SHARE = 0.02  # a bigram in at most this share of the clauses is a word of the plans' own subject, not filler


def rare_weights(corpus: Corpus, phrase: str) -> dict[str, float]:
    """When none of the phrase's words names a measure any target or glossary term names, its words the plans
    write rarely still distinguish it ("洄游通道保护率" against 湿地保护率, where a damaged sentence gave the 洄游通道
    figure no target): the plans' rare bigrams of the phrase, weighted by idf. Filler ("时候", "打算") is not
    written in the plans, and common plan words ("要求", "工作") are not rare."""
    frequency, clauses = document_frequency(corpus)
    return {gram: math.log(clauses / frequency[gram]) for gram in bigrams(normalize(phrase))
            if _CJK_WORD.fullmatch(gram) and 0 < frequency.get(gram, 0) <= max(1.0, RARE_SHARE * clauses)}


def glossary_named(query: Query, stated: str) -> str:
    """The words of the question that name, through the glossary, the indicator a text states ("" if none)."""
    indicator = normalize(stated)
    for mention in query.terms:
        if mention.term.kind == "indicator" and any(
                normalize(form) in indicator for form in (mention.term.official, *mention.term.aliases)):
            return named_as(query, mention)
    return ""


def common_ending(asked: str, indicator: str) -> int:
    """Length of the longest ending the two names share ("农村污水处理率", "城市污水处理率" → 5)."""
    size = 0
    while size < min(len(asked), len(indicator)) and asked[-1 - size] == indicator[-1 - size]:
        size += 1
    return size


_PIECES = re.compile(r"[，,；;。]")
_SHARE_STATED = re.compile(r"\d\s*[%％‰]")


def stated_phrase(target: Target) -> str:
    """The piece of the target's sentence (between commas) that states its value, with the piece before it when
    the indicator opens the piece: its qualifier was cut off at a comma ("新建城区硬化地面,可渗透面积要达到40%")."""
    pieces = _PIECES.split(target.span)
    at = next((i for i, piece in enumerate(pieces) if target.value_text in piece), None)
    if at is None:
        return target.span
    opens = pieces[at].strip().startswith(target.indicator[:2])
    # a piece stating its own share is another target, not this one's qualifier ("…地表水…达到92%以上，城市
    # 集中式饮用水…比例保持100%": 地表水 does not qualify the drinking-water share)
    qualifies = at and opens and not _SHARE_STATED.search(pieces[at - 1])
    return "，".join(pieces[at - 1: at + 1]) if qualifies else pieces[at]


# "畜禽粪便和污水处理利用率分别达到90%和60%": two indicators joined in one phrase, the words either side of the
# conjunction telling them apart.
_CONJUNCTS = re.compile(r"([\u4e00-\u9fff]{2})(?:和|及|与|、)([\u4e00-\u9fff]{2})")


def own_conjunct(target: Target, phrase: str, question: str) -> str:
    """The phrase without the other indicator's word when it joins two under 分别: the 60% of "畜禽粪便和污水处理
    利用率分别达到90%和60%" is 污水's, so 粪便 must not make it match a question on 粪便处理利用率. Kept whole when
    the question names both (粪便和污水处理利用率分别是多少)."""
    if "分别" not in target.span:
        return phrase
    for before, after in _CONJUNCTS.findall(phrase):
        if before in question and after in question:
            continue
        if before in target.indicator and after not in target.indicator:
            phrase = phrase.replace(after, " ")
        elif after in target.indicator and before not in target.indicator:
            phrase = phrase.replace(before, " ")
    return phrase


def indicator_match(corpus: Corpus, query: Query, target: Target, title: str = "") -> float:
    """Share of the weight of the asked indicator's distinguishing words (what is left once the ending it shares
    with the target's indicator, or a glossary name of it, is set aside) found in the target's phrase and clause
    title; 1.0 when the question names no indicator or nothing distinguishes it. A glossary term among the
    distinguishing words must be there in one of its forms (秸秆 is not 病虫害 for sharing 农作物), else 0."""
    asked, stated = measure_of(asked_phrase(query)), measure_of(target.indicator)
    if asked and stated and asked != stated:
        return 0.0
    names = indicator_names(target.indicator)
    named = next((found for found in (glossary_named(query, name) for name in names) if found), "")
    text = f"{title} {' '.join(names)} {own_conjunct(target, stated_phrase(target), query.norm)}"
    if _other_water(query, text, target.span):
        return 0.0
    return name_match(corpus, query, target.indicator, named, target.unit in ("%", "‰"), text)


def _other_water(query: Query, text: str, sentence: str) -> bool:
    """The sentence writes a thing the question names, but the target's own phrase does not: the target is
    another conjunct's, measuring another thing (…地表水…比例92%，饮用水水源…达到或优于Ⅲ类比例100%). A sentence
    not writing the thing says nothing either way.

    An English question's asked phrase is its indicator alone, so the water it names beside it ("surface water …
    Class III or better") is checked here; water classes and 水质类别 say how clean, not which water, and are left
    to the indicator. An indicator the glossary names is checked in either language: a question without a rate
    word ("地下水水质目标是什么") has no asked phrase to match, and the figure beside it in the sentence
    ("饮用水水源地水质达标率100%，地下水水质保持稳定") is another indicator's."""
    text, sentence = normalize(text), normalize(sentence)
    own = []  # each indicator asked that the sentence writes: whether the target's own phrase writes it too
    for mention in query.terms:
        kind = mention.term.kind
        if kind == "water" and (query.language != "en" or water_class(mention.term.official)):
            continue
        if kind not in ("water", "indicator"):
            continue
        names = [normalize(form) for form in forms(mention.term) if len(form) >= 2]
        if not any(name in sentence for name in names):
            continue
        if kind == "indicator":  # the target's own name may qualify it inside (污水集中处理率 for 污水处理率)
            own.append(written(names, [text]))
        elif not any(name in text for name in names):
            return True
    # A question asking two indicators of one sentence ("COD 氨氮 降多少") is answered by each one's figure.
    return bool(own) and not any(own)


def indicator_names(indicator: str) -> tuple[str, ...]:
    """An aside inside a target's name defines it ("水质优良（达到或优于Ⅲ类）比例"): the name as written, without the
    aside, and with the aside's words in place, so a question naming either form ("class III or better") meets it."""
    return tuple(dict.fromkeys((indicator, ASIDE.sub("", indicator), re.sub(r"[(（)）]", "", indicator))))


def row_match(corpus: Corpus, query: Query, table_title: str, row: str) -> float:
    """indicator_match for a table row: the row with its table's title is the phrase ("…水质目标表", "Ⅲ类")."""
    text = f"{table_title} {row}"
    return name_match(corpus, query, "", glossary_named(query, text), "%" in row, text)


def sentence_match(corpus: Corpus, query: Query, sentence: str) -> float:
    """indicator_match for a whole sentence, when none of its extracted targets is the indicator asked."""
    return name_match(corpus, query, "", glossary_named(query, sentence), False, sentence)


def name_match(corpus: Corpus, query: Query, indicator: str, named: str, share: bool, text: str) -> float:
    """The weighted share of the asked indicator's distinguishing words found in `text` (see indicator_match)."""
    asked = plan_scope_form(normalize(asked_phrase(query)), normalize(text))
    if named:
        asked = asked.replace(named, " ")
    asked = asked[: len(asked) - common_ending(asked, normalize(indicator))]
    if share:  # a share asked (…率, …比例) is answered by a share stated, whatever its head
        asked = _SHARE_HEAD.sub("", asked)
    weights = phrase_weights(corpus, asked) or rare_weights(corpus, asked)
    total = sum(weights.values())
    if not total:
        return 1.0
    text = normalize(text)
    if any(named_as(query, mention) in asked and not any(normalize(form) in text for form in forms(mention.term))
           for mention in query.terms if mention.term.kind != "unit"):
        return 0.0
    met = set()  # the words of glossary names the text writes in another of their forms (主要河流 → 主要流域)
    for mention in query.terms:  # a glossary name found above in one of its forms is no longer to look for
        if mention.term.kind != "unit" and named_as(query, mention) in asked:
            met |= bigrams(named_as(query, mention))
        asked = asked.replace(named_as(query, mention), " ")
    if any(word not in text for word in distinguishing_words(corpus, asked)):
        return 0.0  # 农村黑臭水体 is not 城市建成区黑臭水体 for sharing 黑臭水体
    found = bigrams(text) | met
    return sum(weight for gram, weight in weights.items() if gram in found) / total


def distinguishing_words(corpus: Corpus, asked: str) -> list[str]:
    """The whole words (jieba's, two characters or more) of the asked indicator's distinguishing part that name
    what is measured: each must be in a target that answers ("农村" in 农村黑臭水体比例)."""
    from rag.search.lexical import jieba_tokens  # deferred: jieba loads its dictionary on first use

    vocabulary = measure_words(corpus)
    words = [w for w in jieba_tokens(asked) if len(w) >= 2 and _CJK_WORD.fullmatch(w)
             and all(gram in vocabulary for gram in bigrams(w))]
    return [w for w in words if not any(w != other and w in other for other in words)]


_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


def forms(term) -> tuple[str, ...]:
    """The Chinese names of a glossary term: official and aliases, and when one of them names a part of the area
    (a scope: 建制镇), the scope's other forms (乡镇, 镇区): "townships" is met by a plan writing 乡镇."""
    names = (term.official, *term.aliases)
    mates = (form for chinese, _ in load_glossary().scopes if any(name in chinese for name in names) for form in chinese)
    return tuple(dict.fromkeys((*names, *mates)))
