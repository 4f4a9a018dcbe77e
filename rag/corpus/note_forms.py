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


# A field of another label after a semicolon ends a role list: a Word table row is read "…；责任单位：X（主责）；Y（协办）；
# 时间节点：2019年6月底前", its cells joined by the semicolons its unit cell also holds.
_NEXT_FIELD = re.compile(r"[；;]\s*[^；;：:，,。、（）()]{2,8}[：:]")
# The lead's marks inside a list: 牵头, and a Word task table's 主责 ("市水利局（主责）；市环保局（协办）").
_LEAD_MARKS = ("牵头", "主责")


def labelled_fields(body: str) -> list[tuple[str, str]]:
    """(label, names) of "牵头单位：X；配合单位：Y", also when the fields are separated by a comma or a space
    ("牵头单位：X，配合单位：Y") — each field runs to the next label or the end of the sentence."""
    marks = list(_LABEL_AT.finditer(body))
    fields = []
    for mark, following in zip(marks, marks[1:] + [None]):
        value = body[mark.end(): following.start() if following else len(body)].split("。")[0]
        value = _NEXT_FIELD.split(value)[0]  # a task-table row's next cell ("；时间节点：…") is not a unit
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
                moved[said if said != "lead" or match.group(2) in _LEAD_MARKS else role].extend(parse_units(match.group(1)))
            else:
                moved[role].append(unit)
    return moved


_SUPERVISE = _LEXICON.alternation(tuple(_GENRE.get("supervise_marks", ()))) or "指导"
_SUPERVISED = re.compile(rf"^(.+?)\s*[（(](?:{_SUPERVISE})[)）]$")
# "市农委、市水利局（共同牵头）": a joint mark closing a run of units joined by 、 gives them all the role.
_JOINT = re.compile(rf"^(.+?)\s*[（(](?:共同|联合)({_LEXICON.alternation(tuple(_ROLE_WORDS))})[)）]$")
_GOVERNMENT = re.compile(rf"(?:{_LEXICON.alternation(tuple(_GENRE.get('local_government_endings', ('人民政府',))))})$")
_GLOSS = re.compile(r"[(（][^()（）]{1,8}[)）]$")


def is_local_government(unit: Unit) -> bool:
    """"荔城区人民政府", "各镇人民政府（街道办事处）", "湄洲湾北岸经济开发区管委会": a government, not a department."""
    return bool(_GOVERNMENT.search(_GLOSS.sub("", unit.text)))


def marked_list(role: str, names: str) -> dict[str, list[Unit]]:
    """Units by role of one labelled list whose units carry their role marks: "责任单位：市水利局（牵头），市环保局、
    市住建局，荔城区人民政府". Once a unit is marked to lead, the unmarked departments of the list take part (配合)
    and its unmarked governments carry the task out; a supervising mark ("（指导）") is no implementer."""
    roles: dict[str, list[Unit]] = {"lead": [], "cooperate": [], "implement": []}
    unmarked: list[Unit] = []
    supervisors: list[Unit] = []
    led = False
    for group in split_groups(names):
        joint, closing = _JOINT.match(group), _INLINE_ROLE.match(group)
        if joint and "、" in joint.group(1):
            said = _ROLE_WORDS[joint.group(2)]
            roles[said].extend(parse_units(joint.group(1)))
            led = led or said == "lead"
            continue
        if closing and "、" in closing.group(1) and _ROLE_WORDS[closing.group(2)] != "lead":
            # "天目湖旅游度假区管委会、戴埠镇人民政府（负责落实）": a mark other than a lead's closes the whole run
            roles[_ROLE_WORDS[closing.group(2)]].extend(parse_units(closing.group(1)))
            continue
        for unit in parse_units(group):
            supervised, marked = _SUPERVISED.match(unit.text), _INLINE_ROLE.match(unit.text)
            if supervised:
                supervisors.extend(parse_units(supervised.group(1)))
            elif marked and (_ROLE_WORDS[marked.group(2)] != "lead" or marked.group(2) in _LEAD_MARKS):
                said = _ROLE_WORDS[marked.group(2)]
                roles[said].extend(parse_units(marked.group(1)))
                led = led or said == "lead"
            else:
                unmarked.append(marked and parse_units(marked.group(1))[0] or unit)
    for unit in unmarked:
        roles[role if not led or role != "implement" or is_local_government(unit) else "cooperate"].append(unit)
    roles["cooperate" if led else "lead"].extend(supervisors)
    return roles


def split_groups(names: str) -> list[str]:
    """"A（牵头），B、C，D" → ["A（牵头）", "B、C", "D"]: the comma- (or semicolon-) separated runs of a list,
    brackets kept whole."""
    groups, depth, current = [], 0, []
    for ch in names:
        depth += ch in "（("
        depth -= ch in "）)" and depth > 0
        if depth == 0 and ch in "，,；;":  # "X（主责）；Y、Z（协办）": a Word table cell's runs
            groups.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    groups.append("".join(current).strip())
    return [g for g in groups if g]


_LEAD_PHRASE = re.compile(_LEXICON.alternation(tuple(_GENRE.get("lead_phrases", ()))) or "牵头负责")
_TOGETHER = re.compile(_LEXICON.alternation(tuple(_GENRE.get("together_words", ()))) or "会同")


def role_phrase(phrase: str) -> str:
    """"由市环保局牵头负责" → "市环保局牵头": the lead-in 由 and a role phrase's second verb dropped."""
    return _LEAD_PHRASE.sub("牵头", phrase.strip().removeprefix("由"))


def together(names: str) -> tuple[str, str]:
    """"市住建局会同市环保局" → ("市住建局", "市环保局"): the units that have the role, and their partners."""
    parts = _TOGETHER.split(names, maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


# A note line's bracketed heading: a heading word ("【责任分工】") or a role label standing alone in its brackets
# ("【责任单位】县水务局牵头，县林业局配合。"), the units' roles then said by the prose after it.
_HEAD = re.compile(rf"^\s*[【〔\[]\s*(?:{_LEXICON.alternation(tuple(_GENRE.get('note_heads', ())) + tuple(_ROLE_OF_LABEL))})"
                   r"\s*[】〕\]]\s*")


def without_note_head(text: str) -> str:
    """"【责任分工】市水利局负责" → "市水利局负责": the bracketed heading some plans open a note line with."""
    return _HEAD.sub("", text, count=1) if _HEAD else text


def opens_with_note_head(text: str) -> bool:
    return bool(_HEAD and _HEAD.match(text))


_AS_LABEL = re.compile(rf"^(.+?)\s*[为是]\s*({_LEXICON.alternation(tuple(_ROLE_OF_LABEL))})$")


def label_part(part: str) -> tuple[str, str] | None:
    """(role, names) of "县住建局为牵头单位" / "相关乡镇人民政府为责任单位" / "各镇人民政府是责任主体": a unit list
    named as a note label. A 主体 ("X为责任主体") gets the role SUBJECT, settled by settle_subject once the whole
    note is read."""
    match = _AS_LABEL.match(part.strip())
    if match is None:
        return None
    return (SUBJECT if match.group(2).endswith("主体") else _ROLE_OF_LABEL[match.group(2)]), match.group(1)


SUBJECT = "subject"


def settle_subject(roles: dict[str, list[Unit]] | dict[str, tuple[Unit, ...]]) -> None:
    """The units a note calls 责任主体, in place: they lead the task ("区环保局为责任主体，区工信局协同配合",
    "区水利局为责任主体，各乡（镇）人民政府具体落实"), unless the note names another unit that leads or supervises
    it: then they are the ones who carry it out ("各乡（镇）人民政府为责任主体，区环保局负责监督指导")."""
    subject = roles.pop(SUBJECT, ())
    if not subject:
        return
    role = "implement" if roles["lead"] else "lead"
    roles[role] = type(roles[role])(subject) + roles[role]


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
    # "本方案所列各项工作，除注明外，均由各县（市、区）人民政府负责具体落实，不再一一注明。"
    re.compile(rf"(?:各项|所有|全部)(?:工作|任务)[^。]{{0,12}}?均由([^。；;，,]{{2,40}}?)(?:负责)?(?:具体)?落实[，,]?[^。]*?{_MARK}"),
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


_EXCEPT_NOTED = re.compile(r"除(?:另有|特别|已)?(?:注明|标明|明确|列明)(?:的|者)?(?:以)?外")


def excepts_noted(text: str) -> bool:
    """A default-implementer sentence that leaves out the tasks naming their own ("除注明外，均由…负责具体落实")."""
    return bool(_EXCEPT_NOTED.search(text))
