-- Batch API backfills (`streamproc reclassify --batch`): which meetings went into which batch, so
-- that a restarted command resumes its batches instead of submitting (and paying for) them again.
CREATE TABLE llm_batches (
    id bigserial PRIMARY KEY,
    -- prepared: items recorded, batch not created yet; submitted: the API has it;
    -- ingested: its answers are stored; failed: the API rejected it (its meetings are free again).
    state text NOT NULL CHECK (state IN ('prepared', 'submitted', 'ingested', 'failed')),
    batch_id text UNIQUE,
    api_status text,
    requests integer NOT NULL CHECK (requests > 0),
    prepared_at timestamptz NOT NULL DEFAULT now(),
    submitted_at timestamptz,
    finished_at timestamptz,
    -- counts by outcome and the cost, once finished: {"stored": n, "live": n, "expired": n, ...}
    outcome jsonb
);

-- The events of a batch not finished yet; deleted when it finishes (the results are stored).
CREATE TABLE llm_batch_items (
    batch bigint NOT NULL REFERENCES llm_batches (id) ON DELETE CASCADE,
    event_id uuid NOT NULL,
    event jsonb NOT NULL,
    PRIMARY KEY (batch, event_id)
);

CREATE INDEX llm_batches_unfinished ON llm_batches (id) WHERE state IN ('prepared', 'submitted');
