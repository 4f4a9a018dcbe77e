"""Water bodies named in English or pinyin ("Songhua River", "Xiaofuhe", "Fén Hé") found in the plans' own words.

The names come from the corpus itself, at load time, so a plan never seen before is covered: every run of one to
four Han characters before a water word (松花|江, 孝妇|河, 万家寨|水库) is a candidate name, keyed by its toneless
pinyin and the English kind of water. A question's "<name> River" looks its pinyin up; only a name some plan writes
is ever put in, so a stray candidate (入|河 → "ru river") costs nothing.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import lru_cache

from rag.answer.english_mentions import english_mentions
from rag.answer.glossary import Mention
from rag.answer.plan_words import plan_texts
from rag.answer.water_names import KINDS, PLACE_WORDS
from rag.lexicon import Term
from rag.normalize import normalize
from rag.types import Clause

# KINDS: the Chinese water words (and the words ending the names of sections and plants) with the English kinds a
# question calls them by, the lexicon's [waters] read by rag.answer.water_names.
# The kind of plant written between its name and "plant": not part of the name.
_PLANT_TYPE = re.compile(r"\s*\b(?:(?:reclaimed|recycled|waste|sewage|drinking|tap)\s*water|water\s*reclamation|"
                         r"(?:sewage|wastewater|water)(?:\s*treatment)?|treatment|water|wastewater)\s*$")
# Words an English question puts between a section's name and "section" ("the Yaoshang monitoring section").
_QUALIFIERS = frozenset({"monitoring", "assessment", "control", "cross", "border", "boundary", "national",
                         "provincial", "water", "quality"})
MAX_NAME = 5  # Han characters before the water word (丹金溧漕|河, 阿勒腾席热|镇)
MAX_WORDS = 3  # English words before "river" that may spell the name ("song hua jiang river")
# A pinyin water word written into the name ("Xiaofuhe River", "Songhuajiang"), tried without it too.
_PINYIN_KINDS = ("he", "jiang", "hu", "shuiku", "quan", "qu", "chong", "xi", "tang", "gou", "gang")
# The Chinese water word a pinyin one spells: "Jinxi River" is a 溪 (金溪), not any river of "jin" (晋江).
_SPELT_KIND = {"he": "河", "jiang": "江", "hu": "湖", "shuiku": "水库", "quan": "泉", "qu": "渠", "chong": "冲",
               "xi": "溪", "tang": "塘", "gou": "沟", "gang": "港", "zhen": "镇", "xiang": "乡"}
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=65536)
def pinyin_of(han: str) -> str:
    """Toneless pinyin, no spaces: "松花" → "songhua"."""
    # deferred: only English questions naming a water need it
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(han)).lower()


def plain_latin(text: str) -> str:
    """Lower-case latin without tone marks: "Fén Hé" → "fen he"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().replace("ü", "v")


# A character read two ways (佛 fó/fú, 长 cháng/zhǎng) is spelt by a question either way: pypinyin's first reading
# of 佛子岭 is "fuziling", the reservoir's name is Foziling. Each character's first readings, a few spellings a name.
READINGS = 2
MAX_SPELLINGS = 8


@lru_cache(maxsize=65536)
def pinyin_spellings(han: str) -> tuple[str, ...]:
    """The toneless spellings of a name, the usual one first: "佛子岭" → ("fuziling", "foziling")."""
    spellings = [""]
    for readings in map(char_readings, han):
        spellings = [s + r for s in spellings for r in readings][:MAX_SPELLINGS]
    usual = pinyin_of(han)
    if len(han) < 2:  # 区河 read "ou he" is no name: a one-character name keeps its usual reading only
        return (usual,)
    return (usual, *(s for s in dict.fromkeys(spellings) if s != usual))


@lru_cache(maxsize=16384)
def char_readings(char: str) -> tuple[str, ...]:
    """A character's first READINGS toneless readings, read alone: a phrase's reading keeps one only (中牟 → "zhongmu",
    where 牟 is "mou" in the county's name)."""
    from pypinyin import Style, pinyin  # deferred, as in pinyin_of

    return tuple(r.lower() for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0][:READINGS])


# A name starts a word when it follows no Han character, or one that ends the word before it (在汾河, 、沁河).
# Of names that sound alike, those written so at least once win: "主干河道" holds 干河 only inside other words, so
# "Gan River" is 淦河; a lone name stands even when every mention runs on from the word before (加强松花湖).
_BEFORE_NAME = frozenset("、和及与至在对从向沿入经")


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not _HAN.match(text[start - 1]) or text[start - 1] in _BEFORE_NAME


def _written(texts: tuple[str, ...]) -> Iterator[tuple[tuple[str, str], str, bool]]:
    """Each (pinyin of a name, English kind), the Chinese name (with its water word) and whether the text writes
    it as a word, for every run of up to MAX_NAME Han characters before a water word."""
    for text in texts:
        for chinese, kinds in KINDS:
            for match in re.finditer(re.escape(chinese), text):
                for size in range(1, MAX_NAME + 1):
                    start = match.start() - size
                    if start < 0 or not _HAN.match(text[start]):
                        break
                    if size < 2 and chinese in PLACE_WORDS:
                        continue
                    name = text[start:match.start()] + chinese
                    # A name ending in 水 is the river itself (湟水 → "Huangshui River"): its pinyin holds the 水.
                    for key in pinyin_spellings(name if chinese == "水" else name[:-len(chinese)]):
                        for kind in kinds:
                            yield (key, kind), name, _starts_word(text, start)


def _grouped(found: Iterable[tuple[tuple[str, str], str, bool]]) -> dict[tuple[str, str], list[str]]:
    index: dict[tuple[str, str], list[str]] = {}
    for key, name, _ in found:
        names = index.setdefault(key, [])
        if name not in names:
            names.append(name)
    return index


def name_index(texts: tuple[str, ...]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(pinyin of the name, English kind) → the Chinese names (with their water word) the texts write as a word."""
    return _indexes(texts)[0]


def _indexes(texts: tuple[str, ...]) -> tuple[dict[tuple[str, str], tuple[str, ...]], ...]:
    """name_index and written_names of the texts, read in one pass."""
    found = list(_written(texts))
    starting = {name for _, name, word in found if word}
    grouped = _grouped(found)
    return ({key: tuple(n for n in names if n in starting) or tuple(names) for key, names in grouped.items()},
            {key: tuple(names) for key, names in grouped.items()})


@lru_cache(maxsize=64)
def written_names(texts: tuple[str, ...]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Like name_index, without preferring names written as a word: the names a given plan's texts write at all
    (开展淠河沿线 writes 淠河 only after another word, and the question naming that plan means it)."""
    return {key: tuple(names) for key, names in _grouped(_written(texts)).items()}


Index = dict[tuple[str, str], tuple[str, ...]]
_INDEXES: dict[int, tuple[object, Index, Index]] = {}


def corpus_index(clauses: Sequence, preferred: bool = True) -> Index:
    """The name index of a corpus's clauses, built once per corpus (kept by the identity of its clause tuple):
    the names written as a word first (name_index), or every name written (preferred=False)."""
    held = _INDEXES.get(id(clauses))
    if held is None or held[0] is not clauses:
        _INDEXES.clear()  # one corpus at a time: a reloaded corpus replaces the old one
        texts = tuple(clause.norm for clause in clauses)
        held = (clauses, *_indexes(texts))
        _INDEXES[id(clauses)] = held
    return held[1] if preferred else held[2]


def _of_kind(names: tuple[str, ...], spelt: str, key: tuple[str, str], clauses: Sequence) -> tuple[str, ...]:
    """The names that end in the Chinese word the question spells ("Chenhe" is a 河), else (): of the names
    written as a word first, then of every name written (辰河 of "完成辰河水源地" when 陈塘 starts a word)."""
    kept = tuple(n for n in names if n.endswith(spelt))
    return kept or tuple(n for n in corpus_index(clauses, preferred=False).get(key, ()) if n.endswith(spelt))


_KIND_WORDS = sorted({kind for _, kinds in KINDS for kind in kinds})
# A pinyin name with its water word run in ("Ganhe", "Songhuajiang") names the water without an English kind word.
_PINYIN_KIND = {"he": "river", "jiang": "river", "hu": "lake", "shuiku": "reservoir", "chong": "stream", "tang": "pond",
                "gou": "ditch", "gang": "harbour", "zhen": "town", "xiang": "township"}
_RUN_IN = re.compile(rf"\b([a-z]{{2,}}?)({'|'.join(_PINYIN_KIND)})\b")
# A name before its water word, English or pinyin ("Songhua River", "Songhua Jiang").
# A pinyin kind word followed by an English one is the name's ("the Xiang River" is 湘江, not a township "the").
_ENGLISH_KIND = "|".join(_KIND_WORDS)
_NAMED = re.compile(rf"((?:[a-z]+[ '-]?){{1,{MAX_WORDS}}}?)\s*\b({_ENGLISH_KIND}"
                    rf"|(?:{'|'.join(_PINYIN_KIND)})(?!s?\s+(?:{_ENGLISH_KIND})s?\b))s?\b")


# Direction words are translated, not spelt, in a name ("Gaotang North Lake" is 高唐北湖).
_DIRECTIONS = {"north": "bei", "northern": "bei", "south": "nan", "southern": "nan", "east": "dong",
               "eastern": "dong", "west": "xi", "western": "xi"}


def _candidates(words: list[str]) -> list[tuple[str, str]]:
    """The pinyin spellings a run of words before a water word may be, longest run first ("the songhua" →
    "thesonghua", "songhua"), each also without a pinyin water word it ends in ("xiaofuhe" → "xiaofu")."""
    spellings = []
    words = [_DIRECTIONS.get(word, word) for word in words]
    for start in range(len(words)):
        joined = "".join(words[start:])
        spellings.append((joined, ""))
        spellings.extend((joined[:-len(k)], _SPELT_KIND[k]) for k in _PINYIN_KINDS
                         if joined.endswith(k) and len(joined) > len(k))
    return spellings


def chinese_waters(question: str, clauses: Sequence, plan_ids: Sequence[str] = ()) -> tuple[tuple[str, str], ...]:
    """(the question's words, the plans' Chinese name) of each water body a question names in English or pinyin:
    the run-in names ("Ganhe") first, then those before an English water word. A name the plans the question
    names write wins over the corpus's ("Pi River" in Huoshan is its 淠河, not Chengdu's 毗河)."""
    latin = plain_latin(question)
    corpus_names = corpus_index(clauses)
    lookup = corpus_names.get
    if plan_ids:
        # Only a name the corpus reads for the spelling but the named plan never writes is replaced, by the
        # plan's own: every run of characters before 河 is a candidate there (建立河长制 → 立河), so the plan's
        # names stand in only where the corpus's answer is certainly not the plan's water. Looked up per key
        # asked: merging the whole index cost ~9 ms an English question.
        texts = tuple(c.norm for c in clauses if c.plan_id in plan_ids)
        own = written_names(texts)
        plan_text = "".join(texts)

        def lookup(key: tuple[str, str], default: tuple[str, ...] = ()) -> tuple[str, ...]:
            names = corpus_names.get(key, default)
            if key in own and names and not any(n in plan_text for n in names):
                return own[key]
            return names
    found: list[tuple[str, str]] = []
    for match in _RUN_IN.finditer(latin):
        key = (match.group(1), _PINYIN_KIND[match.group(2)])
        # the water word it is spelt with ("Jinjiang" is a 江: 晋江, not the 溪 金溪 a river may also be)
        for name in _of_kind(lookup(key, ()), _SPELT_KIND[match.group(2)], key, clauses) \
                if len(match.group(0)) >= 4 else ():
            if name not in {n for _, n in found}:
                found.append((match.group(0), name))
    for match in _NAMED.finditer(latin):
        before = _PLANT_TYPE.sub("", match.group(1)) if match.group(2) == "plant" else match.group(1)
        words = re.findall(r"[a-z]+", before)
        if match.group(2) == "section":  # "Yaoshang monitoring section": the name is before the qualifiers
            while words and words[-1] in _QUALIFIERS:
                words.pop()
        words = words[-MAX_WORDS - 1:]
        # "the Tuhai and Majia rivers": each name of an enumeration is looked up on its own.
        for part in re.split(r"\b(?:and|or)\b", " ".join(words)):
            for spelling, spelt in _candidates(part.split()):
                spelt = spelt or _SPELT_KIND.get(match.group(2), "")  # "Jin Jiang" is a 江 (锦江), not a 溪
                key = (spelling, _PINYIN_KIND.get(match.group(2), match.group(2)))
                names = _of_kind(lookup(key, ()), spelt, key, clauses) if spelt else lookup(key, ())
                if names and len(spelling) >= 2:  # a bare "he river" names nothing
                    found.extend((match.group(0).strip(), n) for n in names if n not in {m for _, m in found})
                    break
    return _longest(found)


def _longest(found: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The names found without those inside a longer one read from the same words: "Yingdouhu Gang" is 莺脰湖港,
    not also the lake 莺脰湖 its run-in "hu" reads."""
    return tuple((surface, name) for surface, name in found
                 if not any(other != name and other.startswith(name) and surface in longer
                            for longer, other in found))


def english_terms(asked: str, clauses: Sequence, plan_ids: Sequence[str] = (),
                  regions: Collection[str] = ()) -> tuple[Mention, ...]:
    """The glossary terms of an English question, plus the water bodies it names in pinyin that the plans write
    ("songhua river" → 松花江): a derived name uses its words up, so "river" in it is not also
    the glossary's 河道. A name that is a plan's own place ("Zhoushi town" → 周市镇, regions: the plans' regions,
    normalised) is the plan the places found, no subject of the question."""
    named = chinese_waters(asked, clauses, plan_ids) if clauses else ()
    named = tuple((surface, name) for surface, name in named if name not in regions)
    rest = plain_latin(asked)
    for surface in sorted({surface for surface, _ in named}, key=len, reverse=True):
        rest = rest.replace(surface, " ")
    waters = tuple(Mention(Term(name, "water", (), (surface,)), surface, "english") for surface, name in named)
    return english_mentions(rest) + waters


def written_places(unknown: tuple[str, ...], found: tuple[Mention, ...]) -> tuple[str, ...]:
    """The places a question names that no plan covers, without those read as a name some plan writes ("Aletengxire
    Town" → 阿勒腾席热镇, a town below every gazetteer that its banner's plan lists): the question is that plan's."""
    read = [m.surface for m in found if m.term.kind == "water" and not m.term.aliases and m.how == "english"]
    return tuple(place for place in unknown if not any(plain_latin(place) in surface for surface in read))


def plans_writing_waters(found: tuple[Mention, ...], clauses: Sequence[Clause]) -> tuple[str, ...]:
    """The plans that write every water an English question names by its pinyin name (菱湖 for "Linghu"), when the
    question names no place: the answer is about that water, and another plan's clause on black and odorous water
    in general is not (a Linghu question was answered from 山西省). () when it names none or no plan writes it."""
    names = [m.term.official for m in found if m.term.kind == "water" and not m.term.aliases
             and m.how == "english" and not m.term.official.isascii() and m.term.english == (m.surface,)]
    if not names:
        return ()
    texts = plan_texts(clauses)
    writing = [{plan for plan, text in texts.items() if normalize(name) in text} for name in names]
    return tuple(sorted(set.intersection(*writing)))
