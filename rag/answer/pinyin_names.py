"""The plan an English question names only through a proper name spelt in pinyin.

"By when must the Shetang Industrial Park have its wastewater facility built?" names no plan's place, and was
answered from another plan's clause on industrial parks in general (山西省, "2017年底前"). The plans write the name in
characters (社棠工业园区): when exactly one plan writes a run of characters that reads as every such name, the
question is about that plan. A name that no plan, or several plans, write leaves the scope as it was (the checks
of unwritten names and waters refuse on their own). The characters a plan in scope writes for the name join the
question's subject, as a place inside a plan's area named in pinyin does (rag.answer.places.english_named_places):
"Chengfeng wastewater treatment plant" is then 城峰污水处理厂's task, not the closest plant's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rag.answer.glossary import Mention, mentions
from rag.answer.inner_places import pinyin_words, syllable_splits
from rag.answer.plan_words import plan_texts, scope_text
from rag.answer.water_names import KINDS, PLACE_WORDS
from rag.normalize import normalize
from rag.types import Clause

# The English words a question writes after a name for its kind ("lake", "town", "industrial park"): not spelt.
ENGLISH_KINDS = frozenset(word for _, nouns in KINDS for noun in nouns for word in noun.split())
PLACE_ENDS = tuple(PLACE_WORDS)


def plans_spelling_names(question: str, clauses: Sequence[Clause]) -> tuple[str, ...]:
    """The one plan whose text writes every pinyin proper name of an English question (as typed), else ()."""
    words = pinyin_words(question)
    if not words or not clauses:
        return ()
    texts = plan_texts(clauses)
    writing = None
    for word in words:
        plans = {plan for plan, text in texts.items() if _spells(word, _spelt(text)) and _written_as_word(word, text)}
        writing = plans if writing is None else writing & plans
    return tuple(writing) if writing and len(writing) == 1 else ()


def _written_as_word(word: str, text: str) -> bool:
    return bool(_word_runs(word, text))


def _word_runs(word: str, text: str) -> set[str]:
    """The runs reading as the word that start a word of their sentence somewhere: "lu shui" is 渌水 in "全面清理渌水
    及水库", not the 路水 that starts inside 公路 (公路|水环境). (jieba cuts a rare name's end off: 渌|水及.)"""
    from rag.search.lexical import jieba_words

    found = set()
    for chars in {c for split in syllable_splits(word) for c in _runs_spelling(split, text)}:
        for match in re.finditer(re.escape(chars), text):
            start = max(0, match.start() - 10)
            bounds, at = {0}, 0
            for piece in jieba_words(text[start:match.end() + 10]):
                at += len(piece)
                bounds.add(at)
            if match.start() - start in bounds:
                found.add(chars)
                break
    return found


def _spells(word: str, spelt: str) -> bool:
    """Some run of the text's characters reads as the word, syllable by syllable ("shetang" = 社棠 she tang)."""
    return any(f" {' '.join(split)} " in spelt for split in syllable_splits(word))


@lru_cache(maxsize=512)
def _spelt(text: str) -> str:
    """The text as toneless pinyin, one syllable per character between blanks; a character that is no Han one
    breaks the run ("|"), so no name is read across a comma."""
    return " | ".join(" ".join(syllables) for _, syllables in _run_syllables(text)).join("  ")


def written_names(question: str, clauses: Sequence[Clause], plan_ids: tuple[str, ...],
                  titles: Sequence[str] = (), known: Sequence[str] = ()) -> tuple[str, ...]:
    """The characters the plans in scope write for each pinyin name of an English question, when they write it
    one way only (社棠 for "Shetang"). Names already read are left out: a plan's place in its title (麦积 of
    "Maiji") and the name inside a term the question names (孝妇 of 孝妇河, "the Xiaofu River", read by the waters).
    A name with the capitalised noun of a thing after it ("the Ledu Industrial Park") names that thing, which the
    plans write as the name and one of the noun's glossary forms (乐都工业园); a lower-case noun ("the Ledu
    industrial park") is a common noun the place only locates."""
    text = scope_text(clauses, tuple(plan_ids)) if clauses and plan_ids else ""
    found: list[str] = []
    bare: list[tuple[str, str]] = []
    for word in pinyin_words(question) if text else ():
        runs = _word_runs(word, text)
        if len(runs) != 1:
            continue
        chars = runs.pop()
        if any(chars in name for name in known):
            continue  # the name of a term read already (孝妇河): 孝妇 + River is no other thing (孝妇河|流域)
        thing = _thing_named(chars, _words_after(question, word), text)
        found += [name for name in (thing, "" if any(chars in t for t in titles) else chars) if name]
        bare += [(word, chars)] if chars in found and not thing else []
    listed = _listed(question, bare)
    return tuple(dict.fromkeys(listed.get(name, name) for name in found))


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*)", re.IGNORECASE)


def _listed(question: str, bare: list[tuple[str, str]]) -> dict[str, str]:
    """Each bare name of a list the question writes ("Guanyintang, Daying and Zhangbian") → the list in the plans'
    characters joined as they write lists (观音堂、大营、张汴): the question names the task by its list, which
    the task of a plan writes too ("建成观音堂镇、大营镇、张汴乡乡镇污水处理站"), and a plan's list read alone is a
    mention in passing (rag.answer.task_notes)."""
    spans = []
    for word, chars in bare:
        match = re.search(rf"\b(?i:{re.escape(word)})\b", question)
        if match:
            spans.append((match.start(), match.end(), chars))
    spans.sort()
    groups: list[list[tuple[int, int, str]]] = []
    for span in spans:
        if groups and _LIST_GAP.fullmatch(question[groups[-1][-1][1]:span[0]]):
            groups[-1].append(span)
        else:
            groups.append([span])
    return {chars: "、".join(c for _, _, c in group) for group in groups if len(group) > 1 for _, _, chars in group}


def _words_after(question: str, word: str) -> str:
    """The (at most four) capitalised words after the name in the question, normalised."""
    match = re.search(rf"\b(?i:{re.escape(word)})\s+((?:[A-Z][a-z]*\s*){{1,4}})", question)
    return normalize(match.group(1)) if match else ""


def _thing_named(chars: str, after: str, text: str) -> str:
    """The longest name of a thing the text writes as the characters and a form of the glossary term that the
    words after the name begin with ("industrial park" → 工业集聚区's forms: 工业园 → 乐都工业园), else ""."""
    heads = [m for m in mentions(after) if m.how == "english" and after.startswith(m.surface.split()[0])]
    names = [chars + form for m in heads for form in (m.term.official, *m.term.aliases) if not form.isascii()]
    written = [name for name in names if normalize(name) in text]
    return max(written, key=len) if written else ""


def _runs_spelling(split: tuple[str, ...], text: str) -> list[str]:
    """The runs of characters of the text that read as the syllables."""
    if f" {' '.join(split)} " not in _spelt(text):
        return []
    return [run[i:i + len(split)] for run, syllables in _run_syllables(text)
            for i in range(len(run) - len(split) + 1) if syllables[i:i + len(split)] == split]


@lru_cache(maxsize=64)
def _run_syllables(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each run of Han characters of the text with its toneless syllables, read once per text: converting a plan's
    every run again for each name took 100-200 ms of an English question (answer p95 rose from 55 to 130 ms)."""
    from pypinyin import lazy_pinyin

    return tuple((run, tuple(lazy_pinyin(run))) for run in re.findall(r"[\u4e00-\u9fff]+", text))


def plans_own_names(found: Sequence[Mention], clauses: Sequence[Clause], plan_ids: Sequence[str]) -> tuple[Mention, ...]:
    """The mentions without a water guessed from another plan's homophone: "Guanyintang" asked of the Shanzhou plan
    was read as Bishan's pond 观音塘, while the plan writes the town 观音堂镇 (its run of characters joins the subject
    through written_names). A pinyin water name that no plan asked writes, when a plan asked writes other characters
    reading as the same name as a word, is the plan's own name, not the corpus's guess; a name no plan asked
    spells otherwise stays (the checks of unwritten waters refuse it)."""
    text = scope_text(clauses, tuple(plan_ids)) if plan_ids and clauses else ""
    if not text:
        return tuple(found)
    return tuple(m for m in found if not _homophone(m, text))


def _homophone(mention: Mention, text: str) -> bool:
    if mention.term.kind != "water" or mention.term.aliases or mention.how != "english" \
            or mention.term.official.isascii() or normalize(mention.term.official) in text:
        return False
    word = "".join(w for w in re.findall(r"[a-z]+", mention.surface) if w.removesuffix("s") not in ENGLISH_KINDS)
    return bool(word) and any(chars != mention.term.official for chars in _word_runs(word, text))


def without_named_places(text: str, found: Sequence[Mention]) -> str:
    """The text without the words of a place below the gazetteer that an English question names and the plans
    write ("Songkou and Tong'an towns" → 同安镇): its "towns" is the level of a named town, not the part of the area
    the glossary's scope "town" (建制镇, 乡镇) means, which the clause naming 嵩口镇、同安镇 does not write."""
    for m in found:
        if m.term.kind == "water" and m.how == "english" and not m.term.aliases \
                and m.term.official.endswith(PLACE_ENDS):
            text = text.replace(m.surface, " ")
    return text
