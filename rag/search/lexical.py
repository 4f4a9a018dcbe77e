"""Chinese BM25: normalised text → jieba search-mode words and/or character bigrams → bm25s sparse index."""
from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from rag.normalize import normalize

# Han runs become bigrams; Latin letters and digits stay whole words ("2020", "cod", "mg").
_LATIN = re.compile(r"[a-z]+|[0-9]+(?:\.[0-9]+)?")
_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z]+|[0-9]+(?:\.[0-9]+)?")
_WORD = re.compile(r"[\w\u3400-\u9fff]")
# Function characters that match everywhere and only add noise to short questions.
STOP_TOKENS = frozenset("的 和 与 及 等 在 对 为 是 了 要 并 或 由 将 把 被 之 其 中 上 下 个 各 有 于".split())
DEFAULT_SCHEME = "jieba+bigram"
SETTINGS_FILE = "tokenizer.json"


@lru_cache(maxsize=1)
def _jieba():
    # Deferred and quiet: jieba builds its prefix dictionary on first use (~0.5 s) and logs about it.
    import jieba

    jieba.setLogLevel(logging.WARNING)
    # jieba would marshal.load its dictionary cache from the shared temp dir, where anyone can plant one.
    jieba.dt.tmp_dir = str(private_cache_dir("jieba"))
    jieba.initialize()
    # The glossary's official terms are the user dictionary, so 黑臭水体, 再生水, 河长制 stay whole tokens
    # (search mode still adds their in-vocabulary parts: 黑臭, 水体).
    for word in official_terms():
        jieba.add_word(word)
    return jieba


def private_cache_dir(name: str) -> Path:
    """A cache folder only this user can write (~/.cache/rag/NAME, or a fresh private temp dir when that is unsafe)."""
    import os
    import stat
    import tempfile

    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rag" / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022:
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix=f"rag-{name}-"))  # mode 0700, ours alone


def official_terms() -> tuple[str, ...]:
    """The glossary's official terms, normalised: Han words of two characters or more."""
    from rag.lexicon import load_glossary

    words = (normalize(term.official) for term in load_glossary().terms)
    return tuple(dict.fromkeys(w for w in words if len(w) >= 2 and not w.isascii() and " " not in w))


def jieba_tokens(norm: str) -> list[str]:
    """jieba search mode: words plus their in-vocabulary sub-words, punctuation dropped."""
    tokens: list[str] = []
    for word in _jieba().lcut_for_search(norm):
        if word.isascii():
            tokens.extend(_LATIN.findall(word))  # "cod40mg" → cod, 40, mg; "95%" → 95
        elif _WORD.search(word):
            tokens.append(word)
    return tokens


def jieba_words(norm: str) -> list[str]:
    """jieba precise mode: the text cut into whole words, every character kept (they join back into the text)."""
    return _jieba().lcut(norm)


def bigram_tokens(norm: str) -> list[str]:
    """Overlapping character bigrams inside each Han run (a lone character stays a unigram)."""
    tokens: list[str] = []
    for run in _RUNS.findall(norm):
        if not "\u3400" <= run[0] or len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
    return tokens


def _is_han_bigram(token: str) -> bool:
    return len(token) == 2 and token[0] >= "\u3400"


SCHEMES: dict[str, Callable[[str], list[str]]] = {
    "jieba": jieba_tokens,
    "bigram": bigram_tokens,
    # Bigrams are prefixed so a two-character word and the same bigram weigh as separate evidence.
    "jieba+bigram": lambda norm: jieba_tokens(norm) + ["~" + b for b in bigram_tokens(norm) if _is_han_bigram(b)],
}


def tokenize(text: str, scheme: str = DEFAULT_SCHEME) -> list[str]:
    """BM25 tokens of text after rag.normalize.normalize (the same for clauses and questions)."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tokenizer scheme {scheme!r}; choose from {', '.join(SCHEMES)}")
    return [t for t in SCHEMES[scheme](normalize(text)) if t not in STOP_TOKENS]


class LexicalIndex:
    """BM25 over tokenized clause texts; rows are positions in the texts given to build()."""

    def __init__(self, bm25, scheme: str = DEFAULT_SCHEME) -> None:
        self.bm25, self.scheme = bm25, scheme

    @property
    def size(self) -> int:
        return int(self.bm25.scores["num_docs"])

    @classmethod
    def build(cls, texts: Sequence[str], scheme: str = DEFAULT_SCHEME) -> "LexicalIndex":
        import bm25s

        bm25 = bm25s.BM25()
        bm25.index(_token_ids(texts, scheme), show_progress=False)
        return cls(bm25, scheme)

    def known_share(self, query: str) -> float:
        """Share of the question's tokens that occur in the indexed clauses (0 for an English question)."""
        tokens = tokenize(query, self.scheme)
        return sum(t in self.bm25.vocab_dict for t in tokens) / len(tokens) if tokens else 0.0

    def search(self, query: str, k: int, allowed: np.ndarray | None = None, expansion: str = "",
               expansion_weight: float = 0.5) -> list[tuple[int, float]]:
        """Top k (row, score) with a positive score; allowed is a boolean row mask applied before ranking.

        expansion: words added for the question (the plans' terms for its everyday words), scored as a second
        query whose BM25 scores count expansion_weight times; tokens the question has already are left out.
        """
        tokens = tokenize(query, self.scheme)
        known = [t for t in tokens if t in self.bm25.vocab_dict]
        extra = [t for t in dict.fromkeys(tokenize(expansion, self.scheme)) if t in self.bm25.vocab_dict
                 and t not in tokens] if expansion else []
        if not (known or extra) or k < 1:
            return []
        scores = self.bm25.get_scores(known).astype(np.float32) if known else 0.0
        if extra:
            scores = scores + expansion_weight * self.bm25.get_scores(extra).astype(np.float32)
        if allowed is not None:
            if allowed.dtype != bool or allowed.shape != scores.shape:
                raise ValueError(f"allowed must be a boolean mask of {scores.shape[0]} rows")
            scores = np.where(allowed, scores, 0.0)
        top = _top_rows(scores, k)
        return [(int(row), float(scores[row])) for row in top if scores[row] > 0]

    def save(self, directory: Path) -> None:
        """bm25s arrays as .npy (allow_pickle=False) and JSON, plus our tokenizer settings."""
        directory = Path(directory)
        self.bm25.save(str(directory), show_progress=False, allow_pickle=False)
        (directory / SETTINGS_FILE).write_text(json.dumps({"scheme": self.scheme}), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        import bm25s

        directory = Path(directory)
        scheme = json.loads((directory / SETTINGS_FILE).read_text(encoding="utf-8"))["scheme"]
        bm25 = bm25s.BM25.load(str(directory), allow_pickle=False, show_progress=False)
        return cls(bm25, scheme)


def _token_ids(texts: Sequence[str], scheme: str) -> tuple[list[np.ndarray], dict[str, int]]:
    """Each text as an int32 array of vocabulary ids, and the vocabulary.

    Token strings held for a whole corpus cost ~20 GB per million clauses; ids cost 4 bytes a token.
    """
    vocab: dict[str, int] = {}
    # An empty token list would break bm25s; a placeholder token keeps rows aligned.
    ids = [np.array([vocab.setdefault(t, len(vocab)) for t in tokenize(text, scheme) or ["\0"]], dtype=np.int32)
           for text in texts]
    return ids, vocab


def _top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """Row indices of the k highest scores, best first; ties broken by row for determinism."""
    k = min(k, len(scores))
    candidates = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return candidates[np.lexsort((candidates, -scores[candidates]))]
