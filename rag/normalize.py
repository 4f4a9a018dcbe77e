"""Text normalisation for matching: width, script, numerals. Display text is never changed."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rag.lexicon import load_lexicon

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ue000-\uf8ff]")  # C0/C1, zero-width, bidi, private use
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")  # a sentence ends at 。；！？ or a line break


@lru_cache(maxsize=1)
def _t2s():
    # Deferred: the converter loads its dictionaries on first use (~10 ms).
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=65536)
def _is_simplified(char: str) -> bool:
    return _t2s().convert(char) == char


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (identity on simplified text)."""
    # The pure-Python converter costs ~0.5 ms a clause; text whose every character is already simplified skips it.
    if all(_is_simplified(char) for char in set(text)):
        return text
    return _t2s().convert(text)


def strip_controls(text: str) -> str:
    """Remove control, invisible format and private-use characters; keep newlines and tabs."""
    return _CONTROL.sub("", text)


def normalize(text: str) -> str:
    """The matching form: NFKC (full-width digits, ％, Ⅴ→V), simplified script, folded case and spaces."""
    text = unicodedata.normalize("NFKC", strip_controls(text))
    text = to_simplified(text).casefold()
    # Bracket variants the plans use interchangeably for document numbers.
    text = text.translate(str.maketrans({"【": "〔", "】": "〕", "[": "〔", "]": "〕", "﹝": "〔", "﹞": "〕"}))
    return _SPACES.sub(" ", text).strip()


def chinese_number(token: str) -> int | None:
    """Value of a small Chinese numeral such as 十二 or 二十三 (None if not one)."""
    digits = dict(load_lexicon().digits)
    if not token or any(ch not in digits and ch not in "十百" for ch in token):
        return None
    total, current = 0, 0
    for ch in token:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + digits[ch] if current else digits[ch]
    return total + current


def sentences(text: str) -> list[str]:
    """Sentences of a text, each with its closing punctuation (the parser's facts and the sentence vectors alike)."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
