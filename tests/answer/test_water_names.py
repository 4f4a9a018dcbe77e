"""The water a question names, read once for every check: names ending in 塘, 渠 or a bare 水, a water no plan in
scope writes, English pond-rivers in pinyin, and a water asked that its task lists among others."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.named_waters import unnamed_water
from rag.answer.query import analyze
from rag.answer.water_names import ENGLISH_NOUNS, KINDS, asked_waters, names_in, unwritten_waters
from rag.answer.waters import chinese_waters
from rag.answer.who import who
from rag.corpus.loader import load_corpus
from rag.normalize import normalize
from rag.types import Citation, Hit

# Cut from plans-dev/composed6/pinghu-2021.txt (一、and 二、（二）（五）).
PINGHU = (
    "平湖市2021年工业园区“污水零直排区”建设暨水污染防治工作要点\n"
    "二、重点任务\n"
    "（二）提升城镇污水处理能力。东片污水处理厂三期扩建工程2021年9月底前建成投运，新增处理能力4万吨/日；新建改造污水管网40公里。\n"
    "牵头单位：市建设局  配合单位：市发改局、市财政局\n"
    "（五）开展河湖水域保洁。全面落实河湖长巡河制度，市级河长每月巡河不少于1次；年底前完成上海塘、盐平塘河道综合整治。\n"
    "牵头单位：市水利局  配合单位：市综合行政执法局  责任单位：各镇人民政府、街道办事处\n"
)
# Cut from shanxi-2015.txt (二、（三）4).
SHANXI = (
    "山西省水污染防治工作方案\n"
    "二、主要任务\n"
    "（三）保障水生态环境安全\n"
    "4.保护水和湿地生态系统。\n"
    "在27个良好保护型控制单元,神头泉、娘子关泉、辛安泉、雷鸣寺泉、城头会泉、坪上泉等泉域重点保护区,以及汾河水库、张峰水库、"
    "漳泽水库、文峪河水库、关河水库、后湾水库等良好水体区域,开展生态环境现状调查与安全评估,制定实施生态环境保护方案,"
    "编制年度计划,实施重点规划项目。(省环保厅牵头,省发展改革委、省财政厅、省水利厅、省林业厅等参与)\n"
)


def _names(text: str) -> list[str]:
    norm = normalize(text)
    return [norm[b:e] for b, e in names_in(norm)]


def test_ponds_canals_and_rivers_named_with_a_bare_shui_are_names():
    assert _names("平湖市盐平塘河道综合整治") == ["盐平塘", "平塘"]
    assert _names("对湘东城区东河沟、麻山渠两处黑臭水体") == ["东河", "麻山渠", "山渠"]
    assert _names("邵东市蒸水水源地隔离防护网建设") == ["蒸水"]
    assert _names("湘东区渌水河道非法采砂") == ["渌水"]  # 河道 is the river's channel, 渌水 the name
    assert _names("湘东区萍水河入渌水口") == ["萍水河"]  # read at its 河, not as 萍水


def test_common_words_ending_in_a_water_word_are_no_names():
    for text in ("推广池塘循环水养殖", "建设生态拦截沟渠15公里", "城镇生活污水处理", "饮用水水源", "南水北调输水干线",
                 "应急水源地建设", "王村杨古水源地"):
        assert _names(text) == [], text


def test_the_water_nouns_are_one_set_for_chinese_and_english():
    assert ("塘", ("pond", "river")) in KINDS
    assert {"river", "lake", "reservoir", "pond", "canal", "stream"} <= set(ENGLISH_NOUNS)


def _pinghu(tmp_path):
    (tmp_path / "pinghu-2021.txt").write_text(PINGHU, encoding="utf-8")
    return load_corpus(tmp_path)


def _cite(corpus, clause_id: str) -> Citation:
    clause = corpus.clause(clause_id)
    return Citation(1, clause.plan_id, "", clause_id, " › ".join(clause.path), clause.text, "")


def test_a_pond_river_the_plan_writes_is_asked_and_one_it_never_writes_is_refused(tmp_path):
    corpus = _pinghu(tmp_path)
    written = analyze("平湖市盐平塘河道综合整治由哪个部门牵头？", corpus.plans)
    assert asked_waters(corpus, written) == ("盐平塘",)
    # gn21sc-04: 广陈塘 is no water of this plan; the task of 上海塘 and 盐平塘 is another water's.
    other = analyze("平湖市广陈塘河道综合整治什么时候完成？", corpus.plans)
    assert asked_waters(corpus, other) == ()
    assert unwritten_waters(corpus, other) == ("广陈塘",)
    ponds = next(c.clause_id for c in corpus.clauses if "盐平塘" in c.text)
    plant = next(c.clause_id for c in corpus.clauses if "东片污水处理厂" in c.text)
    assert unnamed_water(corpus, other, [_cite(corpus, ponds)]) == "广陈塘"
    assert unnamed_water(corpus, other, [_cite(corpus, plant)]) == ""  # a clause of no water says nothing of it
    assert unnamed_water(corpus, written, [_cite(corpus, ponds)]) == ""


def test_a_generic_or_place_word_before_a_water_word_is_no_unwritten_water(tmp_path):
    corpus = _pinghu(tmp_path)
    for question in ("平湖市城区黑臭河整治由谁负责？", "平湖市河道保洁由谁负责？", "平湖东片污水处理厂什么时候建成？"):
        assert unwritten_waters(corpus, analyze(question, corpus.plans)) == (), question


def test_an_english_pond_river_is_read_in_pinyin(tmp_path):
    corpus = _pinghu(tmp_path)
    found = chinese_waters("When must the Shanghaitang river improvement in Pinghu be finished?", corpus.clauses)
    assert found[0] == ("shanghaitang", "上海塘")  # ("pinghu", 平湖) follows: the place, which rag.answer.places reads


def _shanxi_who(tmp_path, question: str):
    (tmp_path / "shanxi-2015.txt").write_text(SHANXI, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = [c for c in corpus.clauses if corpus.notes_of(c.clause_id)]
    hits = [Hit(clause, 1.0, ("bm25",)) for clause in noted]
    return who(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans, corpus.clauses), hits)


def test_a_reservoir_its_task_lists_among_others_is_the_tasks_subject(tmp_path):
    draft = _shanxi_who(tmp_path, "Which department leads the safety assessment of Zhangfeng Reservoir in Shanxi?")
    assert not draft.abstained
    assert [f["lead_units"] for f in draft.facts] == [["省环保厅"]]


# Cut from liaocheng-2020.txt (二、（五）1 and 三、（一）).
LIAOCHENG = (
    "聊城市打好碧水保卫战2020年行动计划\n"
    "二、重点工作任务\n"
    "（五）统筹抓好河道综合治理工作\n"
    "1．强化河道管理。加强河道执法巡查和日常监管，对河道水质异常情况和违法倾倒、违法排污等行为及时采取措施并通报有关部门。有关部门和地方依法组织处理到位，保障断面稳定达标。各级各部门要依据职责对徒骇河、马"
    "颊河、卫运河和南水北调输水干线上的新建桥梁按规范建设防撞栏，在有生活供水任务的河道上设置桥面径流收集系统等应急防护工程设施，其他河道上的桥梁依法依规逐步推进建设，避免应急情况发生后，有毒有害物质、危险"
    "化学品及处置废水进入河道。〔牵头部门：市水利局、市城管局、市住房城乡建设局、市交通运输局、市生态环境局、南水北调东线山东干线聊城管理局、聊城黄河河务局、漳卫南运河聊城河务局；配合部门：市公安局；落实部"
    "门：各县（市、区）人民政府、市属开发区管委会〕\n"
    "三、保障措施\n"
    "（一）充分发挥河长制作用。持续推进河长制从“有名”向“有实”转变，进一步压实各级河长责任，充分调动各成员单位积极性和主动性,加大巡河频次和河道清违清障力度，推动河道生态功能形成有效对接、协同配合、高效"
    "处理的工作局面。〔落实部门：各县（市、区）人民政府、市属开发区管委会〕\n"
)


def test_the_listed_water_alone_does_not_make_another_task_the_one_asked(tmp_path):
    # ev-unanswerable-017: 徒骇河 is listed in the bridges' task, nothing of the task asked (河长) is there.
    (tmp_path / "liaocheng-2020.txt").write_text(LIAOCHENG, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    hits = [Hit(clause, 1.0, ("bm25",)) for clause in corpus.clauses if corpus.notes_of(clause.clause_id)]
    draft = who(Context(corpus, lambda text, plans: []), analyze("聊城徒骇河的河长是谁？", corpus.plans), hits)
    assert draft.abstained and not draft.facts
    bridges = who(Context(corpus, lambda text, plans: []), analyze("聊城徒骇河上新建桥梁的防撞栏由哪些部门牵头？",
                                                                 corpus.plans), hits)
    assert bridges.facts[0]["lead_units"][:2] == ["市水利局", "市城管局"]
