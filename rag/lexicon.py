"""The plans' vocabulary in one place: number words, role words, unit endings, comparators, place levels, read
from rag/data/lexicon.toml, and the everyday/English glossary from rag/data/glossary.toml (plus any files named in
RAG_LEXICON, which may hold tables of either).

The parser, the question analysis and the grounding check all take their words from here, so a word added
for one is known to all. Everything is read once per process and returned as immutable values.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_FILE = DATA_DIR / "lexicon.toml"
GLOSSARY_FILE = DATA_DIR / "glossary.toml"


@dataclass(frozen=True)
class Term:
    """One glossary entry: the plans' official term, its kind, and the words people use for it."""

    official: str
    kind: str  # indicator | water | task | term | actor | unit | act
    aliases: tuple[str, ...]  # everyday Chinese words and variants
    english: tuple[str, ...]  # English renderings, the preferred one first


@dataclass(frozen=True, eq=False)  # identity hash: caches keyed on it must not hash ~600 entries per call
class Glossary:
    """The everyday-word glossary (rag/data/glossary.toml plus RAG_LEXICON's [[term]] tables)."""

    terms: tuple[Term, ...]
    roles: tuple[tuple[str, tuple[str, ...]], ...]  # role → question words (lead, deadline, obligation…)
    scopes: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # (Chinese forms, English words) of a part

    def of_kind(self, kind: str) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.kind == kind)


@dataclass(frozen=True)
class Lexicon:
    """The plans' words, as the parser, the question analysis and the grounding check use them."""

    digits: tuple[tuple[str, int], ...]
    multipliers: tuple[tuple[str, int], ...]
    role_labels: tuple[tuple[str, str], ...]  # 牵头部门 → lead …
    role_markers: tuple[tuple[str, str], ...]  # in the order they are tried
    note_words: tuple[str, ...]
    role_display: tuple[tuple[str, str], ...]  # lead → 牵头 …
    default_mark: str  # 不再列出
    target_labels: tuple[str, ...]  # 工作目标, 主要指标 … heading a paragraph of targets
    person_labels: tuple[str, ...]  # 责任领导 … labelling a person on a note line after a task
    unit_aliases: tuple[tuple[str, str], ...]
    actor_endings: tuple[str, ...]
    department_endings: tuple[str, ...]
    unit_levels: tuple[str, ...]
    unit_suffix_pattern: str
    unit_suffix_chars: str
    not_units: tuple[str, ...]
    comparators: tuple[str, ...]
    comparator_suffixes: tuple[str, ...]
    place_levels: tuple[tuple[str, str], ...]
    place_suffixes: tuple[str, ...]
    place_placeholders: tuple[str, ...]

    @property
    def default_mark_pattern(self) -> str:
        """The default mark as a regex, in each wording plans use: "不再列出", "不再一一列出", "不再一一注明"…"""
        return re.escape(self.default_mark).replace("不再", "不再(?:一一|逐一|单独|另行)?").replace(
            "列出", "(?:列出|注明|标注|列明)")  # "…，不再一一注明"

    @property
    def digit_chars(self) -> str:
        return "".join(char for char, _ in self.digits)

    def digit_value(self, char: str) -> int | None:
        return dict(self.digits).get(char)

    @staticmethod
    def alternation(words: tuple[str, ...]) -> str:
        """A regex alternation of literal words in the lexicon's order (it lists a longer word first)."""
        return "|".join(re.escape(word) for word in words)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A deployer's file extends the base: lists are appended to, tables merged key by key."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]
        else:
            merged[key] = value
    return merged


def lexicon_files() -> tuple[Path, ...]:
    """The files the lexicon is read from: the bundled one, then RAG_LEXICON's, in order."""
    extra = tuple(Path(p) for p in os.environ.get("RAG_LEXICON", "").split(os.pathsep) if p.strip())
    return (LEXICON_FILE, *extra)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    data: dict[str, Any] = {}
    for path in lexicon_files():
        with open(path, "rb") as handle:
            data = _merge(data, tomllib.load(handle))
    roles, units, comparators = data["roles"], data["units"], data["comparators"]
    return Lexicon(
        digits=tuple(data["numbers"]["digits"].items()),
        multipliers=tuple(data["numbers"]["multipliers"].items()),
        role_labels=tuple(roles["labels"].items()),
        role_markers=tuple((word, role) for word, role in roles["markers"]),
        note_words=tuple(roles["note_words"]),
        role_display=tuple(roles["display"].items()),
        default_mark=roles["default_mark"],
        target_labels=tuple(roles.get("target_labels", ())),
        person_labels=tuple(roles.get("person_labels", ())),
        unit_aliases=tuple((long, short) for long, short in units["aliases"]),
        actor_endings=tuple(units["actor_endings"]),
        department_endings=tuple(units["department_endings"]),
        unit_levels=tuple(units["levels"]),
        unit_suffix_pattern=units["suffix_pattern"],
        unit_suffix_chars=units["suffix_chars"],
        not_units=tuple(units["not_units"]),
        comparators=tuple(comparators["words"]),
        comparator_suffixes=tuple(comparators["suffixes"]),
        place_levels=tuple((suffix, level) for suffix, level in data["places"]["levels"]),
        place_suffixes=tuple(data["places"].get("suffixes", ())),
        place_placeholders=tuple(data["places"].get("placeholders", ())),
    )


GLOSSARY_KINDS = ("indicator", "water", "task", "term", "actor", "unit", "act")


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc})") from None


@lru_cache(maxsize=1)
def load_glossary() -> Glossary:
    """The glossary, read once per process: the bundled file (when present), then RAG_LEXICON's [[term]] tables.

    A later entry with the same official term adds its aliases and English words to the earlier one.
    """
    data: dict[str, Any] = {}
    for path in (GLOSSARY_FILE, *lexicon_files()[1:]):
        if path.exists():
            data = _merge(data, _read(path))
    terms: dict[str, Term] = {}
    for row in data.get("term", ()):
        official, kind = str(row.get("official", "")).strip(), row.get("kind", "term")
        if not official or kind not in GLOSSARY_KINDS:
            raise ValueError(f"glossary entry {row!r}: needs an official term and a kind in {GLOSSARY_KINDS}")
        earlier = terms.get(official)
        aliases = tuple(a for a in row.get("aliases", ()) if a.strip())
        english = tuple(e for e in row.get("english", ()) if e.strip())
        if earlier:
            aliases, english = (*earlier.aliases, *aliases), (*earlier.english, *english)
        terms[official] = Term(official, earlier.kind if earlier else kind, aliases, english)
    # A deployer's file may hold the lexicon's [roles] too (labels, markers…): only lists of words are question words.
    roles = tuple((role, tuple(words)) for role, words in data.get("roles", {}).items()
                  if isinstance(words, list) and all(isinstance(word, str) for word in words))
    scopes = tuple((tuple(chinese), tuple(english)) for chinese, english in data.get("scopes", {}).values())
    return Glossary(tuple(terms.values()), roles, scopes)


@lru_cache(maxsize=16)
def lexicon_section(name: str) -> dict[str, Any]:
    """A table of the lexicon that has no typed field above (a wing's own vocabulary, e.g. [genre]), merged across
    the lexicon files like the rest."""
    data: dict[str, Any] = {}
    for path in lexicon_files():
        with open(path, "rb") as handle:
            data = _merge(data, tomllib.load(handle))
    return dict(data.get(name, {}))
