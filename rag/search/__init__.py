"""The search wing: clauses → embeddings, lexical index and storage → ranked hits.

It owns the embedders and their cache (embed, embed_cache), BM25 (lexical), fusion (fuse), the storage backends
behind one protocol (backend: files = store, manifest, records, serving; PostgreSQL = pg_schema, pg_build,
pg_search, pg_facts, pg_feedback), the retriever and its LangChain adapter (retrieve, lc). It knows the corpus types (rag.types), never the parser: the parser version is a hash of the
corpus wing's files, read without importing them.
"""
