"""A question taken in: cleaned of control characters, or refused with a message fit to show the user (empty,
too long, only punctuation, a language the product cannot read)."""
from __future__ import annotations

import re

from rag.errors import RagError
from rag.normalize import strip_controls

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # any letter or digit in any script


class QuestionError(RagError, ValueError):
    """A question the assistant cannot take, with a message fit to show the user."""


def clean_question(text: str, max_chars: int) -> str:
    """The question without control characters and outer spaces; QuestionError when unusable."""
    question = strip_controls(text or "").strip()
    if not question:
        raise QuestionError("问题为空，请输入一个问题。 The question is empty: please type a question.")
    if len(question) > max_chars:
        raise QuestionError(
            f"问题过长（{len(question)} 字），上限为 {max_chars} 字。"
            f" The question is too long ({len(question)} characters; the limit is {max_chars})."
        )
    if not _LETTER_OR_DIGIT.search(question):
        raise QuestionError("问题只有标点或符号，请用文字提问。 The question has only punctuation or symbols: please ask in words.")
    language = unread_language(question)
    if language:
        raise QuestionError(f"本助手只能读中文或英文问题。 This assistant reads questions in Chinese or English only; "
                            f"this one is in {language}, and the plans' Chinese words would not match it.")
    return question


# Kana or hangul mark Japanese or Korean even beside Chinese characters (Japanese writes kanji too).
_MARKED_SCRIPTS = (("Japanese", re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]")),
                   ("Korean", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")))
_READ_LETTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9\u00c0-\u024f\uff10-\uff5a]")


def unread_language(question: str) -> str:
    """The language of a question the product cannot read (Japanese, Korean, another script), else ""."""
    for name, pattern in _MARKED_SCRIPTS:
        if pattern.search(question):
            return name
    letters = _LETTER_OR_DIGIT.findall(question)
    foreign = sum(1 for ch in letters if not _READ_LETTER.match(ch))
    return "another script" if foreign > len(letters) - foreign else ""
