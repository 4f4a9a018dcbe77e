"""Golden tests of the clause tree on the five seed plans, and properties of the parser."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rag.config import PROJECT_ROOT
from rag.corpus.clauses import match_heading, parse_clauses, task_title
from rag.corpus.ingest import PlanText
from rag.corpus.loader import load_corpus, read_plans
from rag.normalize import strip_controls
from tests.conftest import ZHOUCUN

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)


def kinds(corpus, plan_id):
    return dict(Counter(c.kind for c in corpus.clauses if c.plan_id == plan_id))


def test_clause_counts_per_level(corpus):
    assert kinds(corpus, "zhoucun-2016") == {"preamble": 10, "section": 4, "subsection": 12, "item": 32, "task": 43,
                                             "paragraph": 11, "table": 5, "table-row": 9}
    assert kinds(corpus, "shanxi-2015")["task"] == 69
    assert kinds(corpus, "shanxi-2015")["table-row"] == 4
    assert kinds(corpus, "ledu-2017") == {"preamble": 10, "section": 3, "subsection": 18, "item": 54, "paragraph": 2}
    assert kinds(corpus, "liaocheng-2020") == {"preamble": 5, "section": 3, "subsection": 13, "item": 17, "paragraph": 2}
    assert kinds(corpus, "changyi-2016")["item"] == 42


def test_task_paragraph_ids_follow_the_numbering_path(corpus):
    # DESIGN.md's example: the third task paragraph of item 2.
    clause = corpus.clause("zhoucun-2016/三/（一）/2/3")
    assert clause.kind == "task"
    assert clause.text.startswith("推进污泥安全处置。加快污泥无害化处置设施建设")
    assert clause.path == ("三、主要任务", "（一）强化全过程水污染防治。", "2．强化城镇生活污染治理。", "推进污泥安全处置。")
    assert clause.parent_id == "zhoucun-2016/三/（一）/2"
    # The item line's own task body is task 1; the item keeps only its title.
    assert corpus.clause("zhoucun-2016/三/（一）/2").text == "2．强化城镇生活污染治理。"
    assert corpus.clause("zhoucun-2016/三/（一）/2/1").text.startswith("加快城镇污水处理设施建设。")


def test_task_titles_open_shanxi_paragraphs(corpus):
    clause = corpus.clause("shanxi-2015/二/（一）/1/1")
    assert clause.path[-1] == "取缔“十小”企业。"
    assert corpus.clause("shanxi-2015/二/（一）/1/2").path[-1] == "依法淘汰落后产能。"


def test_ledu_item_numbers_on_their_own_line_are_joined(corpus):
    clause = corpus.clause("ledu-2017/一/（二）/2")
    assert clause.text.startswith("2.统筹规划,系统推进。")
    items = [c.clause_id for c in corpus.clauses if c.plan_id == "ledu-2017" and c.kind == "item"]
    assert "ledu-2017/三/（四）/46" in items and "ledu-2017/三/（四）/48" in items
    assert not any(i.endswith("/47") for i in items)  # item 47 is missing in the source, not invented


def test_ledu_keeps_damaged_strings_as_written(corpus):
    texts = [c.text for c in corpus.clauses if c.plan_id == "ledu-2017"]
    assert "2017720" in texts
    assert any("(东政〔201727号)" in t for t in texts)


def test_changyi_duplicate_copy_removed_without_losing_clauses(corpus):
    changyi = [c for c in corpus.clauses if c.plan_id == "changyi-2016"]
    texts = [c.text for c in changyi]
    assert len(texts) == len(set(texts)) + 0 or Counter(texts).most_common(1)[0][1] == 1
    assert sum(1 for t in texts if t.startswith("1、取缔“十小”企业")) == 1
    assert corpus.clause("changyi-2016/四/（三）/3").text.startswith("3、构建全民参与格局。")
    assert any(t == "监督反馈电话:62101151" for t in texts)
    assert not any("WWW.JLSCY.GOV.CN" in t.upper() or "发布时间" in t for t in texts)


def test_web_chrome_is_removed(corpus):
    texts = {c.plan_id: " ".join(c.text for c in corpus.clauses if c.plan_id == c.plan_id) for c in corpus.clauses}
    ledu = [c.text for c in corpus.clauses if c.plan_id == "ledu-2017"]
    shanxi = [c.text for c in corpus.clauses if c.plan_id == "shanxi-2015"]
    assert not any("您的位置" in t or "索 引 号" in t for t in ledu)
    assert not any("●" in t or "2022/3/26" in t for t in shanxi)
    assert texts  # every plan produced text


def test_table_rows_carry_their_cells_and_header(corpus):
    zhoucun = corpus.clause("zhoucun-2016/附表1/r1")
    assert zhoucun.kind == "table-row"
    assert all(cell in zhoucun.text for cell in ("孝妇河", "袁家桥", "Ⅴ类"))
    assert "2020年" in zhoucun.norm  # the header context, for matching
    shanxi = corpus.clause("shanxi-2015/一/（四）/表1/r1")
    assert shanxi.text == "流域：黄河流域；2016年：41.38%；2017年：44.83%；2018年：51.72%；2019年：56.90%；2020年：62.07%"
    changyi = corpus.clause("changyi-2016/附件2/表1/r1")
    assert "划黑臭水体名称：小沙河" in changyi.text and "达标期限：2020年底" in changyi.text
    assert [c.text.split(" ")[1] for c in corpus.clauses if c.clause_id.startswith("zhoucun-2016/附表3/r")] == [
        "涿河（催化剂厂至恒星路）", "米河（周隆路至恒星路）", "淦河（西外环至北外环）"]


def test_offsets_map_back_to_the_raw_text():
    for plan_text in read_plans(CORPUS)[0]:
        for clause in parse_clauses(plan_text):
            raw = strip_controls(plan_text.raw[clause.start:clause.end])  # invisible characters are dropped
            if clause.kind == "table-row":
                cells = [part.split("：", 1)[-1] for part in clause.text.split("；")] if "；" in clause.text \
                    else clause.text.split(" ")
                assert all(cell in re.sub(r"\s", "", raw) for cell in cells), clause.clause_id
            elif clause.kind != "table":
                assert re.sub(r"\s", "", raw) == re.sub(r"\s", "", clause.text), clause.clause_id


def test_ids_are_stable_and_unique():
    first = [c.clause_id for c in load_corpus(CORPUS).clauses]
    second = [c.clause_id for c in load_corpus(CORPUS).clauses]
    assert first == second
    assert len(first) == len(set(first))


@pytest.mark.parametrize("line, expected", [
    ("一、总体思路", ("section", "一", "总体思路")),
    ("（三）推动经济结构转型升级。", ("subsection", "（三）", "推动经济结构转型升级。")),
    ("(一)严控地下水超采。", ("subsection", "（一）", "严控地下水超采。")),
    ("１．深化工业污染防治。提高工业企业", ("item", "1", "深化工业污染防治。")),
    ("1、抓好工业节水。按照国家", ("item", "1", "抓好工业节水。")),
    ("12.保障饮用水水源安全。供水单位", ("item", "12", "保障饮用水水源安全。")),
    ("（2）加强管理", ("subitem", "（2）", "加强管理")),
    ("①建设人工湿地", ("point", "①", "建设人工湿地")),
])
def test_numbering_ladder(line, expected):
    heading = match_heading(line)
    assert (heading.kind, heading.token, heading.title) == expected


def test_not_headings():
    assert match_heading("2016年底前，完成划定") is None
    assert match_heading("1.5万吨的处理能力") is None
    assert task_title("推进污泥安全处置。加快污泥") == "推进污泥安全处置。"
    assert task_title("到2020年，全区污水处理率达到95%以上。") == ""


def _plan_text(text: str) -> PlanText:
    from rag.corpus.cleaning import clean_lines

    return PlanText(ZHOUCUN, text, clean_lines(text), "utf-8")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("一二三、（）()1２.．。，\n\t 表附件ⅤⅢ类%区局牵头参与负责") + ["ab", "2017年底前"]),
                max_size=200).map("".join))
def test_parser_never_raises_and_offsets_hold(text):
    plan_text = _plan_text(text)
    clauses = parse_clauses(plan_text)
    ids = [c.clause_id for c in clauses]
    assert len(ids) == len(set(ids))
    for clause in clauses:
        assert 0 <= clause.start <= clause.end <= len(text)


def test_truncated_seed_parses_to_a_prefix_of_the_full_tree():
    raw = (CORPUS / "zhoucun-2016.txt").read_text(encoding="utf-8")
    full = [c.clause_id for c in parse_clauses(_plan_text(raw))]
    cut = [c.clause_id for c in parse_clauses(_plan_text(raw[: len(raw) // 2]))]
    assert cut and full[: len(cut) - 1] == cut[:-1]
