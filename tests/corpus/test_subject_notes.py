"""责任主体 in running text: the units a note calls 责任主体 carry the task out when another unit supervises it
("X为责任主体，Y负责监督指导"), and lead it when the note names those who carry it out under them or none else;
负责 before a role word ("负责监督指导", "负责具体落实") does not hide the unit."""
from __future__ import annotations

from rag.corpus.extract import parse_note
from rag.corpus.loader import load_corpus
from rag.corpus.prose_notes import prose_note
from tests.conftest import unit_names

# Cut from bayi-2017.txt (plans-dev/composed17), items 1, 2 and 10.
BAYI = (
    "巴宜区水污染防治工作方案\n"
    "二、主要任务\n"
    "（一）保障饮用水水源安全\n"
    "1．划定和规范水源保护区。2017年12月底前，完成八一镇、林芝镇、百巴镇等乡镇集中式饮用水水源保护区划定，设立界标和"
    "警示标志。（区环保局负责，区水利局、区国土资源局协助）\n"
    "2．开展水源地环境整治。2018年6月底前，清理水源保护区内违法建筑和排污口。各乡（镇）人民政府为责任主体，"
    "区环保局负责监督指导。\n"
    "（五）落实水环境管理责任\n"
    "10．全面推行河长制。2017年底前，建立区、乡（镇）、村三级河长体系，乡级河长每月巡河不少于2次。区水利局为责任主体，"
    "各乡（镇）人民政府具体落实。\n"
)


def _roles(note):
    return {role: unit_names(units) for role, units in note.items() if units}


def test_a_supervisor_beside_the_responsible_body_leads_and_the_body_carries_the_task_out():
    note = prose_note("各乡（镇）人民政府为责任主体，区环保局负责监督指导。")
    assert _roles(note) == {"lead": ["区环保局"], "implement": ["各乡(镇)人民政府"]}


def test_the_responsible_body_over_those_who_carry_it_out_leads():
    note = prose_note("区水利局为责任主体，各乡（镇）人民政府具体落实。")
    assert _roles(note) == {"lead": ["区水利局"], "implement": ["各乡(镇)人民政府"]}


def test_the_same_note_in_brackets_reads_alike():
    note = parse_note("各乡（镇）人民政府为责任主体，区环保局负责监督指导")
    assert (unit_names(note.lead), unit_names(note.cooperate), unit_names(note.implement)) == (
        ["区环保局"], [], ["各乡(镇)人民政府"])


def test_bayi_notes_by_clause(tmp_path):
    (tmp_path / "bayi-2017.txt").write_text(BAYI, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    found = [(r.clause_id, unit_names(r.lead_units), unit_names(r.cooperating_units), unit_names(r.implementing_units))
             for r in corpus.responsibilities]
    assert found == [
        ("bayi-2017/二/（一）/1", ["区环保局"], ["区水利局", "区国土局"], []),
        ("bayi-2017/二/（一）/2", ["区环保局"], [], ["各乡(镇)人民政府"]),
        ("bayi-2017/二/（五）/10", ["区水利局"], [], ["各乡(镇)人民政府"]),
    ]
