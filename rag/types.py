"""Frozen dataclasses passed between pipeline stages (see DESIGN.md)."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from rag.lexicon import load_lexicon


@dataclass(frozen=True)
class Plan:
    """One plan document and its metadata."""

    plan_id: str
    title: str
    issuer: str
    level: str  # province | city | district
    regions: tuple[str, ...]  # names and aliases a question may use
    doc_number: str
    date: str  # ISO date, or "" when unknown
    source_file: str  # file name inside corpus/
    content_hash: str  # sha256 of the raw bytes
    province: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Clause:
    """One addressable unit of a plan: a section, item, task paragraph or table row."""

    plan_id: str
    clause_id: str  # stable, from the numbering path: "zhoucun-2016/三/（一）/2/3"
    path: tuple[str, ...]  # breadcrumb titles from the plan root to this clause
    kind: str  # preamble | section | subsection | item | subitem | task | paragraph | table | table-row
    text: str  # display form: the cleaned original text
    norm: str  # matching form: NFKC, simplified, Roman numerals unified
    start: int  # character offsets of `text` in the decoded raw file
    end: int
    parent_id: str | None = None
    number: str = ""  # the numbering token as written ("（一）", "1．", "表1"), "" for task paragraphs

    @property
    def breadcrumb(self) -> str:
        return " › ".join(self.path)

    def to_json(self) -> dict[str, Any]:
        row = asdict(self)
        row["path"] = list(self.path)
        return row


@dataclass(frozen=True)
class Unit:
    """A responsible unit: as written in the plan, and its normalised name for matching."""

    text: str
    name: str


@dataclass(frozen=True)
class Responsibility:
    """A responsibility note and the clause span it covers."""

    plan_id: str
    clause_id: str
    lead_units: tuple[Unit, ...]
    cooperating_units: tuple[Unit, ...]
    implementing_units: tuple[Unit, ...]
    span: str  # the text the note covers (back to the previous note)
    note: str  # the raw note text as written
    inherited: tuple[Unit, ...] = ()  # default implementers set by an earlier "以下…不再列出" note


@dataclass(frozen=True)
class Target:
    """A quantified goal: "到2020年，全区污水处理率达到95%以上"."""

    plan_id: str
    clause_id: str
    indicator: str
    value: float | None
    unit: str  # "%", "mg/L", "类", "个", "万吨"…, "" when none
    value_text: str  # as written: "95%", "Ⅴ类"
    comparator: str  # 达到 | 以上 | 以内 | 不低于 | 低于 | 下降 | 提高到 | 提升到 | 控制在 | 消除 …
    year: int | None
    deadline: str  # the deadline phrase as written, "" when only a year
    baseline_year: int | None
    baseline_value: str  # "从…" value as written, "" when none
    span: str  # the quoted sentence the target comes from


@dataclass(frozen=True)
class Deadline:
    """A time limit on a task: "2017年底前", "自2016年起", "每季度"."""

    plan_id: str
    clause_id: str
    text: str  # as written
    year: int | None
    month: int | None
    kind: str  # by | from | periodic | in | ongoing ("长期坚持" in a time-limit column)
    span: str  # the sentence it governs


@dataclass(frozen=True)
class Hit:
    """A retrieved clause with its fused score and the retrievers that found it."""

    clause: Clause
    score: float
    sources: tuple[str, ...]  # "bm25", "dense", "fact"
    ranks: tuple[tuple[str, int], ...] = ()  # (retriever, 1-based rank) pairs
    sentence: str = ""  # the clause's sentence closest in meaning to the question, when sentence vectors found one


@dataclass(frozen=True)
class Citation:
    """A cited clause, with its verbatim text so a reader can check the answer."""

    n: int
    plan_id: str
    plan_title: str
    clause_id: str
    path: str
    text: str
    quote: str = ""  # the span the answer relied on, when it used one

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Grounding:
    """Verdict of the grounding check over an answer."""

    passed: bool
    checked: int  # numbers, dates and units checked
    removed: tuple[str, ...] = ()  # statements dropped because they failed


@dataclass(frozen=True)
class Answer:
    """The assistant's reply to one question."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    intent: str = "general"
    plan_ids: tuple[str, ...] = ()
    facts: tuple[dict[str, Any], ...] = ()
    grounding: Grounding = field(default_factory=lambda: Grounding(True, 0))
    generator: str = "direct"  # direct | llm | llm-fallback
    timings_ms: tuple[tuple[str, float], ...] = ()
    latency_ms: float = 0.0
    error: str = ""  # a user-facing message for a rejected question
    resolved_question: str = ""  # a follow-up ("那昌邑区呢？") as understood, "" when asked in full

    def to_json(self, question_id: Any = None) -> dict[str, Any]:
        row: dict[str, Any] = {}
        if question_id is not None:
            row["id"] = question_id
        row.update(
            question=self.question,
            answer=self.answer,
            abstained=self.abstained,
            citations=[c.to_json() for c in self.citations],
            latency_ms=round(self.latency_ms, 2),
            intent=self.intent,
            plan_ids=list(self.plan_ids),
            facts=list(self.facts),
            grounding=asdict(self.grounding),
            generator=self.generator,
            timings_ms={k: round(v, 2) for k, v in self.timings_ms},
        )
        if self.error:
            row["error"] = self.error
        if self.resolved_question:
            row["resolved_question"] = self.resolved_question
        return row


@dataclass(frozen=True)
class FileStatus:
    """What loading did with one file of the corpus folder, for `rag plans` and the app's notice."""

    file: str
    status: str  # loaded | inferred (no usable plans.toml entry) | skipped | refused | ignored
    plan_id: str = ""
    reason: str = ""  # plain words: why skipped, refused or ignored; how it was decoded


@dataclass(frozen=True)
class Corpus:
    """Everything parsed from corpus/: plans, clauses and the facts extracted from them."""

    plans: tuple[Plan, ...]
    clauses: tuple[Clause, ...]
    responsibilities: tuple[Responsibility, ...] = ()
    targets: tuple[Target, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    problems: tuple[str, ...] = ()  # files skipped or repaired, in plain words
    files: tuple[FileStatus, ...] = ()  # every file of the corpus folder and what became of it

    def plan(self, plan_id: str) -> Plan:
        return self._plans_by_id[plan_id]

    def clause(self, clause_id: str) -> Clause:
        return self._clauses_by_id[clause_id]

    def display_name(self, plan_id: str) -> str:
        """How answers and tables name a plan: its first region ("周村区"), else its title."""
        plan = self.plan(plan_id)
        return plan.regions[0] if plan.regions else plan.title

    def notes_of(self, clause_id: str) -> list[Responsibility]:
        """The responsibility notes of one clause, in order."""
        return self._facts_by_clause["responsibility"].get(clause_id, [])

    def targets_of(self, clause_id: str) -> list[Target]:
        return self._facts_by_clause["target"].get(clause_id, [])

    def deadlines_of(self, clause_id: str) -> list[Deadline]:
        return self._facts_by_clause["deadline"].get(clause_id, [])

    def default_source(self, plan_id: str) -> Clause | None:
        """The clause whose note sets the plan's default implementers ("以下…不再列出"), cited with them."""
        return self._default_sources.get(plan_id)

    def plan_text(self, plan_id: str) -> str:
        """The normalised text of all clauses of one plan, one clause a line (for "is X mentioned at all")."""
        return self._plan_texts.get(plan_id, "")

    # Caches keyed on the corpus (measure words, document frequencies, county sub-plans) hash it on every question:
    # the generated hash walks every clause and fact each time, several milliseconds a question. Its fields never
    # change (frozen), so the hash is computed once; equality stays by value (a corpus read back from the store).
    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash((self.plans, self.clauses, self.responsibilities, self.targets, self.deadlines, self.problems,
                     self.files))

    # Built on first lookup: answers look clauses up by id on the query path.
    @cached_property
    def _plans_by_id(self) -> dict[str, Plan]:
        return {plan.plan_id: plan for plan in self.plans}

    @cached_property
    def _clauses_by_id(self) -> dict[str, Clause]:
        return {clause.clause_id: clause for clause in self.clauses}

    @cached_property
    def _plan_texts(self) -> dict[str, str]:
        lines: dict[str, list[str]] = {}
        for clause in self.clauses:
            lines.setdefault(clause.plan_id, []).append(clause.norm)
        return {plan_id: "\n".join(texts) for plan_id, texts in lines.items()}

    @cached_property
    def _facts_by_clause(self) -> dict[str, dict[str, list[Any]]]:
        return {"responsibility": by_clause(self.responsibilities), "target": by_clause(self.targets),
                "deadline": by_clause(self.deadlines)}

    @cached_property
    def _default_sources(self) -> dict[str, Clause]:
        # The first such clause of each plan: walking backwards, earlier clauses overwrite later ones. The mark in
        # every wording the note parser reads ("不再列出", "不再一一列出"…), so what it inherits is also cited.
        mark = re.compile(load_lexicon().default_mark_pattern)
        return {c.plan_id: c for c in reversed(self.clauses) if mark.search(c.text)}


def names(units: tuple[Unit, ...]) -> list[str]:
    """Unit names as written in the plan."""
    return [unit.text for unit in units]


def by_clause(items: Iterable[Any]) -> dict[str, list[Any]]:
    """Facts (responsibilities, targets, deadlines) grouped by the clause they belong to, in order."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        grouped[item.clause_id].append(item)
    return dict(grouped)
