"""Does a target answer to an English question state the indicator asked? The English words of a question reach
the plans' indicators only partly ("share of river sections rated Class III or better" meets 达到或优于Ⅲ类比例,
which the plans also write of drinking water sources), so a target found can be another indicator's: a different
water class, or a rate about another kind of water or thing (drinking water sources, reclaimed water, sludge).
Such an answer is wrong, and a wrong answer is worse than a refusal."""
from __future__ import annotations

import re
from typing import Any, Iterable

from rag.answer.english_stems import closed_compounds, english_stem
from rag.normalize import normalize

# What a plan's indicator is about, when it is about a kind of water or thing that a question names in its own
# words: the Chinese forms the indicators write, and the English words (stems) any wording of that subject uses.
# A target stating one of these subjects answers an English question only when the question has one of its words.
SUBJECTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("饮用水", "水源地", "水源水质"), ("drink", "tap", "potabl", "source", "supply", "reservoir")),
    (("地下水",), ("groundwater", "underground", "aquifer", "well")),
    (("再生水", "中水"), ("recycl", "reus", "regenerat", "grey", "gray")),
    (("污泥",), ("sludg",)),
    (("黑臭",), ("black", "odor", "odour", "odorou", "smelly", "stink", "foul")),
    (("畜禽", "粪污", "粪便"), ("livestock", "poultry", "manur", "animal", "pig", "cattl", "dung")),
    (("近岸海域", "海水"), ("coast", "coastal", "sea", "marin", "offshor")),
    (("化肥",), ("fertiliz", "fertilizer", "fertil")),
    (("农药",), ("pesticid",)),
    (("灌溉",), ("irrigat", "irrigation")),
)

# A water class in English ("Class III", "Grade V", "inferior Class V", "worse than Class V") and in the plans
# (normalised: Ⅲ类 → iii类, 劣Ⅴ类 / 劣于Ⅴ类).
_EN_CLASS = re.compile(r"(?:(inferior|worse|below|poorer|lower)\s+(?:than\s+|to\s+)?)?(?:class|grade|category)\s+"
                       r"(iv|v|i{1,3}|[1-5])(?![a-z0-9])")
_ZH_CLASS = re.compile(r"(劣于?)?(iv|v|i{1,3})类")
_ARABIC = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v"}


def asked_classes(norm: str) -> frozenset[tuple[bool, str]]:
    """The water classes an English question names: (worse than it, the class in roman letters)."""
    return frozenset((bool(m.group(1)), _ARABIC.get(m.group(2), m.group(2))) for m in _EN_CLASS.finditer(norm))


def stated_classes(text: str) -> frozenset[tuple[bool, str]]:
    return frozenset((bool(m.group(1)), m.group(2)) for m in _ZH_CLASS.finditer(normalize(text)))


def _stems(norm: str) -> frozenset[str]:
    return frozenset(english_stem(w) for w in re.findall(r"[a-z]+", closed_compounds(norm.replace("-", " "))))


def _misses_subject(indicator: str, stems: frozenset[str]) -> bool:
    return any(any(form in indicator for form in forms) and not any(_agree(stem, cue) for stem in stems for cue in cues)
               for forms, cues in SUBJECTS)


def _agree(stem: str, cue: str) -> bool:
    """A question word's stem and a subject's word agree when one begins the other ("sourc" ~ "source")."""
    return stem.startswith(cue) or (len(stem) >= 4 and cue.startswith(stem))


def misfit(norm: str, fact: dict[str, Any]) -> bool:
    """A target fact that states another indicator than the English question asks: a water class other than the
    one named, or a subject (drinking water, reclaimed water, sludge…) the question has no word for."""
    indicator = normalize(str(fact.get("indicator") or ""))
    asked, stated = asked_classes(norm), stated_classes(f"{indicator} {fact.get('value') or ''}")
    if asked and stated and not asked & stated:
        return True
    return _misses_subject(indicator, _stems(norm))


def all_misfit(norm: str, facts: Iterable[dict[str, Any]]) -> bool:
    """Every target fact of an answer misfits the question (and there is one)."""
    targets = [fact for fact in facts if fact.get("type") == "target" and fact.get("indicator")]
    return bool(targets) and all(misfit(norm, fact) for fact in targets)
