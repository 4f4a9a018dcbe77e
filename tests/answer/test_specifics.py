"""The specific words of a question and whether an answer's cited text carries them (rag.answer.specifics)."""
from __future__ import annotations

from rag.answer.draft import Draft
from rag.answer.query import analyze
from rag.answer.specifics import (
    NOT_NEAR,
    question_specifics,
    uncarried,
    word_weights,
    worded,
)
from rag.normalize import normalize
from rag.types import Corpus, Hit, Plan
from tests.conftest import make_clause

MAIJI = Plan("maiji-2018", "麦积区水污染防治三年攻坚实施方案（2018—2020年）", "天水市麦积区人民政府", "district",
             ("麦积区", "麦积"), "麦政发〔2018〕41号", "2018-06-01", "maiji-2018.txt", "4" * 64, "甘肃省")
# Cut from tests/fixtures/plans-dev/composed21/maiji-2018.txt.
CLAUSES = (
    make_clause("maiji-2018/二/（七）", "subsection", ("二、重点任务", "（七）河道采砂管理。"),
                "（七）河道采砂管理。渭河、藉河麦积段实行禁采区、可采区分区管理，禁采区内一律不得采砂，对无证采砂的没收违法"
                "所得和设备。区水务局牵头，区公安分局、区自然资源局配合。"),
    make_clause("maiji-2018/二/（九）", "subsection", ("二、重点任务", "（九）城区餐饮和洗车行业排水整治。"),
                "（九）城区餐饮和洗车行业排水整治。城区餐饮单位须安装油水分离器并与有资质的单位签订餐厨废弃物收运协议，"
                "洗车点须建设三级沉淀池并循环用水，2018年10月底前完成排查整治；拒不整改的，依法责令停业。"),
)
CORPUS = Corpus(plans=(MAIJI,), clauses=CLAUSES, responsibilities=(), targets=(), deadlines=())
HOTPOT = "麦积区城里开火锅店的，油污水有什么要求？"


def _cited(clause_id: str) -> Draft:
    draft = Draft(CORPUS)
    draft.lines.append(f"… [{draft.cite(CORPUS.clause(clause_id))}]")
    return draft


def _search(*order: str):
    """A search that finds the clauses in the order given, whatever the words."""
    return lambda text, plan_ids: [Hit(CORPUS.clause(c), 1.0, ("dense",)) for c in order]


def test_the_specifics_are_the_questions_own_nouns_not_its_place_nor_the_thing_a_question_word_asks():
    hotpot = question_specifics(CORPUS, analyze(HOTPOT, CORPUS.plans))
    assert "火锅店" in hotpot and "麦积区" not in hotpot
    hospital = question_specifics(CORPUS, analyze("麦积区医院污水消毒由哪个单位牵头？", CORPUS.plans))
    assert "医院" in hospital and "单位" not in hospital  # 哪个单位 asks the unit


def test_a_word_is_carried_by_its_words_when_the_cited_text_writes_a_character_pair_of_it():
    texts = [normalize(CORPUS.clause("maiji-2018/二/（九）").text)]
    query = analyze("麦积区洗车店的废水要怎么处理？", CORPUS.plans)
    assert worded(query, "洗车店", texts)  # 洗车点
    assert not worded(query, "火锅店", texts)


def test_a_word_the_cited_text_does_not_write_is_carried_only_when_a_cited_clause_is_among_its_nearest():
    query, draft = analyze(HOTPOT, CORPUS.plans), _cited("maiji-2018/二/（九）")
    # 火锅店 is a restaurant: the restaurants' clause is the word's nearest, so the answer is about it.
    assert uncarried(CORPUS, query, draft, _search("maiji-2018/二/（九）", "maiji-2018/二/（七）")) == ""
    # The sand-dredging clause cited for it carries nothing of a hot-pot restaurant.
    dredging = _cited("maiji-2018/二/（七）")
    assert uncarried(CORPUS, query, dredging, _search("maiji-2018/二/（九）")) != ""
    assert ("火锅店", NOT_NEAR, 0.0) in word_weights(CORPUS, query, dredging, _search("maiji-2018/二/（九）"), None)


def test_a_refused_answer_is_not_checked():
    draft = _cited("maiji-2018/二/（七）")
    draft.abstained = True
    assert uncarried(CORPUS, analyze(HOTPOT, CORPUS.plans), draft, _search()) == ""
