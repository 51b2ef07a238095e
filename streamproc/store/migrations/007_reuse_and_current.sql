-- Idempotence per meeting content and classifier, and one definition of a meeting's current
-- classification.
--
-- transcript_sha256 (hex SHA-256 of the UTF-8 transcript) lets a meeting published again under a
-- new event_id (a reclassification, a producer's re-send) reuse the result that the same
-- classifier name, model and version already made for the same transcript, instead of paying for
-- it again. reused_from names the row whose result a reused row copies; only that row carries
-- the cost. Rows written before this migration know their transcript only when they belong to
-- the meeting's newest event; the others stay NULL and are never reused.
ALTER TABLE classifications ADD COLUMN transcript_sha256 text;
ALTER TABLE classifications ADD COLUMN reused_from uuid REFERENCES classifications (source_event_id);

UPDATE classifications c
SET transcript_sha256 = encode(sha256(convert_to(m.transcript, 'UTF8')), 'hex')
FROM meetings m
WHERE m.meeting_id = c.meeting_id AND m.last_event_id = c.source_event_id;

CREATE INDEX classifications_reusable
    ON classifications (meeting_id, transcript_sha256, classifier_name, classifier_model,
                        classifier_version, classified_at)
    WHERE NOT is_fallback AND reused_from IS NULL;

-- A meeting's current classification is the one of its newest transcript (by the source event's
-- occurred_at), then the latest made (a newer classifier version), whatever order the calls
-- finished in. Dashboards, feedback and reclassify read it from here.
CREATE INDEX classifications_current
    ON classifications (meeting_id, source_occurred_at DESC, classified_at DESC, source_event_id);

CREATE VIEW current_classifications AS
SELECT DISTINCT ON (meeting_id) *
FROM classifications
ORDER BY meeting_id, source_occurred_at DESC, classified_at DESC, source_event_id;
