"""English who-questions naming only a water and a thing the plans' vocabulary lacks (rag.answer.english_unknown)."""
from __future__ import annotations

from rag.answer.english_unknown import unknown_subject
from rag.answer.query import analyze
from rag.corpus.loader import load_corpus


def _corpus(tmp_path):
    # Kashi's Tuman River task (composed13, cut).
    (tmp_path / "kashi-2019.txt").write_text(
        "喀什市2019年水污染防治工作方案\n一、工作目标\n2019年，吐曼河、克孜河喀什市段水质达到Ⅲ类。\n二、重点任务\n"
        "（一）吐曼河综合治理。2019年9月底前，完成吐曼河城区段截污纳管工程，沿河21个排污口全部封堵或规范整治。"
        "（市住房和城乡建设局牵头，市水利局、市生态环境局配合，各街道办事处落实）\n", encoding="utf-8")
    return load_corpus(tmp_path)


def test_a_subject_no_glossary_word_names_is_found_beside_the_water(tmp_path):
    corpus = _corpus(tmp_path)
    query = analyze("Who leads the fish restocking in the Tuman River in Kashgar?", corpus.plans, corpus.clauses)
    assert {m.term.official for m in query.terms} == {"吐曼河"}
    assert unknown_subject(query) == ("restock",)
    query = analyze("Who leads the microplastics survey of the Tuman River?", corpus.plans, corpus.clauses)
    assert "microplastic" in unknown_subject(query)


def test_question_words_places_pinyin_and_glossary_words_are_no_unknown_subject(tmp_path):
    corpus = _corpus(tmp_path)
    for question in ("Who is responsible for the Tuman River in Kashgar City?",
                     "Which department leads the dredging of the Tuman River in Kashi?",
                     "Who leads the Tumanhe clean-up, and which units cooperate?"):
        assert unknown_subject(analyze(question, corpus.plans, corpus.clauses)) == (), question


def test_a_who_question_naming_only_a_place_and_a_river_and_a_task_no_plan_has(mini_corpus):
    # "restocking" is a word no glossary form uses; Zhoucun is a place term, the Xiaofu River a water term.
    unknown = lambda text: unknown_subject(analyze(text, mini_corpus.plans))
    assert unknown("Which department leads fish restocking in the Xiaofu River in Zhoucun?") == ("restock",)
    assert unknown("Who is in charge of the Xiaofu River in Zhoucun?") == ()
    assert unknown("Who leads the dredging of the Xiaofu River in Zhoucun?") == ()  # dredging: a glossary word
    assert unknown("Is the water bureau in charge of groundwater management in Zhoucun?") == ()
    assert unknown("When must Zhoucun finish fish restocking in the Xiaofu River?") == ()  # not a who-question


def test_a_word_the_syllable_pattern_spelt_is_unknown_when_no_reading_spells_it(tmp_path):
    # "mangrove" fitted the initials-and-finals pattern (man·g·ro·v) and passed as a spelt-out name; no character
    # is read "ro" or "v", so it is now a word the plans' vocabulary lacks beside the water.
    corpus = _corpus(tmp_path)
    query = analyze("Which department leads mangroves on the Tuman River in Kashgar?", corpus.plans, corpus.clauses)
    assert unknown_subject(query) == ("mangrov",)


def test_a_syllabic_english_word_is_no_name_unless_written_as_one():
    from rag.answer.english_unknown import possible_pinyin, written_names

    assert possible_pinyin("xiaofu", "xiaofu") and possible_pinyin("zhoucun", "zhoucun")
    assert not possible_pinyin("mangrov", "mangrov")  # no syllable split
    assert not possible_pinyin("run", "run") and not possible_pinyin("citi", "citi")  # syllables, and English
    names = written_names("Who leads the Fen River clean-up in Shizuishan?")
    assert {"fen", "shizuishan"} <= names and "river" in names
    assert possible_pinyin("fen", "fen", names) and not possible_pinyin("fen", "fen")


def test_a_word_the_dictionary_reads_as_a_glossary_act_is_no_unknown_subject(tmp_path):
    # "removing" says what is done (拆除, 移除), not what: it is no thing the plan lacks.
    corpus = _corpus(tmp_path)
    query = analyze("Which department leads removing mangroves on the Tuman River?", corpus.plans, corpus.clauses)
    assert unknown_subject(query) == ("mangrov",)
