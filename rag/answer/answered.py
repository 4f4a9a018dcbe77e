"""Whether an answer drafted for a question answers it, or another question: quotes of other years only, a count,
a figure or a consequence asked and none stated, a who question answered without units or from table cells. Each
check is pure (question and draft in, a verdict out); the intents' table turns a failed check into a refusal.

Intents are compared by their names ("list", "lead"): rag.answer.intents.Intent is a str enum of the same values.
"""
from __future__ import annotations

import re

from rag.answer.asked import asked_phrase
from rag.answer.draft import Draft
from rag.answer.query import Query
from rag.lexicon import load_lexicon
from rag.normalize import normalize

# Quoting answers that pass no year check of their own: "太原到2018年要消除多少条黑臭水体" was answered with
# the sentence of 2030. A quote that states years, none of them the one asked, answers another year's question.
# A time limit too: "2018年底前居民阶梯水价要覆盖到哪些建制镇" is not answered by the limit of 2015 (limits.py
# already prefers a limit of the year asked; this refuses when none is).
_YEAR_UNCHECKED = frozenset({"list", "general", "deadline"})
_STATED_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=年)")


def other_years_only(query: Query, draft: Draft) -> bool:
    """The answer quotes sentences that state years, and none of them is the year the question asks about."""
    if not query.year or draft.abstained or query.intent not in _YEAR_UNCHECKED:
        return False
    stated = {int(y) for c in draft.citations for y in _STATED_YEAR.findall(c.quote)}
    return bool(stated) and query.year not in stated


def quoted(draft: Draft) -> list[str]:
    """What each citation of an answer quotes (its clause when it quotes no span)."""
    return [c.quote or c.text for c in draft.citations]


# "有几座", "多少个" ask a number of things: quotes stating no count (and no table whose rows can be counted) answer
# another question ("昌邑区污水处理厂有几座" quoted the sewage-rate sentence). Figures and times have their own checks.
_COUNT_ASKED = re.compile(r"(?<![哪这那])几(?:座|个|条|家|处|项|所|批|种)|多少(?:座|个|条|家|处|项|所|批|种)")
# "关停取缔一批" is "some", not a count: 批 counts only after digits.
_COUNT_STATED = re.compile(r"\d+\s*(?:座|个|条|家|处|项|所|批|种|类)|[一二两三四五六七八九十]+(?:座|个|条|家|处|项|所|种)")
_QUOTING = frozenset({"list", "general", "obligation"})
# A count asked as a target ("要关掉多少个养猪场") is not answered by a share either ("…设施的比例达到80%以上").
_COUNTED = _QUOTING | {"target"}


def uncounted(query: Query, draft: Draft) -> bool:
    """A count asked, answered by quotes none of which states a count or is a whole table (its rows are the count)."""
    if draft.abstained or not draft.citations or query.intent not in _COUNTED \
            or not _COUNT_ASKED.search(query.norm):
        return False
    # A table quoted whole (title and rows) is counted by its rows; rows picked one by one for their words
    # ("要新建几座乡镇污水处理厂" quoted two task rows) count nothing.
    if any(draft.corpus.clause(c.clause_id).kind == "table" for c in draft.citations):
        return False
    return not any(_COUNT_STATED.search(normalize(text)) for text in quoted(draft))


# "降多少", "by how much", "what share" ask a figure, whatever intent the rest of the wording read (a comparison
# with a base year, a list): quotes stating no figure but years answer another question ("By how much should
# Liaocheng cut pesticide use…compared with 2015" was answered with "合理控制农药使用量"). Counts: uncounted.
_FIGURE_ASKED = re.compile(r"多少(?!个|座|条|家|处|项|所|批|种)|百分之几|几成|比例是|比率是|\bhow much\b|\bby how much\b"
                           r"|\bwhat (?:share|percent|percentage|proportion|rate|ratio|level|ceiling|cap)\b")
# A year states no figure (_STATED_YEAR is cut first); a number of years does ("使用超过50年的供水管网").
_FIGURE_STATED = re.compile(r"\d|百分之")


def asks_figure(query: Query) -> bool:
    """The wording asks a figure ("降多少", "what ceiling"), whatever intent the rest of it read."""
    return bool(_FIGURE_ASKED.search(query.norm))


def unfigured(query: Query, draft: Draft) -> bool:
    """A figure asked, answered by quotes none of which states a figure other than a year, or whose pieces that
    write the indicator asked state none: "万元工业增加值用水量要比2015年下降多少" is not answered by "全区用水总量
    力争控制在6539万立方米以内，万元工业增加值用水量达到政府标准要求" (the figure is the other indicator's)."""
    if draft.abstained or not draft.citations or not asks_figure(query) \
            or query.intent in UNIT_INTENTS or asks_who(query):
        return False  # "…交了多少赔偿金，这事哪些单位配合" asks who: a figure is only its subject
    texts = [_STATED_YEAR.sub("", normalize(text)) for text in quoted(draft)]
    if not any(_FIGURE_STATED.search(text) for text in texts):
        return True
    phrase = normalize(asked_phrase(query)) if query.language == "zh" else ""
    naming = [piece for text in texts for piece in _PIECE.split(text) if phrase and phrase in piece]
    return bool(naming) and not any(_FIGURE_STATED.search(piece) for piece in naming)


_PIECE = re.compile(r"[，,；;。]")


# "完不成任务会怎样", "超标排放会怎么样", "有什么处罚" ask what follows a failure or a violation: a quote stating no
# consequence (a duty, a task) answers another question ("邵阳对完不成整治任务的县怎么处理" was answered with
# "各县人民政府…负总责"). The consequences are the plans' words for them (约谈, 限批, 追究…责任, 处分, 黄牌警示…).
# "怎么处理" after a comma asks how to handle the thing named there ("达不到规模，猪粪要怎么处理"), not what
# follows the failure: only "会…" and the words of a penalty reach across a comma.
_FAILURE = r"(?:完不成|没完成|未完成|考核不合格|考核没|不达标|达不到|不合格|没通过|违反|违规|偷排|超标)"
_CONSEQUENCE_ASKED = re.compile(
    rf"{_FAILURE}.{{0,14}}(?:会怎样|会怎么样|会怎么处理|会如何处理|怎么处罚|什么处罚|什么后果)"
    rf"|{_FAILURE}[^，,；;。]{{0,14}}(?:怎么办|怎么处理|如何处理)|怎么处罚|什么处罚|如何处罚|什么后果")
_CONSEQUENCE = re.compile(r"约谈|限批|追究|问责|处分|通报|督办|警示|黄牌|红牌|处罚|罚款|取缔|关闭|停产|查处|责令|撤销|曝光|扣减|扣缴|奖励")


def unconsequenced(query: Query, draft: Draft) -> bool:
    """A consequence asked, answered by quotes none of which states one."""
    if draft.abstained or not draft.citations or query.intent not in _QUOTING \
            or not _CONSEQUENCE_ASKED.search(query.norm):
        return False
    return not any(_CONSEQUENCE.search(text) for text in quoted(draft))


# A question asking who ("由哪些单位负责", "河长是谁") routed to a quoting answerer (its wording named a list or no
# role): a quote naming no unit is no answer to it. Who-intents check units themselves.
WHO = re.compile(r"谁|哪(?:个|些|家)(?:部门|单位|机构)")
# The same asked in English ("which agencies take part…", "who is responsible"): routed to a quoting answerer
# by its other words ("…cleanup" reads as a list), it is still answered only by units.
# "pig farmers who build…" is a relative clause, not a who question.
_WHO_EN = re.compile(r"^\W*who\b|\bwho (?:is|are|leads?|takes?|should|must|will|handles?|oversees?|does|do|works?|helps?"
                     r"|cooperates?|coordinates?|implements?|carries|organi[sz]es?|supervises?)\b"
                     r"|\bwhich (?:agenc|department|bureau|unit|office|bod(?:y|ies)|organi[sz]ation)")
UNIT_INTENTS = frozenset({"lead", "cooperate", "implement"})
_WHO_INTENTS = UNIT_INTENTS | {"compare"}


def asks_who(query: Query) -> bool:
    """The question asks who (a unit or person) but its intent is answered by quoting."""
    return query.intent not in _WHO_INTENTS \
        and bool(WHO.search(query.norm) or query.language == "en" and _WHO_EN.search(query.norm))


def from_tables(draft: Draft) -> bool:
    """Every quote of the answer is a table or a table row: cells listing places or works ("城市黑臭水体清单"), which
    answer "which rivers", never "which units" (a who answer comes from a task's responsibility note)."""
    return bool(draft.citations) and all(
        draft.corpus.clause(c.clause_id).kind in ("table", "table-row") for c in draft.citations)


def is_unit_note(quote: str) -> bool:
    """The quote is a responsibility note ("配合部门:区水务局、财政局…"): an enumeration of units, which answers
    "which units", never "which rivers" or "which industries"."""
    lexicon = load_lexicon()
    return any(word in quote for word in lexicon.note_words) and bool(re.search(lexicon.unit_suffix_pattern, quote))


_ASKED_KIND = {
    "target": re.compile(r"\d"),
    "deadline": re.compile(r"(?:19|20)\d{2}年|\d{1,2}月|年底|年内|底前"),
    "lead": re.compile(load_lexicon().unit_suffix_pattern),
}
_ASKED_KIND["cooperate"] = _ASKED_KIND["implement"] = _ASKED_KIND["lead"]


def fallback_answers(intent: str, quote: str) -> bool:
    """Whether a general quote holds what the intent asks for (any quote will do for the other intents)."""
    pattern = _ASKED_KIND.get(intent)
    return pattern is None or bool(pattern.search(quote))
