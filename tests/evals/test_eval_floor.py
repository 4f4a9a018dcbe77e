"""CI floor: the real assistant on a fixed 30-question slice of dev must not fall below measured scores."""
from __future__ import annotations

import pytest

from evals.resolve_gold import load_gold
from evals.score import run_eval

# Questions per type, taken in file order from the dev originals: a fixed, stratified slice.
QUOTA = {"lead": 5, "cooperate": 3, "target": 5, "deadline": 3, "table": 3, "obligation": 3,
         "compare": 2, "list": 2, "unanswerable": 4}
# Just under the scores measured on this slice: 1.0, 1.0, 1.0 (0.900, 0.962, 1.0 before the indicator and unit
# checks); one miss of the 30 (0.967) and one of the four abstentions (0.75) are allowed.
FLOORS = {"accuracy": 0.96, "citation_hit": 0.96, "abstain_recall": 0.75}
# Just above the share of given answers that are wrong on this slice: 0.000 (0 of 26; 0.038 before the indicator
# and unit checks, 0.077 before issue 12). One wrong answer (1 of 26 = 0.038) fails.
CEILINGS = {"wrong_answer": 0.03}


def floor_slice() -> list[dict]:
    """The fixed CI slice of dev questions."""
    taken: dict[str, int] = {}
    chosen = []
    for question in load_gold():
        kind = question["type"]
        if question["split"] == "dev" and question["variant"] == "original" and taken.get(kind, 0) < QUOTA[kind]:
            taken[kind] = taken.get(kind, 0) + 1
            chosen.append(question)
    return chosen


def test_slice_is_fixed_and_stratified():
    chosen = floor_slice()
    assert len(chosen) == sum(QUOTA.values()) == 30
    assert {q["type"] for q in chosen} == set(QUOTA)


@pytest.mark.slow
def test_assistant_stays_above_the_floors_and_under_the_ceilings(real_assistant):
    overall = run_eval("dev", real_assistant, floor_slice())["overall"]
    measured = {name: overall[name] for name in (*FLOORS, *CEILINGS)}
    verdicts = {name: measured[name] >= floor for name, floor in FLOORS.items()}
    verdicts.update({name: measured[name] <= ceiling for name, ceiling in CEILINGS.items()})
    assert verdicts == dict.fromkeys(verdicts, True), measured


# The whole everyday dev split (users' words, English, and the ev-trap17 probes of refusals that look answerable):
# 7 of 288 given answers wrong (0.024) after the money, unit, baseline-year, asker and by-when checks; 0.051 (15 of
# 296) before them. Two more wrong answers (9 of 288 = 0.031) fail.
EVERYDAY_WRONG_CEILING = 0.03


@pytest.mark.slow
def test_everyday_dev_wrong_share_stays_under_the_ceiling(real_assistant):
    from evals.corpora import gold_set_path

    overall = run_eval("dev", real_assistant, load_gold(gold_set_path("everyday")))["overall"]
    assert overall["wrong_answer"] <= EVERYDAY_WRONG_CEILING, overall["wrong_answer"]
