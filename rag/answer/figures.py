"""Targets and deadlines: the stated figure or time limit that matches the question, quoted with its sentence."""
from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.about import states_year
from rag.answer.asked import (
    INDICATOR_FLOOR,
    asked_phrase,
    indicator_match,
    indicator_names,
    row_match,
    sentence_match,
)
from rag.answer.draft import Context, Draft, Similar
from rag.answer.english_fit import misfit
from rag.answer.evidence import FACT_FLOOR, content_of, coverage
from rag.answer.fits import (
    asked_unit,
    kind_fits,
    polarity_fits,
    rate_fits,
    scope_fits,
    states_unit,
    unit_fits,
)
from rag.answer.money import asks_money, money
from rag.answer.quantities import share_of_units, unit_sentence
from rag.answer.query import Query, in_scope
from rag.answer.rows import choose, stated_years, table_reference
from rag.corpus.note_forms import COLUMN_ROLES
from rag.lexicon import load_lexicon
from rag.normalize import normalize
from rag.types import Corpus, Hit, Target


def stated(target: Target) -> str:
    """The comparator and value as the plan states them: "达到95%以上", "控制在15%以内"."""
    base = target.comparator
    for suffix in load_lexicon().comparator_suffixes:
        if base.endswith(suffix) and target.value_text.endswith(suffix):
            base = base[: -len(suffix)]
    return f"{base}{target.value_text}"


def name_similarity(embedder, query_vector=None) -> Similar | None:
    """Cosine of each name to a question by the embedder; each name is embedded once per process. The question's
    vector comes from the retriever's cache when it gives one (query_vector): embedding it again cost ~25 ms, the
    slowest step of a target answer."""
    if embedder is None:
        return None
    vectors: dict[str, object] = {}

    def similar(question: str, names: Sequence[str]) -> list[float]:
        new = [name for name in dict.fromkeys(names) if name not in vectors]
        if new:
            vectors.update(zip(new, embedder.embed_passages(new)))
        asked = query_vector(question) if query_vector else embedder.embed_queries([question])[0]
        return [float(asked @ vectors[name]) for name in names]

    return similar


OTHER_INDICATOR = 0.3  # demotion of a clause's target whose indicator is not the one the question names


def asked_forms(query: Query) -> tuple[str, ...]:
    """The official names and aliases of the indicators the question names, normalised, longest first."""
    forms = {normalize(form) for m in query.terms if m.term.kind == "indicator"
             for form in (m.term.official, *m.term.aliases)}
    return tuple(sorted(forms, key=len, reverse=True))


def best_targets(corpus: Corpus, query: Query, hits: list[Hit], similar: Similar | None = None
                 ) -> list[tuple[float, Target]]:
    """Targets of the top clauses, best match to the question first.

    When a clause states several targets and the question names one of their indicators (in any words, through
    the glossary: "脏水处理率" → 污水处理率), the clause's other targets step back; a clause none of whose
    targets is named keeps its scores. When the glossary names none of them, the indicators closest to the
    question in meaning (the embedder's `similar`) come first.
    """
    subject = content_of(query.about())
    forms = asked_forms(query)
    scored = []
    for rank, hit in enumerate(hits[:8]):
        targets = corpus.targets_of(hit.clause.clause_id)
        # A name read with and without its aside: "水质优良（达到或优于Ⅲ类）比例" names 水质优良比例, and without
        # this its clause's drinking-water share (达到或优于Ⅲ类比例, written whole) was taken as the one named.
        named = [any(form in normalize(name) for form in forms for name in indicator_names(t.indicator))
                 for t in targets]
        for target, is_named in zip(targets, named):
            # The sentence says where; the phrase stating the value says which of its figures is meant.
            score = coverage(subject, f"{target.indicator} {target.span}") \
                + 0.5 * coverage(subject, own_phrase(target)) - 0.02 * rank \
                - OTHER_INDICATOR * (any(named) and not is_named)
            scored.append((score, target))
    if similar is not None and not any(form in normalize(name) for _, t in scored for form in forms
                                       for name in indicator_names(t.indicator)):
        scored = by_meaning(query, scored, similar)
    return sorted(scored, key=lambda pair: -pair[0])


MEANING_WEIGHT = 1.0  # score lost per unit of cosine below the indicator closest to the question


def by_meaning(query: Query, scored: list[tuple[float, Target]], similar: Similar) -> list[tuple[float, Target]]:
    """Scores lowered by how much further in meaning a target's indicator is from the question than the closest
    indicator of the same sentence. Only within a sentence: across sentences the words already choose, and an
    indicator extracted as a bare place ("全市") would lose to every named one (measured: a right answer lost)."""
    names = list(dict.fromkeys(t.indicator for _, t in scored))
    if len(names) < 2:
        return scored
    cosine = dict(zip(names, similar(query.search_text, names)))  # the text the retriever embedded: its vector
    closest: dict[str, float] = {}
    for _, t in scored:
        closest[t.span] = max(closest.get(t.span, -1.0), cosine[t.indicator])
    return [(s - MEANING_WEIGHT * (closest[t.span] - cosine[t.indicator]), t) for s, t in scored]


_PIECES = re.compile(r"[，,；;。]")


def own_phrase(target: Target) -> str:
    """The indicator with the piece of its sentence (between commas) that states the value: "全市" and
    "全市30%以上的行政村完成治理任务"."""
    pieces = [piece for piece in _PIECES.split(target.span) if target.value_text in piece]
    return f"{target.indicator} {pieces[0]}" if pieces else target.indicator


def task_row(text: str) -> bool:
    """A row of a task table: a cell under a responsibility column ("牵头单位：县住建局"). Its figures are the
    task's, read by the target extractor with their own indicator ("县城污水处理厂负荷率达到85%"); quoting the
    row whole answered "污水处理率要达到多少" with it though the goals paragraph states the rate."""
    return any(cell.partition("：")[0].strip() in COLUMN_ROLES for cell in text.split("；"))


def table_cell(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """A target read from a table row: "流域：黄河流域；…；2019年：56.90%" answers 黄河流域 2019年. A row the question
    does not single out among its siblings (全省 asked, rows per basin) answers nothing: a refusal naming the rows."""
    draft = Draft(ctx.corpus)
    subject = content_of(query.about())
    rows = [h.clause for h in hits[:6] if h.clause.kind == "table-row" and not task_row(h.clause.text)
            and coverage(subject, h.clause.norm) >= 0.5
            and row_match(ctx.corpus, query, _table_title(ctx.corpus, h.clause), h.clause.text) >= INDICATOR_FLOOR]
    if not rows:
        return draft
    years = stated_years(rows[0])
    if query.year and years and query.year not in years:  # 2021 asked of a table whose columns stop at 2020
        n = draft.cite(ctx.corpus.clause(rows[0].parent_id) if rows[0].parent_id else rows[0])
        draft.lines.append(f"方案的表格只列出{years[0]}年至{years[-1]}年的数值，没有{query.year}年的数值 [{n}]。")
        draft.abstained = True
        return draft
    first = choose(ctx.corpus, query, rows[0])
    if not first.identified:
        n = draft.cite(ctx.corpus.clause(rows[0].parent_id) if rows[0].parent_id else rows[0])
        draft.lines.append(f"方案的表格只按{'、'.join(first.labels)}分列数值，没有所问范围的数值 [{n}]。")
        draft.abstained = True
        return draft
    # "黄河流域和海河流域…分别": every row of the same table the question names by its own label answers.
    others = [choose(ctx.corpus, query, row) for row in rows[1:] if row.parent_id == rows[0].parent_id]
    # A sibling the question names less fully than the first row is another indicator sharing words with it.
    for choice in [first, *(c for c in others if c.named and first.named and c.naming >= first.naming)]:
        row = choice.row
        label = f"{choice.label}，" if choice.quote != row.text else ""  # which row, when one cell is quoted
        draft.lines.append(f"{ctx.prefix(query, row.plan_id)}{row.path[-1]}：{label}「{choice.quote}」"
                           f"[{draft.cite(row, choice.quote)}]")
    return draft


def target(ctx: Context, query: Query, hits: list[Hit], floor: float = FACT_FLOOR) -> Draft:
    """The stated targets that match the question; a refusal naming the years stated when the asked one is not."""
    if asks_money(query):  # an amount of money asked: only an amount in 元 answers it, with its condition
        found = money(ctx, query, hits)
        if not found.lines:
            found.lines.append("方案中没有规定所问的金额。 The plans state no such amount.")
            found.abstained = True
        return found
    from_table = table_cell(ctx, query, hits)
    if from_table.lines and not from_table.abstained:
        return from_table
    # No row is the one asked (全省 where the rows are per basin): the plan's text may state it; else the refusal.
    found = stated_targets(ctx, query, hits, floor)
    if (not found.lines or found.abstained) and not query.year:  # "多少年以上": an age set inside a task sentence
        quoted = unit_sentence(ctx, query, hits)
        found = quoted if quoted.lines else found
    return found if found.lines or not from_table.lines else from_table


def stated_targets(ctx: Context, query: Query, hits: list[Hit], floor: float) -> Draft:
    """The targets of the clauses' sentences that match the question (see target)."""
    corpus = ctx.corpus
    draft = Draft(corpus)
    # A target of another part of the area ("全区" asked "农村") is no answer: query.in_scope (issue 11).
    scored = [(s, t) for s, t in best_targets(corpus, query, hits, ctx.similar)
              if s >= floor and in_scope(query, corpus.clause(t.clause_id))]
    if not scored:
        return draft
    named = [(s, t) for s, t in scored if unit_fits(query, t) and kind_fits(query, t) and scope_fits(query, t)
             and rate_fits(query, t) and polarity_fits(query, t)
             and (indicator_match(corpus, query, t, _title(corpus, t)) >= INDICATOR_FLOOR
                  or share_of_units(query, t, corpus.clause(t.clause_id)))
             and not (query.language == "en" and misfit(query.norm, {"indicator": t.indicator, "value": t.value_text}))]
    if not named:  # the clauses state figures, but of other indicators: the sentence naming the one asked, if any
        # (never the sentence of a figure of another part of the area: it names the asked indicator too)
        # (nor the sentence of a figure of another rate or the other end of the quality scale: it is the same figure)
        quoted = naming_sentence(ctx, query, [t for _, t in scored[:3] if scope_fits(query, t)
                                              and rate_fits(query, t) and polarity_fits(query, t)])
        return quoted if quoted.lines else other_indicators(ctx, [t for _, t in scored[:3]])
    scored = named
    if query.year and any(t.year == query.year for _, t in scored):
        scored = [(s, t) for s, t in scored if t.year == query.year]
    best = scored[0][0]
    chosen = [t for s, t in scored if s >= best - 0.05][:3]
    if query.year and not any(t.year == query.year for t in chosen):
        years = sorted({t.year for t in chosen if t.year})
        years_text = "、".join(f"{y}年" for y in years) or "其他年份"
        numbers = "".join(f"[{n}]" for n in dict.fromkeys(draft.cite(corpus.clause(t.clause_id), t.span)
                                                          for t in chosen))
        draft.lines.append(f"方案没有规定所问年份的该项目标；相关条款规定的是{years_text}的目标 {numbers}。")
        draft.abstained = True
        return draft
    if query.year:
        chosen = [t for t in chosen if t.year == query.year]
    for item in chosen:
        n = draft.cite(corpus.clause(item.clause_id), item.span)
        draft.lines.append(f"{ctx.prefix(query, item.plan_id)}{item.indicator}：{stated(item)}"
                           f"{_when(item)}。原文：「{item.span}」[{n}]")
        draft.facts.append({"type": "target", "clause_id": item.clause_id, "indicator": item.indicator,
                            "value": item.value_text, "year": item.year})
    return draft


def naming_sentence(ctx: Context, query: Query, found: list[Target]) -> Draft:
    """The first of the targets' sentences that names the asked indicator itself (a figure the extractor did not
    take as a target: "新增高效节水灌溉面积300万亩" beside 灌溉水利用系数), quoted; empty when none does."""
    draft = Draft(ctx.corpus)
    if not asked_phrase(query):  # no indicator named: the targets failed on their unit, and so does the sentence
        return draft
    unit = asked_unit(query)
    for span, item in {t.span: t for t in found}.items():
        # The sentence must state a figure in the unit asked (多少立方米 is not answered by "下降20%") and for
        # the year asked, not only from it ("比2015年下降…" states no 2015 value).
        if not states_unit(normalize(span), unit) or (query.year and not states_year(span, query.year)) \
                or not kind_fits(query, item):
            continue
        if query.year and item.year != query.year:
            continue  # a sentence of another time's targets does not answer the year asked ("到2030年…",
            # "到本世纪中叶…" for 2020): the fallback quotes a sentence whole, and its figures are not the year's
        if sentence_match(ctx.corpus, query, span) >= INDICATOR_FLOOR:
            n = draft.cite(ctx.corpus.clause(item.clause_id), span)
            draft.lines.append(f"{ctx.prefix(query, item.plan_id)}原文：「{span}」[{n}]")
            return draft
    return draft


def other_indicators(ctx: Context, found: list[Target]) -> Draft:
    """The refusal when the closest targets state other indicators than the one asked, naming them."""
    draft = Draft(ctx.corpus, abstained=True)
    names = "、".join(dict.fromkeys(t.indicator for t in found))
    numbers = "".join(f"[{n}]" for n in dict.fromkeys(draft.cite(ctx.corpus.clause(t.clause_id), t.span) for t in found))
    draft.lines.append(f"方案没有规定所问指标的目标；相关条款规定的是{names}的目标 {numbers}。")
    return draft


def _table_title(corpus: Corpus, row) -> str:
    """The first line of the table a row belongs to ("附表2 周村区集中式饮用水水源水质目标表"), with the plan's
    words pointing to it ("全省主要河流水质优良断面比例分年度目标见表1": its name in the text's words)."""
    table = corpus.clause(row.parent_id) if row.parent_id else None
    if table is None or not table.text:
        return ""
    return f"{table.text.splitlines()[0]} {table_reference(corpus, table)}"


def _title(corpus: Corpus, item: Target) -> str:
    path = corpus.clause(item.clause_id).path
    return path[-1] if path else ""


def _when(item: Target) -> str:
    if item.deadline:
        return f"（{item.deadline}）"
    return f"（{item.year}年）" if item.year else ""
