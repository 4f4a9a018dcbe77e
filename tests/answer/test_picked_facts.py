"""Which fact of several answers: the row a question singles out, the limit of the subject it names, names for
"哪几条" (real text cut from shanxi-2015 and zhoucun-2016)."""
from __future__ import annotations

from dataclasses import replace as with_

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.normalize import normalize
from rag.types import Deadline, Hit
from tests.conftest import make_clause, mini_corpus_value

# shanxi-2015/一/（四）/表2: a table with one row per basin and no province-wide row.
_TABLE = "shanxi-2015/一/（四）/表2"
_ROWS = {
    f"{_TABLE}/r1": "流域：黄河流域；2016年：34.48%；2017年：32.76%；2018年：27.59%；2019年：20.69%；2020年：17.24%",
    f"{_TABLE}/r2": "流域：海河流域；2016年：7.84%；2017年：7.84%；2018年：3.92%；2019年：1.96%；2020年：1.96%",
}
_TITLE = "表2  全省主要河流水质劣于Ⅴ类断面比例分年度目标"
# shanxi-2015/二/（一）/2/1 and /2/3: several subjects' limits in one sentence.
_TOWNS = "加快建设重点镇污水处理设施,已批准污水处理设施建设项目的重点镇于2017年底前建设完成,其余重点镇于2020年底前建设完成。"
_REUSE = "2016年底前,各设区市编制并实施城市再生水利用规划,县城及县级市于2017年底前完成。"


def _table_corpus():
    base = mini_corpus_value()
    path = ("一、总体要求", "（四）分年度目标。", _TITLE)
    header = f"{_TITLE} 流域 2016年 2017年 2018年 2019年 2020年 "  # the parser puts the table's head in a row's norm
    rows = tuple(with_(make_clause(cid, "table-row", path, text), norm=normalize(header + text))
                 for cid, text in _ROWS.items())
    return with_(base, clauses=(*base.clauses, make_clause(_TABLE, "table", path, _TITLE), *rows))


def test_a_row_of_one_basin_is_no_answer_to_a_province_wide_question():
    from rag.answer.figures import table_cell

    corpus = _table_corpus()
    ctx = Context(corpus, lambda text, plans: [])
    hits = [Hit(corpus.clause(f"{_TABLE}/r2"), 1.0, ("bm25",)), Hit(corpus.clause(f"{_TABLE}/r1"), 0.9, ("bm25",))]
    whole = table_cell(ctx, analyze("山西全省劣Ⅴ类断面比例2019年要降到多少？", corpus.plans), hits)
    assert whole.abstained and whole.lines == ["方案的表格只按黄河流域、海河流域分列数值，没有所问范围的数值 [1]。"]
    basin = table_cell(ctx, analyze("山西海河流域劣于Ⅴ类断面比例2018年要控制在多少？", corpus.plans), hits)
    assert not basin.abstained and basin.lines == [f"{_TITLE}：海河流域，「2018年：3.92%」[1]"]


def test_a_row_whose_siblings_state_the_same_value_answers_whatever_row_is_asked():
    from rag.answer.rows import choose

    corpus = _table_corpus()
    same = choose(corpus, analyze("山西全省2017年劣Ⅴ类断面比例要控制在多少？", corpus.plans), corpus.clause(f"{_TABLE}/r2"))
    assert (same.identified, same.quote) == (False, "2017年：7.84%")  # 32.76% beside 7.84%: not the same
    rows = (make_clause(f"{_TABLE}/r1", "table-row", ("表2",), "1 周村区 杨古水源地 地下水型 城市 Ⅲ类 Ⅲ类"),
            make_clause(f"{_TABLE}/r2", "table-row", ("表2",), "2 周村区 宝山水源地 地下水型 城市 Ⅲ类 Ⅲ类"))
    alike = with_(corpus, clauses=(*mini_corpus_value().clauses, make_clause(_TABLE, "table", ("表2",), "表2"), *rows))
    assert choose(alike, analyze("周村区水源地水质目标是几类？", alike.plans), rows[0]).identified


def _limits(span: str, texts: tuple[str, ...]) -> tuple[Deadline, ...]:
    return tuple(Deadline("shanxi-2015", "shanxi-2015/二/（一）/2/1", text, int(text.lstrip("于")[:4]), 12, "by", span)
                 for text in texts)


def test_of_several_subjects_limits_in_one_sentence_the_named_subjects_limit_answers():
    from rag.answer.limits import bound_subject, named_limits

    base = mini_corpus_value()
    towns, reuse = _limits(_TOWNS, ("于2017年底前", "于2020年底前")), _limits(_REUSE, ("2016年底前", "于2017年底前"))
    corpus = with_(base, deadlines=(*towns, *reuse))
    assert [bound_subject(d) for d in (*towns, *reuse)] == ["已批准污水处理设施建设项目的重点镇", "其余重点镇", "",
                                                          "县城及县级市"]
    rest = named_limits(corpus, analyze("山西还没批项目的其余重点镇，污水处理设施最晚什么时候建成？", base.plans), list(towns))
    assert [d.text for d in rest] == ["于2020年底前"]
    counties = named_limits(corpus, analyze("山西的县城和县级市什么时候要完成城市再生水利用规划？", base.plans), list(reuse))
    assert [d.text for d in counties] == ["于2017年底前"]
    # Naming only part of the bound subject in everyday words (县城 of 县城及县级市) still picks its limit: the part
    # of the area named decides, as for an English question ("county towns").
    town = named_limits(corpus, analyze("山西的县城，再生水利用规划最晚啥时候要编完？", base.plans), list(reuse))
    assert [d.text for d in town] == ["于2017年底前"]
    # Naming no subject of the sentence leaves the choice to the words of each limit's task.
    plain = named_limits(corpus, analyze("山西重点镇污水处理设施什么时候建成？", base.plans), list(towns))
    assert [d.text for d in plain] == ["于2017年底前", "于2020年底前"]


def test_which_ones_asked_gets_the_names_not_the_count():
    from rag.answer.quotes import listing

    base = mini_corpus_value()
    rows = (make_clause("zhoucun-2016/附表3/r1", "table-row", ("附表3",), "1 涿河（催化剂厂至恒星路） 河流 4816米 周村区 轻度"),
            make_clause("zhoucun-2016/附表3/r2", "table-row", ("附表3",), "2 米河（周隆路至恒星路） 河流 5188米 周村区 轻度"))
    corpus = with_(base, clauses=(*base.clauses, make_clause("zhoucun-2016/附表3", "table", ("附表3",),
                                                             "附表3  周村区城市黑臭水体清单"), *rows))
    ctx = Context(corpus, lambda text, plans: [])
    count_clause = corpus.clause("zhoucun-2016/三/（二）/2")  # "向社会公布建成区3条黑臭水体"
    hits = [Hit(count_clause, 1.0, ("bm25",)), Hit(rows[0], 0.9, ("bm25",))]
    names = listing(ctx, analyze("周村区建成区的黑臭水体是哪几条？", corpus.plans), hits)
    assert names.lines[1:] == [f"- {rows[0].text} [2]", f"- {rows[1].text} [3]"]
    count = listing(ctx, analyze("周村区建成区有几条黑臭水体？", corpus.plans), hits)
    assert "3条黑臭水体" in count.lines[0]


# shanxi-2015/一/（四）/p1: one sentence pointing to two tables, each named in its own piece.
_POINTER = ("为保障水质改善总体目标实现,将全省河流水环境质量改善目标分解为年度目标,全省主要河流水质优良(达到或优于Ⅲ类)"
            "断面比例分年度目标见表1,水质劣于Ⅴ类断面比例分年度目标见表2。")


def test_a_table_is_named_by_the_text_pointing_to_it_and_every_row_named_answers():
    from rag.answer.figures import table_cell
    from rag.answer.rows import table_reference

    base = _table_corpus()
    title1 = "表1  全省主要河流水质达到或优于Ⅲ类断面比例分年度目标"
    t1 = "shanxi-2015/一/（四）/表1"
    rows = {f"{t1}/r1": "流域：黄河流域；2019年：56.90%；2020年：62.07%", f"{t1}/r2": "流域：海河流域；2019年：62.75%；2020年：62.75%"}
    table1 = tuple(with_(make_clause(cid, "table-row", ("一、总体要求", title1), text),
                         norm=normalize(f"{title1} 流域 2019年 2020年 {text}")) for cid, text in rows.items())
    corpus = with_(base, clauses=(*base.clauses, make_clause("shanxi-2015/一/（四）/p1", "paragraph", ("一、总体要求",), _POINTER),
                                  make_clause(t1, "table", ("一、总体要求", title1), title1), *table1))
    assert table_reference(corpus, corpus.clause(t1)) == "全省主要河流水质优良断面比例分年度目标见表1"
    assert table_reference(corpus, corpus.clause(_TABLE)) == "水质劣于Ⅴ类断面比例分年度目标见表2"
    ctx = Context(corpus, lambda text, plans: [])
    hits = [Hit(row, 1.0 - i / 10, ("bm25",)) for i, row in enumerate(table1)]
    both = table_cell(ctx, analyze("山西黄河流域和海河流域2020年水质优良断面比例目标分别是多少？", corpus.plans), hits)
    assert both.lines == [f"{title1}：黄河流域，「2020年：62.07%」[1]", f"{title1}：海河流域，「2020年：62.75%」[2]"]


def test_of_a_clauses_limits_the_one_of_the_task_named_before_the_time_is_asked_answers():
    from rag.answer.limits import asked_task, asked_task_limits

    # Real text cut from huaiyuan-2019/二/（一）/1: two pieces of one clause, each with its limit; the first shares
    # more words with the question (the enterprises), the second is the task asked (分类整治).
    cid, first, second = ("huaiyuan-2019/二/（一）/1", "2019年6月底前完成全县“散乱污”企业排查，建立管理台账；",
                          "于2019年9月30日前完成分类整治。")
    limits = (Deadline("huaiyuan-2019", cid, "2019年6月底前", 2019, 6, "by", first),
              Deadline("huaiyuan-2019", cid, "于2019年9月30日前", 2019, 9, "by", second))
    base = mini_corpus_value()
    corpus = with_(base, deadlines=limits)
    asked = asked_task_limits(corpus, asked_task(analyze("怀远县“散乱污”企业分类整治要在什么时间前完成？", base.plans)), list(limits))
    assert [d.text for d in asked] == ["于2019年9月30日前"]
    survey = asked_task_limits(corpus, asked_task(analyze("怀远县“散乱污”企业排查什么时候完成？", base.plans)), list(limits))
    assert [d.text for d in survey] == ["2019年6月底前"]
    # A task neither piece writes leaves the choice to the words of each limit's task.
    neither = asked_task_limits(corpus, asked_task(analyze("怀远县“散乱污”企业什么时候完成整治？", base.plans)), list(limits))
    assert [d.text for d in neither] == ["2019年6月底前", "于2019年9月30日前"]


def test_a_limit_whose_piece_writes_the_asked_task_answers_though_it_shares_few_other_words():
    from rag.answer.limits import deadline

    # Real text cut from huaiyuan-2019/二/（一）/1: neither piece shares enough words with the question to pass the
    # floor; the one writing the task asked (分类整治) answers, not a quote of the first piece.
    cid = "shanxi-2015/二/（一）/9"  # filed under a plan of the mini corpus, which the answer's prefix looks up
    first, second = "2019年6月底前完成全县“散乱污”企业排查，建立管理台账；", "于2019年9月30日前完成分类整治。"
    limits = (Deadline("shanxi-2015", cid, "2019年6月底前", 2019, 6, "by", first),
              Deadline("shanxi-2015", cid, "于2019年9月30日前", 2019, 9, "by", second))
    base = mini_corpus_value()
    clause = make_clause(cid, "task", ("1．全面排查“散乱污”企业。",), f"1．全面排查“散乱污”企业。{first}{second}")
    corpus = with_(base, clauses=(*base.clauses, clause), deadlines=limits)
    draft = deadline(Context(corpus, lambda text, plans: []), analyze("怀远县“散乱污”企业分类整治要在什么时间前完成？",
                                                                     base.plans), [Hit(clause, 1.0, ("bm25",))])
    assert [f["deadline"] for f in draft.facts] == ["于2019年9月30日前"]
