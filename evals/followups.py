"""Two-turn follow-up cases: a question, then a fragment that leans on it (那2020年呢, 那县城呢, 配合单位有哪些).

`python -m evals.followups [--json]` asks each pair through the assistant's conversation API (ask(...,
previous=...)) and scores the second answer like the gold sets: accuracy, the wrong share of given answers, and
whether the resolved question stands alone when it should. Dev cases only, written for this check.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass

from evals.metrics import facts_present


@dataclass(frozen=True)
class Case:
    id: str
    previous: str
    question: str
    expected: tuple[str, ...]  # facts the answer must hold; () = the plans do not answer it (a refusal is right)
    stands_alone: bool = False  # a full question: never resolved against the previous one
    cites: str = ""  # a clause the answer must cite, when one is known


CASES = (
    Case("fu-01", "聊城主城区到2020年污水处理率要达到多少？", "那县城呢？", ("90%",),
         cites="liaocheng-2020/二/（三）/1"),
    Case("fu-02", "聊城主城区到2020年污水处理率要达到多少？", "那建制镇呢？", ("70%",),
         cites="liaocheng-2020/二/（三）/1"),
    Case("fu-03", "山西城市污水处理率到2020年要达到多少？", "那县城呢？", ("85%",),
         cites="shanxi-2015/二/（一）/2/1"),
    Case("fu-04", "山西黄河流域2019年达到或优于Ⅲ类断面比例的目标是多少？", "那2018年呢？", ("51.72%",),
         cites="shanxi-2015/一/（四）/表1/r1"),
    Case("fu-05", "乐都区城市污水处理率到2020年要达到多少？", "那2017年呢？", ()),
    Case("fu-06", "周村区推进污泥安全处置由谁牵头？", "配合单位有哪些？", ("区发改局", "区环保分局"),
         cites="zhoucun-2016/三/（一）/2/3"),
    Case("fu-07", "聊城加强配套管网建设和改造谁牵头？", "那谁配合呢？", ("市自然资源和规划局", "市生态环境局"),
         cites="liaocheng-2020/二/（三）/2"),
    Case("fu-08", "昌邑区取缔十小企业由谁牵头？", "什么时候完成？", ("2016年底前",)),
    Case("fu-09", "周村区推进污泥安全处置由谁牵头？", "聊城呢？", ()),
    Case("fu-10", "周村区到2020年污水处理率要达到多少？", "那乐都区呢？", ("95%",)),
    Case("fu-11", "周村区到2020年污水处理率要达到多少？", "乐都区小型餐饮服务业的环境整治什么时候完成？",
         ("2017年底前",), stands_alone=True, cites="ledu-2017/二/（三）/8"),
    Case("fu-12", "周村区推进污泥安全处置由谁牵头？", "那山西的再生水利用率到2020年要达到多少呢？", ("25%",),
         stands_alone=True),
    Case("fu-13", "周村区到2020年污水处理率要达到多少？", "那农村呢？", ()),
)


def score(assistant, cases=CASES) -> dict:
    """Per-case records and the summary (accuracy, wrong share of given answers, citation hit)."""
    records = []
    for case in cases:
        answer = assistant.ask(case.question, previous=case.previous)
        cited = [c.clause_id for c in answer.citations]
        if case.expected:
            correct = not answer.abstained and facts_present(answer.answer, case.expected)
        else:
            correct = answer.abstained
        if case.stands_alone and answer.resolved_question:
            correct = False
        records.append({"id": case.id, "correct": correct, "abstained": answer.abstained,
                        "resolved": answer.resolved_question, "cited": cited[:3],
                        "cite_hit": (case.cites in cited) if case.cites else None,
                        "answer": answer.answer.splitlines()[0][:160]})
    given = [r for r in records if not r["abstained"]]
    hits = [r["cite_hit"] for r in records if r["cite_hit"] is not None]
    summary = {"n": len(records), "accuracy": sum(r["correct"] for r in records) / len(records),
               "wrong_answer": sum(not r["correct"] for r in given) / len(given) if given else 0.0,
               "citation_hit": sum(hits) / len(hits) if hits else None}
    return {"summary": summary, "cases": records}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from rag.assistant import Assistant

    result = score(Assistant.load())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for record in result["cases"]:
        mark = "ok " if record["correct"] else "BAD"
        print(mark, record["id"], "abst" if record["abstained"] else "ans ", record["resolved"][:40], "|",
              record["answer"][:90])
    print(json.dumps(result["summary"]))


if __name__ == "__main__":
    main()
