"""English questions the plans answer, once refused or answered from another clause (stop 21): a two-word
reading that takes part of a hyphenated word, a time limit whose subject is the piece before it, an amount asked
beside a time limit, a capacity read as another kind of question, a pinyin lake the waters found, and counties written 县（市、区）."""
from __future__ import annotations

from rag.answer.english_mentions import english_mentions
from rag.answer.inner_places import unwritten_pinyin_name
from rag.answer.quantities import stated_counts
from rag.normalize import normalize


def _officials(question: str) -> set[str]:
    return {m.term.official for m in english_mentions(normalize(question))}


def test_a_part_of_a_hyphenated_word_is_not_read_into_another_term():
    # ledu-2017/二/（三）/8 "规范整治小型餐饮服务业…“农家乐”等餐饮业": "farm" belongs to "farm-stay", so "small … farm"
    # is no 养殖专业户 ("small farms"), which sent the lead answer to the livestock clause.
    found = _officials("Who leads the clean-up of small eateries and farm-stay restaurants in Ledu?")
    assert {"餐饮服务业", "农家乐"} <= found and "养殖专业户" not in found


def test_a_longer_reading_of_the_whole_phrase_stays():
    # "livestock farms" is read exactly; "livestock … no-farming zones" (three words) still names 畜禽养殖禁养区.
    found = _officials("By when must livestock farms inside the no-farming zones in Ledu be closed or moved?")
    assert {"畜禽养殖场", "畜禽养殖禁养区"} <= found


def test_river_banks_are_no_financial_institutions():
    # changyi-2016/三/（五）/p1 "2017年底前实现河面无漂浮物,河岸无垃圾": the banks are the river's.
    assert "金融机构" not in _officials("When must Changyi's river surfaces be free of floating rubbish and the banks "
                                    "free of garbage?")


def test_village_toilets_are_the_toilet_revolution_not_a_cistern():
    # liaocheng-2020/二/（四）/2 "建立“厕所革命”长效管护机制，确保完成改厕村庄的粪液粪渣及时抽取、转运、处理"
    found = _officials("Who leads making sure septic waste from upgraded village toilets is pumped out in Liaocheng?")
    assert "厕所革命" in found and "便器水箱" not in found


def test_counts_asked_beside_a_limit_are_the_sentences_amounts():
    # zhoucun-2016/三/（二）/3/2, liyang-2017/二/（五）/12 and /（二）/4: the amount, never the limit's own date.
    assert stated_counts("2017年底前，全区35处加油站地下油罐全部更新为双层油罐或完成防渗池设置。", "2017年底前") == ("35处",)
    assert stated_counts("12．划定畜禽养殖禁养区、限养区，2017年6月底前完成禁养区内养殖场关闭搬迁43家。",
                         "2017年6月底前") == ("43家",)
    assert stated_counts("4．2017年底前完成长荡湖溧阳水域围网养殖拆除1.2万亩。", "2017年底前") == ("1.2万亩",)


def test_a_lake_the_waters_found_is_written():
    # liyang-2017/二/（二）/4: 长荡湖 read in context spells "zhangdanghu"; the waters module found "Changdanghu".
    texts = [normalize("4．2017年底前完成长荡湖溧阳水域围网养殖拆除1.2万亩。")]
    question = "Who leads dismantling the fish farming enclosures on Changdanghu in Liyang?"
    assert unwritten_pinyin_name(question, [], texts, frozenset({"changdanghu"})) == ""


def test_wells_question_is_answered_by_the_wells_limit(real_assistant):
    # zhoucun-2016/三/（二）/3/1 "全面排查并整治未经批准和公共供水管网覆盖范围内的自备水井，2017年底前一律予以关闭":
    # the limit opens its piece, so the wells before it are what it binds (not the 2020 leakage limit of
    # 三/（四）/2/2, which also writes 公共供水管网).
    answer = real_assistant.ask("By when should Zhoucun close private wells in areas the public water mains already reach?")
    assert not answer.abstained and answer.answer.startswith("Deadline: 2017年底前")
    assert [c.clause_id for c in answer.citations] == ["zhoucun-2016/三/（二）/3/1"]


def test_how_many_and_by_when_states_both(real_assistant):
    answer = real_assistant.ask("How many petrol stations in Zhoucun have to swap their underground tanks for "
                                "double-walled ones, and by when?")
    assert answer.answer.startswith("Deadline: 2017年底前 (amounts: 35处")
    assert [c.clause_id for c in answer.citations] == ["zhoucun-2016/三/（二）/3/2"]


def test_county_built_up_areas_are_the_plans_counties(real_assistant):
    # liaocheng-2020/二/（三）/3 "县（市、区）建成区黑臭水体消除比例达到70%"
    answer = real_assistant.ask("What share of black and smelly water bodies should the county built-up areas of "
                                "Liaocheng eliminate by the end of 2020?")
    assert not answer.abstained and "reach 70%" in answer.answer
    assert {c.clause_id for c in answer.citations} == {"liaocheng-2020/二/（三）/3"}


# Real text cut from liyang-2017/二/（三）/8 (composed18), filed under the mini corpus's plan.
_EXPANSION = "8．建成上兴镇、竹箦镇、南渡镇污水处理厂扩建工程，新增处理能力1.5万吨/日。"


def test_an_english_capacity_question_read_as_a_duty_is_answered_by_the_capacity(mini_corpus):
    from dataclasses import replace

    from rag.answer.draft import Context
    from rag.answer.intents import compose
    from rag.answer.query import analyze
    from rag.types import Hit
    from tests.conftest import make_clause

    clause = make_clause("zhoucun-2016/二/（三）/8", "item", ("二、重点任务", "8．"), _EXPANSION)
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, clause))
    query = analyze("What daily capacity will the Shangxing sewage plant in Zhoucun have after its expansion?",
                    corpus.plans)
    assert query.intent == "obligation"  # "will … have": read as a duty, yet it asks an amount
    draft = compose(Context(corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("bm25",))])
    assert draft.lines[0].startswith("Capacity: 1.5万吨/日 (新增处理能力1.5万吨/日).")
    assert [fact["capacity"] for fact in draft.facts] == ["1.5万吨/日"]


# Real sentences cut from ningguo-2019/第四条 (composed6) and zunyi-2017/二/（四）, filed under a mini corpus clause.
_RIVERS = "对西津河、东津河、中津河等河道乱占、乱采、乱堆、乱建问题全面排查，2019年6月底前完成排查，2019年12月底前完成整治销号。"
_FERTILISER = "科学划定畜禽养殖禁养区，到2020年，化肥利用率提高到40%以上。"


def test_a_limit_opening_its_piece_binds_the_topic_before_it(mini_corpus):
    from dataclasses import replace

    from rag.answer.limits import deadline_scope
    from rag.types import Deadline

    cid = "zhoucun-2016/三/（二）/1"
    limits = (Deadline("zhoucun-2016", cid, "2019年6月底前", 2019, 6, "by", _RIVERS),
              Deadline("zhoucun-2016", cid, "2019年12月底前", 2019, 12, "by", _RIVERS),
              Deadline("zhoucun-2016", cid, "到2020年", 2020, None, "by", _FERTILISER))
    corpus = replace(mini_corpus, deadlines=limits)
    first, second, bare = (deadline_scope(corpus, item) for item in limits)
    # (two limits this close share the rest of the sentence: existing rule)
    assert first == "对西津河、东津河、中津河等河道乱占、乱采、乱堆、乱建问题全面排查，2019年6月底前完成排查，2019年12月底前完成整治销号。"
    assert second == "对西津河、东津河、中津河等河道乱占、乱采、乱堆、乱建问题全面排查，2019年12月底前完成整治销号。"
    assert bare == "到2020年，化肥利用率提高到40%以上。"  # a bare time binds what follows, not 禁养区
    assert deadline_scope(corpus, limits[1], topic=False) == "2019年12月底前完成整治销号。"
