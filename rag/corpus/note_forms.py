"""Small readings shared by the note parsers: labelled fields however they are separated, a role written after a
unit inside a list ("市环保局（牵头）"), and qualifiers between units and their role word ("按职责分工负责")."""
from __future__ import annotations

import re

from rag.corpus.units import parse_units
from rag.lexicon import lexicon_section, load_lexicon
from rag.types import Unit

_LEXICON = load_lexicon()
_GENRE = lexicon_section("genre")
_ROLE_OF_LABEL = dict(_LEXICON.role_labels)
# Task-table column names: the note labels, and the bare role words some tables use ("牵头 参与 责任").
COLUMN_ROLES = {**_ROLE_OF_LABEL, **_GENRE.get("column_roles", {})}
_LABEL_AT = re.compile(rf"({_LEXICON.alternation(tuple(_ROLE_OF_LABEL))})\s*[:：]")
_QUALIFIER = re.compile(rf"(?:{_LEXICON.alternation(tuple(_GENRE.get('role_qualifiers', ())))})+$") \
    if _GENRE.get("role_qualifiers") else None
_ROLE_WORDS = dict(_LEXICON.role_markers)
_QUALIFIERS = _LEXICON.alternation(tuple(_GENRE.get("role_qualifiers", ()))) or "按职责"
_INLINE_ROLE = re.compile(rf"^(.+?)\s*[（(](?:{_QUALIFIERS})*({_LEXICON.alternation(tuple(_ROLE_WORDS))})[)）]$")


def labelled_fields(body: str) -> list[tuple[str, str]]:
    """(label, names) of "牵头单位：X；配合单位：Y", also when the fields are separated by a comma or a space
    ("牵头单位：X，配合单位：Y") — each field runs to the next label or the end of the sentence."""
    marks = list(_LABEL_AT.finditer(body))
    fields = []
    for mark, following in zip(marks, marks[1:] + [None]):
        value = body[mark.end(): following.start() if following else len(body)].split("。")[0]
        fields.append((mark.group(1), value.strip(" \u3000，,；;")))
    return fields


def without_qualifier(names: str) -> str:
    """"市财政局、市环保局按职责分工" → "市财政局、市环保局"."""
    return _QUALIFIER.sub("", names) if _QUALIFIER else names


def inline_roles(roles: dict[str, list[Unit]]) -> dict[str, list[Unit]]:
    """Units written with their role in brackets ("责任单位：市环保局（牵头）、市发改委") moved to that role."""
    moved: dict[str, list[Unit]] = {role: [] for role in roles}
    for role, units in roles.items():
        for unit in units:
            match = _INLINE_ROLE.match(unit.text)
            if match:  # "（牵头）", "（配合）" move the unit; "（按职责分工负责）" keeps the list's role
                said = _ROLE_WORDS[match.group(2)]
                moved[said if said != "lead" or match.group(2) == "牵头" else role].extend(parse_units(match.group(1)))
            else:
                moved[role].append(unit)
    return moved


_LEAD_PHRASE = re.compile(_LEXICON.alternation(tuple(_GENRE.get("lead_phrases", ()))) or "牵头负责")
_TOGETHER = re.compile(_LEXICON.alternation(tuple(_GENRE.get("together_words", ()))) or "会同")


def role_phrase(phrase: str) -> str:
    """"由市环保局牵头负责" → "市环保局牵头": the lead-in 由 and a role phrase's second verb dropped."""
    return _LEAD_PHRASE.sub("牵头", phrase.strip().removeprefix("由"))


def together(names: str) -> tuple[str, str]:
    """"市住建局会同市环保局" → ("市住建局", "市环保局"): the units that have the role, and their partners."""
    parts = _TOGETHER.split(names, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


_HEAD = re.compile(rf"^\s*[【〔\[]\s*(?:{_LEXICON.alternation(tuple(_GENRE.get('note_heads', ())))})\s*[】〕\]]\s*") \
    if _GENRE.get("note_heads") else None


def without_note_head(text: str) -> str:
    """"【责任分工】市水利局负责" → "市水利局负责": the bracketed heading some plans open a note line with."""
    return _HEAD.sub("", text, count=1) if _HEAD else text


def opens_with_note_head(text: str) -> bool:
    return bool(_HEAD and _HEAD.match(text))


_AS_LABEL = re.compile(rf"^(.+?)\s*为\s*({_LEXICON.alternation(tuple(_ROLE_OF_LABEL))})$")


def label_part(part: str) -> tuple[str, str] | None:
    """(role, names) of "县住建局为牵头单位" / "相关乡镇人民政府为责任单位": a unit list named as a note label."""
    match = _AS_LABEL.match(part.strip())
    return (_ROLE_OF_LABEL[match.group(2)], match.group(1)) if match else None


# The plan-wide implementers set once for the tasks after them, in a sentence of its own: "各乡镇（街道）为以下各项
# 任务的落实主体，文中不再列出。" or "以下各项任务均由各县区政府负责落实，不再一一列出。" (the bracketed
# "以下均需…落实，不再列出" is read with the note it closes).
_MARK = _LEXICON.default_mark_pattern
_IMPLEMENT_LABELS = _LEXICON.alternation(tuple(label for label, role in _ROLE_OF_LABEL.items() if role == "implement")
                                         + ("责任主体",))
DEFAULT_MARK = re.compile(_MARK)
_DEFAULT_SENTENCES = (
    re.compile(rf"([^。；;，,：:]{{2,40}}?)为以下(?:各项|所有|全部)?(?:工作|任务)的?(?:{_IMPLEMENT_LABELS})[^。]*?{_MARK}"),
    re.compile(rf"以下(?:各项|所有|全部)?(?:工作|任务)?均由([^。；;，,]{{2,40}}?)(?:负责)?(?:具体)?落实[，,]?[^。]*?{_MARK}"),
)


def _default_match(text: str) -> re.Match | None:
    return next((m for m in (p.search(text) for p in _DEFAULT_SENTENCES) if m), None)


def default_sentence(text: str) -> str | None:
    """The units a default-implementer sentence names, as written; None when the text holds none."""
    match = _default_match(text)
    return match.group(1).strip() if match else None


def default_quote(text: str) -> str | None:
    """The default-implementer sentence as written, units to 不再列出 (what an answer quotes)."""
    match = _default_match(text)
    return match.group(0).strip() if match else None
