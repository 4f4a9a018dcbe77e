"""A task table's one duty column ("责任分工", "任务分工") whose cells hold the roles as labelled fields
("牵头单位：区生态环境局；责任单位：区经济信息委、各镇街"): the cell is read as the role columns it names, so the row
keeps the lead apart from the units under it instead of one undivided cell. Pure functions."""
from __future__ import annotations

from rag.corpus.note_forms import labelled_fields
from rag.lexicon import lexicon_section

# The headings of a note or a column that divides the work ("【责任分工】…", a "责任分工" column).
DUTY_COLUMNS = frozenset(lexicon_section("genre").get("note_heads", ()))


def duty_fields(column: str, value: str) -> list[tuple[str, str]]:
    """(column, value) pairs of one cell: a duty column's labelled roles each as its own column; any other cell, or a
    duty cell with no role label, as it is."""
    if column not in DUTY_COLUMNS:
        return [(column, value)]
    fields = [(label, names) for label, names in labelled_fields(value) if names]
    return fields or [(column, value)]
