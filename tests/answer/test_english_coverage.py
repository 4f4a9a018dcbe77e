"""Every indicator the plans state a target for has an English name (the English answer renders it beside the
Chinese, and an English question reaches it through the glossary): a gap is a glossary entry to add."""
from __future__ import annotations

import pytest

from rag.answer.english import english_name
from rag.config import Settings
from rag.corpus.loader import load_corpus

# What the target extractor takes for an indicator when a sentence names none: a bare scope or a filler word.
NOT_INDICATORS = frozenset({"", "全市", "全区", "全省", "其他指标"})


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(Settings.load().corpus_dir)


def test_every_target_indicator_has_an_english_name(corpus):
    missing = sorted({t.indicator for t in corpus.targets} - NOT_INDICATORS - {
        t.indicator for t in corpus.targets if english_name(t.indicator)})
    assert missing == []


def test_two_character_indicators_name_a_longer_stated_one():
    assert english_name("氨氮指标") == "ammonia nitrogen"
    assert english_name("单位耕地面积农药") == "pesticide use"
    assert english_name("污水处理利用率") == "livestock manure comprehensive utilization rate"


def test_every_task_heading_has_a_term_read_in_english(corpus):
    from rag.answer.glossary import mentions
    from rag.corpus.clauses import task_title
    from rag.normalize import normalize

    titles = {task_title(clause.text) for clause in corpus.clauses if clause.text} - {""}
    missing = sorted(t for t in titles if not any(m.term.english for m in mentions(normalize(t))))
    assert missing == []
