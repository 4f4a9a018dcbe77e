"""The corpus wing: plan files → cleaned text → clause tree → facts.

It owns decoding and scrape repair (ingest, cleaning), the numbering ladder and tables (clauses, tables), the
fact extractors (extract, units, targets), the `load_corpus` loader and the flat rows of clauses and facts
(rows). It imports nothing from the other wings: only rag.types, rag.normalize and rag.lexicon.
"""
