"""English word forms: the stem each word is looked up by."""
from __future__ import annotations

import pytest

from rag.answer.english_stems import closed_compounds, english_key, english_stem


@pytest.mark.parametrize("word, stem", [
    ("stations", "stat"), ("protection", "protect"), ("discharged", "discharg"), ("discharge", "discharg"),
    ("fertilisation", "fertiliz"), ("centres", "center"), ("taps", "tap"), ("uses", "use"),
    ("utilization", "use"), ("reclaimed", "recycl"), ("mills", "plant"), ("percentage", "rate"),
    # a doubled last consonant before -ing/-ed is dropped; l and s stay ("installing", "spilling")
    ("retrofitting", "retrofit"), ("planned", "plan"), ("installing", "install"), ("spilling", "spill"),
    # the plans' 整治/治理 and 改造 in any English noun
    ("improvement", "remedi"), ("remediation", "remedi"), ("rectification", "remedi"), ("improve", "improv"),
    ("renovation", "retrofit"), ("overhaul", "retrofit"),
])
def test_a_word_is_looked_up_by_its_stem(word, stem):
    assert english_stem(word) == stem


def test_compounds_and_phrases_close_and_stem():
    assert closed_compounds("cleaning up the waste water") == "cleanup the wastewater"
    # Both sides of a lookup go through the same key: inflections, possessives and open compounds agree.
    assert english_key("petrol stations' clean-up") == english_key("petrol station cleanup") == "petrol stat cleanup"


@pytest.mark.parametrize("british, american_word", [
    ("aluminium", "aluminum"), ("colours", "colors"), ("labour", "labor"), ("neighbouring", "neighboring"),
    ("odours", "odors"), ("ploughs", "plows"), ("fertilisers", "fertilizers"), ("metres", "meters"),
])
def test_british_spellings_meet_the_american_ones(british, american_word):
    # localspelling's table first ("aluminium", "-our" words the two rules miss), then the -ise/-re rules
    assert english_stem(british) == english_stem(american_word)
