"""Two questions in one: "…建多大规模，谁负责？" asks a figure and who. The who-answer names the units of the task's
note and leaves the figure out, and an answer that leaves out what was asked is a wrong one. The figure is asked
again on its own (the question without its who-part, so it keeps its place and subject) and joined to the units
only when its answer cites the clause the units came from: the same task, a second witness.

Measured on fresh dev plans (stop 26, `gn-zh26-*`): five of the wrong answers of 70 everyday Chinese questions were
this kind, the commonest on new plans."""
from __future__ import annotations

import re

from rag.answer.answered import UNIT_INTENTS, WHO
from rag.answer.draft import Draft

# The pieces of a question: a question mark, a comma or a semicolon ends one.
_PIECE = re.compile(r"[^？?，,；;]+[？?，,；;]?")
# A piece that asks who: "谁牵头", "哪些部门配合", and the yes-no form "公安局参与吗".
_ASKS_WHO = re.compile(WHO.pattern + r"|(?:参与|参加|配合|牵头|负责|落实)(?:吗|不|没有)")
# A piece that asks a figure: how much, how big, how often, how many of a measure word.
_ASKS_FIGURE = re.compile(r"多少|多大|多久|多长|多远|多深|多高|几(?:次|个|座|家|条|处|公里|千米|万|吨|亩|年|成)|规模")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MARKER = re.compile(r"\[\d+\]")


def figure_part(text: str, intent: str) -> str:
    """The question without its who-pieces, when it was read as a who-question, one piece asks who and another
    asks a figure; else ""."""
    if intent not in UNIT_INTENTS:
        return ""
    pieces = _PIECE.findall(text)
    who = [p for p in pieces if _ASKS_WHO.search(p)]
    figure = [p for p in pieces if _ASKS_FIGURE.search(p) and not _ASKS_WHO.search(p)]
    if not who or not figure or any(_ASKS_FIGURE.search(p) for p in who):
        return ""
    return "".join(p for p in pieces if p not in who).rstrip("，,；;") or ""


def joined(units: Draft, figure: Draft) -> Draft:
    """The who-answer with the figure's lines after it, when the figure's answer cites the units' first clause and
    states a figure the units' lines do not; else the who-answer unchanged."""
    if figure.abstained or not figure.lines or not figure.citations or not units.citations:
        return units
    if figure.citations[0].clause_id != units.citations[0].clause_id:
        return units
    if not set(_numbers(figure.text)) - set(_numbers(units.text)):
        return units
    units.absorb(figure)
    return units


def _numbers(text: str) -> list[str]:
    return _NUMBER.findall(_MARKER.sub("", text))
