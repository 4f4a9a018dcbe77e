"""A fine asked for one party (a person, a firm or unit) or one protection zone grade is answered by that party's or
that zone's amount only; a reward is not chosen for a deduction asked; a plan's money paragraph is read before the
task the fine is for. Literals cut from tests/fixtures/plans-dev/composed23 (ruzhou-2019, yuyang-2021)."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.draft import Context
from rag.answer.money import fits_party, fits_zone, money, money_first
from rag.answer.query import analyze
from rag.types import Hit, Plan
from tests.conftest import make_clause

# ruzhou-2019/三/（三）: the firm's fine, then the person's, in one paragraph.
_ENFORCE = ("（三）严格执法监管。对超标排放的企业，由市环保局依法责令限制生产、停产整治，并处10万元以上100万元以下罚款；"
            "对拒不改正的，按日连续处罚。对河道内倾倒垃圾的个人，由市水利局责令清除，处500元罚款。")
# ruzhou-2019/三/（四）: a reward and a deduction side by side.
_ASSESS = "（四）强化考核奖惩。对年度考核优秀的乡镇（街道）奖励20万元；对水质断面考核不达标的乡镇，每次扣缴生态补偿金10万元。"
# yuyang-2021/三/p1 and the protection task the retriever reaches first (二/（三）).
_FUNDS = ("区财政三年统筹安排攻坚资金不少于2.4亿元，其中2021年安排8000万元。对在饮用水水源一级保护区内从事网箱养殖、游泳、垂钓的"
          "个人，由区水利局责令停止违法行为，可处500元以上1000元以下罚款；在水源保护区内设置排污口的，依法处10万元以上50万元以下罚款。")
_TASK = ("（三）规范水源地保护。红石峡水源地一级保护区内禁止新建、扩建与供水设施和保护水源无关的建设项目，2021年12月底前完成一级"
         "保护区隔离防护网建设8.5公里。主责单位：市生态环境局榆阳分局；协同单位：区水利局、区自然资源局；实施主体：红石桥乡、牛家梁镇。")
_RUZHOU = Plan("ruzhou-2019", "汝州市2019年水污染防治攻坚战实施方案", "汝州市人民政府", "county", ("汝州市", "汝州"),
               "", "2019-03-25", "ruzhou-2019.docx", "3" * 64, "河南省")
_YUYANG = Plan("yuyang-2021", "榆阳区2021—2023年城市黑臭水体治理及饮用水水源地保护攻坚行动方案", "榆阳区人民政府", "district",
               ("榆阳区", "榆阳"), "", "2021-05-20", "yuyang-2021.txt", "4" * 64, "陕西省")


def _ask(mini_corpus, plan, clauses, question):
    corpus = replace(mini_corpus, plans=(*mini_corpus.plans, plan), clauses=(*mini_corpus.clauses, *clauses))
    query = analyze(question, corpus.plans)
    draft = money(Context(corpus, lambda text, plans: []), query, [Hit(c, 1.0, ("bm25",)) for c in clauses])
    return [fact["text"] for fact in draft.facts]


def test_the_party_asked_picks_its_own_fine():
    assert fits_party("对河道倾倒垃圾的个人罚多少", "对河道内倾倒垃圾的个人，由市水利局责令清除，处500元罚款。")
    assert not fits_party("how much does ruzhou fine a person who dumps rubbish", "对超标排放的企业，由市环保局依法…处10万元罚款；")
    assert not fits_party("企业倾倒垃圾罚多少", "对向河道倾倒垃圾的个人，由市城管执法局责令清除，可处200元以下罚款；")
    assert fits_party("单位倾倒罚多少", "单位倾倒的，处5000元以上5万元以下罚款。")
    assert fits_party("倾倒垃圾罚多少", "对超标排放的企业，处10万元罚款；")  # no party asked: any
    # the enforcing bureau named with 由 is not the party fined
    assert fits_party("个人罚多少", "由区水利局责令停止违法行为，可处500元以上1000元以下罚款")


def test_a_person_asked_is_not_answered_by_the_firms_fine(mini_corpus):
    clause = make_clause("ruzhou-2019/三/（三）", "subsection", ("三、保障措施",), _ENFORCE)
    assert _ask(mini_corpus, _RUZHOU, [clause], "How much does Ruzhou fine a person who dumps rubbish in a river?") \
        == ["由市水利局责令清除，处500元罚款"]


def test_the_zone_grade_asked_must_be_the_fines():
    assert not fits_zone("在水源地二级保护区新建养殖场罚多少钱", "对在饮用水水源一级保护区内从事网箱养殖的个人，可处500元罚款；")
    assert fits_zone("在一级保护区里钓鱼罚多少", "对在饮用水水源一级保护区内从事网箱养殖、游泳、垂钓的个人，可处500元罚款；")
    assert fits_zone("在二级保护区设排污口罚多少", "在水源保护区内设置排污口的，依法处10万元以上50万元以下罚款。")


def test_a_fine_of_another_zone_lends_no_subject_to_the_next_sentence(mini_corpus):
    funds = make_clause("yuyang-2021/三/p1", "paragraph", ("三、资金与考核",), _FUNDS)
    task = make_clause("yuyang-2021/二/（三）", "subsection", ("二、重点工作",), _TASK)
    assert _ask(mini_corpus, _YUYANG, [task, funds], "榆阳区在水源地二级保护区新建养殖场罚多少钱？") == []


def test_the_money_paragraph_is_read_before_the_task_the_fine_is_for(mini_corpus):
    funds = make_clause("yuyang-2021/三/p1", "paragraph", ("三、资金与考核",), _FUNDS)
    task = make_clause("yuyang-2021/二/（三）", "subsection", ("二、重点工作",), _TASK)
    query = analyze("在红石峡水源地一级保护区里钓鱼，会被罚多少钱？", (_YUYANG,))
    hits = [Hit(task, 1.0, ("bm25",)), Hit(funds, 0.5, ("bm25",))]
    assert [h.clause.clause_id for h in money_first(query, hits)] == ["yuyang-2021/三/p1", "yuyang-2021/二/（三）"]
    assert _ask(mini_corpus, _YUYANG, [task, funds], "在红石峡水源地一级保护区里钓鱼，会被罚多少钱？") \
        == ["由区水利局责令停止违法行为，可处500元以上1000元以下罚款"]


def test_a_deduction_asked_is_not_answered_by_the_reward_beside_it(mini_corpus):
    clause = make_clause("ruzhou-2019/三/（四）", "subsection", ("三、保障措施",), _ASSESS)
    assert _ask(mini_corpus, _RUZHOU, [clause], "汝州水质断面考核不达标的乡镇，每次扣多少钱？") \
        == ["对水质断面考核不达标的乡镇，每次扣缴生态补偿金10万元"]


def test_a_unit_asked_is_not_answered_by_the_firms_fine():
    assert not fits_party("东港单位往河道里倒垃圾罚多少钱", "对未按规定设置排污口、超标排放的企业，由市生态环境分局依法处10万元罚款；")
    assert fits_party("企业罚多少", "排污单位未依法取得排污许可证排放污染物的，处20万元以上100万元以下罚款。")


def test_a_fine_asked_of_another_zone_than_the_plans_sentence_on_that_act_is_refused(mini_corpus):
    funds = make_clause("yuyang-2021/三/p1", "paragraph", ("三、资金与考核",), _FUNDS)
    # the budget sentence is no fine, the 一级 swimming fine is another zone's, the outlet fine another act's
    assert _ask(mini_corpus, _YUYANG, [funds], "榆阳区个人在水源二级保护区游泳罚多少？") == []


def test_the_year_asked_picks_the_budget_stated_for_it(mini_corpus):
    funds = make_clause("yuyang-2021/三/p1", "paragraph", ("三、资金与考核",), _FUNDS)
    assert _ask(mini_corpus, _YUYANG, [funds], "榆阳区2021年安排了多少攻坚资金？") == ["其中2021年安排8000万元"]
