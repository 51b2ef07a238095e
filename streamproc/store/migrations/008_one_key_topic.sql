-- key_topics may hold a single topic: an LLM answer with one topic is kept, not bought again
-- (taxonomy.py: key_topics 1 to 5 items).
ALTER TABLE classifications DROP CONSTRAINT classifications_key_topics_check;
ALTER TABLE classifications
    ADD CONSTRAINT classifications_key_topics_check CHECK (cardinality(key_topics) BETWEEN 1 AND 5);
