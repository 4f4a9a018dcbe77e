"""The app's handlers as pure functions: escaping, chat turns, sources, context and browse tables."""
from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pytest

from rag.config import PROJECT_ROOT
from rag.corpus.loader import load_corpus
from rag.types import Answer, Citation, Corpus
from rag.ui.browse import (
    deadline_table,
    deadline_timeline,
    indicator_comparison,
    responsibility_table,
    target_table,
    write_csv,
)
from rag.ui.chat import (
    ALL_PLANS,
    Conversation,
    ask_json,
    plan_choices,
    respond,
    safe_ask,
)
from rag.ui.render import (
    answer_message,
    context_html,
    plain_markdown,
    sources_html,
    surrounding,
)

XSS = "<img src=x onerror=alert(1)>"
SLUDGE_ID = "zhoucun-2016/三/（二）/2"


def _citation(corpus: Corpus, n: int, clause_id: str, quote: str = "") -> Citation:
    clause = corpus.clause(clause_id)
    return Citation(n, clause.plan_id, corpus.plan(clause.plan_id).title, clause_id, clause.breadcrumb,
                    clause.text, quote)


class RecordingAssistant:
    """Answers from the mini corpus and records how it was asked."""

    def __init__(self, corpus: Corpus, fail: bool = False) -> None:
        self.corpus, self.fail, self.calls = corpus, fail, []

    def ask(self, question: str, plan: str | None = None, previous: str | None = None) -> Answer:
        self.calls.append((question, plan, previous))
        if self.fail:
            raise RuntimeError("index vanished")
        if not question.strip():
            return Answer("", "问题是空的。", True, (), intent="invalid", error="问题是空的。")
        citation = _citation(self.corpus, 1, SLUDGE_ID, "年底前建成区消除黑臭水体")
        return Answer(question, "牵头：区住建局。 [1]", False, (citation,), intent="lead", plan_ids=("zhoucun-2016",))


def test_plain_markdown_escapes_html_and_markdown():
    assert plain_markdown(XSS) == "&lt;img src=x onerror=alert\\(1\\)&gt;"
    assert plain_markdown("![x](http://evil.example/a.png)") == "\\!\\[x\\]\\(http://evil\\.example/a\\.png\\)"


def test_answer_message_flags_abstention_in_the_question_language_and_keeps_markers(mini_corpus):
    closest = _citation(mini_corpus, 1, SLUDGE_ID)
    abstained = Answer("周村区有什么？", "方案中没有找到能回答这个问题的条款。 The plans do not answer this question. [2]",
                       True, (closest,))
    message = answer_message(abstained)
    assert message.startswith("⚠️ 方案中没有找到答案：下面的条款只是最接近的内容")
    assert "abstained" not in message and "The plans" not in message
    assert "找到能回答这个问题的条款。\\[2\\]" in message  # no citation 2: renders as a literal [2]
    english = answer_message(replace(abstained, question="What is Guangzhou's target?"))
    assert english.startswith("⚠️ The plans do not answer this: the clauses below")
    assert "方案" not in english.split("**Sources**")[0]  # only the cited clauses' own words are Chinese


def test_a_refusal_citing_nothing_says_so_without_pointing_at_clauses():
    nothing = Answer("广州市黑臭水体整治由哪个部门牵头？", "现有方案中没有关于广州市的方案。 The plans do not answer this question.",
                     True, ())
    assert answer_message(nothing) == "⚠️ 现有方案中没有关于广州市的方案。"
    english = answer_message(replace(nothing, question="Who leads black-odorous water work in Guangzhou?"))
    assert english == "⚠️ The plans do not answer this question\\."
    panel = sources_html(nothing)
    assert "⚠️ 方案中没有找到答案。</div>" in panel and "下面的条款" not in panel


def test_answer_message_links_markers_to_its_own_sources_and_names_the_plan_year(mini_corpus):
    citation = _citation(mini_corpus, 1, SLUDGE_ID, "年底前建成区消除黑臭水体")
    message = answer_message(Answer("周村区黑臭水体整治谁牵头？", "牵头：区住建局。 [1]", False, (citation,)), 3,
                             mini_corpus)
    assert '[\\[1\\]](#src-3-1 "周村区水污染防治行动计划实施方案 › 三、主要任务' in message
    assert "*依据: 周村区水污染防治行动计划实施方案（2016年）*" in message
    assert message.count("#src-3-1") == 2  # in the answer and in its own source list


def test_a_comparison_table_stays_a_table_and_its_cells_stay_text(mini_corpus):
    citation = _citation(mini_corpus, 1, SLUDGE_ID)
    text = ("| 方案 | 指标 | 目标值 | 年份 | 条款 |\n|---|---|---|---|---|\n| 周村区 | 农田灌溉水有效利用系数 | 达到0.65以上 | 2020年 | [1] |\n"
            f"| 山西省 | {XSS} | a|b | – | – |\n原文：「农田灌溉水有效利用系数达到0.65以上。」[1]")
    message = answer_message(Answer("周村区和山西省的农田灌溉水有效利用系数目标分别是多少？", text, False, (citation,)), 2)
    table, quote = message.split("\n\n")[:2]
    header, rule, zhoucun = table.split("\n")[:3]
    assert (header, rule) == ("| 方案 | 指标 | 目标值 | 年份 | 条款 |", "|---|---|---|---|---|")
    assert zhoucun.startswith("| 周村区 | 农田灌溉水有效利用系数 | 达到0\\.65以上 | 2020年 | [\\[1\\]](#src-2-1 ")
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in table and "<img" not in message
    assert quote.startswith("原文：「农田灌溉水有效利用系数达到0\\.65以上。」[\\[1\\]]")  # after a blank line: not a row


def test_apostrophes_are_not_shown_as_entities():
    assert plain_markdown("What's Zhoucun's target?") == "What's Zhoucun's target?"


def test_respond_passes_plan_and_previous_question(mini_corpus):
    assistant = RecordingAssistant(mini_corpus)
    conversation, _ = respond(assistant, Conversation(), "周村区黑臭水体整治谁牵头？", "zhoucun-2016")
    conversation, answer = respond(assistant, conversation, "那山西省呢？", ALL_PLANS)
    assert assistant.calls == [("周村区黑臭水体整治谁牵头？", "zhoucun-2016", None),
                               ("那山西省呢？", None, "周村区黑臭水体整治谁牵头？")]
    assert [m["role"] for m in conversation.messages] == ["user", "assistant", "user", "assistant"]
    assert conversation.messages[1]["content"].startswith("牵头：区住建局。 [\\[1\\]](#src-0-1 ")
    assert conversation.turns == (0, 1) and conversation.answer_at(3)[1] is answer
    assert conversation.questions == ("周村区黑臭水体整治谁牵头？", "那山西省呢？")
    assert answer.citations[0].clause_id == SLUDGE_ID


def test_respond_escapes_the_question_and_drops_rejected_ones_from_context(mini_corpus):
    assistant = RecordingAssistant(mini_corpus)
    conversation, _ = respond(assistant, Conversation(), XSS, None)
    assert conversation.messages[0]["content"] == plain_markdown(XSS)
    assert "<img" not in "".join(m["content"] for m in conversation.messages)
    conversation, answer = respond(assistant, conversation, "   ", None)
    assert answer.error == "问题是空的。"
    assert conversation.questions == (XSS,)
    assert conversation.messages[-1]["content"].startswith("⚠️ 无法回答这个问题。")


def test_safe_ask_turns_a_failure_into_a_polite_answer(mini_corpus):
    answer = safe_ask(RecordingAssistant(mini_corpus, fail=True), "周村区谁牵头？")
    assert (answer.abstained, answer.citations, answer.intent) == (True, (), "invalid")
    assert answer.error.startswith("抱歉")


def test_ask_json_is_the_cli_json_text(mini_corpus):
    row = json.loads(ask_json(RecordingAssistant(mini_corpus), "周村区黑臭水体整治谁牵头？", "zhoucun-2016"))
    assert row["abstained"] is False
    assert [c["clause_id"] for c in row["citations"]] == [SLUDGE_ID]
    assert row["citations"][0]["path"] == "三、主要任务 › （二）全力保障水生态环境安全 › 2．消除城市建成区黑臭水体。"
    assert set(row) >= {"question", "answer", "citations", "latency_ms", "intent", "plan_ids", "grounding"}


def test_sources_panel_marks_the_quote_and_escapes_text(mini_corpus):
    citation = _citation(mini_corpus, 1, SLUDGE_ID, "年底前建成区消除黑臭水体")
    html = sources_html(Answer("q", "a [1]", False, (citation,)))
    assert "<mark>年底前建成区消除黑臭水体</mark>" in html
    assert "周村区水污染防治行动计划实施方案" in html and f"<code>{SLUDGE_ID}</code>" in html
    assert "（区住建局牵头，区水务局、区环保分局等参与）</p>" in html
    hostile = Citation(1, "p", XSS, "p/1", XSS, XSS, XSS)
    html = sources_html(Answer("q", "a", True, (hostile,)))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "abstain-notice" in html


def test_surrounding_gives_parent_and_siblings_in_document_order(mini_corpus):
    parent, siblings = surrounding(mini_corpus, "zhoucun-2016/三/（一）/2")
    assert parent.clause_id == "zhoucun-2016/三/（一）"
    assert [c.clause_id for c in siblings] == ["zhoucun-2016/三/（一）/1", "zhoucun-2016/三/（一）/2"]
    html = context_html(mini_corpus, SLUDGE_ID)  # its parent （二） is not in the mini corpus
    assert '<div class="context-clause selected"><code>zhoucun-2016/三/（二）/2</code>' in html
    assert "zhoucun-2016/三/（二）/1" in html and "context-parent" not in html
    assert "找不到条款" in context_html(mini_corpus, "zhoucun-2016/九")


def test_plan_choices_start_with_all_plans(mini_corpus):
    assert plan_choices(mini_corpus) == [("全部方案", ALL_PLANS),
                                         ("周村区水污染防治行动计划实施方案", "zhoucun-2016"),
                                         ("山西省水污染防治工作方案", "shanxi-2015")]


def test_responsibility_table_filters_by_plan_and_canonical_unit(mini_corpus):
    table = responsibility_table(mini_corpus, unit="住房和城乡建设局")  # the long form of 住建局
    assert table.to_dict("records") == [{
        "方案 plan": "周村区", "任务 task": "2016年底前制定《周村区黑臭水体整治计划和实施方案》",
        "牵头 lead": "区住建局", "配合 cooperating": "区水务局、区环保分局", "落实 implementing": "",
        "期限 deadline": "", "条款 clause": SLUDGE_ID}]
    assert len(responsibility_table(mini_corpus, unit="区财政局")) == 0
    assert len(responsibility_table(mini_corpus, "shanxi-2015")) == 0


def test_fact_tables_and_csv(mini_corpus, tmp_path: Path):
    targets = target_table(mini_corpus, "shanxi-2015")
    assert targets[["方案 plan", "数值 value", "年份 year"]].values.tolist() == [["山西省", 60.0, 2020]]
    assert len(target_table(mini_corpus, "zhoucun-2016")) == 0
    deadlines = deadline_table(mini_corpus)
    assert deadlines[["期限 deadline", "条款 clause"]].values.tolist() == [["到2017年底", "zhoucun-2016/二/（二）/3"]]
    timeline = deadline_timeline(mini_corpus)
    assert str(timeline.loc[0, "when"].date()) == "2017-12-01"
    assert len(deadline_timeline(mini_corpus, "shanxi-2015")) == 0
    path = write_csv(responsibility_table(mini_corpus), tmp_path / "csv", "tasks.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "方案 plan" and rows[1][1] == "2016年底前制定《周村区黑臭水体整治计划和实施方案》"


@pytest.fixture(scope="module")
def seed_corpus() -> Corpus:
    return load_corpus(PROJECT_ROOT / "corpus")


def test_reclaimed_water_compared_across_the_seed_plans(seed_corpus):
    chart = indicator_comparison(seed_corpus, "再生水利用率")
    values = {(row.plan, row.year): row.value for row in chart.itertuples()}
    assert values == {("昌邑区", 2020): 25.0, ("乐都区", 2020): 18.0, ("山西省", 2020): 25.0, ("周村区", 2020): 25.0}
    assert set(chart["unit"]) == {"%"}


def test_ledu_long_unit_name_found_by_short_form(seed_corpus):
    table = responsibility_table(seed_corpus, "ledu-2017", "区住建局")
    assert len(table) >= 4
    assert all(row.startswith("ledu-2017/") for row in table["条款 clause"])
    assert any("区住房和规划建设局" in lead for lead in table["牵头 lead"])


def test_build_demo_exposes_only_the_ask_api(mini_corpus, tmp_path: Path):
    from app import build_demo

    demo = build_demo(RecordingAssistant(mini_corpus), tmp_path)
    public = [fn.api_name for fn in demo.fns.values() if fn.api_visibility == "public"]
    assert public == ["ask"]


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5"])
def test_serve_refuses_non_loopback_hosts(host):
    from app import serve

    with pytest.raises(SystemExit, match="loopback"):
        serve(None, host, 7860)
