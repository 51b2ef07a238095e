-- How each classification was made and what it cost: the LLM path records its tokens and price,
-- whether the transcript was cut to fit, and why a fallback classifier was used, if one was.
ALTER TABLE classifications
    ADD COLUMN fallback_reason text,
    ADD COLUMN transcript_truncated boolean NOT NULL DEFAULT false,
    ADD COLUMN prompt_tokens integer CHECK (prompt_tokens >= 0),
    ADD COLUMN completion_tokens integer CHECK (completion_tokens >= 0),
    ADD COLUMN cost_usd numeric(14, 8) CHECK (cost_usd >= 0);
