"""The app names every skipped or refused file above its tabs, escaped like all corpus text."""
from __future__ import annotations

from rag.ui.layout import corpus_notice


def test_notice_lists_each_problem_escaped():
    html = corpus_notice(("refused <img src=x onerror=alert(1)>.txt: a link to a file outside the corpus folder",
                          "corpus/plans.toml: syntax error: Expected '=' (at line 7, column 7)"))
    assert "<li>refused &lt;img src=x onerror=alert(1)&gt;.txt: a link to a file outside the corpus folder</li>" in html
    assert "<li>corpus/plans.toml: syntax error: Expected &#x27;=&#x27; (at line 7, column 7)</li>" in html
    assert "<img" not in html
