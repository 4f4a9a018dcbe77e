"""Direct answers (no LLM) built from extracted facts and clause text, every line cited."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import partial

from rag.draft import Draft
from rag.evidence import content_of, coverage
from rag.query import Query
from rag.quotes import FACT_FLOOR, QuoteAnswers, Search
from rag.types import Corpus, Deadline, Hit, Responsibility, Target
from rag.views import by_clause, names

_ASPECTS = (("deadline", r"什么时候|何时|哪一?年|期限|底前|时限|when|deadline|which year"),
            ("lead", r"谁|哪个部门|哪些部门|牵头|负责|who|lead"))


def stated(target: Target) -> str:
    """The comparator and value as the plan states them: "达到95%以上", "控制在15%以内"."""
    base = target.comparator
    for suffix in ("以上", "以下", "以内", "左右"):
        if base.endswith(suffix) and target.value_text.endswith(suffix):
            base = base[: -len(suffix)]
    return f"{base}{target.value_text}"


def _aspect(norm: str) -> str:
    """What a comparison compares: deadlines, who leads, or (by default) targets."""
    return next((name for name, pattern in _ASPECTS if re.search(pattern, norm)), "target")


class Composer(QuoteAnswers):
    """Turns a question, its retrieved clauses and the corpus facts into a cited answer."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.notes = by_clause(corpus.responsibilities)
        self.targets = by_clause(corpus.targets)
        self.deadlines = by_clause(corpus.deadlines)
        # The clause whose note set each plan's default implementers ("以下…不再列出"), cited with them.
        self.default_sources = {c.plan_id: c for c in reversed(corpus.clauses) if "不再列出" in c.text}

    def compose(self, query: Query, hits: list[Hit], search: Search) -> Draft:
        """The direct answer for a question whose evidence has passed the abstention check."""
        handler = {
            "lead": self.who, "cooperate": self.who, "implement": self.who,
            "target": self.target, "deadline": self.deadline, "compare": self.compare,
            "list": self.listing, "obligation": self.obligation,
        }.get(query.intent, self.general)
        draft = handler(query, hits, search)
        if not draft.lines:
            draft = self.general(query, hits, search)
        return draft

    # --- who leads / cooperates / implements -------------------------------------------------
    def best_note(self, query: Query, hits: list[Hit]) -> tuple[Responsibility, float] | None:
        """The responsibility note whose covered text best matches the question, among the top clauses."""
        subject = content_of(query.search_text)
        scored = []
        for rank, hit in enumerate(hits[:8]):
            title = hit.clause.path[-1] if hit.clause.path else ""
            for note in self.notes.get(hit.clause.clause_id, []):
                # A task's title names the task; a match there outweighs a match in its body.
                scored.append((coverage(subject, note.span) + 0.5 * coverage(subject, title) - 0.03 * rank, note))
        if not scored:
            return None
        score, note = max(scored, key=lambda pair: pair[0])
        return note, score

    def who(self, query: Query, hits: list[Hit], search: Search) -> Draft:
        draft = Draft(self.corpus)
        per_plan = self._per_plan(query, hits)
        for plan_hits in per_plan:
            found = self.best_note(query, plan_hits)
            if not found:
                continue
            note, _ = found
            n = draft.cite(self.corpus.clause(note.clause_id), note.span)
            prefix = f"{self._short(note.plan_id)}：" if len(per_plan) > 1 else ""
            draft.lines.append(f"{prefix}{self._roles_line(note)} [{n}]")
            source = self.default_sources.get(note.plan_id)
            if note.inherited and source is not None and source.clause_id != note.clause_id:
                quote = re.search(r"[^，,。（(]*以下[^（()）]*?不再列出", source.text)
                m = draft.cite(source, quote.group(0) if quote else "")
                draft.lines.append(f"（{'、'.join(names(note.inherited))}为全篇统一的落实单位 [{m}]）")
            draft.facts.append({"type": "responsibility", "clause_id": note.clause_id, "lead_units": names(note.lead_units),
                                "cooperating_units": names(note.cooperating_units),
                                "implementing_units": names(note.implementing_units)})
        return draft

    def _roles_line(self, note: Responsibility) -> str:
        parts = []
        stated_here = tuple(u for u in note.implementing_units if u not in note.inherited)
        for label, units in (("牵头", note.lead_units), ("配合/参与", note.cooperating_units),
                             ("落实/责任", stated_here)):
            if units:
                parts.append(f"{label}：{'、'.join(names(units))}")
        deadlines = [d.text for d in self.deadlines.get(note.clause_id, []) if d.text in note.span]
        if deadlines:
            parts.append(f"期限：{'、'.join(dict.fromkeys(deadlines))}")
        return "；".join(parts) + "。"

    def _per_plan(self, query: Query, hits: list[Hit]) -> list[list[Hit]]:
        """Hits grouped by plan when the question names no plan and several plans answer it; else one group."""
        if query.plan_ids or not hits:
            return [hits]
        subject = content_of(query.search_text)
        top = coverage(subject, hits[0].clause.text)
        groups: dict[str, list[Hit]] = defaultdict(list)
        for hit in hits:
            groups[hit.clause.plan_id].append(hit)
        strong = [g for g in groups.values() if coverage(subject, g[0].clause.text) >= max(0.5, top - 0.15)]
        return strong if len(strong) > 1 else [hits]

    # --- targets and deadlines --------------------------------------------------------------
    def best_targets(self, query: Query, hits: list[Hit]) -> list[tuple[float, Target]]:
        subject = content_of(query.search_text)
        scored = []
        for rank, hit in enumerate(hits[:8]):
            for target in self.targets.get(hit.clause.clause_id, []):
                # The sentence says where; the indicator says which of its figures is meant.
                score = coverage(subject, f"{target.indicator} {target.span}") + 0.5 * coverage(subject, target.indicator) \
                    - 0.02 * rank
                scored.append((score, target))
        return sorted(scored, key=lambda pair: -pair[0])

    def table_cell(self, query: Query, hits: list[Hit]) -> Draft:
        """A target read from a table row: "流域：黄河流域；…；2019年：56.90%" answers 黄河流域 2019年."""
        draft = Draft(self.corpus)
        subject = content_of(query.search_text)
        rows = [h.clause for h in hits[:4] if h.clause.kind == "table-row" and coverage(subject, h.clause.norm) >= 0.5]
        for row in rows[:1]:
            cells = [cell for cell in row.text.split("；") if query.year and cell.startswith(f"{query.year}年")]
            quote = cells[0] if cells else row.text
            draft.lines.append(f"{self._prefix(query, row.plan_id)}{row.path[-1]}：「{quote}」[{draft.cite(row, quote)}]")
        return draft

    def target(self, query: Query, hits: list[Hit], search: Search, floor: float = FACT_FLOOR) -> Draft:
        from_table = self.table_cell(query, hits)
        if from_table.lines:
            return from_table
        draft = Draft(self.corpus)
        scored = [(s, t) for s, t in self.best_targets(query, hits) if s >= floor]
        if not scored:
            return draft
        if query.year and any(t.year == query.year for _, t in scored):
            scored = [(s, t) for s, t in scored if t.year == query.year]
        best = scored[0][0]
        chosen = [t for s, t in scored if s >= best - 0.05][:3]
        if query.year and not any(t.year == query.year for t in chosen):
            years = sorted({t.year for t in chosen if t.year})
            years_text = "、".join(f"{y}年" for y in years) or "其他年份"
            numbers = "".join(f"[{draft.cite(self.corpus.clause(t.clause_id), t.span)}]" for t in chosen)
            draft.lines.append(f"方案没有规定所问年份的该项目标；相关条款规定的是{years_text}的目标 {numbers}。")
            draft.abstained = True
            return draft
        if query.year:
            chosen = [t for t in chosen if t.year == query.year]
        for target in chosen:
            n = draft.cite(self.corpus.clause(target.clause_id), target.span)
            draft.lines.append(f"{self._prefix(query, target.plan_id)}{target.indicator}：{stated(target)}"
                               f"{self._when(target)}。原文：「{target.span}」[{n}]")
            draft.facts.append({"type": "target", "clause_id": target.clause_id, "indicator": target.indicator,
                                "value": target.value_text, "year": target.year})
        return draft

    @staticmethod
    def _when(target: Target) -> str:
        if target.deadline:
            return f"（{target.deadline}）"
        return f"（{target.year}年）" if target.year else ""

    def deadline(self, query: Query, hits: list[Hit], search: Search) -> Draft:
        draft = Draft(self.corpus)
        subject = content_of(query.search_text)
        scored: list[tuple[float, Deadline]] = []
        for rank, hit in enumerate(hits[:8]):
            for item in self.deadlines.get(hit.clause.clause_id, []):
                scored.append((coverage(subject, item.span) - 0.02 * rank, item))
        scored = [pair for pair in sorted(scored, key=lambda p: -p[0]) if pair[0] >= FACT_FLOOR]
        for _, item in scored[:2]:
            n = draft.cite(self.corpus.clause(item.clause_id), item.span)
            draft.lines.append(f"{self._prefix(query, item.plan_id)}期限：{item.text}。原文：「{item.span}」[{n}]")
            draft.facts.append({"type": "deadline", "clause_id": item.clause_id, "deadline": item.text})
        return draft

    # --- across plans (lists, duties and general questions are in rag.quotes) ----------------
    def compare(self, query: Query, hits: list[Hit], search: Search) -> Draft:
        """One line per plan, each answered as the underlying question (target, deadline or who leads)."""
        draft = Draft(self.corpus)
        aspect = _aspect(query.norm)
        handler = {"deadline": self.deadline, "lead": self.who}.get(aspect, partial(self.target, floor=0.5))
        for plan_id in query.plan_ids or tuple(p.plan_id for p in self.corpus.plans):
            single, plan_hits = replace(query, intent=aspect, plan_ids=(plan_id,)), search(query.search_text, [plan_id])
            part = handler(single, plan_hits, search)
            if not part.lines or part.abstained:  # not a stated figure: the plan's own closest sentence, if close
                part = self.general(single, plan_hits[:1], search, floor=0.5)
            if part.lines:
                draft.absorb(part, f"{self._short(plan_id)}：", first_line_only=True)
            else:
                draft.lines.append(f"{self._short(plan_id)}：方案未作规定。")
        if not draft.citations:
            draft.lines = []
        return draft
