"""Responsibilities stated in running text, not in brackets: "由县经信局负责，县环保局配合，各乡镇人民政府负责落实。",
"此项工作由县住建局负责。", "县发改委牵头，县环保局配合。", and the columns of a task table read as rows
("牵头：县水利局；参与：县环保局；责任：各乡镇人民政府").

A sentence counts only when every comma-separated part of it is a list of units closed by a role word, so
"县环保局负责对企业开展检查" (a duty, not a note) and ordinary task sentences are left alone.
"""
from __future__ import annotations

import re

from rag.corpus.note_forms import (
    COLUMN_ROLES,
    SUBJECT,
    is_local_government,
    label_part,
    role_phrase,
    settle_subject,
    together,
    without_note_head,
    without_qualifier,
)
from rag.corpus.units import parse_units
from rag.lexicon import lexicon_section, load_lexicon
from rag.types import Clause, Responsibility, Unit

_LEXICON = load_lexicon()
_GENRE = lexicon_section("genre")
_UNIT_END = re.compile(rf"(?:{_LEXICON.alternation(_LEXICON.actor_endings + tuple(_GENRE.get('extra_actor_endings', ())))})$")
# "此项工作由…", "该任务由…": the lead-in before the units of a prose note.
_LEAD_IN = re.compile(rf"^(?:{'|'.join(_GENRE.get('prose_lead_ins', ()))})?由?")
_PARTS = re.compile(r"[，,；;]")
_SENTENCE = re.compile(r"[^。！!]+[。！!]?")
_ROLE_OF_COLUMN = COLUMN_ROLES
_CONNECTIVES = frozenset(_GENRE.get("prose_connectives", ()))
_REMIT = re.compile(rf"(?:{_LEXICON.alternation(tuple(_GENRE.get('remit_qualifiers', ('按职责',))))})$")
# A part saying its units supervise ("区环保局、区文旅局指导", "县生态环境局负责监督指导"): read apart from the role
# markers, as the 负责 before the mark is no lead of its own.
_EVERY_GOVERNMENT = re.compile(rf"^(?:{_LEXICON.alternation(tuple(_GENRE.get('every_government_openers', ('各',))))})")
_SUPERVISES = re.compile(rf"^(.+?)(?:负责)?(?:{_LEXICON.alternation(tuple(_GENRE.get('supervise_marks', ('指导',))))})$")


def _supervisors(part: str) -> tuple[Unit, ...]:
    """The units of a part that only supervises the task ("区环保局、区文旅局指导"); () for any other part."""
    match = _SUPERVISES.match(role_phrase(_LEAD_IN.sub("", without_note_head(part.strip()).strip(), count=1)))
    units = parse_units(match.group(1)) if match else ()
    return units if units and all(_is_unit(u) for u in units) else ()


def _supervised(found: list[tuple[str, str, tuple[Unit, ...], tuple[Unit, ...]]]
                ) -> list[tuple[str, str, tuple[Unit, ...], tuple[Unit, ...]]] | None:
    """Roles of a note whose local governments of a kind are supervised: "各乡镇负责，区环保局、区文旅局指导" and "各乡
    （镇）人民政府为责任主体，县生态环境局负责监督指导" make the governments the ones who carry the task out (落实), and
    the supervisors lead as the 指导单位 label does (beside a department that leads, they take part). None when the
    note has no supervising part or no such government under it: the roles are read part by part (_after_lead)."""
    supervising = {i for i, (part, *_rest) in enumerate(found) if _supervisors(part)}
    governed = {i for i, (part, role, units, _) in enumerate(found)
                if i not in supervising and role == "lead" and units
                and all(is_local_government(u) and _EVERY_GOVERNMENT.match(u.text) for u in units)
                and "牵头" not in part}
    if not supervising or not governed:
        return None
    led = any(role == "lead" for i, (_, role, _u, _p) in enumerate(found) if i not in supervising | governed)
    return [(part, "implement" if i in governed else ("cooperate" if led else "lead") if i in supervising else role,
             units, partners) for i, (part, role, units, partners) in enumerate(found)]


def _part_roles(part: str) -> tuple[str, tuple[Unit, ...], tuple[Unit, ...]] | None:
    """("lead", units, partners) for "县发改委牵头" / "由县住建局负责" / "市住建局会同市环保局负责"; None when the
    part is anything else."""
    part = role_phrase(_LEAD_IN.sub("", without_note_head(part.strip()).strip(), count=1))
    supervisors = _supervisors(part)
    if supervisors:  # "区环保局、区文旅局指导": its role is settled by the whole note (_supervised)
        return "lead", supervisors, ()
    labelled = label_part(part)  # "县住建局为牵头单位"
    if labelled is not None:
        units = parse_units(labelled[1])
        return (labelled[0], units, ()) if units and all(_is_unit(u) for u in units) else None
    for marker, role in _LEXICON.role_markers:
        if not part.endswith(marker):
            continue
        names, partners = together(without_qualifier(part[: -len(marker)].strip()))
        units, partner_units = parse_units(names), parse_units(partners)
        if units and all(_is_unit(u) for u in units + partner_units):
            return role, units, partner_units
        return None
    return None


_TRAILING_GLOSS = re.compile(r"[(（][^()（）]{1,6}[)）]$")


def _is_unit(unit: Unit) -> bool:
    # "各村（社区）": the bracket adds a second kind of unit; the name before it says what the unit is.
    name = _TRAILING_GLOSS.sub("", unit.text)
    return bool(_UNIT_END.search(name)) and 2 <= len(unit.text) <= 16


def _after_lead(part: str, role: str, roles: dict[str, tuple[Unit, ...]]) -> str:
    """The role of a 负责 part that follows a lead: "X牵头，Y负责" makes Y the implementer; "由X牵头，Y、Z按职责分工
    负责" makes Y and Z the departments that take part (配合), each in its own remit."""
    if role != "lead" or not roles["lead"] or part.endswith("牵头") or label_part(without_note_head(part)):
        return role
    said = role_phrase(_LEAD_IN.sub("", part.strip(), count=1))
    if not said.endswith("负责"):
        return role  # "X负责，Y督促指导": a supervisor after the lead is no implementer
    return "cooperate" if _REMIT.search(said[:-2]) else "implement"


def _role_suffix(sentence: str) -> tuple[int, dict[str, tuple[Unit, ...]]] | None:
    """Where the trailing run of role parts of a sentence starts (0: the whole sentence), with its units by role."""
    body = sentence.rstrip().rstrip("。！!")
    cuts = [0] + [m.end() for m in _PARTS.finditer(body)]
    start, found = None, []
    for begin, end in reversed(list(zip(cuts, cuts[1:] + [len(body) + 1]))):
        part = body[begin:end].rstrip("，,；;")
        roles_of_part = _part_roles(part) if part.strip() else None
        if roles_of_part is None:
            break
        found.insert(0, (part, *roles_of_part))  # (part, role, units, partners)
        start = begin
    if start is None:
        return None
    roles: dict[str, tuple[Unit, ...]] = {"lead": (), "cooperate": (), "implement": (), SUBJECT: ()}
    supervised = _supervised(found)
    for part, role, units, partners in supervised or found:
        role = role if supervised else _after_lead(part, role, roles)
        roles[role] += units
        roles["cooperate"] += partners
    settle_subject(roles)
    return start, roles


def _role_prefix(sentence: str) -> tuple[int, dict[str, tuple[Unit, ...]]] | None:
    """Units by role of a sentence opening with a run of role parts whose later parts say something else, with
    where the rest begins: "由县住建局负责，县财政局保障资金。", or a run holding a 牵头 part before the task it
    assigns ("此外，市环保局牵头，市公安局配合，各县政府负责落实，开展…专项执法。"). Without 由 or 牵头 a
    sentence opening "X负责" states a duty, not a note."""
    body = sentence.rstrip().rstrip("。！!")
    cuts = [0] + [m.end() for m in _PARTS.finditer(body)]
    spans = list(zip(cuts, cuts[1:] + [len(body) + 1]))
    if spans and body[: spans[0][1]].rstrip("，,；;").strip() in _CONNECTIVES:
        spans = spans[1:]
    if not spans:
        return None
    opening = _LEAD_IN.match(body[spans[0][0]:].strip())
    by_you = opening is not None and opening.group(0).endswith("由")
    roles: dict[str, tuple[Unit, ...]] = {"lead": (), "cooperate": (), "implement": (), SUBJECT: ()}
    rest, led = None, False
    for begin, end in spans:
        part = body[begin:end].rstrip("，,；;")
        found = _part_roles(part) if part.strip() else None
        if found is None:
            rest = begin
            break
        led = led or role_phrase(_LEAD_IN.sub("", part.strip(), count=1)).endswith("牵头")
        role, units, partners = found
        role = _after_lead(part, role, roles)
        roles[role] += units
        roles["cooperate"] += partners
    settle_subject(roles)
    if not any(roles.values()) or not (by_you or led and rest is not None):
        return None
    return (rest if rest is not None else len(body)), roles


def prose_note(sentence: str) -> dict[str, tuple[Unit, ...]] | None:
    """Units by role of a sentence that is wholly a responsibility statement; None otherwise."""
    found = _role_suffix(sentence)
    return found[1] if found and found[0] == 0 else None


def prose_responsibilities(clause: Clause) -> list[Responsibility]:
    """One responsibility per prose note of a task clause (a whole sentence, or the closing parts of its last
    sentence: "…，各乡镇人民政府负责落实。"), covering the text back to the previous one."""
    found: list[Responsibility] = []
    covered_from = 0
    matches = list(_SENTENCE.finditer(clause.text))
    for k, match in enumerate(matches):
        suffix = _role_suffix(match.group(0))
        rest = None
        if suffix is None and k == len(matches) - 1:
            opening = _role_prefix(match.group(0))
            suffix = (0, opening[1]) if opening else None
            rest = opening[0] if opening else None
        if suffix is None or (suffix[0] and k < len(matches) - 1):
            continue
        at = match.start() + suffix[0]
        span = clause.text[covered_from: at].strip("。，,；; \n")
        note_end = match.end()
        if not span and rest is not None:  # the roles open the sentence: the task is what follows them
            span, note_end = match.group(0)[rest:].strip("。，,；; \n"), match.start() + rest
        covered_from = match.end()
        roles = suffix[1]
        if span:
            found.append(Responsibility(clause.plan_id, clause.clause_id, roles["lead"], roles["cooperate"],
                                        roles["implement"], span, clause.text[at: note_end].strip("，, ")))
    return found


def row_responsibility(clause: Clause) -> Responsibility | None:
    """A task table row read as "列名：值；…" whose columns name roles (牵头/参与/责任, 牵头单位, 责任部门…)."""
    cells = [cell.partition("：") for cell in clause.text.split("；")]
    roles: dict[str, tuple[Unit, ...]] = {"lead": (), "cooperate": (), "implement": ()}
    task = ""
    for name, colon, value in cells:
        role = _ROLE_OF_COLUMN.get(name.strip()) if colon else None
        if role and value.strip():
            # "责任单位：市住建局牵头，桃林镇人民政府配合": a cell that states the roles itself is read by its role words,
            # not as one list of the column's role
            stated = prose_note(value.strip())
            if stated and (stated["lead"] or stated["cooperate"]):
                for said, units in stated.items():
                    roles[said] += units
            else:
                roles[role] += parse_units(value.strip())
        elif colon and len(value) > len(task) and not re.search(r"\d{4}\s*年", value):
            task = value.strip()
    if not any(roles.values()) or not task:
        return None
    note = "；".join(f"{n}：{v}" for n, c, v in cells if c and _ROLE_OF_COLUMN.get(n.strip()))
    return Responsibility(clause.plan_id, clause.clause_id, roles["lead"], roles["cooperate"], roles["implement"],
                          task, note)
