"""Responsibility columns of task tables drawn with box characters or pipes ("│1 │市建委 │启动南运河改造工程。│2005年5月底以前│"):
the header names the columns (责任单位, 牵头部门…), each row's cells give the units."""
from __future__ import annotations

import re

from rag.corpus.repair import repaired
from rag.corpus.units import parse_units
from rag.lexicon import load_lexicon
from rag.types import Clause, Responsibility

_LEXICON = load_lexicon()
_ROLE_OF_LABEL = dict(_LEXICON.role_labels)
_CELL_SPLIT = re.compile(r"[│|┃]")
_BORDER = re.compile(r"^[\s┌┬┐├┼┤└┴┘─━│|+\-=]*$")


def cells(text: str) -> list[str]:
    """The cells of a drawn row, blanks kept (an empty cell is a continued row)."""
    return [part.strip() for part in _CELL_SPLIT.split(text.strip().strip("│|┃"))]


def _header_roles(row: list[str]) -> dict[int, str]:
    """Column index → role, for a header row that names at least one responsibility column."""
    return {i: _ROLE_OF_LABEL[cell] for i, cell in enumerate(row) if cell in _ROLE_OF_LABEL}


def table_responsibilities(clauses: list[Clause] | tuple[Clause, ...]) -> list[Responsibility]:
    """A responsibility for each table row that fills a 责任单位/牵头部门/配合部门 column."""
    found: list[Responsibility] = []
    roles: dict[int, str] = {}
    width = 0
    for clause in clauses:
        text = repaired(clause.text)
        if "│" not in text and "|" not in text and not _BORDER.match(text):
            roles, width = {}, 0  # the table ended
            continue
        if _BORDER.match(text):
            continue
        row = cells(text)
        header = _header_roles(row)
        if header:
            roles, width = header, len(row)
            continue
        if roles and len(row) == width:
            units = {role: parse_units(row[i]) for i, role in roles.items() if row[i]}
            if units:
                task = " ".join(cell for i, cell in enumerate(row) if i not in roles and cell and not cell.isdigit())
                found.append(Responsibility(
                    clause.plan_id, clause.clause_id, units.get("lead", ()), units.get("cooperate", ()),
                    units.get("implement", ()), task, " ".join(row[i] for i in roles if row[i])))
    return found
