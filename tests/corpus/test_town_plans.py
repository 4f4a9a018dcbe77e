"""A town's own plan (below the gazetteer's counties) and its note forms: the town read from the title or issuer as
the plan's place, plants and villages read as units of a prose note."""
from __future__ import annotations

from rag.corpus.metadata import infer_plan
from rag.corpus.prose_notes import prose_note
from tests.conftest import unit_names

# Cut from zhoushi-2017.txt (composed14).
ZHOUSHI = (
    "周市镇人民政府文件\n\n周政发〔2017〕18号\n\n关于印发《周市镇水污染防治工作实施方案（2017—2020年）》的通知\n\n"
    "各村（社区）、镇各部门、各驻镇单位：\n周市镇人民政府\n2017年4月12日\n\n"
    "周市镇水污染防治工作实施方案（2017—2020年）\n\n"
    "为贯彻落实《昆山市水污染防治工作方案》，持续改善我镇水环境质量，结合周市镇实际，制定本实施方案。\n\n"
    "一、工作目标\n到2020年，全镇地表水考核断面水质达到或优于Ⅲ类比例达到70%。\n"
)


def _roles(note):
    return {role: unit_names(units) for role, units in note.items()}


def test_a_town_plan_is_placed_at_its_town_in_chinese_and_pinyin():
    plan = infer_plan(ZHOUSHI, "zhoushi-2017.txt", "0" * 64)
    assert plan.regions == ("周市镇", "周市", "zhoushi")
    assert plan.level == "town"


def test_a_kind_of_place_opening_a_title_is_no_town():
    text = "乡镇水污染防治工作方案\n\n一、工作目标\n到2020年，全县乡镇污水处理率达到80%。\n"
    assert infer_plan(text, "x-2017.txt", "0" * 64).regions == ()


def test_a_plant_cooperating_after_the_responsible_office():
    note = prose_note("由镇建设管理所负责，镇经济发展和改革局、周市污水处理厂配合。")
    assert _roles(note) == {"lead": ["镇建设管理所"], "cooperate": ["镇经济发展和改革局", "周市污水处理厂"],
                            "implement": []}


def test_villages_and_communities_carry_out_the_task():
    note = prose_note("由镇农村工作局牵头，各村（社区）具体实施。")
    assert _roles(note) == {"lead": ["镇农村工作局"], "cooperate": [], "implement": ["各村(社区)"]}
