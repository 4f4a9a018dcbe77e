"""plans.toml faults are named by file, line and field; the faulty entry's plan loads from its text, the rest as listed."""
from __future__ import annotations

import shutil

import pytest

from rag.config import PROJECT_ROOT
from rag.corpus.loader import load_corpus
from rag.corpus.plans_toml import read_plans_toml

SEEDS = PROJECT_ROOT / "corpus"
LEDU = '''[[plan]]
id = "ledu-2017"
file = "ledu-2017.txt"
title = "海东市乐都区2017年度水污染防治工作方案"
level = "district"
regions = ["乐都区", "乐都"]
'''
LIAOCHENG = '''
[[plan]]
id = "liaocheng-2020"
file = "liaocheng-2020.txt"
title = "聊城市打好碧水保卫战2020年行动计划"
regions = ["聊城市", "聊城"]
'''


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("liaocheng-2020.txt", "ledu-2017.txt"):
        shutil.copy(SEEDS / name, folder / name)
    return folder


def load(corpus_dir, manifest: str, encoding: str = "utf-8"):
    (corpus_dir / "plans.toml").write_bytes(manifest.encode(encoding))
    return load_corpus(corpus_dir)


def titles(corpus) -> dict[str, str]:
    return {p.plan_id: p.title for p in corpus.plans}


def test_good_manifest_is_used_silently(corpus_dir):
    corpus = load(corpus_dir, LEDU + LIAOCHENG)
    assert corpus.problems == ()
    assert corpus.plan("ledu-2017").regions == ("乐都区", "乐都")
    assert {(f.file, f.status) for f in corpus.files} == {("ledu-2017.txt", "loaded"), ("liaocheng-2020.txt", "loaded")}


def test_syntax_error_costs_only_the_broken_entry(corpus_dir):
    corpus = load(corpus_dir, LEDU + 'title = "unclosed\n' + LIAOCHENG)
    assert titles(corpus) == {"ledu-2017": "海东市乐都区2017年度水污染防治工作方案",
                              "liaocheng-2020": "聊城市打好碧水保卫战2020年行动计划"}
    assert len(corpus.problems) == 1 and corpus.problems[0].startswith("corpus/plans.toml: syntax error: ")
    assert "(at line 7, column 18)" in corpus.problems[0]
    assert corpus.problems[0].endswith("the entries at line 1 are ignored and their plans load with metadata read "
                                       "from their text")
    assert {f.file: f.status for f in corpus.files} == {"ledu-2017.txt": "inferred", "liaocheng-2020.txt": "loaded"}
    assert corpus.plan("liaocheng-2020").regions == ("聊城市", "聊城")


def test_syntax_error_outside_the_entries_keeps_every_entry(corpus_dir):
    corpus = load(corpus_dir, "oops = \n" + LEDU + LIAOCHENG)
    assert corpus.problems == ("corpus/plans.toml: syntax error: Invalid value (at line 1, column 8); the text "
                               "outside the [[plan]] entries is ignored; every entry is used",)
    assert {f.status for f in corpus.files} == {"loaded"}


def test_syntax_error_in_every_entry_loads_every_plan_from_its_text(corpus_dir):
    corpus = load(corpus_dir, (LEDU + LIAOCHENG).replace("regions = [", "regions = [["))
    assert corpus.problems == ("corpus/plans.toml: syntax error: Unclosed array (at line 8, column 1); every plan "
                               "loads with metadata read from its text",)
    assert {f.status for f in corpus.files} == {"inferred"} and len(corpus.plans) == 2


def test_misspelt_required_key_names_line_and_field(corpus_dir):
    corpus = load(corpus_dir, LEDU + LIAOCHENG.replace("title =", "titel ="))
    assert corpus.problems == (
        "corpus/plans.toml:8: plan entry 2: unknown key 'titel' at line 11 (did you mean 'title'?)",
        "corpus/plans.toml:8: plan entry 2: field 'title' is missing — liaocheng-2020.txt loads with metadata read "
        "from its text",
    )
    assert corpus.plan("ledu-2017").regions == ("乐都区", "乐都")  # the good entry still counts
    assert corpus.plan("liaocheng-2020").issuer == "聊城市人民政府"  # read from the text


def test_misspelt_optional_key_is_reported_and_the_entry_kept(corpus_dir):
    corpus = load(corpus_dir, LEDU.replace("level =", "levle =") + LIAOCHENG)
    assert corpus.problems == ("corpus/plans.toml:1: plan entry 1: unknown key 'levle' at line 5 (did you mean 'level'?)",)
    assert corpus.plan("ledu-2017").regions == ("乐都区", "乐都")


def test_plans_for_plan_is_reported_and_read_as_plan(corpus_dir):
    corpus = load(corpus_dir, (LEDU + LIAOCHENG).replace("[[plan]]", "[[plans]]"))
    assert corpus.problems == ("corpus/plans.toml:1: [[plans]] read as [[plan]]; write [[plan]]",)
    assert {f.file: f.status for f in corpus.files} == {"ledu-2017.txt": "loaded", "liaocheng-2020.txt": "loaded"}


def test_unknown_table_is_reported(corpus_dir):
    corpus = load(corpus_dir, LEDU + LIAOCHENG + '\n[[document]]\nid = "x"\n')
    assert corpus.problems == ("corpus/plans.toml:14: unknown table 'document'; its entries are ignored",)


def test_duplicate_id_is_reported_and_both_plans_load(corpus_dir):
    corpus = load(corpus_dir, LEDU + LIAOCHENG.replace('id = "liaocheng-2020"', 'id = "ledu-2017"'))
    assert corpus.problems == ("corpus/plans.toml:8: plan entry 2: field 'id': 'ledu-2017' is already used by the "
                               "entry at line 1 — liaocheng-2020.txt loads with metadata read from its text",)
    assert set(titles(corpus)) == {"ledu-2017", "liaocheng-2020"}


def test_regions_as_a_string_is_reported_and_read_as_one_name(corpus_dir):
    corpus = load(corpus_dir, LEDU.replace('regions = ["乐都区", "乐都"]', 'regions = "乐都区"') + LIAOCHENG)
    assert corpus.problems == ('corpus/plans.toml:1: plan entry 1: field \'regions\' at line 6: a string, read as one '
                               'name; write regions = ["乐都区"]',)
    assert corpus.plan("ledu-2017").regions == ("乐都区",)  # not ("乐", "都", "区")


def test_regions_of_the_wrong_type_make_the_entry_unusable(corpus_dir):
    corpus = load(corpus_dir, LEDU.replace('regions = ["乐都区", "乐都"]', 'regions = [1, 2]') + LIAOCHENG)
    assert corpus.problems == ("corpus/plans.toml:1: plan entry 1: field 'regions' at line 6: must be a list of "
                               "non-empty names — ledu-2017.txt loads with metadata read from its text",)
    assert {f.file: f.status for f in corpus.files}["ledu-2017.txt"] == "inferred"


def test_utf16_manifest_and_plan_are_decoded(corpus_dir):
    text = (corpus_dir / "ledu-2017.txt").read_text(encoding="utf-8")
    (corpus_dir / "ledu-2017.txt").write_bytes(text.encode("utf-16"))
    corpus = load(corpus_dir, LEDU + LIAOCHENG, encoding="utf-16")
    assert corpus.plan("ledu-2017").regions == ("乐都区", "乐都")
    assert corpus.problems == ("ledu-2017.txt: decoded as utf-16",)
    assert any(c.clause_id.startswith("ledu-2017/") for c in corpus.clauses)


def test_bad_level_and_date_as_toml_date(corpus_dir):
    manifest = LEDU.replace('"district"', '"county-ish"') + LIAOCHENG + "date = 2020-04-08\n"
    corpus = load(corpus_dir, manifest)
    assert corpus.problems[0].startswith("corpus/plans.toml:1: plan entry 1: field 'level' at line 5: one of city, ")
    assert corpus.plan("liaocheng-2020").date == "2020-04-08"


def test_entries_keep_file_order_and_read_plans_toml_never_raises(tmp_path):
    (tmp_path / "plans.toml").write_bytes(b"\xff\x00\xfe garbage")
    assert read_plans_toml(tmp_path).problems == (
        f"{tmp_path.name}/plans.toml: not UTF-8 or UTF-16 text; every plan loads with metadata read from its text",)
