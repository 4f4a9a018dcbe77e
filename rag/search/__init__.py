"""The search wing: clauses → embeddings, lexical index and storage → ranked hits.

It owns the embedders and their cache (embed, embed_cache), BM25 (lexical), fusion (fuse), the index on disk
with its manifest and atomic generations (store, manifest, records), the retriever and its LangChain adapter
(retrieve, lc). It knows the corpus types (rag.types), never the parser: the parser version is a hash of the
corpus wing's files, read without importing them.
"""
