-- One row per classifier per `streamproc eval` run: what was measured, on which data, and how it
-- scored, so a change of prompt, model or lexicon can be compared with earlier runs.
CREATE TABLE evaluation_runs (
    run_id uuid PRIMARY KEY,
    evaluated_at timestamptz NOT NULL DEFAULT now(),
    classifier_name text NOT NULL,
    classifier_model text,
    classifier_version text NOT NULL,
    dataset text NOT NULL,
    dataset_sha256 text NOT NULL CHECK (dataset_sha256 ~ '^[0-9a-f]{64}$'),
    meetings integer NOT NULL CHECK (meetings >= 0),
    failed_meetings integer NOT NULL CHECK (failed_meetings >= 0),
    mean_accuracy double precision NOT NULL CHECK (mean_accuracy BETWEEN 0 AND 1),
    calibration_error double precision NOT NULL CHECK (calibration_error BETWEEN 0 AND 1),
    -- Per field (accuracy, macro-F1, counts), the reliability table and the confusion matrices.
    scores jsonb NOT NULL
);

CREATE INDEX evaluation_runs_by_dataset ON evaluation_runs (dataset_sha256, evaluated_at);
