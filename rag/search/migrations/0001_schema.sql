-- Plans, clauses, facts, search rows (tokens + vectors) and the embedding cache, by generation.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE rag_generation (
    id          bigserial PRIMARY KEY,
    manifest    jsonb NOT NULL,            -- the same fields as the files backend's manifest.json
    n_rows      integer NOT NULL,
    avg_len     double precision NOT NULL, -- mean token count, for BM25
    dim         integer NOT NULL,
    problems    jsonb NOT NULL DEFAULT '[]',  -- files skipped or repaired while loading the corpus
    created     timestamptz NOT NULL DEFAULT now()
);

-- One row: the generation every new reader uses. Switched by UPDATE inside the build's transaction.
CREATE TABLE rag_current (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    generation_id bigint NOT NULL REFERENCES rag_generation (id)
);

CREATE TABLE rag_plan (
    generation_id bigint NOT NULL REFERENCES rag_generation (id) ON DELETE CASCADE,
    plan_id text NOT NULL,
    ord     integer NOT NULL,              -- corpus order
    level   text NOT NULL,
    regions text[] NOT NULL,
    record  jsonb NOT NULL,
    PRIMARY KEY (generation_id, plan_id)
);

CREATE TABLE rag_clause (
    generation_id bigint NOT NULL REFERENCES rag_generation (id) ON DELETE CASCADE,
    ord        integer NOT NULL,           -- corpus order
    clause_id  text NOT NULL,
    plan_id    text NOT NULL,
    kind       text NOT NULL,
    path       text[] NOT NULL,
    text       text NOT NULL,
    norm       text NOT NULL,
    start_offset integer NOT NULL,
    end_offset   integer NOT NULL,
    record     jsonb NOT NULL,
    PRIMARY KEY (generation_id, clause_id)
);

-- Facts: one row per responsibility / target / deadline; units flattened for cross-plan queries.
CREATE TABLE rag_fact (
    generation_id bigint NOT NULL REFERENCES rag_generation (id) ON DELETE CASCADE,
    ord       integer NOT NULL,
    kind      text NOT NULL CHECK (kind IN ('responsibility', 'target', 'deadline')),
    plan_id   text NOT NULL,
    clause_id text NOT NULL,
    units     text NOT NULL DEFAULT '',    -- every unit name of a responsibility, joined by '、'
    indicator text NOT NULL DEFAULT '',
    year      integer,
    record    jsonb NOT NULL,
    PRIMARY KEY (generation_id, kind, ord)
);
CREATE INDEX rag_fact_units_trgm ON rag_fact USING gin (units gin_trgm_ops);
CREATE INDEX rag_fact_indicator_trgm ON rag_fact USING gin (indicator gin_trgm_ops);

-- What search reads: one row per retrievable clause.
CREATE TABLE rag_row (
    generation_id bigint NOT NULL REFERENCES rag_generation (id) ON DELETE CASCADE,
    row_no    integer NOT NULL,
    clause_id text NOT NULL,
    plan_id   text NOT NULL,
    level     text NOT NULL,
    doc_len   integer NOT NULL,
    tokens    tsvector NOT NULL,           -- jieba + bigram tokens from Python as 'simple' lexemes (GIN: candidates)
    tf        jsonb NOT NULL,              -- token → count in this row (BM25's term frequency, one key lookup)
    dim       integer NOT NULL,
    embedding vector NOT NULL,             -- HNSW per dimension: a partial expression index made by the build
    PRIMARY KEY (generation_id, row_no)
);
CREATE INDEX rag_row_tokens ON rag_row USING gin (tokens);
CREATE INDEX rag_row_plan ON rag_row (generation_id, plan_id);

-- Document frequency of each token per generation (BM25's idf).
CREATE TABLE rag_term (
    generation_id bigint NOT NULL REFERENCES rag_generation (id) ON DELETE CASCADE,
    term text NOT NULL,
    df   integer NOT NULL,
    PRIMARY KEY (generation_id, term)
);

-- Embeddings by (model, runtime, sha256 of the passage), shared by all builds: a rebuild embeds only new text.
CREATE TABLE rag_embedding (
    model     text NOT NULL,
    text_key  text NOT NULL,
    embedding vector NOT NULL,
    PRIMARY KEY (model, text_key)
);

-- BM25 of one row: the row's token counts are decompressed once (the || copy), then looked up per query term.
-- Plain SQL would decompress the jsonb at every lookup; this is ~4x faster on the seeds.
CREATE FUNCTION rag_bm25(tf jsonb, terms text[], idfs float8[], doc_len integer, avg_len float8, k1 float8,
                         b float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    counts jsonb := tf || '{}'::jsonb;
    norm float8 := k1 * (1 - b + b * doc_len / avg_len);
    score float8 := 0;
    n float8;
BEGIN
    FOR i IN 1 .. coalesce(array_length(terms, 1), 0) LOOP
        n := (counts ->> terms[i])::float8;
        IF n IS NOT NULL THEN
            score := score + idfs[i] * n / (n + norm);
        END IF;
    END LOOP;
    RETURN score;
END $$;
