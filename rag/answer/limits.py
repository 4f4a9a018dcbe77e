"""Time limits: the stated limit that matches the question, and of several in one sentence the one of the
subject asked, quoted with its sentence."""
from __future__ import annotations

import re

from rag.answer.asked import INDICATOR_FLOOR, indicator_match
from rag.answer.draft import Context, Draft
from rag.answer.evidence import FACT_FLOOR, bigrams, content_of, coverage
from rag.answer.fits import asks_end
from rag.answer.quantities import asks_count, stated_counts
from rag.answer.query import Query
from rag.corpus.table_notes import through_limit
from rag.normalize import normalize
from rag.types import Corpus, Deadline, Hit


def deadline(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The time limits stated in the sentences that match the question; of several limits in one sentence, the
    one binding what the question names (see named_limits), else those whose own phrase is about the question
    (see deadline_scope)."""
    corpus = ctx.corpus
    draft = Draft(corpus)
    subject = content_of(query.about())
    scored: list[tuple[float, Deadline]] = []
    kinds = asked_kinds(query)
    task = asked_task(query)
    amounts = asked_amounts(query)
    for rank, hit in enumerate(hits[:8]):
        for item in corpus.deadlines_of(hit.clause.clause_id):
            # A limit whose own piece writes the task named just before the time is asked is about the question
            # however few other words it shares with it ("…于2019年9月30日前完成分类整治。", see asked_task_limits).
            named = FACT_FLOOR if task and task in normalize(deadline_scope(corpus, item)) else 0.0
            # So is one whose sentence states the amounts the question writes (stating_amounts).
            stated = FACT_FLOOR if amounts and stating_amounts([item], amounts, strict=True) else 0.0
            scored.append((max(coverage(subject, item.span), named, stated) - 0.02 * rank, item))
    ranked = [item for score, item in sorted(scored, key=lambda p: -p[0]) if score >= FACT_FLOOR]
    if asks_end(query) and ranked and not any(item.kind in ("by", "in") for item in ranked):
        # "By when" answered only by a start or a rhythm ("自2017年起", "每年") is another kind of time: refuse
        # rather than let a quote of it stand in.
        draft.lines.append("方案没有规定所问事项的完成期限。 The plans set no deadline for this.")
        draft.abstained = True
        return draft
    figures = asked_levels(query)
    if figures and ranked:
        # "什么时候污水处理率能达到98%": the level is the condition, and a limit set for another level (95%) is
        # no answer to it.
        ranked = [item for item in ranked if states_levels(item.span, figures) and level_of_asked(corpus, query, item)]
        if not ranked:
            draft.lines.append("方案中没有为所问的数值规定期限。 The plans set no deadline for that figure.")
            draft.abstained = True
            return draft
    ranked = [item for item in ranked if item.kind in kinds] or ranked if kinds else ranked
    ranked = stating_amounts(ranked, amounts)
    # The other limits of the best sentence compete with it too: "已批准…的重点镇于2017年底前…，其余重点镇于2020年底前".
    chosen = ranked[:2] + [item for item in ranked[2:] if item.span == ranked[0].span]
    chosen = asked_task_limits(corpus, task, named_limits(corpus, query, paired_limits(query, chosen)))
    own = {id(item): coverage(subject, deadline_scope(corpus, item)) for item in chosen}
    best = max(own.values(), default=0.0)
    for item in [item for item in chosen if own[id(item)] >= best - SCOPE_MARGIN]:
        clause = corpus.clause(item.clause_id)
        # A limit read from a row's time-limit cell has its task cell as span: the quote runs on to the limit.
        quote = item.span if item.text in item.span else through_limit(clause.text, item.span, item.text)
        n = draft.cite(clause, quote)
        which = own_task(corpus, item)
        counted = stated_counts(quote, item.text) if asks_count(query) else ()
        # In brackets, with no colon: a second "label：value" would read as a target line in English (english.py).
        counts = f"（数量 {'、'.join(counted)}）" if counted else ""
        draft.lines.append(f"{ctx.prefix(query, item.plan_id)}期限：{item.text}{which}{counts}。原文：「{quote}」[{n}]")
        draft.facts.append({"type": "deadline", "clause_id": item.clause_id, "deadline": item.text})
    return draft


# "By when" and "since when" are different questions: a sentence pair like "2016年底前制定…方案。自2017年起，每年
# 向社会公布…" answers "最晚啥时候" with its 底前 limit and "从哪年开始" with its 起 year. Asked either way,
# the limits of the other kind drop out when one of the asked kind matches the question too. (A head start for
# the asked kind was measured: it lifted other sentences' limits over the floor, and wrong answers rose.)
_ASKS_START = re.compile(r"从(?:哪|什么|何)|哪一?年(?:开始|起)|什么时候(?:开始|起)|何时(?:开始|起)|开始于|起始"
                         r"|since when|starting (?:from|in) which|from (?:which|what) year|start(?:s|ing)? (?:in|from)? ?(?:which|what) year")
_ASKS_BY = re.compile(r"最晚|最迟|之前|以前|前要|前得|前必须|前完成|底前|截止|期限|时限|by when|\bdeadline|no later than")
_START_KINDS, _BY_KINDS = frozenset({"from", "periodic"}), frozenset({"by", "bare"})


# A level a target reaches, named in a "when" question: a share or a concentration ("98%", "2mg/L").
_LEVEL = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(%|‰|个百分点|mg/l|毫克/升)")


# An amount that names which of a sentence's tasks is asked ("water sources serving over 10,000 people" of
# "2016年底前,日供水1000吨或服务人口10000人以上的水源要…；2017年底前,乡镇农村…"): written with thousands commas
# in English, bare or in 万 in the plans. Years are times, not amounts.
_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.])\d{3,}(?![\d.])")
_YEARISH = range(1990, 2051)


def asked_amounts(query: Query) -> tuple[tuple[str, ...], ...]:
    """Each amount (100 or more, not a year) the question writes, as the forms a plan may write it in."""
    amounts = []
    for token in _AMOUNT.findall(query.norm):
        value = int(token.replace(",", ""))
        if value in _YEARISH:
            continue
        forms = [str(value)] + ([f"{value // 10000}万"] if value % 10000 == 0 else [])
        amounts.append(tuple(forms))
    return tuple(amounts)


def stating_amounts(ranked: list[Deadline], amounts: tuple[tuple[str, ...], ...],
                    strict: bool = False) -> list[Deadline]:
    """The limits whose sentence states every amount asked, when some do; unchanged when none do (the amount
    may be written in other words) unless strict."""
    if not amounts:
        return ranked
    def states(item: Deadline) -> bool:
        text = normalize(item.span).replace(",", "")
        return all(any(re.search(rf"(?<![\d.]){re.escape(form)}(?![\d.])", text) for form in forms)
                   for forms in amounts)
    stating = [item for item in ranked if states(item)]
    return stating if stating or strict else ranked


def asked_levels(query: Query) -> tuple[tuple[str, str], ...]:
    """The levels the question names as (number, unit), in its normalised text."""
    return tuple(_LEVEL.findall(query.norm))


def states_levels(span: str, levels: tuple[tuple[str, str], ...]) -> bool:
    """Whether a sentence states every one of the levels (95% is not 98%; 25% is not 25mg/L)."""
    stated = set(_LEVEL.findall(normalize(span)))
    return all(level in stated for level in levels)


def level_of_asked(corpus: Corpus, query: Query, item: Deadline) -> bool:
    """Whether the sentence sets the asked level for the asked indicator: "绿色防控覆盖率达到30%" is no answer to
    "再生水利用率哪年达到30%". A level no extracted target of the sentence holds is judged by the sentence alone."""
    levels = asked_levels(query)
    holding = [t for t in corpus.targets_of(item.clause_id)
               if t.span in item.span and states_levels(f"{t.value_text}{t.unit}", levels[:1])]
    return not holding or any(indicator_match(corpus, query, t) >= INDICATOR_FLOOR for t in holding)


def asked_kinds(query: Query) -> frozenset[str]:
    """The kinds of limit the question asks for: a start (从哪年开始) or a limit to finish by (最晚, 之前); empty
    when it asks neither way ("什么时候")."""
    if _ASKS_START.search(query.norm):
        return _START_KINDS
    return _BY_KINDS if _ASKS_BY.search(query.norm) else frozenset()


# Of two time limits chosen, one whose own phrase covers this much less of the question is another task's
# ("2017年6月底前完成…水质状况调查，2017年底前完成…保护区划定" asked about the 划定).
SCOPE_MARGIN = 0.1
_GOVERNS = 6  # fewer characters than this between two limits ("2015年底前和2016年6月底前完成…") is no task
_SEPARATOR = re.compile(r"[，,；;。]")
_BOUND = re.compile(r"(?:应当|应|要|须|必须|需)?于$")  # "其余重点镇于2020年底前": the words before 于 are who is bound
ACTOR_FLOOR = 0.6  # share of a limit's bound subject the question must name for that limit to be the one asked
ACTOR_MARGIN = 0.25


def own_task(corpus: Corpus, item: Deadline) -> str:
    """"（其余重点镇于2020年底前建设完成）" when the limit's sentence sets other tasks other limits, else empty."""
    if item.kind != "by" or item.text not in item.span:  # a limit the extractor took from another sentence
        return ""
    scope = deadline_scope(corpus, item, topic=False)
    others = [o for o in corpus.deadlines_of(item.clause_id) if o.span == item.span and o.text not in scope]
    return f"（{scope.rstrip('，,；;。')}）" if others else ""


def _piece_start(span: str, at: int) -> int:
    """Where the piece of the sentence (between commas or semicolons) holding position `at` begins."""
    ends = [m.end() for m in _SEPARATOR.finditer(span, 0, at)]
    return ends[-1] if ends else 0


def bound_subject(item: Deadline) -> str:
    """Who or what a time limit binds when the plan writes it before "于": "其余重点镇" of "其余重点镇于2020年底前
    建设完成"; empty for a limit that opens its piece ("2016年底前,各设区市…")."""
    at = item.span.find(item.text)
    if at < 0:
        return ""
    before = item.span[_piece_start(item.span, at):at] + ("于" if item.text.startswith("于") else "")
    bound = _BOUND.search(before)
    return before[: bound.start()] if bound else ""


def named_limits(corpus: Corpus, query: Query, chosen: list[Deadline]) -> list[Deadline]:
    """The limits whose bound subject the question names (most of its words), when one is: a sentence listing
    several subjects' limits ("县城及县级市于2017年底前完成") answers each subject with its own. Unchanged when the
    question names none of them."""
    # The part of the area the question names (query.scopes: "county towns", 县城 → 县城, 县级) picks the limit bound
    # to it, when that singles some out: an English question never shares the bound subject's characters, and a
    # Chinese one names a part of it ("山西的县城" for "县城及县级市于2017年底前").
    scoped = [item for item in chosen if query.scopes and all(
        any(form in bound_subject(item) for form in forms) for forms in query.scopes)]
    if scoped and len(scoped) < len(chosen):
        return scoped
    share = {}
    for item in chosen:
        words = normalize(bound_subject(item))
        share[id(item)] = coverage(words, query.norm) if len(bigrams(words)) >= 2 else 0.0
    best = max(share.values(), default=0.0)
    if best < ACTOR_FLOOR:
        return chosen
    return [item for item in chosen if share[id(item)] >= best - ACTOR_MARGIN]


# "设区市和县级市分别于2016年底前和2018年底前完成…": subjects listed before 分别于, their limits in the same order.
_PAIRED = re.compile(r"([^，,；;。:：]+?)分别(?:于|在)")
_JOINS = re.compile(r"[和及与、]")


def paired_subjects(span: str) -> tuple[str, ...]:
    """The subjects a sentence gives limits to one by one ("设区市", "县级市"), empty when it does not."""
    found = _PAIRED.search(span)
    return tuple(p for p in _JOINS.split(found.group(1)) if p) if found else ()


def paired_limits(query: Query, chosen: list[Deadline]) -> list[Deadline]:
    """Of limits given one by one under 分别于 ("设区市和县级市分别于2016年底前和2018年底前"), the one of the subject
    the question names (县级市 in its characters, or through a scope: "county-level" → 县级); unchanged when the
    question names none or several, or when the limits and subjects do not pair up."""
    if not chosen:
        return chosen
    span = chosen[0].span
    subjects = paired_subjects(span)
    limits = sorted({item.text: span.find(item.text.removeprefix("于")) for item in chosen
                     if item.span == span and item.kind == "by"}.items(), key=lambda pair: pair[1])
    if len(subjects) < 2 or len(subjects) != len(limits) or min(at for _, at in limits) < span.find("分别"):
        return chosen
    named = [i for i, subject in enumerate(subjects) if normalize(subject) in query.norm
             or (query.scopes and all(any(form in subject for form in forms) for forms in query.scopes))]
    if len(named) != 1:
        return chosen
    text = limits[named[0]][0]
    return [item for item in chosen if item.span != span or item.text == text]


# The words a Chinese "when" question ends its task with, before asking the time ("…分类整治要在什么时间前完成").
_ASKS_WHEN = re.compile(r"(?:要|须|需|应|得|必须)?(?:在|于)?(?:什么时[候间]|何时|哪年|哪一年|啥时候?|几时|多久|最晚|最迟)")
_TASK_WORDS = 4  # the task's last four characters: a verb and its object ("分类整治", "提标改造")


def asked_task(query: Query) -> str:
    """The last words of the task a Chinese "when" question names just before it asks the time, "" when none."""
    if query.language != "zh":
        return ""
    ask = _ASKS_WHEN.search(query.norm)
    run = re.findall(r"[\u4e00-\u9fff]+", query.norm[: ask.start()]) if ask else []
    return run[-1][-_TASK_WORDS:] if run and len(run[-1]) >= _TASK_WORDS else ""


def asked_task_limits(corpus: Corpus, task: str, chosen: list[Deadline]) -> list[Deadline]:
    """The limits whose own task writes `task`, the one the question names just before asking the time
    (asked_task): a clause setting "2019年6月底前完成…企业排查，…；于2019年9月30日前完成分类整治" answers
    "分类整治要在什么时间前完成" with the second, though its first piece shares more words with the question (the
    enterprises named). Unchanged when none or all of them write it."""
    writing = [item for item in chosen if task and task in normalize(deadline_scope(corpus, item))]
    return writing if writing and len(writing) < len(chosen) else chosen


def in_time_cell(span: str, limit: str) -> bool:
    """The limit is a task table row's time cell of its own ("…；工作任务：长潭水库一级保护区内农家乐全部退出；…；
    完成时限：2020年8月底前"): it governs the row's task, not the few words of its cell."""
    return any(cell.partition("：")[2].strip() == limit for cell in span.split("；") if "：" in cell)


def deadline_scope(corpus: Corpus, item: Deadline, topic: bool = True) -> str:
    """What a time limit governs: the piece of its sentence holding it (with the subject written before it), up
    to the piece of the next limit of the sentence that follows a task of its own, else to the sentence end."""
    at = item.span.find(item.text)
    if at < 0 or in_time_cell(item.span, item.text):
        return item.span
    starts = sorted({item.span.find(other.text) for other in corpus.deadlines_of(item.clause_id)
                     if other.span == item.span and item.span.find(other.text) > at})
    end, cursor = len(item.span), at + len(item.text)
    for start in starts:
        if start - cursor >= _GOVERNS:
            # The next task's own subject ("，其余重点镇于…") is written before its limit: not this limit's.
            end = max(_piece_start(item.span, start), cursor)
            break
        cursor = max(cursor, start + 1)
    begin = _piece_start(item.span, at)
    # A limit that is its whole piece ("到2020年，化肥利用率提高到40%") binds what follows it, not a topic before.
    bare = not item.span[at + len(item.text):at + len(item.text) + 1].strip("，,；;。 ")
    return (_topic(corpus, item, begin) if topic and begin == at and not bare else "") + item.span[begin:end]


def _topic(corpus: Corpus, item: Deadline, begin: int) -> str:
    """The thing a limit opening its piece binds, written in the nearest piece before it that holds no limit of its
    own: "…覆盖范围内的自备水井，2017年底前一律予以关闭" closes the wells; "对西津河…问题全面排查，2019年6月底前完成排查，
    2019年12月底前完成整治销号" sets both limits on the rivers' problems. "" when no such piece comes before."""
    starts = [item.span.find(other.text) for other in corpus.deadlines_of(item.clause_id) if other.span == item.span]
    end = begin
    while end > 0:
        start = _piece_start(item.span, end - 1)
        if not any(start <= at < end for at in starts):
            return item.span[start:end]
        end = start
    return ""

