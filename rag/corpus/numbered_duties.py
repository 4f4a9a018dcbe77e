"""Responsibilities a plan assigns by task number in a section of its own, away from the tasks: "第五条由市工信局
牵头，市生态环境局配合。第六条、第七条由市住建局牵头，…", "第（一）项由县环保局牵头，…；第（二）至（三）项由县住建局牵头，
…，各乡镇人民政府负责落实". Plans written in articles (第X条) or with a 责任分工 section after their task list do this
instead of a note under each task; each statement becomes the note of every task it numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rag.corpus.prose_notes import prose_note
from rag.normalize import chinese_number
from rag.types import Clause, Responsibility

_NUMERAL = "一二三四五六七八九十百零〇两"
# The numbers a statement opens with, up to the 由 before its units: "第六条、第七条", "第（二）至（三）项", "第1-3项".
_HEAD = re.compile(rf"第[\s{_NUMERAL}\d（()）条项、，,和及与至到—–\-~第]*?[条项]\s*由")
_NUMBER = re.compile(rf"[{_NUMERAL}]+|\d+")
_RANGE = re.compile(r"[至到—–\-~]")
_STATEMENTS = re.compile(r"[^。；;！!]+")
# What may stand before the first statement in its sentence: the clause's own number and a short heading
# ("第十一条 ", "三、责任分工").
_BEFORE = 14


@dataclass(frozen=True)
class Assignment:
    """One statement: the task numbers it names, their kind (条 or 项), whether written in brackets, its roles."""

    numbers: tuple[int, ...]
    kind: str
    bracketed: bool
    arabic: bool
    statement: str
    roles: dict


def assignments(text: str) -> list[Assignment]:
    """The statements of a clause that assign numbered tasks to units; [] when it has none."""
    found = []
    for match in _STATEMENTS.finditer(text):
        sentence = match.group(0)
        head = _HEAD.search(sentence)
        if head is None or head.start() > _BEFORE or "由" in sentence[: head.start()]:
            continue
        roles = prose_note("由" + sentence[head.end():].strip())
        numbers = _numbers(head.group(0))
        if roles is None or not any(roles.get(r) for r in ("lead", "cooperate", "implement")) or not numbers:
            continue
        words = head.group(0)
        found.append(Assignment(numbers, "条" if "条" in words else "项", "（" in words or "(" in words,
                                bool(re.search(r"\d", words)), sentence[head.start():].strip(), roles))
    return found


def _numbers(head: str) -> tuple[int, ...]:
    """"第（二）至（四）项" → (2, 3, 4); "第六条、第七条" → (6, 7)."""
    tokens = list(_NUMBER.finditer(head))
    values: list[int] = []
    for k, token in enumerate(tokens):
        value = int(token.group(0)) if token.group(0).isdigit() else chinese_number(token.group(0))
        if value is None:
            return ()
        between = head[tokens[k - 1].end(): token.start()] if k else ""
        if values and _RANGE.search(between) and value > values[-1]:
            values.extend(range(values[-1] + 1, value + 1))
        else:
            values.append(value)
    return tuple(values)


def _number_of(clause: Clause) -> tuple[str, int] | None:
    """The numbering of a clause as a statement names it: ("条", 7) for 第七条, ("（）", 3) for （三）, ("1", 2) for 2."""
    last = clause.clause_id.rsplit("/", 1)[-1]
    article = re.fullmatch(rf"第([{_NUMERAL}]+)条", last)
    if article:
        return "条", chinese_number(article.group(1)) or 0
    bracketed = re.fullmatch(rf"（([{_NUMERAL}]+)）", last)
    if bracketed:
        return "（）", chinese_number(bracketed.group(1)) or 0
    return ("1", int(last)) if last.isdigit() else None


def _form(assignment: Assignment) -> str:
    if assignment.kind == "条":
        return "条"
    return "1" if assignment.arabic else "（）"


def numbered_responsibilities(clauses: list[Clause] | tuple[Clause, ...]) -> tuple[list[Responsibility], set[str]]:
    """The responsibilities assigned by number, one per task numbered, and the ids of the clauses stating them.
    A 项 number may recur under several parents ("二、（一）" and "四、（一）"): the tasks are the children of the
    one parent before the statements that holds most of the numbers they name (the nearest on a tie)."""
    found: list[Responsibility] = []
    stating: set[str] = set()
    for at, clause in enumerate(clauses):
        own = clause.number.strip()
        statements = assignments(clause.text[len(own):] if own and clause.text.startswith(own) else clause.text)
        if not statements:
            continue
        earlier = [c for c in clauses[:at] if c.plan_id == clause.plan_id]
        for form in {_form(s) for s in statements}:
            named = {n for s in statements if _form(s) == form for n in s.numbers}
            tasks = _tasks(earlier, form, named)
            for statement in (s for s in statements if _form(s) == form):
                for number in statement.numbers:
                    task = tasks.get(number)
                    if task is not None:
                        roles = statement.roles
                        found.append(Responsibility(task.plan_id, task.clause_id, roles["lead"], roles["cooperate"],
                                                    roles["implement"], task.text, statement.statement))
                        stating.add(clause.clause_id)
    return found, stating


def _tasks(earlier: list[Clause], form: str, named: set[int]) -> dict[int, Clause]:
    """Number → task clause, among the earlier clauses numbered in that form under the parent holding most of them."""
    by_parent: dict[str | None, dict[int, Clause]] = {}
    for clause in earlier:
        number = _number_of(clause)
        if number and number[0] == form and number[1] in named:
            by_parent.setdefault(clause.parent_id, {}).setdefault(number[1], clause)
    if not by_parent:
        return {}
    order = list(by_parent)
    best = max(order, key=lambda parent: (len(by_parent[parent]), order.index(parent)))
    return by_parent[best]
