"""What a plan leaves unstated about a task the answer found: the refusals that follow from the answer itself.

A yes/no question about one unit's role ("螺溪河清淤疏浚，市财政局配合吗", "Does the finance bureau take part in
…?") was answered with the task's responsibility note even when the note does not name that unit: the reader
takes the listed units as a "yes". When the unit asked is named nowhere in the answer or the clauses it quotes,
the plan does not say it takes part: refuse, in the language of the question, and cite the note found.
"""
from __future__ import annotations

import re

from rag.answer.draft import Draft
from rag.answer.glossary import Mention, english_name
from rag.answer.query import Query
from rag.lexicon import Term

# A role asked as yes/no: "配合吗", "是配合单位吗", "是否参与", "有没有…参与", "协同推进吗".
_ZH_ROLE = r"(?:配合|参与|参加|协助|协同推进|协同|牵头|负责|主抓|落实|实施)"
_ZH_YES_NO = re.compile(
    rf"{_ZH_ROLE}(?:单位|部门)?(?:吗|么|嘛|没有|不)|是否(?:也)?(?:是)?{_ZH_ROLE}|是不是(?:也)?{_ZH_ROLE}"
    rf"|有没有.{{1,20}}{_ZH_ROLE}|是{_ZH_ROLE}(?:单位|部门)吗")
_EN_YES_NO = re.compile(
    r"^(?:does|do|is|are|will|has|have|did|was|were)\b.*\b(?:cooperat\w*|co-operat\w*|assist\w*|take part|takes part|"
    r"participat\w*|involved|support\w*|help\w*|lead\w*|responsible|partner\w*|in charge|work with)\b")
# The words of a unit right before the role asked, after the last comma: "…，镇农办配合吗".
_ZH_UNIT_BEFORE_ROLE = re.compile(
    rf"(?:^|[，,、；;：:\s])(?P<unit>[\u4e00-\u9fff]{{1,10}}(?:局|委|办|中心|中队|站|室|所|公司|集团|政府|管委会))"
    rf"(?:也)?(?:是否|是不是)?(?:是)?{_ZH_ROLE}")
# Level prefixes a unit is written with or without: 市财政局 and 财政局 name the same body in one plan.
_LEVEL = re.compile(r"^(?:省|市|县|区|镇|乡|州|盟|旗)")


def asks_role_yes_no(query: Query) -> bool:
    """True for a question asking whether a unit holds a role, not who holds it."""
    if query.language == "en":
        return bool(_EN_YES_NO.search(query.norm.strip()))
    return bool(_ZH_YES_NO.search(query.norm))


def asked_units(query: Query) -> tuple[Mention, ...]:
    """The units the question names: glossary terms of kind unit, else the unit-like words just before the role
    asked ("镇农办配合吗": 镇农办, a unit no glossary lists)."""
    found = tuple(m for m in query.terms if m.term.kind == "unit")
    if found or query.language == "en":
        return found
    match = _ZH_UNIT_BEFORE_ROLE.search(query.norm)
    return (Mention(Term(official="", kind="unit", aliases=(), english=()), match["unit"], "literal"),) if match else ()


def _forms(mention: Mention) -> tuple[str, ...]:
    """The Chinese forms the unit may be written in (its official name, its aliases, the question's own words),
    without a level prefix."""
    words = (mention.term.official, *mention.term.aliases, mention.surface)
    return tuple({_LEVEL.sub("", w) for w in words if w and not w.isascii() and len(_LEVEL.sub("", w)) >= 2})


def unnamed_unit(query: Query, draft: Draft) -> Mention | None:
    """The unit a yes/no role question asks about that the answer and its quotes never name; None when the
    question is not such a question, the answer is already a refusal, or every unit asked is named."""
    if draft.abstained or not draft.lines or not asks_role_yes_no(query):
        return None
    stated = "\n".join([draft.text, *(c.quote or c.text for c in draft.citations)])
    for mention in asked_units(query):
        if not any(form in stated for form in _forms(mention)):
            return mention
    return None


def unnamed_unit_refusal(query: Query, draft: Draft, mention: Mention) -> Draft:
    """The refusal for a unit the task's note does not name, in the question's language, citing the note."""
    refused = Draft(draft.corpus, abstained=True)
    unit = mention.term.official or mention.surface
    if query.language == "en":
        name = english_name(unit) or "unit asked"
        refused.lines.append(f"The plan does not name the {name} for this task; the units it does name "
                             f"are in the clause cited.")
    else:
        # The unit is not named in the line: the grounding check drops a line naming a unit its clauses lack.
        refused.lines.append("方案在该任务下没有写明所问的单位；该任务写明的单位见所引条款。")
    for citation in draft.citations[:2]:
        refused.cite(draft.corpus.clause(citation.clause_id), citation.quote)
    return refused
