-- Officials' 👍/👎 and comments on answers, written by every replica into the same table. The columns are those
-- of the app's SQLite store (rag/feedback.py on the app branch), so either store can export the other's rows.
CREATE TABLE rag_feedback (
    id         bigserial PRIMARY KEY,
    created    double precision NOT NULL,     -- Unix time, as the SQLite store keeps it
    session    text NOT NULL,
    turn       integer NOT NULL CHECK (turn >= 0),
    rating     smallint NOT NULL CHECK (rating IN (-1, 0, 1)),
    comment    text NOT NULL DEFAULT '',
    question   text NOT NULL,
    answer     text NOT NULL,
    clause_ids jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX rag_feedback_created ON rag_feedback (created);
