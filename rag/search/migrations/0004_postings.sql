-- Impact-ordered inverted index for unfiltered lexical search. Each row is one (term, clause) posting with its
-- BM25 contribution precomputed at build time (bm25s's formula: idf × tf / (tf + k1·(1 − b + b·len/avg))), so a
-- clause's BM25 is the sum of its postings' impacts over the query's terms. Only a term's per_term highest
-- impacts are stored (static pruning): a search reads at most terms × per_term postings, whatever the corpus
-- size, and is exact BM25 for every term in at most per_term clauses (all terms of the seeds). Plan-filtered
-- searches keep the exact tsvector path of rag_row, whose cost is that of the plans asked for.
CREATE TABLE rag_posting (
    generation_id bigint NOT NULL REFERENCES rag_generation (id) ON DELETE CASCADE,
    term   text NOT NULL,
    row_no integer NOT NULL,
    impact double precision NOT NULL        -- float8: sums equal the exact SQL BM25's, so ties break alike
);
CREATE INDEX rag_posting_term ON rag_posting (generation_id, term, impact DESC, row_no);

-- Postings kept per term by the generation's build; NULL for a generation built before this migration, which is
-- searched by the exact tsvector path alone.
ALTER TABLE rag_generation ADD COLUMN postings_per_term integer;
