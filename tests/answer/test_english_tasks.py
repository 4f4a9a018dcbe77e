"""An English who-question whose task neither the words nor a wide lead in meaning find takes the task closest in
meaning at a narrower lead when the retriever's first clause is that task's, and never when the question writes a
word no vocabulary reads."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.english_tasks import AGREED_FLOOR, AGREED_MARGIN, task_by_agreement, unread_words
from rag.answer.query import analyze
from rag.answer.task_meaning import MARGIN, task_by_meaning
from rag.answer.who import who
from rag.corpus.loader import load_corpus
from rag.types import Hit

# Cut from donggang-2020.txt (tests/fixtures/plans-dev/composed23: 二、主要任务 (一)-(二)).
PLAN = (
    "东港市2020年入海河流及近岸海域污染防治工作方案\n"
    "二、主要任务\n"
    "（一）整治入海排污口。对全市入海排污口逐一排查、编号建档，11月底前完成非法排污口封堵。"
    "（市生态环境分局牵头，市水利局、市海洋与渔业局、沿海各镇配合）\n"
    "（二）推进城镇污水处理。东港市第二污水处理厂扩建工程年底前投入运行，新增处理能力2万吨/日；"
    "孤山镇、前阳镇污水处理站9月底前建成。（市住建局负责，市财政局、相关镇政府协助）\n"
)
QUESTION = "Which bureau leads the clean-up of sea-bound sewage outfalls in Donggang?"
OUTFALLS, PLANTS = "donggang-2020/二/（一）", "donggang-2020/二/（二）"
# The real embedder's figures for this question: the outfall task 0.8827, the plants' task 0.8690 (lead 0.0137, under
# task_meaning's 0.025).
COSINES = {"整治入海排污口": 0.8827, "推进城镇污水处理": 0.8690}


def _setup(tmp_path, cosines: dict[str, float], first: str = OUTFALLS):
    """The plan's corpus, its noted clauses as hits with `first` first, and a context whose `similar` gives each
    task text's cosine by a phrase of its text."""
    (tmp_path / "donggang-2020.txt").write_text(PLAN, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = sorted((c for c in corpus.clauses if corpus.notes_of(c.clause_id)), key=lambda c: c.clause_id != first)
    hits = [Hit(clause, 1.0 - 0.1 * k, ("dense",)) for k, clause in enumerate(noted)]

    def similar(question: str, texts) -> list[float]:
        return [next((v for k, v in cosines.items() if k in text), 0.5) for text in texts]

    return corpus, hits, Context(corpus, lambda text, plans: [], similar)


def test_meaning_and_the_first_hit_agreeing_answer_at_a_narrow_lead(tmp_path, monkeypatch):
    """In the whole plan (four tasks and an annex of six) the word path finds no task for this question; cut to two
    tasks it would, so it is set aside here."""
    corpus, hits, ctx = _setup(tmp_path, COSINES)
    query = analyze(QUESTION, corpus.plans, corpus.clauses)
    assert COSINES["整治入海排污口"] - COSINES["推进城镇污水处理"] < MARGIN
    assert task_by_meaning(ctx, query, hits) is None
    note, cosine = task_by_agreement(ctx, query, hits)
    assert (note.clause_id, cosine) == (OUTFALLS, 0.8827)
    monkeypatch.setattr("rag.answer.who.matching_notes", lambda corpus, query, hits: [])
    draft = who(ctx, query, hits)
    assert not draft.abstained
    assert draft.facts[0]["lead_units"] == ["市生态环境分局"]
    assert draft.citations[0].clause_id == OUTFALLS


def test_the_first_hit_of_another_task_is_no_answer(tmp_path):
    corpus, hits, ctx = _setup(tmp_path, COSINES, first=PLANTS)
    assert task_by_agreement(ctx, analyze(QUESTION, corpus.plans, corpus.clauses), hits) is None


def test_a_lead_under_the_margin_or_a_cosine_under_the_floor_is_no_answer(tmp_path):
    corpus, hits, ctx = _setup(tmp_path, {"整治入海排污口": 0.8827, "推进城镇污水处理": 0.8827 - AGREED_MARGIN / 2})
    query = analyze(QUESTION, corpus.plans, corpus.clauses)
    assert task_by_agreement(ctx, query, hits) is None
    corpus, hits, ctx = _setup(tmp_path, {"整治入海排污口": AGREED_FLOOR - 0.005, "推进城镇污水处理": 0.80})
    assert task_by_agreement(ctx, query, hits) is None


def test_a_word_no_vocabulary_reads_is_no_answer(tmp_path):
    """"Microplastics" is in neither the glossary, CC-CEDICT nor pinyin: the plan is unlikely to write the thing."""
    corpus, hits, ctx = _setup(tmp_path, COSINES)
    asked = analyze("Which bureau leads monitoring microplastics at sea-bound sewage outfalls in Donggang?",
                    corpus.plans, corpus.clauses)
    assert unread_words(asked) == ("microplastic",)
    assert task_by_agreement(ctx, asked, hits) is None
    assert unread_words(analyze(QUESTION, corpus.plans, corpus.clauses)) == ()
