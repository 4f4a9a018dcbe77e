"""The app's views on the real seed plans: one bar per target, display names, highlights, notes, exports."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from rag.config import PROJECT_ROOT
from rag.corpus.loader import load_corpus
from rag.types import Answer, Citation, Corpus
from rag.ui.browse import (
    chart_legend,
    chart_range,
    deadline_table,
    deadline_timeline,
    for_plot,
    indicator_comparison,
    localized,
    plot_field,
    responsibility_table,
    short_tasks,
    target_years_note,
    task_summary,
    value_title,
)
from rag.ui.chat import Conversation, conversation_json, conversation_markdown, remember
from rag.ui.i18n import TRANSLATIONS, language_of, ui_language
from rag.ui.plantext import plan_page
from rag.ui.render import anchor, citation_html, cited_text, in_language, sources_html

SLUDGE = "zhoucun-2016/三/（一）/2/3"


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus(PROJECT_ROOT / "corpus")


def _cited(corpus: Corpus, clause_id: str, quote: str = "") -> Citation:
    clause = corpus.clause(clause_id)
    return Citation(1, clause.plan_id, corpus.plan(clause.plan_id).title, clause_id, clause.breadcrumb,
                    clause.text, quote)


def test_two_values_of_one_sentence_are_two_bars_never_a_sum(seeds):
    chart = indicator_comparison(seeds, "污水处理率")
    changyi = chart[chart["plan"] == "昌邑区"]
    assert sorted(changyi["value"]) == [85.0, 95.0] and changyi["label"].is_unique
    assert chart["label"].is_unique and set(chart["unit"]) == {"%"}
    assert set(chart["plan"]) == {"昌邑区", "乐都区", "聊城市", "山西省", "周村区"}  # every plan has its bars
    assert sorted(chart[chart["plan"] == "聊城市"]["value"]) == [70.0, 90.0, 98.0]
    assert chart_range(chart) == [0, 100.0] and value_title(chart) == "目标值（%）"
    assert value_title(chart, "en") == "Target (%)"
    assert list(chart["label"])[:2] == ["昌邑区 · 85% · 城市污水处理率", "昌邑区 · 95%左右 · 城市污水处理率"]


def test_chart_fields_are_named_in_both_languages_for_the_tooltip(seeds):
    # The plot's tooltip names a field by its column and keeps it when the page language changes.
    shown = for_plot(indicator_comparison(seeds, "化肥利用率"))
    assert list(shown.columns) == ["label", "方案 plan", "指标 indicator", "数值 value", "单位 unit", "年份 year",
                                   "条款 clause"]
    assert plot_field("plan") == "方案 plan" and plot_field("label") == "label"
    timeline = for_plot(deadline_timeline(seeds, "zhoucun-2016", "en"))
    assert list(timeline.columns) == ["when", "方案 plan", "类型 kind", "期限 deadline", "条款 clause"]


def test_legend_lists_only_the_plans_drawn(seeds):
    colors = {seeds.display_name(p.plan_id): f"#00000{i}" for i, p in enumerate(seeds.plans)}
    fertiliser = chart_legend(indicator_comparison(seeds, "化肥利用率"), colors)
    assert list(fertiliser) == ["昌邑区", "乐都区", "山西省"]  # no 聊城市 or 周村区: they have no such target
    assert fertiliser["山西省"] == colors["山西省"]  # a plan keeps its colour from one indicator to the next


def test_years_note_names_the_passed_years(seeds):
    zh, en = target_years_note(seeds, 2026)
    assert "（2015–2020 年）已经过去" in zh and "(2015–2020) have passed" in en
    assert target_years_note(seeds, 2010) == ("", "")


def test_who_leads_highlights_the_note_that_answers(seeds):
    html = citation_html(_cited(seeds, SLUDGE, "推进污泥安全处置"), 0, seeds, "牵头：区住建局。 [1]")
    assert '<mark class="answering">（区住建局牵头，区发改局、区环保分局等参与）</mark>' in html
    assert "<mark>推进污泥安全处置</mark>" in html
    assert "文号 周政发〔2016〕73号 · 发布 淄博市周村区人民政府 · 日期 2016-12-25" in html
    assert f'href="/plan/zhoucun-2016?lang=zh#{anchor(SLUDGE)}"' in html
    english = citation_html(_cited(seeds, SLUDGE, "推进污泥安全处置"), 0, seeds, "Lead: 区住建局. [1]", "en")
    assert f'href="/plan/zhoucun-2016?lang=en#{anchor(SLUDGE)}"' in english  # the plan page's words follow


LEDU_WATER = "ledu-2017/二/（五）/13"
LEDU_ANSWER = ("- 期限 2017年底前：「加强农村饮用水水源保护,2017年底前,完成日供水1000吨或服务人口1000人以上的农村集中式饮用水源"
               "保护区的划定,设立保护区界牌及警示标志,定期开展农村集中式饮用水源地水质监测。」[2]\n- 期限 2020年底前：「开展饮用水"
               "水源规范化建设,全区城镇集中式饮用水源地规范化建设完成率达到95%2020年底前基本完成备用水源或应急水源建设。」[2]")


def test_every_quoted_sentence_is_marked_and_the_stated_words_stand_out(seeds):
    quote = "加强农村饮用水水源保护,2017年底前,完成日供水1000吨或服务人口1000人以上的农村集中式饮用水源保护区的划定"
    html = citation_html(replace(_cited(seeds, LEDU_WATER, quote), n=2), 2, seeds, LEDU_ANSWER)
    assert "<mark>开展饮用水水源规范化建设,全区城镇集中式饮用水源地规范化建设完成率达到95%</mark>" in html  # 2nd quote
    assert '<mark class="answering">2017年底前</mark>' in html  # the deadline the answer states
    assert '<mark class="answering">95%</mark>' not in html  # only quoted: context, not the answer


def test_a_target_value_stands_out_in_its_sentence(seeds):
    clause = "zhoucun-2016/三/（一）/2/1"
    answer = "全区污水处理率：达到95%以上（2020年）。原文：「到2020年，全区污水处理率达到95%以上，所有建制镇实现“一镇一厂”。」[1]"
    html = citation_html(_cited(seeds, clause), 1, seeds, answer)
    assert ('<mark>到2020年，全区污水处理率达到</mark><mark class="answering">95%以上</mark>'
            '<mark>，所有建制镇实现“一镇一厂”。</mark>') in html


def test_sources_panel_keeps_each_answer_own_turn(seeds):
    answer = Answer("周村区推进污泥安全处置由哪个部门牵头？", "牵头：区住建局。 [1]", False, (_cited(seeds, SLUDGE),))
    assert 'id="src-4-1"' in sources_html(answer, 4, seeds)


def test_plan_page_anchors_every_clause(seeds):
    page = plan_page(seeds, "zhoucun-2016")
    assert f'<div class="clause" id="{anchor(SLUDGE)}"><code>{SLUDGE}</code>' in page
    assert page.count('class="clause"') == sum(c.plan_id == "zhoucun-2016" for c in seeds.clauses)
    assert plan_page(seeds, "nosuch") is None


def test_plan_page_chrome_follows_the_page_language_and_the_plan_text_does_not(seeds):
    zh, en = plan_page(seeds, "zhoucun-2016", "zh"), plan_page(seeds, "zhoucun-2016", "en")
    assert '<html lang="zh-CN">' in zh and "文号 周政发〔2016〕73号 · 发布 淄博市周村区人民政府 · 日期 2016-12-25" in zh
    assert '<html lang="en">' in en and "No. 周政发〔2016〕73号 · Issued by 淄博市周村区人民政府 · Date 2016-12-25" in en
    assert "<title>周村区水污染防治行动计划实施方案</title>" in en  # the plan's own title and text, as written
    assert f'<div class="clause" id="{anchor(SLUDGE)}"><code>{SLUDGE}</code>\n推进污泥安全处置。' in en


def test_languages():
    assert language_of("What's the target for Zhoucun?") == "en" and language_of("周村区的目标？") == "zh"
    assert ui_language("en") == "en" and ui_language("zh") == "zh"
    assert ui_language("<b>en</b>") == "zh" and ui_language(None) == "zh"  # only the two values the page sends
    assert (TRANSLATIONS["zh"]["ui_language"], TRANSLATIONS["en"]["ui_language"]) == ("zh", "en")
    assert set(TRANSLATIONS["zh"]) == set(TRANSLATIONS["en"])
    text = "方案中没有找到能回答这个问题的条款。 The plans do not answer this question."
    assert in_language(text, "zh") == "方案中没有找到能回答这个问题的条款。"
    assert in_language(text, "en") == "The plans do not answer this question."
    closest = ("方案中没有关于这项任务的牵头或责任单位规定. The plan names no such task, so no units are given.\n"
               "相近但不是同一任务的条款 Closest clauses, not the same task: [1][2]")  # the markers after both
    assert in_language(closest, "zh") == "方案中没有关于这项任务的牵头或责任单位规定. 相近但不是同一任务的条款 [1][2]"
    assert in_language(closest, "en") == ("The plan names no such task, so no units are given. "
                                          "Closest clauses, not the same task: [1][2]")
    assert in_language("排放COD40mg/L以下。", "zh") == "排放COD40mg/L以下。"  # a Chinese sentence with units


def test_exports_and_bounded_memory(seeds):
    answer = Answer("周村区推进污泥安全处置由哪个部门牵头？", "牵头：区住建局。 [1]", False, (_cited(seeds, SLUDGE),))
    conversation = Conversation()
    for _ in range(55):
        conversation = remember(conversation, answer.question, answer, seeds)
    assert len(conversation.answers) == 50 and conversation.turns[0] == 5 and len(conversation.messages) == 100
    rows = json.loads(conversation_json(conversation))["turns"]
    assert rows[0]["turn"] == 5 and rows[0]["citations"][0]["clause_id"] == SLUDGE
    markdown = conversation_markdown(conversation, seeds)
    assert "## 6. 周村区推进污泥安全处置由哪个部门牵头？" in markdown
    assert "[1] 周村区水污染防治行动计划实施方案，周政发〔2016〕73号 › " in markdown


def test_table_rows_show_the_task_sentence_and_the_csv_keeps_it_all(seeds):
    table = responsibility_table(seeds, "changyi-2016")
    full = table[table["条款 clause"] == "changyi-2016/三/（二）/1"]["任务 task"].iloc[0]
    shown = short_tasks(table)
    assert shown[shown["条款 clause"] == "changyi-2016/三/（二）/1"]["任务 task"].iloc[0] == "1、抓好工业节水。…"
    assert full.startswith("1、抓好工业节水。按照国家制定的用水技术") and len(full) > 100  # the table itself keeps it
    long_first = "在地面沉降、地裂缝、岩溶塌陷等地质灾害易发区开发利用地下水,应进行地质灾害危险性评估。严格控制开采深层承压水"
    assert task_summary(long_first, 20) == "在地面沉降、地裂缝、岩溶塌陷等地质灾害易…"
    assert task_summary("推进污泥安全处置。") == "推进污泥安全处置。"


def test_a_card_marks_only_the_words_that_cite_it(seeds):
    answer = "牵头：区住建局；期限：2017年底前、2020年底前。[1]\n（各镇办为全篇统一的落实单位[2]）"
    assert cited_text(answer, 2) == "\n（各镇办为全篇统一的落实单位"
    industry = Citation(2, "zhoucun-2016", "周村区水污染防治行动计划实施方案", "zhoucun-2016/三/（一）/1/1", "",
                        seeds.clause("zhoucun-2016/三/（一）/1/1").text, "")
    assert '<mark class="answering">2017年底前</mark>' not in citation_html(industry, 0, seeds, answer)
    assert '<mark class="answering">2017年底前</mark>' in citation_html(replace(industry, n=1), 0, seeds, answer)


def test_browse_tables_speak_the_page_language(seeds):
    table = deadline_table(seeds, "zhoucun-2016")
    assert list(localized(table, "zh").columns) == ["方案", "期限", "年份", "月", "类型", "内容", "条款"]
    english = localized(table, "en")
    assert list(english.columns) == ["Plan", "Deadline", "Year", "Month", "Kind", "Task", "Clause"]
    assert set(localized(table, "zh")["类型"]) <= {"截止", "起始", "定期", "年内"} and set(english["Kind"]) <= {
        "by", "from", "periodic", "within"}
    assert table.columns[0] == "方案 plan"  # the CSV keeps both languages in its header
    assert set(deadline_timeline(seeds, "zhoucun-2016", "zh")["kind"]) <= {"截止", "起始", "定期", "年内"}
