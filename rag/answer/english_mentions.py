"""English questions meet the glossary: the terms whose English forms a question's words hold, in any order, besides
the exact phrases glossary.mentions() finds."""
from __future__ import annotations

import re
from functools import lru_cache

from rag.answer.english_stems import FUNCTION_WORDS, closed_compounds, english_stem
from rag.answer.glossary import Mention, mentions
from rag.lexicon import Glossary, Term, load_glossary
from rag.normalize import normalize

# A target question names its indicator by what is measured and says "target" where the plans' name ends in a rate.
_TARGET_WORDS = frozenset({"target", "goal"})
_MEASURE_WORDS = frozenset({"rate", "ratio"})


def _bag(text: str) -> frozenset[str]:
    """English content words, singular: "the safe disposal of sewage sludge" → {safe, disposal, sewage, sludge}."""
    # One letter is no word ("s" of "people's"), except a roman numeral of a water class ("class i water").
    return frozenset(english_stem(w) for w in re.findall(r"[a-z0-9]+", closed_compounds(text))
                     if w not in FUNCTION_WORDS and (len(w) > 1 or w in "ivx" or w.isdigit()))


@lru_cache(maxsize=4)
def _english_bags(glossary: Glossary) -> tuple[tuple[frozenset[str], Term], ...]:
    return tuple((bag, term) for term in glossary.terms for form in term.english
                 if len(bag := _bag(normalize(form))) >= 2)


def english_mentions(norm: str, glossary: Glossary | None = None) -> tuple[Mention, ...]:
    """Terms whose English form's words all occur in the question, in any order ("safe disposal of sewage
    sludge" names 污泥处理处置 through "sewage sludge disposal"), besides the exact phrases of mentions();
    then single words that several terms share in English and in Chinese ("sludge" → 污泥)."""
    glossary = glossary or load_glossary()
    words = _bag(norm.replace("-", " "))
    found = list(mentions(norm, glossary))
    bound = _modifiers(found, norm.replace("-", " "))
    # Words a longer phrase used up name no other task in any order: "agricultural non-point source pollution
    # control" is 控制农业面源污染, not also 推进农业农村污染防治 through "agricultural pollution control" (other
    # kinds stay: 人工湿地 inside a project's name, 水质类别 beside 劣Ⅴ类, helped dev answers).
    # Longest forms first, as for Chinese forms.
    phrases = [_bag(m.surface) for m in found if m.how == "english" and len(m.surface.split()) >= 3]
    modifiers = _compound_modifiers(norm)
    for bag, term in sorted(_english_bags(glossary), key=lambda pair: -len(pair[0])):
        if term.kind == "task" and any(bag < phrase for phrase in phrases):
            continue  # a second task would be asked about too: the lead answer's about-the-task check halves
        if any(bag & modifier and not whole <= bag and not (after and after <= bag)
               for modifier, whole, after in modifiers):
            # the first word of a hyphenated compound modifies its last only: "farm" of "farm-stay restaurant"
            # joined to "small" of "small riverside eateries" is no "small farm" (养殖专业户), another clause's
            # subject; "water" of "surface-water" is the compound's head and counts on its own
            continue
        if bag <= words and all(m.term is not term for m in found) and _heads_kept(bag, term, bound):
            found.append(Mention(term, " ".join(sorted(bag)), "english"))
            phrases += [bag] if len(bag) >= 3 else []
    if words & _TARGET_WORDS:  # "fertilizer utilization target": a rate named in a target question without "rate"
        for bag, term in _english_bags(glossary):
            bare = bag - _MEASURE_WORDS
            if (term.kind == "indicator" and bare != bag and len(bare) >= 2 and bare <= words
                    and all(m.term is not term for m in found) and _heads_kept(bare, term, bound)
                    and not any(term.official in m.term.official for m in found)):  # 城市污水处理率 named already
                found.append(Mention(term, " ".join(sorted(bare)), "english"))
    rare = _rare_words(glossary)
    for bag, term in _english_bags(glossary):
        # Not an indicator: the word missing is often what tells one rate from another ("… disposal rate").
        if term.kind != "indicator" and _nearly_held(bag, words, rare) and all(m.term is not term for m in found):
            found.append(Mention(term, " ".join(sorted(bag & words)), "english"))
    if not found:
        shared = [(word, _shared_word(glossary, word)) for word in sorted(words)]
        found += [Mention(term, word, "english") for word, term in shared if term is not None]
    return tuple(found)


def _compound_modifiers(norm: str) -> list[tuple[frozenset[str], frozenset[str], frozenset[str]]]:
    """For each hyphenated compound ("farm-stay"), the words before its head that the question writes nowhere else,
    and the words that may go with them: the whole compound, or its head with the noun after it ("no-farming
    zones" is a "no … zone")."""
    elsewhere = _bag(re.sub(r"[a-z]+(?:-[a-z]+)+", " ", norm))
    found = []
    for compound, after in re.findall(r"([a-z]+(?:-[a-z]+)+)(?:\s+([a-z]+))?", norm):
        words = compound.split("-")
        found.append((_bag(" ".join(words[:-1])) - elsewhere, _bag(" ".join(words)), _bag(after)))
    return found


def _modifiers(found: list[Mention], norm: str) -> dict[str, tuple[str, str]]:
    """The word before the head of a phrase the question names exactly → that head and the phrase's term: in
    "sewage sludge" (污泥) "sewage" qualifies "sludge". Only words written next to each other ("water quality,
    class III" is two phrases)."""
    bound: dict[str, tuple[str, str]] = {}
    for mention in found:
        words = [w for w in mention.surface.split() if w not in FUNCTION_WORDS] if mention.how == "english" else []
        for word, head in zip(words[-2:-1], words[-1:]):  # an English compound's head is its last word
            if re.search(rf"(?<![a-z]){re.escape(word)}[a-z]*\s+{re.escape(head)}", norm):
                bound.setdefault(word, (head, mention.term.official))
    return bound


def _heads_kept(bag: frozenset[str], term: Term, bound: dict[str, tuple[str, str]]) -> bool:
    """A form read in any order may not take a modifier away from its head to another thing: "share of sewage
    sludge treated" names no "share of sewage treated" (污水处理率), since its "sewage" is the sludge's (污泥 and
    污水处理率 share no word; 畜禽粪便 and 畜禽粪便利用率 do, and "livestock manure treated" reads as the latter)."""
    if term.kind != "indicator":  # the rule guards the indicator asked: the fact picked among a clause's targets
        return True
    return all(head in bag or len(_common_part([official, term.official])) >= 2
               for word, (head, official) in bound.items() if word in bag)


# A form of four or more words also names its term with one word missing ("ecological protection red line" ~
# "ecological conservation red line"), when the words held include two that few terms use: "water", "pollution"
# or "control" are in dozens of forms and pin nothing down, and two words held ("red line") are too few.
NEAR_BAG_MIN = 4
RARE_USERS = 6


def _nearly_held(bag: frozenset[str], words: frozenset[str], rare: frozenset[str]) -> bool:
    held = bag & words
    return len(bag) >= NEAR_BAG_MIN and len(held) == len(bag) - 1 and len(held & rare) >= 2


@lru_cache(maxsize=4)
def _rare_words(glossary: Glossary) -> frozenset[str]:
    """English words that at most RARE_USERS terms use in their English forms."""
    return frozenset(word for word, users in _word_users(glossary).items() if len(users) <= RARE_USERS)


@lru_cache(maxsize=4)
def _word_users(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """English word → the official names of the terms whose English forms use it (role words left out)."""
    role_words = {normalize(word) for _, words in glossary.roles for word in words}
    users: dict[str, list[str]] = {}
    for term in glossary.terms:
        for word in {w for form in term.english for w in _bag(normalize(form))} - role_words:
            users.setdefault(word, []).append(normalize(term.official))
    return {word: tuple(officials) for word, officials in users.items()}


@lru_cache(maxsize=2048)
def _shared_word(glossary: Glossary, word: str) -> Term | None:
    """A pseudo-term for the Chinese that the officials of a word's terms share ("sludge" → 污泥), when two or
    more terms use the word and their officials have a common part of two characters or more."""
    officials = _word_users(glossary).get(word, ())
    common = _common_part(list(officials)) if len(officials) >= 2 else ""
    return Term(common, "term", (), (word,)) if len(common) >= 2 else None


def _common_part(names: list[str]) -> str:
    """The longest substring of the first name that every name contains."""
    first = min(names, key=len)
    for size in range(len(first), 1, -1):
        for start in range(len(first) - size + 1):
            part = first[start:start + size]
            if all(part in name for name in names):
                return part
    return ""
