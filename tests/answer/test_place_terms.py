"""A glossary term read from inside a place's name is no term of the question (rag.answer.place_terms): 梅河口
holds 河口, the glossary's estuary, and every who-question of the city was refused as "not about the water"."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.glossary import mentions
from rag.answer.place_terms import outside_places
from rag.answer.query import analyze
from rag.answer.who import who
from rag.corpus.loader import load_corpus
from rag.types import Hit

# Cut from the dev plan tests/fixtures/plans-dev/composed36/meihekou-2020.txt
MEIHEKOU = """梅河口市2020年水污染防治工作要点

二、重点工作

（一）城镇污水处理提质增效

1.推进市区第二污水处理厂扩建。新增处理能力3万吨/日，2020年10月底前通水运行。
牵头单位：市住建局
配合单位：市发改局、市财政局、市生态环境局
责任单位：市城投公司

2.开展市区污水管网排查。完成建成区120公里污水管网检测，对破损、混接管段限期修复，2020年底前修复率达到80%。
牵头单位：市住建局
配合单位：市城管执法局、各街道办事处

（三）农业农村污染防治

8.推进农村生活污水治理。2020年完成25个行政村生活污水治理，村民应当按要求将厕所粪污接入处理设施，不得直排沟渠。
牵头单位：市生态环境局
配合单位：市农业农村局、市住建局
责任单位：各乡镇人民政府
"""


def _corpus(tmp_path):
    (tmp_path / "meihekou-2020.txt").write_text(MEIHEKOU, encoding="utf-8")
    return load_corpus(tmp_path)


def test_the_estuary_inside_the_city_name_is_no_term(tmp_path):
    corpus = _corpus(tmp_path)
    query = analyze("梅河口第二污水处理厂扩建是哪个部门牵头？", corpus.plans)
    assert query.plan_ids == ("meihekou-2020",)
    assert "河口海湾" in [m.term.official for m in mentions(query.norm)]  # what the glossary alone reads
    assert [m.term.official for m in query.terms] == ["城镇污水处理厂", "扩建"]


def test_a_who_question_naming_the_city_finds_its_task(tmp_path):
    corpus = _corpus(tmp_path)
    for question, clause_id, line in (
            ("梅河口第二污水处理厂扩建是哪个部门牵头？", "meihekou-2020/二/（一）/1",
             "牵头：市住建局；配合/参与：市发改局、市财政局、市生态环境局；落实/责任：市城投公司；期限：2020年10月底前。 [1]"),
            ("梅河口农村生活污水治理是谁牵头？", "meihekou-2020/二/（三）/8",
             "牵头：市生态环境局；配合/参与：市农业农村局、市住建局；落实/责任：各乡镇人民政府。 [1]")):
        hits = [Hit(corpus.clause(cid), 1.0 - i / 10, ("bm25",)) for i, cid in enumerate(
            (clause_id, "meihekou-2020/二/（一）/2"))]
        draft = who(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans), hits)
        assert not draft.abstained, question
        assert draft.lines == [line]
        assert [c.clause_id for c in draft.citations] == [clause_id]


def test_a_term_written_outside_the_name_or_as_the_whole_name_stays():
    found = mentions("梅河口市河口湿地")
    assert [m.term.official for m in outside_places(found, "梅河口市河口湿地", ((0, 4),))] == \
        [m.term.official for m in found]  # 河口 written again after the city's name
    found = mentions("辉发河口断面")
    assert outside_places(found, "辉发河口断面", ((2, 4),)) == found  # a place named 河口 is the term's own words
    assert outside_places(mentions("梅河口"), "梅河口", ((0, 3),)) == ()


def test_a_term_also_written_in_another_form_outside_the_name_stays():
    norm = "古城区2018年城市建成区黑臭水体消除比例目标是多少?"
    found = mentions(norm)
    assert "城市建成区" in [m.term.official for m in found]
    assert outside_places(found, norm, ((0, 3),)) == found  # found first as 城区 inside 古城区, written again in full
    assert "城市建成区" not in [m.term.official for m in outside_places(mentions("古城区污水处理率"), "古城区污水处理率",
                                                                      ((0, 3),))]
