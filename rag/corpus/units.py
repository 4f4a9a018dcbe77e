"""Responsible-unit names: splitting lists, restoring dropped prefixes, aliases for matching."""
from __future__ import annotations

import re

from rag.lexicon import load_lexicon
from rag.normalize import normalize
from rag.types import Unit

_LEXICON = load_lexicon()
# Long official names and their everyday short forms map to one matching name.
ALIASES = _LEXICON.unit_aliases
_LEVELS = _LEXICON.alternation(_LEXICON.unit_levels)
_DEPARTMENT = re.compile(rf"({_LEXICON.alternation(_LEXICON.department_endings)})$")
_PREFIXED = re.compile(rf"^({_LEVELS}|各|国|中国|[\u4e00-\u9fff]{{2,4}}({_LEVELS}))")
_LEVEL_PREFIX = re.compile(rf"^({_LEVELS})(?=[\u4e00-\u9fff])")


def split_units(text: str) -> list[str]:
    """Split "区住建局、区水务局等" into names, keeping 、 inside brackets ("各县（市、区）人民政府")."""
    names, depth, current = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,；;":
            names.append("".join(current))
            current = []
            continue
        current.append(ch)
    names.append("".join(current))
    cleaned = [re.sub(r"等(?:相关|有关)?(?:单位|部门)?$", "", name.strip(" \u3000:：")) for name in names]
    return [name for name in cleaned if name]


# "芦淞区、石峰区人民政府": places listed bare before the one that carries the office's name share it.
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:区|县|市|镇|乡|街道)$")
_OFFICE_OF_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,8}(?:区|县|市|镇|乡|街道))(人民政府|政府|办事处)$")


def shared_office(names: list[str]) -> list[str]:
    """"芦淞区、石峰区人民政府" → 芦淞区人民政府, 石峰区人民政府: the last name's office given to the bare places
    before it (a bare place is no unit)."""
    last = _OFFICE_OF_PLACE.match(names[-1]) if len(names) > 1 else None
    if last is None or not all(_BARE_PLACE.match(name) for name in names[:-1]):
        return names
    return [name + last.group(2) for name in names[:-1]] + names[-1:]


def restore_prefix(names: list[str]) -> list[str]:
    """Ledu writes "区发改委、水务局": later names inherit the level prefix of the first."""
    if not names:
        return names
    prefix = _LEVEL_PREFIX.match(names[0])
    if not prefix:
        return names
    restored = [names[0]]
    for name in names[1:]:
        needs = _DEPARTMENT.search(name) and not _PREFIXED.match(name) and "管委会" not in name
        restored.append(prefix.group(1) + name if needs else name)
    return restored


def canonical(name: str) -> str:
    """The matching form of a unit name: normalised, with long official names shortened."""
    name = normalize(name)
    for long_form, short_form in ALIASES:
        name = name.replace(long_form, short_form)
    return name


def parse_units(text: str) -> tuple[Unit, ...]:
    """Units as written, each with its restored, canonical matching name."""
    written = shared_office(split_units(text))
    restored = restore_prefix(written)
    return tuple(Unit(text=w, name=canonical(r)) for w, r in zip(written, restored))


def unit_matches(query: str, unit: Unit) -> bool:
    """True when a unit named in a question ("环保局", "区住建局") refers to this unit."""
    wanted = canonical(query)
    return bool(wanted) and (wanted in unit.name or unit.name.endswith(wanted.lstrip("区市省县")))
