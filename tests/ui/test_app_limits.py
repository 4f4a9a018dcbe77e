"""Bounds on what one request may cost: input lengths, search text, per-session and long-question admission."""
from __future__ import annotations

import threading

import pytest

from rag.answer.query import analyze
from rag.assistant import MAX_SEARCH_CHARS, bounded_search, previous_too_long
from rag.ui.limits import BUSY, Admission

LONG = ("周村区推进污泥安全处置由哪个部门牵头，城市黑臭水体整治，" * 100)[:2000]


def test_search_text_is_capped(mini_corpus):
    query = bounded_search(analyze(LONG, mini_corpus.plans))
    assert len(query.search_text) == MAX_SEARCH_CHARS == 160
    assert query.plan_ids == ("zhoucun-2016",)  # the analysis still read the whole question
    short = analyze("周村区推进污泥安全处置由哪个部门牵头？", mini_corpus.plans)
    assert bounded_search(short) is short


def test_previous_is_bounded_like_the_question():
    assert previous_too_long("周" * 2000, 2000) == ""
    assert previous_too_long(None, 2000) == ""
    assert previous_too_long("周" * 30000, 2000).startswith("上一个问题过长（30000 字），上限为 2000 字。")


def test_assistant_refuses_a_huge_previous_at_once(mini_corpus):
    from rag.assistant import Assistant
    from rag.config import Settings

    # No retriever: the refusal must come before any analysis or search.
    answer = Assistant(Settings(), mini_corpus, retriever=None).ask("那昌邑区呢？", previous="周" * 30000)
    assert answer.error.startswith("上一个问题过长") and answer.citations == () and answer.abstained


def test_one_request_per_session_at_a_time():
    admission = Admission()
    with admission.enter("a", "周村区谁牵头？") as first:
        with admission.enter("a", "山西呢？") as second, admission.enter("b", "乐都区呢？") as other:
            assert (first, second, other) == ("", BUSY, "")
            assert admission.running() == 2
    assert admission.running() == 0 and admission._running == {}


def test_long_questions_take_one_slot_between_all_sessions():
    admission = Admission(heavy_slots=1)
    with admission.enter("a", LONG) as first, admission.enter("b", LONG) as second:
        with admission.enter("c", "周村区谁牵头？") as short, admission.enter("d", "呢？", LONG) as follow:
            assert first == "" and short == ""
            assert second.startswith("另一个很长的问题正在回答中") and second == follow
    with admission.enter("b", LONG) as again:
        assert again == ""


def test_admission_is_consistent_under_threads():
    admission, seen = Admission(per_client=1), []
    barrier = threading.Barrier(8)

    def run() -> None:
        barrier.wait()
        with admission.enter("same", "周村区谁牵头？") as refusal:
            seen.append(refusal)
            barrier_done.wait()

    barrier_done = threading.Barrier(8, timeout=5)
    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen.count("") == 1 and seen.count(BUSY) == 7


def test_admission_rejects_bad_limits():
    with pytest.raises(ValueError, match="at least 1"):
        Admission(per_client=0)


def test_idle_sessions_expire_and_busy_ones_stay():
    import datetime
    from collections import OrderedDict

    from rag.ui.sessions import expire_idle

    class Holder:  # the three attributes of gradio.state_holder.StateHolder that expire_idle uses
        lock = threading.Lock()

    now = datetime.datetime(2026, 1, 1, 12, 0, 0)
    holder = Holder()
    holder.session_data = OrderedDict(old="config", fresh="config")
    holder.time_last_used = {"old": now - datetime.timedelta(minutes=21), "fresh": now - datetime.timedelta(minutes=5)}
    assert expire_idle(holder, 1200, now) == 1
    assert list(holder.session_data) == ["fresh"] and list(holder.time_last_used) == ["fresh"]
