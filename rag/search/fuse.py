"""Reciprocal rank fusion of several rankings: a pure function over clause ids."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence


@dataclass(frozen=True)
class Fused:
    """One clause after fusion: its score and which retrievers ranked it where (1-based)."""

    clause_id: str
    score: float
    sources: tuple[str, ...]  # retriever names, in the order the rankings were given
    ranks: tuple[tuple[str, int], ...]  # (retriever, rank) pairs, same order as sources


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[str]],
    weights: Mapping[str, float] | None = None,
    k: int = 60,
) -> list[Fused]:
    """Score = Σ weight / (k + rank) over the rankings that contain the clause; best first.

    A retriever missing from weights counts 1.0; one with weight 0 is left out entirely (not a source).
    Ties go to the clause with the better best rank, then to the smaller clause id, so output is stable.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    weights = weights or {}
    scores: dict[str, float] = {}
    found: dict[str, list[tuple[str, int]]] = {}
    for retriever, ranking in rankings.items():
        weight = float(weights.get(retriever, 1.0))
        if weight < 0:
            raise ValueError(f"weight of {retriever!r} must be non-negative, not {weight}")
        if weight == 0:
            continue
        for rank, clause_id in enumerate(dict.fromkeys(ranking), start=1):
            scores[clause_id] = scores.get(clause_id, 0.0) + weight / (k + rank)
            found.setdefault(clause_id, []).append((retriever, rank))
    order = sorted(scores, key=lambda cid: (-scores[cid], min(r for _, r in found[cid]), cid))
    return [
        Fused(cid, scores[cid], tuple(name for name, _ in found[cid]), tuple(found[cid]))
        for cid in order
    ]
