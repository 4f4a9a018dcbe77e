"""Who answers from a note written away from its task: a plan assigning its tasks by number in a 责任分工 section
cites that section beside the task, as the units are written there (the grounding check needs them cited)."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.who import who
from rag.corpus.loader import load_corpus
from rag.types import Hit
from tests.corpus.test_genre_composed24 import FUSONG


def test_a_task_assigned_by_number_cites_the_statement_with_the_task(tmp_path):
    (tmp_path / "fs-2017.txt").write_text(FUSONG, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    task = corpus.clause("fs-2017/二/（三）")
    draft = who(Context(corpus, lambda text, plans: []), analyze("抚松县城西小河、东大沟黑臭水体治理由哪个部门牵头？", corpus.plans),
                [Hit(task, 1.0, ("bm25",))])
    assert not draft.abstained
    assert draft.lines == ["牵头：县住建局；配合/参与：县发改局、县财政局。 [1][2]"]
    assert [(c.clause_id, c.quote) for c in draft.citations] == [
        ("fs-2017/二/（三）", task.text),
        ("fs-2017/三", "第（二）至（三）项由县住建局牵头，县发改局、县财政局配合")]
