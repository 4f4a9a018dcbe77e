-- Sentence vectors of the multi-sentence clauses (rag.search.sentences): a clause's dense score is the best of its
-- own vector and its sentences', as in the files backend. A generation built before this migration has none here
-- and is searched by clause vectors alone.
CREATE TABLE rag_sentence (
    generation_id bigint NOT NULL REFERENCES rag_generation (id) ON DELETE CASCADE,
    sentence_no integer NOT NULL,
    row_no    integer NOT NULL,            -- the clause's row in rag_row
    clause_id text NOT NULL,
    plan_id   text NOT NULL,               -- the plan filter, applied in the HNSW scan as for rag_row
    text      text NOT NULL,               -- display form (Hit.sentence); the vector is of its normalised form
    dim       integer NOT NULL,
    embedding vector NOT NULL,             -- HNSW per dimension: a partial expression index made by the build
    PRIMARY KEY (generation_id, sentence_no)
);
CREATE INDEX rag_sentence_plan ON rag_sentence (generation_id, plan_id);
