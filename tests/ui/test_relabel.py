"""rag.ui.relabel: the parts of the page redrawn when the page language changes, and the script for Gradio's
own button labels."""
from __future__ import annotations

from rag.ui.i18n import header, words
from rag.ui.relabel import Relabel, own_words_script


def test_joined_parts_get_their_own_inputs_in_order():
    tabs = Relabel([], ["tab"], lambda lang: [words(lang)["tab_browse"]])
    table = Relabel(["plan", "unit"], ["table"], lambda lang, plan, unit: [f"{lang}:{plan}:{unit}"])
    panel = Relabel(["focus"], ["sources", "context"], lambda lang, focus: [focus, words(lang)["context_empty"]])
    whole = Relabel.joined([tabs, table, panel])
    assert whole.inputs == ["plan", "unit", "focus"] and whole.outputs == ["tab", "table", "sources", "context"]
    assert whole.draw("en", "all", "住建局", 2) == ["Browse", "en:all:住建局", 2,
                                                   "Pick a source to see the clauses around it."]
    assert whole.draw("zh", "all", "", None)[0] == "浏览"


def test_headers_take_one_language_of_a_bilingual_column_name():
    assert [header(h, "en") for h in ("方案 plan", "原文 as written", "月 month")] == ["Plan", "As written", "Month"]
    assert [header(h, "zh") for h in ("方案 plan", "原文 as written", "月 month")] == ["方案", "原文", "月"]


def test_own_words_script_knows_gradio_labels_in_both_languages():
    script = own_words_script()
    assert '{"zh": ["赞", "踩", "清空对话", "复制消息", "更多标签页"], ' \
           '"en": ["Like", "Dislike", "Clear", "Copy message", "More tabs"]}' in script
    assert "#chatbot button" in script and "WORDS" not in script and "SCOPE" not in script
