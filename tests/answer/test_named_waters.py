"""An answer about one river or lake cites clauses that write it: another water's task is refused."""
from __future__ import annotations

import pytest

from rag.answer.named_waters import asked_waters, unnamed_water
from rag.answer.query import analyze
from rag.types import Citation, Corpus, Plan
from tests.conftest import make_clause

KASHI = Plan("kashi-2019", "喀什市2019年水污染防治工作方案", "喀什市人民政府", "city", ("喀什市", "喀什"),
             "喀市政发〔2019〕27号", "2019-04-15", "kashi-2019.txt", "2" * 64, "新疆维吾尔自治区")
# Real text cut from plans-dev/composed13/kashi-2019.txt.
_GOAL = ("kashi-2019/一/p1", "paragraph", ("一、工作目标",),
         "2019年，吐曼河、克孜河喀什市段水质达到Ⅲ类；城市集中式饮用水水源水质达到或优于Ⅲ类比例达到100%；")
_TUMAN = ("kashi-2019/二/（一）", "task", ("二、重点任务", "（一）吐曼河综合治理。"),
          "（一）吐曼河综合治理。2019年9月底前，完成吐曼河城区段截污纳管工程，沿河21个排污口全部封堵或规范整治。"
          "（市住房和城乡建设局牵头，市水利局、市生态环境局配合，各街道办事处落实）")
_EAST_LAKE = ("kashi-2019/二/（六）", "task", ("二、重点任务", "（六）东湖水环境保护。"),
              "（六）东湖水环境保护。2019年11月底前，完成东湖周边雨污分流改造和湖区清淤工程。"
              "（市城市管理局牵头，市住房和城乡建设局配合）")


@pytest.fixture
def corpus() -> Corpus:
    return Corpus(plans=(KASHI,), clauses=tuple(make_clause(*row) for row in (_GOAL, _TUMAN, _EAST_LAKE)))


def _cite(corpus: Corpus, clause_id: str, quote: str) -> Citation:
    clause = corpus.clause(clause_id)
    return Citation(1, clause.plan_id, KASHI.title, clause_id, " › ".join(clause.path), clause.text, quote)


def test_the_river_a_question_names_is_read_at_its_longest_written_form(corpus):
    assert asked_waters(corpus, analyze("喀什市克孜河清淤工程什么时候完成？", corpus.plans)) == ("克孜河",)
    assert asked_waters(corpus, analyze("喀什市吐曼河截污纳管由哪个部门牵头？", corpus.plans)) == ("吐曼河",)
    # 河道 and 入河 are words of the plans, not a river's name
    assert asked_waters(corpus, analyze("喀什市河道清淤和入河排污口整治由谁负责？", corpus.plans)) == ()


def test_another_waters_task_found_for_the_words_it_shares_is_no_answer(corpus):
    query = analyze("喀什市克孜河清淤工程什么时候完成？", corpus.plans)
    lake = _cite(corpus, "kashi-2019/二/（六）", "2019年11月底前，完成东湖周边雨污分流改造和湖区清淤工程。")
    goal = _cite(corpus, "kashi-2019/一/p1", "2019年，吐曼河、克孜河喀什市段水质达到Ⅲ类；")
    assert unnamed_water(corpus, query, [goal, lake]) == "克孜河"
    tuman = analyze("喀什市吐曼河截污纳管由哪个部门牵头？", corpus.plans)
    assert unnamed_water(corpus, tuman, [_cite(corpus, "kashi-2019/二/（一）", "")]) == ""


def test_a_basin_is_named_by_its_river_but_a_generic_river_word_names_none(corpus):
    assert asked_waters(corpus, analyze("喀什市吐曼河流域截污纳管由谁牵头？", corpus.plans)) == ("吐曼河",)
    assert asked_waters(corpus, analyze("喀什市主要河流水质要达到几类？", corpus.plans)) == ()


def test_a_place_named_like_a_water_is_no_water_asked(corpus):
    # s21: "平湖东片污水处理厂…" was refused for citing no 平湖, the name of the plan's own city (平湖市).
    pinghu = Plan("pinghu-2021", "平湖市2021年水污染防治工作要点", "平湖市治水办", "city", ("平湖市", "平湖"), "",
                  "2021-03-05", "pinghu-2021.txt", "3" * 64, "浙江省")
    clause = make_clause("pinghu-2021/二/（二）", "task", ("二、重点任务", "（二）提升城镇污水处理能力。"),
                         "（二）提升城镇污水处理能力。东片污水处理厂三期扩建工程2021年9月底前建成投运，新增处理能力4万吨/日；"
                         "新建改造污水管网40公里。")
    both = Corpus(plans=(KASHI, pinghu), clauses=(*corpus.clauses, clause))
    assert asked_waters(both, analyze("平湖东片污水处理厂三期扩建什么时候建成？", both.plans)) == ()
    assert asked_waters(both, analyze("喀什市克孜河清淤工程什么时候完成？", both.plans)) == ("克孜河",)


def test_a_general_clause_naming_no_water_covers_the_water_asked(corpus):
    # A district's general task answers for a river in it (ev-lead-304: 小沙河 answered by the black-and-odorous
    # water task); only a clause of another named water is refused. Real text of kashi-2019/三/（一）.
    lead = make_clause("kashi-2019/三/（一）", "task", ("三、保障措施", "（一）加强组织领导。"),
                       "（一）加强组织领导。市水污染防治工作领导小组办公室设在市生态环境局，负责日常调度和督查通报。")
    both = Corpus(plans=(KASHI,), clauses=(*corpus.clauses, lead))
    query = analyze("喀什市克孜河治理工作由谁统筹调度？", both.plans)
    assert unnamed_water(both, query, [_cite(both, "kashi-2019/三/（一）", "")]) == ""
    # "2019年底前实现河面…" holds 河 inside a sentence: no other water's name
    assert asked_waters(both, analyze("喀什市河面漂浮物清理由谁负责？", both.plans)) == ()
