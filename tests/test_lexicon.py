"""The lexicon: one place for the plans' words, read by the parser, the question analysis and the grounding check."""
from __future__ import annotations


import pytest

from rag.answer.grounding import check_grounding
from rag.answer.query import analyze
from rag.corpus.units import canonical
from rag.lexicon import load_glossary, load_lexicon
from rag.normalize import chinese_number
from rag.types import Citation


@pytest.fixture
def extended_lexicon(tmp_path, monkeypatch):
    """A deployer's extra file named in RAG_LEXICON; the cached lexicon is re-read around the test."""
    extra = tmp_path / "extra.toml"
    extra.write_text('[units]\naliases = [["生态环境局", "环保局"]]\n[roles]\nnote_words = ["督办"]\n', encoding="utf-8")
    monkeypatch.setenv("RAG_LEXICON", str(extra))
    load_lexicon.cache_clear()
    yield load_lexicon()
    monkeypatch.delenv("RAG_LEXICON")
    load_lexicon.cache_clear()


def test_number_words_are_one_table():
    lexicon = load_lexicon()
    assert lexicon.digit_value("两") == 2 and lexicon.digit_value("〇") == 0 and lexicon.digit_value("九") == 9
    assert chinese_number("两") == 2 and chinese_number("二十三") == 23


def test_years_in_chinese_numerals_are_read_by_question_analysis():
    assert analyze("二〇二〇年周村区的目标是什么？", ()).years == (2020,)


def test_role_words_and_comparators_come_from_the_lexicon():
    lexicon = load_lexicon()
    assert dict(lexicon.role_labels)["配合部门"] == "cooperate" and dict(lexicon.role_labels)["落实部门"] == "implement"
    assert [word for word, _ in lexicon.role_markers][:2] == ["牵头", "参与"]
    assert lexicon.comparators.index("达到或优于") < lexicon.comparators.index("达到")  # the longer form is tried first
    assert lexicon.comparator_suffixes == ("以上", "以下", "以内", "左右")


def test_grounding_reads_chinese_numbers_with_the_same_words():
    citation = Citation(1, "zhoucun-2016", "周村区水污染防治行动计划实施方案", "zhoucun-2016/二/p1", "二、工作目标",
                        "到2020年，化肥利用率提高2个百分点。")
    text, verdict = check_grounding("化肥利用率提高两个百分点 [1]。", [citation])
    assert verdict.passed and "两个百分点" in text


def test_the_glossary_is_data():
    glossary = load_glossary()
    black = next(t for t in glossary.terms if t.official == "黑臭水体")
    assert black.kind == "indicator" and "臭水沟" in black.aliases and "black and odorous water" in black.english
    assert dict(glossary.roles)["lead"][0] == "牵头"
    assert len(glossary.terms) >= 400


def test_a_deployer_extends_the_glossary_with_the_same_variable(tmp_path, monkeypatch):
    extra = tmp_path / "extra.toml"
    extra.write_text('[[term]]\nofficial = "黑臭水体"\nkind = "indicator"\naliases = ["臭水浜"]\n'
                     '[[term]]\nofficial = "雨水花园示范"\nkind = "task"\naliases = ["雨水公园"]\nenglish = ["rain garden"]\n',
                     encoding="utf-8")
    monkeypatch.setenv("RAG_LEXICON", str(extra))
    load_glossary.cache_clear()
    try:
        terms = {t.official: t for t in load_glossary().terms}
        assert terms["黑臭水体"].aliases[-1] == "臭水浜" and "臭水沟" in terms["黑臭水体"].aliases  # merged
        assert terms["雨水花园示范"].english == ("rain garden",) and terms["雨水花园示范"].aliases == ("雨水公园",)
    finally:
        monkeypatch.delenv("RAG_LEXICON")
        load_glossary.cache_clear()


def test_a_glossary_entry_without_a_kind_it_knows_is_refused(tmp_path, monkeypatch):
    extra = tmp_path / "extra.toml"
    extra.write_text('[[term]]\nofficial = "海绵城市"\nkind = "slogan"\n', encoding="utf-8")
    monkeypatch.setenv("RAG_LEXICON", str(extra))
    load_glossary.cache_clear()
    try:
        with pytest.raises(ValueError, match="needs an official term and a kind"):
            load_glossary()
    finally:
        monkeypatch.delenv("RAG_LEXICON")
        load_glossary.cache_clear()


def test_a_deployer_extends_the_lexicon_without_code(extended_lexicon):
    assert ("生态环境局", "环保局") in extended_lexicon.unit_aliases
    assert ("环境保护局", "环保局") in extended_lexicon.unit_aliases  # the bundled entries stay
    assert extended_lexicon.note_words[-1] == "督办" and "牵头" in extended_lexicon.note_words


def test_unit_aliases_map_long_and_short_forms_together():
    assert canonical("区住房和城乡建设局") == canonical("区住建局")
