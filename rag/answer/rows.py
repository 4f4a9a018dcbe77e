"""Which row of a table the question means: a row of several (流域：黄河流域 / 流域：海河流域) is an answer only when the
question names what sets it apart from its siblings, or when every sibling states the same value."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rag.answer.absent import ASIDE
from rag.answer.evidence import bigrams
from rag.answer.query import Query
from rag.normalize import normalize
from rag.types import Clause, Corpus

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class RowChoice:
    """The verdict on one candidate row: its quoted cell, and whether the question identifies it."""

    row: Clause
    quote: str
    identified: bool
    named: bool  # the question names the row's own label (not only: every sibling states the same value)
    label: str  # the row's own label ("黄河流域")
    labels: tuple[str, ...]  # each sibling's label ("黄河流域", "海河流域"), for the refusal
    naming: float = 1.0  # the share of the row's own words the question names (县城污水处理率 half-named by 城市污水处理率)


def cells(row: Clause) -> list[str]:
    """A row's cells: "流域：黄河流域；2016年：41.38%" by "；", a plain row ("1 周村区 杨古水源地 …") by spaces."""
    return [c.strip() for c in (row.text.split("；") if "；" in row.text else row.text.split()) if c.strip()]


def _value(cell: str) -> str:
    return cell.split("：", 1)[1] if "：" in cell else cell


def asked_cell(row: Clause, year: int | None) -> str:
    """The cell answering a question about `year` ("2019年：56.90%"), else the whole row."""
    found = [c for c in cells(row) if year and c.startswith(f"{year}年")]
    return found[0] if found else row.text


def siblings(corpus: Corpus, row: Clause) -> list[Clause]:
    """The rows of the same table, the row itself included, in order."""
    table_id = row.parent_id or row.clause_id.rsplit("/", 1)[0]
    return [c for c in corpus.clauses if c.kind == "table-row" and c.clause_id.startswith(table_id + "/")]


def _label_grams(row: Clause) -> set[str]:
    """The Chinese bigrams of a row's text cells (numbers and year columns left out)."""
    grams: set[str] = set()
    for cell in cells(row):
        value = _value(cell)
        if _CJK.search(value) and not re.fullmatch(r"\d{4}年", cell.split("：", 1)[0]):
            grams |= {g for g in bigrams(normalize(value)) if _CJK.search(g)}
    return grams


def _label(row: Clause) -> str:
    """The row's first text cell, the name a reader knows it by ("黄河流域")."""
    return next((_value(c) for c in cells(row) if _CJK.search(_value(c))), row.text[:12])


def asked_words(query: Query) -> str:
    """The question's words that can name a row: an English question names it through the plans' words its
    glossary terms add ("Yellow River basin" → 黄河 流域), its own letters name no Chinese label."""
    return f"{query.norm} {normalize(query.expansion)}" if query.language == "en" else query.norm


def stated_years(row: Clause) -> tuple[int, ...]:
    """The years a row gives a column to ("2016年：41.38%" … "2020年：62.07%")."""
    return tuple(int(c[:4]) for c in cells(row) if re.match(r"\d{4}年", c))


def choose(corpus: Corpus, query: Query, row: Clause) -> RowChoice:
    """Whether the question identifies `row` among its siblings. The words every sibling shares ("流域", "水源地")
    name none of them; a question naming none of the words that set this row apart (asked about 全省, say, where
    the table only has rows per basin) is answered by no row, unless all rows state the same value."""
    rows = siblings(corpus, row)
    quote = asked_cell(row, query.year)
    if len(rows) < 2:
        return RowChoice(row, quote, True, True, _label(row), ())
    values = {_value(asked_cell(r, query.year)) if query.year else _value(cells(r)[-1]) for r in rows}
    shared = set.intersection(*(_label_grams(r) for r in rows))
    own = _label_grams(row) - shared
    asked = bigrams(asked_words(query))
    named = bool(own & asked)
    naming = len(own & asked) / len(own) if own else 0.0
    return RowChoice(row, quote, named or len(values) == 1, named, _label(row), tuple(_label(r) for r in rows),
                     naming)


def table_reference(corpus: Corpus, table: Clause) -> str:
    """The piece of the plan's text that points to a table ("全省主要河流水质优良(达到或优于Ⅲ类)断面比例分年度目标见
    表1"), its short asides cut; empty when no text points to it. Only the piece (between commas or semicolons): one
    sentence often points to two tables, each named in its own piece."""
    key = table.clause_id.rsplit("/", 1)[-1]
    piece = re.compile(rf"[^，,；;。]*见{re.escape(key)}(?!\d)")
    for clause in corpus.clauses:
        if clause.plan_id == table.plan_id and clause.kind not in ("table", "table-row"):
            found = piece.search(clause.text)
            if found:
                return ASIDE.sub("", found.group(0))
    return ""
