"""The scorer against a scripted test double of the assistant: exact per-question and summary figures."""
from __future__ import annotations

import json

import pytest

from evals.score import (
    main,
    markdown_table,
    run_eval,
    select,
    to_markdown,
    write_results,
)
from rag.types import Answer, Citation, Clause, Grounding, Hit

SLUDGE_ID = "zhoucun-2016/三/（一）/2/3"
SEWAGE_ID = "zhoucun-2016/三/（一）/2"
SLUDGE = ("推进污泥安全处置。2017年底前现有污泥处理处置设施完成达标改造，全部取缔非法污泥堆放点。"
          "2020年底前污泥无害化处置率达到90%以上。（区住建局牵头，区发改局、区环保分局等参与）")
SEWAGE = "到2020年，全区污水处理率达到95%以上，所有建制镇实现“一镇一厂”。（区住建局牵头，区发改局、区环保分局等参与）"
TEXTS = {SLUDGE_ID: SLUDGE, SEWAGE_ID: SEWAGE}

QUESTIONS = [
    {"id": "zc-lead-001", "question": "周村区推进污泥安全处置由哪个部门牵头？", "type": "lead", "split": "dev",
     "variant": "original", "answerable": True, "expected": ["区住建局"], "gold_clause_ids": [SLUDGE_ID]},
    {"id": "zc-target-002", "question": "周村区2020年底前污泥无害化处置率目标是多少？", "type": "target",
     "split": "dev", "variant": "original", "answerable": True, "expected": ["90%"], "gold_clause_ids": [SLUDGE_ID]},
    {"id": "zc-target-001", "question": "周村区到2020年全区污水处理率要达到多少？", "type": "target", "split": "test",
     "variant": "original", "answerable": True, "expected": ["95%"], "gold_clause_ids": [SEWAGE_ID]},
    {"id": "none-unans-001", "question": "北京市到2020年的城市污水处理率目标是多少？", "type": "unanswerable",
     "split": "dev", "variant": "original", "answerable": False, "expected": [], "gold_clause_ids": []},
]


def clause(clause_id):
    return Clause("zhoucun-2016", clause_id, ("三、主要任务",), "task", TEXTS[clause_id], TEXTS[clause_id], 0, 1)


def citation(clause_id):
    return Citation(1, "zhoucun-2016", "周村区水污染防治行动计划实施方案", clause_id, "", TEXTS[clause_id])


class ScriptedRetriever:
    """Returns a fixed ranking per question."""

    def __init__(self, rankings):
        self.rankings = rankings

    def search(self, text, k=10):
        return [Hit(clause(cid), 1.0 / rank, ("bm25",)) for rank, cid in enumerate(self.rankings[text][:k], 1)]


class ScriptedAssistant:
    """A test double for rag.assistant.Assistant: fixed replies keyed by question text."""

    def __init__(self, replies, rankings):
        self.replies = replies
        self.retriever = ScriptedRetriever(rankings)

    def ask(self, text):
        answer, abstained, cited, latency = self.replies[text]
        return Answer(text, answer, abstained, tuple(citation(c) for c in cited),
                      grounding=Grounding(not abstained, 1), latency_ms=latency)


def scripted():
    q = {item["id"]: item["question"] for item in QUESTIONS}
    replies = {
        q["zc-lead-001"]: ("区住建局牵头[1]", False, [SLUDGE_ID, SEWAGE_ID], 10.0),
        # Right figure, but the hedge puts 80% beside the same indicator: wrong.
        q["zc-target-002"]: ("污泥无害化处置率达到90%以上[1]，或污泥无害化处置率达到80%", False, [SLUDGE_ID], 20.0),
        q["zc-target-001"]: ("全区污水处理率达到95%以上[1]", False, [SEWAGE_ID], 30.0),
        q["none-unans-001"]: ("方案中没有北京市的内容。", True, [], 40.0),
    }
    rankings = {
        q["zc-lead-001"]: [SEWAGE_ID, SLUDGE_ID],
        q["zc-target-002"]: [SLUDGE_ID],
        q["zc-target-001"]: [SEWAGE_ID],
        q["none-unans-001"]: [SEWAGE_ID],
    }
    return ScriptedAssistant(replies, rankings)


def test_select_by_split_and_limit():
    assert [q["id"] for q in select(QUESTIONS, "dev")] == ["zc-lead-001", "zc-target-002", "none-unans-001"]
    assert len(select(QUESTIONS, "all", limit=2)) == 2
    with pytest.raises(ValueError):
        select(QUESTIONS, "train")


def test_run_eval_per_question_records():
    result = run_eval("dev", scripted(), QUESTIONS, clause_texts=TEXTS)
    records = {r["id"]: r for r in result["questions"]}
    lead = records["zc-lead-001"]
    assert lead["accuracy"] == 1.0 and lead["recall@1"] == 0.0 and lead["recall@5"] == 1.0 and lead["mrr"] == 0.5
    assert lead["citation_precision"] == 0.5 and lead["citation_recall"] == 1.0 and lead["citation_hit"] == 1.0
    assert records["zc-target-002"]["accuracy"] == 0.0
    unanswerable = records["none-unans-001"]
    assert unanswerable["accuracy"] == 1.0 and unanswerable["recall@5"] is None
    assert unanswerable["citation_precision"] is None and unanswerable["grounding_pass"] == 0.0


def test_run_eval_summary():
    result = run_eval("dev", scripted(), QUESTIONS, clause_texts=TEXTS)
    overall = result["overall"]
    assert overall["n"] == 3
    assert overall["accuracy"] == pytest.approx(2 / 3)
    assert overall["recall@1"] == 0.5 and overall["mrr"] == 0.75
    assert overall["abstain_precision"] == 1.0 and overall["abstain_recall"] == 1.0
    assert overall["latency_p50_ms"] == 20.0
    assert result["by_type"]["target"]["accuracy"] == 0.0
    assert set(result["by_type"]) == {"lead", "target", "unanswerable"}


def test_results_written_as_json_and_markdown(tmp_path):
    result = run_eval("test", scripted(), QUESTIONS, clause_texts=TEXTS)
    json_path, md_path = write_results(result, "test", tmp_path)
    assert json.loads(json_path.read_text(encoding="utf-8"))["overall"]["accuracy"] == 1.0
    markdown = md_path.read_text(encoding="utf-8")
    assert markdown == to_markdown(result)
    assert "| target | 1 | 1.000 | 1.000 |" in markdown
    assert "| **overall** | 1 |" in markdown


def test_markdown_table_marks_missing_values():
    table = markdown_table({"lead": {"n": 2, "accuracy": 0.5, "latency_p50_ms": 12.4}}, "type")
    assert table.splitlines()[2].startswith("| lead | 2 | 0.500 | – |")
    assert "| 12.4 |" in table


def test_main_rejects_unknown_split():
    with pytest.raises(SystemExit):
        main(["--split", "train"])
