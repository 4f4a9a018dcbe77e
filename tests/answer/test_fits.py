"""Figure answers fit what is asked: a pollutant asked is named by a cited sentence, a county with its own sub-plan
is not answered by the city part's sentence (rag.answer.fits)."""
from __future__ import annotations

from types import SimpleNamespace

from rag.answer.draft import Context
from rag.answer.fits import (
    city_part_for_county,
    county_subplans,
    pollutant_uncited,
    total_asked_rate_stated,
)
from rag.answer.intents import compose
from rag.answer.query import analyze
from rag.normalize import normalize
from rag.types import Citation, Corpus, Hit
from tests.conftest import make_clause

_PLANT = "zhoucun-2016/三/（一）/2"  # "…出水水质COD、氨氮指标分别达到40mg/L和2mg/L，其他指标达到一级A标准要求。"


def _citation(corpus, clause_id: str, quote: str) -> Citation:
    clause = corpus.clause(clause_id)
    return Citation(1, clause.plan_id, "", clause_id, " / ".join(clause.path), clause.text, quote)


def test_a_pollutant_asked_must_be_named_by_the_cited_sentence(mini_corpus):
    quote = "全区城镇污水处理厂于2017年底出水水质COD、氨氮指标分别达到40mg/L和2mg/L"
    cited = [_citation(mini_corpus, _PLANT, quote)]
    asked = lambda question: analyze(question, mini_corpus.plans)
    assert pollutant_uncited(asked("周村区污水处理厂出水总磷要达到多少？"), cited, mini_corpus.clause)
    assert not pollutant_uncited(asked("周村区污水处理厂出水氨氮要达到多少？"), cited, mini_corpus.clause)
    assert not pollutant_uncited(asked("周村区污水处理厂出水化学需氧量要达到多少？"), cited, mini_corpus.clause)  # COD
    # A rate indicator is left to the other checks: the plans word it too variously.
    assert not pollutant_uncited(asked("周村区污水处理率要达到多少？"), cited, mini_corpus.clause)


def test_another_pollutants_figure_is_refused_not_answered(mini_corpus):
    ctx = Context(mini_corpus, lambda text, plans: [])
    hits = [Hit(mini_corpus.clause(_PLANT), 1.0, ("bm25",))]
    refused = compose(ctx, analyze("周村区污水处理厂出水总磷浓度要达到多少mg/L？", mini_corpus.plans), hits)
    assert refused.abstained and "40mg" not in refused.text
    answered = compose(ctx, analyze("周村区污水处理厂出水氨氮浓度要达到多少mg/L？", mini_corpus.plans), hits)
    assert not answered.abstained and "2mg/l" in answered.text.lower()


# Cut from tests/fixtures/plans-dev/composed6/shaoyang-2021.txt (a city plan with one sub-plan per county).
_BACKUP = make_clause("shaoyang-2021/二/（三）", "subsection", ("二、重点任务", "（三）建设备用水源。"),
                      "（三）建设备用水源。2023年底前市城区建成应急备用水源，实现双水源供水。责任单位：市水利局")
_XINNING = make_clause("shaoyang-2021/三/（三）", "subsection", ("三、分县（市、区）实施方案", "（三）新宁县实施方案。"),
                       "（三）新宁县实施方案。2021年9月底前关闭夫夷江饮用水水源一级保护区内全部养殖场；到2025年，"
                       "县城备用水源建成投用。责任单位：新宁县人民政府")
_LONGHUI = make_clause("shaoyang-2021/三/（四）", "subsection", ("三、分县（市、区）实施方案", "（四）隆回县实施方案。"),
                       "（四）隆回县实施方案。2023年6月底前完成辰河水源地二级保护区生活污水收集管网建设，收集率达到85%以上。"
                       "责任单位：隆回县人民政府，配合单位：市住房城乡建设局")


def _asked(question: str):
    return SimpleNamespace(norm=normalize(question), plan_ids=("shaoyang-2021",))


def test_the_city_parts_time_is_no_answer_for_a_county_with_its_own_sub_plan():
    corpus = Corpus(plans=(), clauses=(_BACKUP, _XINNING, _LONGHUI))
    city = [_citation(corpus, "shaoyang-2021/二/（三）", "2023年底前市城区建成应急备用水源，实现双水源供水。")]
    assert county_subplans(corpus) == {"shaoyang-2021": frozenset({"新宁县", "隆回县"})}
    assert city_part_for_county(corpus, _asked("隆回县的备用水源什么时候建成？"), city)
    assert city_part_for_county(corpus, _asked("隆回的备用水源什么时候建成？"), city)
    assert not city_part_for_county(corpus, _asked("邵阳市城区的备用水源什么时候建成？"), city)  # no county asked
    own = [_citation(corpus, "shaoyang-2021/三/（三）", "到2025年，县城备用水源建成投用。")]
    assert not city_part_for_county(corpus, _asked("新宁县的备用水源什么时候建成？"), own)  # its sub-plan cited


def test_a_total_asked_is_not_answered_by_a_rate(mini_corpus):
    # Cut from liaocheng-2020 三/（二）.
    rate = ["考核断面为3个(含)以下的，每月每断面征收50万元", "考核断面为4个(含)以上的，每月每断面征收40万元"]
    asked = lambda question: analyze(question, mini_corpus.plans)
    assert total_asked_rate_stated(asked("每年收上来的生态赔偿金总共有多少？"), rate)
    assert not total_asked_rate_stated(asked("考核断面不达标每月每个断面交多少生态赔偿金？"), rate)
    counted = ["向社会公布建成区3条黑臭水体（名单见附表4）名称、责任人及达标期限。"]
    assert not total_asked_rate_stated(asked("周村城区一共有几条黑臭的河要治？"), counted)


def test_a_named_water_beside_the_task_must_be_written_by_the_answering_clause():
    from types import SimpleNamespace

    from rag.answer.fits import other_water

    def mention(official, kind, aliases=()):
        return SimpleNamespace(term=SimpleNamespace(kind=kind, official=official, aliases=aliases), how="english")

    # xinyang-2016 (composed14): "ship pollution control on the Huai River" — the ship task's clause names the
    # reservoirs only; 淮河 is written in the plan's targets, not in the task asked.
    ship = "（八）加强船舶污染防治。2018年底前，南湾湖、出山店水库旅游船舶全部完成防污改造。【市交通运输局牵头，市旅游局配合】"
    terms = (mention("船舶污染", "term", ("船舶污水",)), mention("干流", "water", ("主河道",)), mention("淮河", "water"))
    query = SimpleNamespace(intent="lead", language="en", terms=terms)
    assert other_water(query, [ship]) is True
    # The same question about a water the clause writes is answered.
    reservoir = (mention("船舶污染", "term", ("船舶污水",)), mention("出山店水库", "water"))
    assert other_water(SimpleNamespace(intent="lead", language="en", terms=reservoir), [ship]) is False
    # Not for a Chinese question, nor for a figure question.
    assert other_water(SimpleNamespace(intent="lead", language="zh", terms=terms), [ship]) is False
    assert other_water(SimpleNamespace(intent="target", language="en", terms=terms), [ship]) is False


def test_a_place_read_as_a_water_is_not_checked_as_one():
    from types import SimpleNamespace

    from rag.answer.fits import other_water

    def mention(official, kind, aliases=()):
        return SimpleNamespace(term=SimpleNamespace(kind=kind, official=official, aliases=aliases), how="english")

    # "Who leads agricultural non-point source pollution control in Pinghu?": 平湖 is the city, not a lake.
    task = "（四）深化农业面源污染治理。（市农业农村局牵头）"
    terms = (mention("农业面源污染", "term", ("面源污染",)), mention("平湖", "water"))
    query = SimpleNamespace(intent="lead", language="en", terms=terms)
    assert other_water(query, [task]) is True
    assert other_water(query, [task], "平湖市人民政府 平湖市 平湖") is False


def _target(indicator: str, value: str = "80%") -> "Target":
    from rag.types import Target

    return Target("wangcheng-2019", "wangcheng-2019/一/p1", indicator, 80.0, "%", value, "达到", 2019, "", None, "",
                  f"{indicator}达到{value}")


def test_a_target_of_another_rate_does_not_answer_the_rate_asked():
    from rag.answer.fits import rate_fits

    # wangcheng-2019 (composed2): "城区污水处理率达到96%，乡镇污水处理设施覆盖率达到80%" — the coverage of
    # facilities is no treatment rate.
    asked = SimpleNamespace(language="zh", norm=normalize("望城区乡镇污水处理率要达到多少？"), terms=())
    assert rate_fits(asked, _target("乡镇污水处理设施覆盖率")) is False
    assert rate_fits(asked, _target("县城生活污水集中处理率")) is True
    # One measure worded two ways shares a character (回用率, 利用率); a question naming no rate fits any.
    reuse = SimpleNamespace(language="zh", norm=normalize("周村区到2020年再生水回用率要达到多少？"), terms=())
    assert rate_fits(reuse, _target("再生水利用率")) is True
    plain = SimpleNamespace(language="zh", norm=normalize("望城区乡镇污水要处理到什么程度？"), terms=())
    assert rate_fits(plain, _target("乡镇污水处理设施覆盖率")) is True
    english = SimpleNamespace(language="en", norm=normalize("What is Wangcheng's target for the township sewage "
                                                            "treatment rate?"), terms=())
    assert rate_fits(english, _target("乡镇污水处理设施覆盖率")) is False
    assert rate_fits(english, _target("乡镇污水处理率")) is True


def test_a_share_of_the_other_end_of_the_quality_scale_does_not_answer():
    from rag.answer.fits import polarity_fits

    # hainan-2016 (composed4): "地下水质量极差的比例控制在5%以内" is no share of good-quality groundwater.
    good = SimpleNamespace(norm=normalize("What is Hainan's 2020 target for the share of good-quality groundwater?"))
    assert polarity_fits(good, _target("地下水质量极差的比例", "5%以内")) is False
    assert polarity_fits(good, _target("地表水水质优良比例", "94.4%以上")) is True
    bad = SimpleNamespace(norm=normalize("海南省地下水质量极差比例要控制在多少？"))
    assert polarity_fits(bad, _target("地下水质量极差的比例", "5%以内")) is True
    assert polarity_fits(bad, _target("地表水水质优良比例", "94.4%以上")) is False


def test_a_deadline_for_a_named_waters_task_is_not_read_from_another_waters_row():
    from rag.answer.fits import other_water

    def mention(official, kind, surface=""):
        term = SimpleNamespace(kind=kind, official=official, aliases=())
        return SimpleNamespace(term=term, how="english", surface=surface)

    # huoshan-2019 (composed12): the net-cage row is of 佛子岭水库, not of 磨子潭水库.
    row = "序号：3；工作任务：完成佛子岭水库库区网箱养殖清理；牵头单位：县农业农村局；完成时限：2019年6月底前"
    terms = (mention("水产养殖", "actor", "net cage"), mention("磨子潭水库", "water", "in mozitan reservoir"))
    assert other_water(SimpleNamespace(intent="deadline", language="en", terms=terms), [row]) is True
    terms = (mention("水产养殖", "actor", "net cage"), mention("佛子岭水库", "water", "in foziling reservoir"))
    assert other_water(SimpleNamespace(intent="deadline", language="en", terms=terms), [row]) is False
    # A water named in English words may be the plan's water of another name: nanchong-2018's 西河 for "West
    # River" (the glossary's 西江).
    row = "| 2 | 完成西河沿线排污口截污纳管 | 顺庆区人民政府 | 市住房城乡建设局、市生态环境局 | 2019年6月底前 |"
    terms = (mention("截污纳管", "task", "intercept sewag"), mention("西江", "water", "along the west river"))
    assert other_water(SimpleNamespace(intent="deadline", language="en", terms=terms), [row]) is False
