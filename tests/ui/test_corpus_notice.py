"""The app names every skipped or refused file above its tabs, escaped like all corpus text."""
from __future__ import annotations

from rag.ui.layout import corpus_notice


def test_notice_lists_each_problem_escaped():
    html = corpus_notice(("refused <img src=x onerror=alert(1)>.txt: a link to a file outside the corpus folder",
                          "corpus/plans.toml: syntax error: Expected '=' (at line 7, column 7)"))
    assert "<li>refused &lt;img src=x onerror=alert(1)&gt;.txt: a link to a file outside the corpus folder</li>" in html
    assert "<li>corpus/plans.toml: syntax error: Expected &#x27;=&#x27; (at line 7, column 7)</li>" in html
    assert "<img" not in html


def test_the_app_shows_the_notice_only_when_files_were_skipped(mini_corpus, tmp_path):
    import dataclasses

    from app import build_demo
    from tests.ui.test_app import RecordingAssistant

    def notices(corpus) -> list[str]:
        demo = build_demo(RecordingAssistant(corpus), tmp_path)
        return [block.value for block in demo.blocks.values() if getattr(block, "elem_id", None) == "corpus-notice"]

    assert notices(mini_corpus) == []
    broken = dataclasses.replace(mini_corpus, problems=("refused passwd.txt: a link to a file outside the corpus folder",))
    [notice] = notices(broken)
    assert "<li>refused passwd.txt: a link to a file outside the corpus folder</li>" in notice
    assert '<b>__i18n__{"__type__": "translation_metadata", "key": "corpus_notice"}</b>' in notice  # page language
