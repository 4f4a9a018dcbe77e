"""The CC-CEDICT fallback for English words the glossary lacks (rag.answer.english_dictionary, english_unknown)."""
from __future__ import annotations

import pytest

from rag.answer import english_dictionary as dictionary
from rag.answer.english_dictionary import build_table, dictionary_mentions, parse_line, plan_words
from rag.answer.english_stems import english_stem
from rag.answer.english_unknown import dictionary_terms, unknown_words
from rag.answer.query import analyze
from rag.corpus.loader import load_corpus

# CC-CEDICT 1.2.0 lines, verbatim.
CUT = [
    "廢水 废水 [fei4 shui3] /waste water/drain water/effluent/",
    "漁船 渔船 [yu2 chuan2] /fishing boat/CL:條|条[tiao2]/",
    "魚船 鱼船 [yu2 chuan2] /fishing boat/same as 漁船|渔船/",
    "污泥 污泥 [wu1 ni2] /mud/sludge/",
    "淤泥 淤泥 [yu1 ni2] /silt/sludge/ooze/",
    "清淤 清淤 [qing1 yu1] /to dredge; to remove sludge/",
    "疏浚 疏浚 [shu1 jun4] /to dredge/",
    "給予 给予 [ji3 yu3] /(literary) to give; to accord; to render/",
    "流域 流域 [liu2 yu4] /river basin/valley/drainage area/",
    "東港 东港 [Dong1 gang3] /Tungkang town in Pingtung County 屏東縣|屏东县[Ping2 dong1 Xian4], Taiwan/",
    "水產養殖 水产养殖 [shui3 chan3 yang3 zhi2] /aquaculture/",
    "打魚 打鱼 [da3 yu2] /to fish/",  # English has "fish": "fishing", spelt like pinyin, is an English word
]
# Donggang's fishing-boat task (composed23, cut).
DONGGANG = ("5．船舶污染防治。渔港配备含油污水、垃圾接收设施，渔船污染物交岸处置率达到90%以上。"
            "责任单位：市海洋与渔业局（牵头），市交通运输局（配合）；完成时间：2020年12月31日前。")


def test_a_line_gives_its_headword_and_senses_without_references_or_names():
    assert parse_line(CUT[0]) == ("废水", (("wastewater",), ("drainwater",), ("effluent",)), 3)  # compounds closed
    assert parse_line(CUT[1]) == ("渔船", (("fish", "boat"),), 1)  # the classifier is no sense
    assert parse_line(CUT[2]) == ("鱼船", (("fish", "boat"),), 1)  # "same as 渔船" neither
    assert parse_line(CUT[5]) == ("清淤", (("dredg",), ("remov", "sludg")), 2)  # "a; b" is two senses
    assert parse_line(CUT[9]) is None  # a place's name (capitalised sense): places are the place table's
    assert parse_line("# CC-CEDICT") is None and parse_line("水 水 [shui3] /water/") is None  # one character


def test_the_table_reads_an_english_sense_back_to_its_headwords_fewest_senses_first():
    table = build_table(CUT)
    assert table["sludg"] == [["污泥", 2], ["淤泥", 3]]  # 清淤's "remove sludge" is a sense of two words
    assert table["fish boat"] == [["渔船", 1], ["鱼船", 1]]
    assert table["dredg"] == [["疏浚", 1], ["清淤", 2]]
    # Only the headwords the plans write, and only specific ones: 鱼船 is no plan's word.
    assert plan_words(("fish", "boat"), DONGGANG, table) == ("渔船",)
    assert plan_words(("render",), "依法给予处罚", table) == ("给予",)  # one headword in the cut: specific here


def test_a_run_of_words_takes_the_longest_sense_and_a_one_word_glossary_mention_does_not_block_it():
    table = build_table(CUT)
    words = [("fishing", "fish"), ("boats", "boat"), ("waste", "wast")]
    found = dictionary_mentions(words, DONGGANG, frozenset({"boat"}), table)
    assert [(m.term.official, m.surface) for m in found] == [("渔船", "fishing boats")]


@pytest.fixture
def cut_table():
    saved = dictionary._TABLE[0]
    dictionary._TABLE[0] = build_table(CUT)
    yield
    dictionary._TABLE[0] = saved


def _corpus(tmp_path):
    (tmp_path / "donggang-2020.txt").write_text("东港市2020年入海河流及近岸海域污染防治工作方案\n附件\n" + DONGGANG + "\n",
                                                encoding="utf-8")
    return load_corpus(tmp_path)


def test_an_english_question_reaches_a_plan_word_no_glossary_form_has(tmp_path, cut_table):
    corpus = _corpus(tmp_path)
    query = analyze("What share of fishing boats' waste must be handed ashore for disposal in Donggang?",
                    corpus.plans, corpus.clauses)
    assert "渔船" in {m.term.official for m in query.terms}
    assert "渔船" in query.expansion.split() and "渔船" in query.about().split()
    # A word the plans never write stays unknown: the dictionary proposes only the plans' vocabulary.
    query = analyze("Who leads the microplastics survey of fishing ports in Donggang?", corpus.plans, corpus.clauses)
    assert "microplastic" in unknown_words(query)


def test_a_place_in_pinyin_and_question_words_propose_nothing(cut_table):
    assert dictionary_terms("who leads aquaculture in donggang?", (), "东港市渔业") == ()  # 水产养殖 not in text…
    found = dictionary_terms("who leads aquaculture in donggang?", (), "东港市加强水产养殖管理")
    assert [(m.term.official, m.surface) for m in found] == [("水产养殖", "aquaculture")]  # …and 东港 is no term


def test_the_real_table_is_cached_beside_the_index_and_weighs_general_words_out(tmp_path, monkeypatch):
    monkeypatch.setattr(dictionary, "_TABLE", [None])
    assert dictionary.warm(tmp_path) == "built"
    assert (tmp_path / dictionary.CACHE_NAME).exists()
    monkeypatch.setattr(dictionary, "_TABLE", [None])
    assert dictionary.warm(tmp_path) == "cached"
    text = "流域 给予 渔船 废水 污泥 清淤 疏浚"
    assert plan_words(("effluent",), text) == ("废水",)
    assert plan_words(("fish", "boat"), text) == ("渔船",)
    assert plan_words(("sludg",), text) == ("污泥",)
    assert plan_words(("valley",), text) == ()  # thirteen headwords: 流域 is one of many
    assert plan_words(("render",), text) == ()  # a general verb


def test_an_answer_the_dictionary_made_possible_must_cite_a_clause_writing_its_word(tmp_path, cut_table):
    from rag.answer.english_unknown import holds_dictionary_words, not_understood, without_dictionary

    corpus = _corpus(tmp_path)
    query = analyze("What share of fishing boats' waste must be handed ashore for disposal in Donggang?",
                    corpus.plans, corpus.clauses)
    assert query.dictionary_words == (("渔船",),)
    assert not_understood(query) == "" and not_understood(without_dictionary(query)) != ""  # "boat" alone: not
    assert holds_dictionary_words(query, [DONGGANG])
    assert not holds_dictionary_words(query, ["（一）整治入海排污口。对全市入海排污口逐一排查、编号建档，11月底前完成非法排污口封堵。"])


def test_a_british_spelling_finds_the_dictionary_sense():
    # CC-CEDICT writes "aluminum oxide"; a British writer asks about "aluminium oxide" (氧化铝 in the plan's text).
    words = [(w, english_stem(w)) for w in ("aluminium", "oxide")]
    found = dictionary_mentions(words, "对氧化铝、电解铝企业开展专项整治")
    assert [m.term.official for m in found] == ["氧化铝"]
