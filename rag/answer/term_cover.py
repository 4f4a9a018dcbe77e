"""How much of a question's subject a sentence holds when the question names a plan term in everyday words.

The subject of "昌邑用了多少年的老自来水管要换" holds the asker's 自来水管 and the plans' 供水管网 that the glossary
added beside it; a sentence on "供水管网" writes only the second, so half the subject's bigrams seem missing and the
sentence that answers was refused. A term the sentence writes in any of its forms is found, whichever words named it.
"""
from __future__ import annotations

from rag.answer.about import named_term_grams
from rag.answer.evidence import bigrams
from rag.answer.query import Query
from rag.normalize import normalize


def term_coverage(query: Query, subject: str, text: str) -> float:
    """Share of the subject's bigrams found in the text, counting a glossary term's everyday words as found
    when the text writes the term in one of its forms (official or alias)."""
    wanted = bigrams(normalize(subject))
    if not wanted:
        return 0.0
    found = bigrams(normalize(text)) | named_term_grams(query, text)
    return len(wanted & found) / len(wanted)
