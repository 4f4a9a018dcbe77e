"""Evaluation metrics as pure functions over clause ids, answer text and per-question records.

Answer accuracy, in one place:
- unanswerable questions are correct exactly when the assistant abstained;
- answerable ones are correct when it did not abstain, every expected fact occurs in the answer
  (both sides through rag.normalize.normalize), and, for target and deadline questions, the answer
  does not contradict a fact: it may not put a *different* number next to the fact's indicator.
  The indicator is the text beside the fact in the gold clause: the 8 characters before it
  ("区污水处理率达到" for "95%") and the 8 after it ("，各类工业集聚区全" for "2017年底前"). An answer
  holding "区污水处理率达到90%" or "2018年底前，各类工业集聚区全" is wrong even if it also says 95%.
  Eight characters tell apart two indicators of one sentence ("优良比例总体达到75%" / "Ⅲ类比例总体达到95%").
  And when the answer states a figure in its own words, outside its quotes, the expected figures must be among
  what it states: a quote holding the right number does not save a statement of another (`states_expected`).
- A table row states its unit once, in the row or column name ("城市污水处理率（%）；2019年：94"): an answer
  quoting such a row ("城市污水处理率（%），「2019年：94」") is read with that unit on each bare cell value
  (`with_header_unit`), so it answers 94% — and a wrong cell value (92) is still a wrong 92%.
"""
from __future__ import annotations

import math
import re
from typing import Iterable, Mapping, Sequence

from rag.normalize import normalize

CONTRADICTION_TYPES = ("target", "deadline")
CONTEXT_CHARS = 8
_VALUE = re.compile(r"\d+(?:\.\d+)?")


def recall_at_k(ranked_ids: Sequence[str], gold_ids: Iterable[str], k: int) -> float:
    """Share of the gold clause ids found among the first k retrieved ids."""
    gold = set(gold_ids)
    if not gold:
        raise ValueError("recall needs at least one gold clause id")
    return len(gold & set(ranked_ids[:k])) / len(gold)


def reciprocal_rank(ranked_ids: Sequence[str], gold_ids: Iterable[str]) -> float:
    """1/rank of the first gold clause id in the ranking, 0 when none is retrieved."""
    gold = set(gold_ids)
    return next((1.0 / rank for rank, cid in enumerate(ranked_ids, 1) if cid in gold), 0.0)


def facts_present(answer: str, expected: Iterable[str]) -> bool:
    """Every expected fact occurs in the answer after normalisation."""
    text = normalize(answer)
    return all(normalize(fact) in text for fact in expected)


def _contexts(fact: str, gold_text: str) -> list[tuple[str, str]]:
    """(before, after) indicator text around each occurrence of the fact in a gold clause."""
    pairs = []
    for match in re.finditer(re.escape(fact), gold_text):
        before = gold_text[max(0, match.start() - CONTEXT_CHARS):match.start()]
        after = gold_text[match.end():match.end() + CONTEXT_CHARS]
        pairs.append((before, after))
    return pairs


def _value_key(text: str) -> str:
    """The numbers of a fact, in order: "2017年底前" → "2017", "90%和60%" → "90|60"."""
    return "|".join(_VALUE.findall(text))


def contradicts(answer: str, fact: str, gold_texts: Iterable[str], expected: Iterable[str] = ()) -> bool:
    """The answer puts a different number beside the fact's indicator (see module docstring); a number that is
    itself an expected fact is no contradiction ("每月每断面征收50万元" and "…征收40万元" both expected)."""
    fact_n = normalize(fact)
    allowed = {_value_key(fact_n)} | {_value_key(normalize(other)) for other in expected}
    if not _VALUE.search(fact_n):
        return False
    text = normalize(answer)
    # The fact with its numbers made variable: "95%" → r"\d+(?:\.\d+)?%".
    shape = _VALUE.pattern.join(re.escape(part) for part in _VALUE.split(fact_n))
    for gold in gold_texts:
        for before, after in _contexts(fact_n, normalize(gold)):
            for side, pattern in ((before, f"{re.escape(before)}({shape})"), (after, f"({shape}){re.escape(after)}")):
                if len(side) < 2:
                    continue  # no indicator text on this side of the fact
                # Only the fact's own numbers count: the indicator text may hold numbers too ("40mg/l、").
                if any(_value_key(found.group(1)) not in allowed for found in re.finditer(pattern, text)):
                    return True
    return False


# Units a table names once in a row or column header: "（%）", "(万吨)", "（单位：公里）".
_HEADER_UNITS = ("%", "‰", "mg/l", "万立方米", "亿立方米", "立方米", "平方公里", "公里", "km", "万吨", "吨", "万元",
                 "亿元", "个", "座", "家", "处")
_HEADER_UNIT = re.compile(r"\((?:单位[:：])?\s*(" + "|".join(re.escape(u) for u in _HEADER_UNITS) + r")\s*\)")
# A cell value: a number that is the whole value after a "label:" and before the next separator.
_CELL_VALUE = re.compile(r"(:\s*)(\d+(?:\.\d+)?)(?=\s*(?:[」;；,，。\s〔\[]|$))")


def with_header_unit(answer: str) -> str:
    """The normalised answer with its table header's unit on each bare cell value, when the answer names exactly
    one such unit ("城市污水处理率(%),「2019年:94」" → "…「2019年:94%」"); else just normalised."""
    text = normalize(answer)
    units = set(_HEADER_UNIT.findall(text))
    if len(units) != 1:
        return text
    unit = units.pop()
    return _CELL_VALUE.sub(lambda m: m.group(1) + m.group(2) + unit, text)


def answer_correct(answer: str, abstained: bool, question: Mapping, gold_texts: Sequence[str] = ()) -> bool:
    """Answer accuracy for one question (rules in the module docstring)."""
    if not question["answerable"]:
        return abstained
    answer = with_header_unit(answer)
    if abstained or not facts_present(answer, question["expected"]):
        return False
    if question["type"] in CONTRADICTION_TYPES:
        expected = question["expected"]
        if not states_expected(answer, expected):
            return False
        judged = without_source_quotes(answer, gold_texts)
        return not any(contradicts(judged, fact, gold_texts, expected) for fact in expected)
    return True


def without_source_quotes(answer: str, gold_texts: Sequence[str]) -> str:
    """The normalised answer without the quotes that are the gold clause word for word, when it states figures in
    its own words: such a quote is the evidence, and its other indicator's figure beside words shared with the one
    asked ("乡镇污水集中处理率达到85%" quoted with "城市污水集中处理率达到95%") is not a figure the answer states.
    An answer made only of quotes is still judged on them."""
    if not _VALUE.search(_LABEL.sub(" ", _QUOTED.sub(" ", answer))):
        return answer
    golds = [normalize(gold) for gold in gold_texts]
    return _SOURCE_QUOTE.sub(lambda m: " " if any(m.group(1).strip() in gold for gold in golds) else m.group(0), answer)


_SOURCE_QUOTE = re.compile(r"「([^」]+)」")


_QUOTED = re.compile(r"「[^」]*」|\[\d+\]|〔\d+〕")
_LABEL = re.compile(r"(?:表|附表|附件|图)\s*\d+")  # "表1" names a table, it states no figure


def states_expected(answer: str, expected: Iterable[str]) -> bool:
    """An answer that states a figure in its own words (outside the quoted 「…」 spans and the [n] markers) states
    the expected figures there: the quote is the evidence, the statement is the answer. "灌溉水利用系数：提高到
    0.55以上。原文：「…新增高效节水灌溉面积300万亩…」" does not answer 300万亩 for quoting it. An answer made only
    of quotes is judged on the quotes."""
    stated = _LABEL.sub(" ", _QUOTED.sub(" ", normalize(answer)))
    if not _VALUE.search(stated):
        return True
    return all(normalize(fact) in stated for fact in expected if _VALUE.search(normalize(fact)))


def citation_precision(cited_ids: Sequence[str], gold_ids: Iterable[str]) -> float | None:
    """Share of cited clauses that are gold; None when nothing was cited."""
    cited = set(cited_ids)
    return len(cited & set(gold_ids)) / len(cited) if cited else None


def citation_recall(cited_ids: Sequence[str], gold_ids: Iterable[str]) -> float | None:
    """Share of gold clauses that were cited; None when the question has no gold clause."""
    gold = set(gold_ids)
    return len(gold & set(cited_ids)) / len(gold) if gold else None


def abstention_scores(abstained: Sequence[bool], unanswerable: Sequence[bool]) -> dict[str, float | None]:
    """Precision and recall of abstaining, with unanswerable questions as the positives."""
    true_pos = sum(a and u for a, u in zip(abstained, unanswerable, strict=True))
    predicted, actual = sum(abstained), sum(unanswerable)
    return {
        "abstain_precision": true_pos / predicted if predicted else None,
        "abstain_recall": true_pos / actual if actual else None,
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100) with linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the values that apply (None skipped); None when none apply."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


RECORD_MEANS = ("recall@1", "recall@5", "recall@10", "mrr", "accuracy", "wrong_answer", "citation_precision",
                "citation_recall", "citation_hit", "grounding_pass")


def summarize(records: Sequence[Mapping]) -> dict[str, float | int | None]:
    """Aggregate per-question records (as built by evals.score) into one row of metrics."""
    row: dict[str, float | int | None] = {"n": len(records)}
    for name in RECORD_MEANS:
        row[name] = mean(r.get(name) for r in records)
    row.update(abstention_scores([r["abstained"] for r in records], [not r["answerable"] for r in records]))
    latencies = [r["latency_ms"] for r in records if r.get("latency_ms") is not None]
    row["latency_p50_ms"] = percentile(latencies, 50)
    row["latency_p95_ms"] = percentile(latencies, 95)
    return row


def summarize_by(records: Sequence[Mapping], key: str) -> dict[str, dict]:
    """summarize() per value of one record field (type, variant…), in sorted order."""
    groups: dict[str, list[Mapping]] = {}
    for record in records:
        groups.setdefault(str(record[key]), []).append(record)
    return {name: summarize(group) for name, group in sorted(groups.items())}
