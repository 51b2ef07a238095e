-- Which dead letters `streamproc replay-dlq` republished: a later run skips them (unless
-- --again), so a record that fails again is not replayed over and over with its first copy.
CREATE TABLE replayed_dead_letters (
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    replayed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition, "offset")
);
