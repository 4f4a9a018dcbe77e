"""Amounts of money: only an amount in 元 answers, each with its condition, picked by the question's numbers."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.draft import Context
from rag.answer.money import MONEY, money, question_numbers, stated_amounts
from rag.answer.query import analyze
from rag.types import Hit, Plan
from tests.conftest import make_clause

# Real text cut from liaocheng-2020/三/（二）: two amounts under two conditions in one sentence.
_PAY = ("当月考核断面达不到水质考核类别的县（市、区）、市属开发区向市级财政缴纳生态赔偿金，考核断面为3个(含)以下的，"
        "每月每断面征收50万元，考核断面为4个(含)以上的，每月每断面征收40万元。")
_LIAOCHENG = Plan("liaocheng-2020", "聊城市打好碧水保卫战2020年行动计划", "聊城市人民政府", "city", ("聊城市", "聊城"),
                  "", "2020-04-08", "liaocheng-2020.txt", "2" * 64, "山东省")


def _answer(mini_corpus, question: str):
    clause = make_clause("liaocheng-2020/三/（二）", "subsection", ("三、保障措施", "（二）实行水质生态赔偿制度。"), _PAY)
    corpus = replace(mini_corpus, plans=(*mini_corpus.plans, _LIAOCHENG), clauses=(*mini_corpus.clauses, clause))
    query = analyze(question, corpus.plans)
    return money(Context(corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("bm25",))])


def test_fines_compensation_and_budgets_are_money_asked():
    for asked in ("企业超标排放要被罚多少钱", "罚款是多少", "生态赔偿金标准是多少", "总投资是多少亿元", "what penalty does shanxi set",
                  "how much ecological compensation per section", "what is zhoucun's budget for pipes"):
        assert MONEY.search(asked), asked
    assert not MONEY.search("污水处理率要达到多少") and not MONEY.search("who will investigate the leak")


def test_each_amount_is_stated_with_the_condition_before_it():
    assert stated_amounts(_PAY) == ["考核断面为3个(含)以下的，每月每断面征收50万元", "考核断面为4个(含)以上的，每月每断面征收40万元"]
    assert stated_amounts("到2020年，全区污水处理率达到95%以上。") == []


def test_the_numbers_a_question_names_besides_years_pick_the_condition(mini_corpus):
    assert question_numbers(analyze("聊城市考核断面在3个以内的县2020年每月交多少赔偿金？", mini_corpus.plans)) == {"3"}
    assert question_numbers(analyze("a county with four or more sections pays how much?", mini_corpus.plans)) == {"4"}


def test_a_question_on_one_condition_gets_that_conditions_amount_only(mini_corpus):
    draft = _answer(mini_corpus, "聊城市考核断面在3个以内的县，断面不达标每月每个断面交多少生态赔偿金？")
    assert draft.lines == ["「考核断面为3个(含)以下的，每月每断面征收50万元」[1]"]
    assert draft.citations[0].clause_id == "liaocheng-2020/三/（二）"


def test_a_question_on_no_condition_gets_every_amount_with_its_condition(mini_corpus):
    draft = _answer(mini_corpus, "聊城市断面不达标的县每月要交多少生态赔偿金？")
    assert draft.lines == ["「考核断面为3个(含)以下的，每月每断面征收50万元」[1]", "「考核断面为4个(含)以上的，每月每断面征收40万元」[1]"]


def test_a_money_question_on_a_clause_stating_no_amount_is_refused_not_quoted(mini_corpus):
    from rag.answer.figures import target

    clause = mini_corpus.clause("zhoucun-2016/三/（一）/1/1")  # a time limit and a 限批 sanction, no amount
    query = analyze("周村区工业集聚区逾期未完成污水集中处理要罚款多少钱？", mini_corpus.plans)
    draft = target(Context(mini_corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("bm25",))])
    assert draft.abstained and draft.lines == ["方案中没有规定所问的金额。 The plans state no such amount."]


def test_spending_asked_in_english_is_money_asked():
    # "How much will Zhoucun spend" was answered with the COD limit of its sewage plants.
    assert MONEY.search("how much will zhoucun spend on upgrading its sewage treatment plants?")
    assert MONEY.search("how much money has changyi earmarked for wetland restoration?")
    assert MONEY.search("what budget has zhoucun set aside for the river?")
    assert not MONEY.search("what is the sewage treatment rate target in zhoucun?")


def test_per_ten_thousand_yuan_names_an_indicator_not_an_amount_asked():
    # ledu-2017/二/（六）/14: 万元生产总值用水量、万元工业增加值用水量比2015年下降10%.
    assert not MONEY.search("by how much should water use per 10,000 yuan of gdp fall in ledu by 2020?")
    assert not MONEY.search("water use per 10,000 yuan of industrial value added")
    assert MONEY.search("how many yuan is the fine?") and MONEY.search("a subsidy of 500 yuan")


# Cut from maiji-2018/三/（一） and xiangdong-2019/三/（三） (composed21).
_MAIJI = ("（一）实行水质目标考核。以出境断面和乡镇交界断面水质为依据，对各乡镇实行按月考核。断面水质月均值超标的，"
          "每超标一项次扣缴该乡镇生态补偿金5万元；连续三个月超标的，加倍扣缴。")
_XIANGDONG = "（三）保障资金投入。区财政每年安排河长制工作经费300万元，列入年度预算，专款专用，对考核优秀的镇（街）奖励10万元。"


def test_rewards_and_deductions_are_money_asked():
    for asked in ("查实了给多少奖励", "超标一次要扣多少", "考核优秀的镇街奖励多少钱", "奖金有多少"):
        assert MONEY.search(asked), asked


def test_an_amount_sentence_is_read_with_its_clause_and_the_condition_asked_picks_the_amount(mini_corpus):
    def ask(clause_id, text, question):
        clause = make_clause(clause_id, "subsection", ("三、考核与奖惩",), text)
        plan = Plan(clause.plan_id, "", "", "county", (), "", "", f"{clause.plan_id}.txt", "3" * 64, "")
        corpus = replace(mini_corpus, plans=(*mini_corpus.plans, plan), clauses=(*mini_corpus.clauses, clause))
        query = analyze(question, corpus.plans)
        lines = money(Context(corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("bm25",))]).lines
        return ["「" + line.split("「", 1)[1] for line in lines]  # without the plan's name before the quote

    # the sentence stating 5万元 does not repeat 乡镇交界断面: its clause's first sentence names it
    assert ask("maiji-2018/三/（一）", _MAIJI, "乡镇交界断面水质超标一次，要扣多少钱？") == [
        "「断面水质月均值超标的，每超标一项次扣缴该乡镇生态补偿金5万元」[1]"]
    # of the sentence's two amounts, the one whose condition the question names
    assert ask("xiangdong-2019/三/（三）", _XIANGDONG, "考核优秀的镇街奖励多少钱？") == ["「专款专用，对考核优秀的镇（街）奖励10万元」[1]"]


def test_a_budget_asked_in_english_is_not_answered_by_a_reward(mini_corpus):
    # 湘东 (composed21) states the river chiefs' yearly funds and, in the next clause, a reporter's reward
    reward = "（四）鼓励公众参与。设立河长制举报电话12345，聘请民间河长20名，对群众举报问题查实的给予每件200元奖励。"
    budget = make_clause("xiangdong-2019/三/（三）", "subsection", ("三、保障措施",), _XIANGDONG)
    report = make_clause("xiangdong-2019/三/（四）", "subsection", ("三、保障措施",), reward)
    plan = Plan("xiangdong-2019", "湘东区2019年全面推行河长制湖长制工作方案", "", "county", ("湘东区", "湘东"), "", "",
                "xiangdong-2019.txt", "4" * 64, "")
    corpus = replace(mini_corpus, plans=(*mini_corpus.plans, plan), clauses=(*mini_corpus.clauses, budget, report))
    query = analyze("How much money does Xiangdong budget each year for the river chief system?", corpus.plans)
    hits = [Hit(report, 1.0, ("bm25",)), Hit(budget, 0.9, ("bm25",))]
    lines = money(Context(corpus, lambda text, plans: []), query, hits).lines
    assert ["「" + line.split("「", 1)[1] for line in lines] == ["「区财政每年安排河长制工作经费300万元」[1]"]


def test_a_fund_named_before_its_amount_is_money_asked():
    # gn-rw23: "经费是多少" asks the amount as "安排了多少资金" does; read as a share it quoted a 2022 rate.
    assert MONEY.search("榆阳区黑臭水体整治2022年的经费是多少？")
    assert MONEY.search("乐都区水源地保护的资金有多少？")
    assert not MONEY.search("榆阳区2022年城市生活污水集中收集率是多少？")
