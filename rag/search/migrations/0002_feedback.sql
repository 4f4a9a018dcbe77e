-- Officials' 👍/👎 on answers, written by every replica into the same table.
CREATE TABLE rag_feedback (
    id        bigserial PRIMARY KEY,
    answer_id text NOT NULL,
    question  text NOT NULL,
    rating    smallint NOT NULL CHECK (rating IN (-1, 1)),
    comment   text NOT NULL DEFAULT '',
    ts        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rag_feedback_ts ON rag_feedback (ts);
