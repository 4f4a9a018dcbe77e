"""English target questions answered only by the indicator they ask (real index and embedder): another water
class or another kind of water is refused in English; the plans' indicators in a foreign reader's words are found."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_drinking_water_sources_do_not_answer_river_sections(real_assistant):
    # Shanxi states both in one sentence: rivers 60%, drinking water sources 高于90%.
    answer = real_assistant.ask("What share of Shanxi's main river sections should be rated Class III or better "
                                "by 2020?")
    assert "90%" not in answer.answer


def test_another_water_class_is_refused_in_english(real_assistant):
    # Ledu states Class II or better for township drinking water sources, nothing for river sections.
    answer = real_assistant.ask("What is Ledu's 2020 target for the share of river sections rated Class III or "
                                "better?")
    assert answer.abstained and "100%" not in answer.answer
    assert "indicator" in answer.answer


def test_urban_wastewater_treated_is_the_sewage_treatment_rate(real_assistant):
    answer = real_assistant.ask("What share of urban wastewater is Ledu expected to treat by 2020?")
    assert not answer.abstained and "95%" in answer.answer and "18%" not in answer.answer


def test_issuing_permits_is_the_discharge_permit(real_assistant):
    answer = real_assistant.ask("By when must Changyi finish issuing permits to all water pollution sources?")
    assert not answer.abstained and "2017年底前" in answer.answer


def test_what_reduction_asks_a_figure(real_assistant):
    answer = real_assistant.ask("What reduction in pesticide use per unit of cultivated land does Liaocheng aim "
                                "for by 2020?")
    assert not answer.abstained and "10%" in answer.answer
