"""Answers quoted from clause sentences: table listings, counts, enumerations, duties, general questions."""
from __future__ import annotations

import re

from typing import Callable, Sequence

from rag.draft import Draft
from rag.evidence import content_of, coverage
from rag.query import Query
from rag.targets import sentences
from rag.types import Corpus, Hit

Search = Callable[[str, Sequence[str] | None], list[Hit]]
FACT_FLOOR = 0.34  # a fact or sentence must cover this share of the question's subject words to be used
_COUNT_ASKED = re.compile(r"几|多少(个|条|家|座|处|项|类)")
_COUNT = re.compile(r"\d+\s*(个|条|家|座|处|项|类)")
_DUTY_WORDS = ("禁止", "不得", "严禁", "必须", "应当", "应", "要", "一律", "严格", "取缔", "关闭", "依法")


class QuoteAnswers:
    """Answers made of quoted sentences; the composer mixes these in beside its fact-based answers."""

    corpus: Corpus

    def _short(self, plan_id: str) -> str:
        plan = self.corpus.plan(plan_id)
        return plan.regions[0] if plan.regions else plan.title

    def _prefix(self, query: Query, plan_id: str) -> str:
        return "" if query.plan_ids and len(query.plan_ids) == 1 else f"{self._short(plan_id)}："

    def listing(self, query: Query, hits: list[Hit], search: Search) -> Draft:
        """A count the plan states ("3条黑臭水体"), the rows of a table, or the plan's own enumeration."""
        if _COUNT_ASKED.search(query.norm):
            counted = self.best_sentence(query, hits[:3], lambda s: bool(_COUNT.search(s)))
            if counted.lines:
                return counted
        table = next((h.clause for h in hits[:3] if h.clause.kind in ("table", "table-row")), None)
        if table is None:
            return self.best_sentence(query, hits[:5], lambda s: s.count("、") >= 3)
        draft = Draft(self.corpus)
        table_id = table.clause_id if table.kind == "table" else table.parent_id or table.clause_id.rsplit("/", 1)[0]
        rows = [c for c in self.corpus.clauses if c.kind == "table-row" and c.clause_id.startswith(table_id + "/")]
        draft.lines.append(f"{self.corpus.clause(table_id).text.splitlines()[0]}： [{draft.cite(self.corpus.clause(table_id))}]")
        for row in rows[:12]:
            draft.lines.append(f"- {row.text} [{draft.cite(row)}]")
        return draft

    def best_sentence(self, query: Query, hits: list[Hit], keep: Callable[[str], bool]) -> Draft:
        """The on-topic sentence of the given clauses that passes `keep`, quoted; empty when none is on topic."""
        draft = Draft(self.corpus)
        subject = content_of(query.search_text)
        # The clause title counts with the sentence: an enumeration's items are not the question's words.
        found = [(coverage(subject, f"{hit.clause.path[-1] if hit.clause.path else ''} {s}"), s, hit.clause)
                 for hit in hits for s in sentences(hit.clause.text) if keep(s)]
        if found:
            score, sentence, clause = max(found, key=lambda row: row[0])
            if score >= FACT_FLOOR:
                draft.lines.append(f"{self._prefix(query, clause.plan_id)}「{sentence}」[{draft.cite(clause, sentence)}]")
        return draft

    def obligation(self, query: Query, hits: list[Hit], search: Search) -> Draft:
        """The sentences that bind the asker: on-topic first, a duty word ("禁止", "必须", "取缔"…) a plus."""
        draft = Draft(self.corpus)
        subject = content_of(query.search_text)
        duties = []
        for rank, hit in enumerate(hits[:5]):
            for sentence in sentences(hit.clause.text):
                binding = any(word in sentence for word in _DUTY_WORDS)
                duties.append((coverage(subject, sentence) + 0.15 * binding - 0.03 * rank, sentence, hit.clause))
        for score, sentence, clause in sorted(duties, key=lambda d: -d[0])[:3]:
            if score >= FACT_FLOOR:
                draft.lines.append(f"- 「{sentence}」[{draft.cite(clause, sentence)}]")
        return draft

    def general(self, query: Query, hits: list[Hit], search: Search, floor: float = 0.0) -> Draft:
        draft = Draft(self.corpus)
        subject = content_of(query.search_text)
        for hit in hits[:2]:
            title = hit.clause.path[-1] if hit.clause.path else ""
            # A bare task title ("取缔“十小”企业。") restates the question; the sentences after it answer it.
            body = [s for s in sentences(hit.clause.text) if s != title and len(s) > 8] or sentences(hit.clause.text)
            ranked = sorted(body, key=lambda s: -coverage(subject, s))
            if ranked and coverage(subject, ranked[0]) >= floor:
                quote = ranked[0]
                draft.lines.append(f"{self._prefix(query, hit.clause.plan_id)}「{quote}」[{draft.cite(hit.clause, quote)}]")
        return draft
