"""BM25 impacts as an impact-ordered inverted index: what the build writes to rag_posting, and exact BM25 from it.

A posting's impact is its term's share of the clause's BM25 (bm25s's formula, the files backend's scores), so a
clause's score for a query is the sum of the impacts of the query's terms in it. The build keeps each term's
per_term highest impacts; the benchmark scores exactly from the full index to measure what the pruning loses.
"""
from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

import numpy as np

BM25_K1, BM25_B = 1.5, 0.75  # bm25s's defaults, so both backends rank alike
# Postings kept per term. A search reads at most this many per query term, so its cost is bounded at any corpus
# size; BM25 stays exact for every term in at most this many clauses (every term of the seeds, max df 249).
PER_TERM = 1000


@dataclass(frozen=True)
class Counts:
    """Token counts of every row in flat arrays (row i: entries indptr[i]:indptr[i+1]): a million rows' tokens
    as Python strings and Counters would not fit in memory, these do (12 bytes a distinct token of a row)."""

    terms: tuple[str, ...]  # term id → token
    indptr: np.ndarray      # int64, n_rows + 1
    term_ids: np.ndarray    # int32
    tfs: np.ndarray         # int32, the count of the term in the row
    doc_lens: np.ndarray    # int32 token count of each row, repeats included (BM25's length)

    def __len__(self) -> int:
        return len(self.doc_lens)

    def row(self, i: int) -> dict[str, int]:
        """Token → count of row i, in order of first occurrence."""
        start, end = self.indptr[i], self.indptr[i + 1]
        return {self.terms[t]: int(n) for t, n in zip(self.term_ids[start:end].tolist(), self.tfs[start:end].tolist())}

    @property
    def avg_len(self) -> float:
        return float(self.doc_lens.mean()) if len(self) else 1.0


def count_tokens(token_lists: Iterable[Sequence[str]]) -> Counts:
    """Counts of rows given one token list at a time (a generator keeps only the current row's strings)."""
    vocabulary: dict[str, int] = {}
    term_ids, tfs, ends, doc_lens = array("i"), array("i"), array("q", [0]), array("i")
    for tokens in token_lists:
        counter = Counter(tokens)
        term_ids.extend(vocabulary.setdefault(t, len(vocabulary)) for t in counter)
        tfs.extend(counter.values())
        ends.append(len(term_ids))
        doc_lens.append(len(tokens))
    return Counts(tuple(vocabulary), np.frombuffer(ends, np.int64), np.frombuffer(term_ids, np.int32),
                  np.frombuffer(tfs, np.int32), np.frombuffer(doc_lens, np.int32))


@dataclass(frozen=True)
class Postings:
    """Every (term, row, impact), grouped by term id (ids in `terms` order), impact descending, then row."""

    terms: tuple[str, ...]
    starts: np.ndarray   # term id → first index in rows/impacts; starts[-1] == len(rows)
    rows: np.ndarray     # int32 row numbers
    impacts: np.ndarray  # float64 BM25 contributions

    def df(self, term_id: int) -> int:
        return int(self.starts[term_id + 1] - self.starts[term_id])


def build_postings(counts: Counts, k1: float = BM25_K1, b: float = BM25_B) -> Postings:
    """The full inverted index with bm25s's impacts (idf × tf / (tf + k1·(1 − b + b·len/avg)))."""
    ids, rows = counts.term_ids, np.repeat(np.arange(len(counts), dtype=np.int32), np.diff(counts.indptr))
    df = np.bincount(ids, minlength=len(counts.terms))
    n = float(len(counts))
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    norm = k1 * (1 - b + b * counts.doc_lens.astype(np.float64) / counts.avg_len)
    tf = counts.tfs.astype(np.float64)
    impacts = idf[ids] * tf / (tf + norm[rows])
    order = np.lexsort((rows, -impacts, ids))  # last key first: term, then impact descending, then row
    starts = np.concatenate(([0], np.cumsum(df))).astype(np.int64)
    return Postings(counts.terms, starts, rows[order], impacts[order])


def top_postings(postings: Postings, per_term: int = PER_TERM) -> Iterator[tuple[str, int, float]]:
    """(term, row, impact) of each term's per_term highest impacts, by term (the btree's order: cheap inserts)."""
    for term_id in sorted(range(len(postings.terms)), key=postings.terms.__getitem__):
        term = postings.terms[term_id]
        start = int(postings.starts[term_id])
        end = min(int(postings.starts[term_id + 1]), start + per_term)
        for row, impact in zip(postings.rows[start:end].tolist(), postings.impacts[start:end].tolist()):
            yield term, row, impact


def exact_scores(postings: Postings, terms: Sequence[str], n_rows: int) -> np.ndarray:
    """Exact BM25 of every row for the distinct query terms (the benchmark's reference)."""
    index = _term_index(postings.terms)
    scores = np.zeros(n_rows)
    for term in set(terms):
        if term in index:
            start, end = postings.starts[index[term]], postings.starts[index[term] + 1]
            scores += np.bincount(postings.rows[start:end], weights=postings.impacts[start:end], minlength=n_rows)
    return scores


@lru_cache(maxsize=2)
def _term_index(terms: tuple[str, ...]) -> dict[str, int]:
    return {t: i for i, t in enumerate(terms)}
