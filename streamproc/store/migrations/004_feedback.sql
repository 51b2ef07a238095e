-- Human corrections of stored classifications. Each refers to the classification it corrects (the
-- meeting's latest when it was given); the model's answer itself is never changed.
CREATE TABLE feedback (
    feedback_id uuid PRIMARY KEY,
    meeting_id text NOT NULL REFERENCES meetings (meeting_id),
    source_event_id uuid NOT NULL REFERENCES classifications (source_event_id),
    author text NOT NULL CHECK (length(author) BETWEEN 1 AND 200),
    -- {"field": value, ...}: closed-list values and booleans, validated against the taxonomy.
    corrections jsonb NOT NULL CHECK (jsonb_typeof(corrections) = 'object'),
    comment text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX feedback_by_meeting ON feedback (meeting_id, created_at);
