"""The sentence-transformers runtime, through load_embedder, on a tiny BERT the test builds and saves itself."""
from __future__ import annotations

import string

import numpy as np
import pytest
from conftest import MINI_CLAUSES

from rag.config import Settings
from rag.search.embed import load_embedder
from rag.search.retrieve import Retriever
from rag.search.store import build_index, load_index

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory):
    """A 2-layer BertModel with a WordPiece vocab of the fixture's characters, plus mean pooling, saved to disk."""
    import torch
    from sentence_transformers import SentenceTransformer
    try:  # sentence-transformers 6 moved the modules; 3–5 keep them in sentence_transformers.models
        from sentence_transformers.sentence_transformer import modules as models
    except ImportError:
        from sentence_transformers import models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    root = tmp_path_factory.mktemp("models")
    chars = sorted({ch for row in MINI_CLAUSES for ch in row[3]} | set(string.ascii_lowercase + string.digits + ":"))
    pieces = ["##" + ch for ch in string.ascii_lowercase + string.digits]  # so "query"/"2017" are not [UNK]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *(ch for ch in chars if not ch.isspace()), *pieces]
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=256)
    bert_dir = root / "bert"
    BertModel(config).save_pretrained(bert_dir)
    BertTokenizerFast(vocab={piece: i for i, piece in enumerate(vocab)}).save_pretrained(bert_dir)
    word = models.Transformer(str(bert_dir), max_seq_length=256)
    pooling = models.Pooling(word.get_embedding_dimension(), pooling_mode="mean")
    target = root / "tiny-e5"  # the name makes the runtime use e5's "query: "/"passage: " prefixes
    SentenceTransformer(modules=[word, pooling], device="cpu").save(str(target))
    return target


def test_local_path_loads_through_load_embedder_with_e5_prefixes(tiny_model_dir):
    from sentence_transformers import SentenceTransformer

    embedder = load_embedder(Settings(embed_runtime="sentence-transformers", embed_model=str(tiny_model_dir)))
    assert (embedder.runtime, embedder.model, embedder.dim) == ("sentence-transformers", str(tiny_model_dir), 32)
    text = MINI_CLAUSES[7][3]
    passage = embedder.embed_passages([text])
    assert passage.dtype == np.float32 and np.allclose(np.linalg.norm(passage, axis=1), 1.0, atol=1e-5)
    direct = SentenceTransformer(str(tiny_model_dir), device="cpu").encode(["passage: " + text],
                                                                          normalize_embeddings=True)
    assert np.allclose(passage, direct, atol=1e-5)
    assert not np.allclose(embedder.embed_queries([text]), passage)


def test_auto_prefers_local_sentence_transformers_files(tiny_model_dir):
    embedder = load_embedder(Settings(embed_runtime="auto", embed_model=str(tiny_model_dir), embed_batch=4))
    assert embedder.runtime == "sentence-transformers" and embedder.batch_size == 4


def test_index_builds_and_answers_with_the_tiny_model(tiny_model_dir, mini_corpus, tmp_path):
    settings = Settings(embed_runtime="sentence-transformers", embed_model=str(tiny_model_dir),
                        index_dir=tmp_path / "index")
    embedder = load_embedder(settings)
    manifest = build_index(mini_corpus, embedder, settings.index_dir, progress=False)
    assert (manifest.model, manifest.runtime, manifest.dim) == (str(tiny_model_dir), "sentence-transformers", 32)
    retriever = Retriever(load_index(settings.index_dir), embedder, settings)
    # Random weights carry no meaning: check the plumbing (9 rows searched, both retrievers fused), not semantics.
    assert len(retriever.search_dense("污泥处理处置", k=20)) == 9
    hits = {hit.clause.clause_id: hit for hit in retriever.search("污泥处理处置", k=9)}
    assert hits["shanxi-2015/二/（一）/2/1"].ranks[0] == ("bm25", 1)
    assert hits["shanxi-2015/二/（一）/2/1"].sources == ("bm25", "dense")
