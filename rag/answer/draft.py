"""An answer being composed (its lines, the clauses it cites, the facts it used) and what answerers work with."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from rag.answer.query import Query
from rag.types import Citation, Clause, Corpus, Hit

_MARKER = re.compile(r"\[(\d+)\]")

Search = Callable[[str, Sequence[str] | None], list[Hit]]
Similar = Callable[[str, Sequence[str]], list[float]]  # question, names → cosine of each name to the question


@dataclass(frozen=True)
class Context:
    """What every answerer may use besides the question and its hits: the corpus, and a search for more."""

    corpus: Corpus
    search: Search
    similar: Similar | None = None  # meaning-similarity of short names to a question (None: words only)
    # The clause clearly closest in meaning to a search text within plans (rag.answer.english_meaning.Closest),
    # from the dense search's own scores; None: words only.
    closest: Callable[[str, Sequence[str] | None], Any] | None = None

    def prefix(self, query: Query, plan_id: str) -> str:
        """"周村区：" before a line, unless the question is about that one plan."""
        return "" if query.plan_ids and len(query.plan_ids) == 1 else f"{self.corpus.display_name(plan_id)}："


@dataclass
class Draft:
    """An answer being composed: its lines, the clauses it cites, the facts it used."""

    corpus: Corpus
    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    abstained: bool = False

    def cite(self, clause: Clause, quote: str = "") -> int:
        """The citation number of a clause, adding it on first use."""
        for citation in self.citations:
            if citation.clause_id == clause.clause_id:
                return citation.n
        n = len(self.citations) + 1
        self.citations.append(Citation(n, clause.plan_id, self.corpus.plan(clause.plan_id).title, clause.clause_id,
                                       clause.breadcrumb, clause.text, quote))
        return n

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def absorb(self, other: "Draft", prefix: str = "", first_line_only: bool = False) -> None:
        """Append another draft's lines, renumbering its [n] markers into this draft's citations."""
        numbers = {c.n: self.cite(self.corpus.clause(c.clause_id), c.quote) for c in other.citations}
        for line in other.lines[:1] if first_line_only else other.lines:
            self.lines.append(prefix + _MARKER.sub(lambda m: f"[{numbers.get(int(m.group(1)), m.group(1))}]", line))
        self.facts.extend(other.facts)
