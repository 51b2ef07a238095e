-- A random token per batch, sent as the batch's metadata when it is created: a command that
-- crashed between creating a batch and recording its id finds the batch by it, instead of
-- submitting (and paying for) the same meetings again.
ALTER TABLE llm_batches ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
