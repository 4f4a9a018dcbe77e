"""The glossary on questions: everyday and English words → the plans' official terms."""
from __future__ import annotations

from rag.answer.glossary import asked_indicator, english_mentions, expansion, mentions, role_terms
from rag.normalize import normalize


def _officials(question: str, english: bool = False) -> list[str]:
    found = (english_mentions if english else mentions)(normalize(question))
    return [m.term.official for m in found]


def test_an_everyday_word_names_the_official_term():
    found = mentions(normalize("我家门口有条臭水沟"))
    assert [(m.term.official, m.surface, m.how) for m in found] == [("黑臭水体", "臭水沟", "alias")]
    assert expansion(found, normalize("我家门口有条臭水沟")) == ("黑臭水体",)


def test_a_term_the_question_already_uses_is_not_added_again():
    norm = normalize("周村区黑臭水体什么时候消除？")
    assert expansion(mentions(norm), norm) == ()


def test_english_phrases_match_in_the_plural_and_across_hyphens():
    assert _officials("I run petrol stations in Liaocheng") == ["加油站"]
    assert _officials("heavy-metal pollution in river mud") == ["重金属", "河道"]


def test_a_role_word_never_names_a_term():
    # "lead" is an English word of 重金属 (the metal) and a question word of the lead role: the role wins.
    assert "重金属" not in _officials("Who leads sewage treatment in Zhoucun?")


def test_english_words_in_any_order_name_a_term():
    assert "推进污泥处理处置" in _officials("the safe disposal of sewage sludge", english=True)


def test_asked_indicator_is_the_first_indicator_named():
    found = mentions(normalize("聊城城区自来水管网漏损率要控制在多少？"))
    assert asked_indicator(found).official == "公共供水管网漏损率"


def test_english_role_words_bring_the_plans_role_words():
    assert role_terms(normalize("Which department leads this?")) == ("牵头", "牵头部门")
    assert role_terms(normalize("What is the deadline?")) == ("截止", "期限")


def test_a_single_english_word_reaches_the_chinese_its_terms_share():
    assert _officials("Who leads the sludge disposal work in Zhoucun?", english=True) == ["污泥"]
    assert _officials("What is the best recipe for dumplings?", english=True) == []
