"""Every Prometheus metric of streamproc, defined once. Labels stay few and bounded: never an id."""

from __future__ import annotations

from typing import Final

from prometheus_client import Counter, Gauge, Histogram, Info

# Classification takes ~1 ms offline and seconds through an LLM; the buckets cover both.
LATENCY_BUCKETS: Final = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
)  # fmt: skip

EVENTS_CONSUMED: Final = Counter(
    "streamproc_events_consumed_total", "Records read from meetings.created."
)
EVENTS_COMPLETED: Final = Counter(
    "streamproc_events_completed_total",
    "Meetings classified, stored and published.",
    ["classifier"],
)
EVENTS_DEAD_LETTERED: Final = Counter(
    "streamproc_events_dead_lettered_total",
    "Records that can never succeed, copied to the dead-letter topic, by error type.",
    ["error_type"],
)
TRANSIENT_RETRIES: Final = Counter(
    "streamproc_transient_retries_total",
    "Retries after a dependency failed transiently.",
    ["dependency"],
)
CLASSIFICATIONS_REUSED: Final = Counter(
    "streamproc_classifications_reused_total",
    "Meetings published again under a new event_id (same meeting, transcript and classifier "
    "version) that reused the stored result instead of classifying again.",
    ["classifier"],
)
CLASSIFICATION_SECONDS: Final = Histogram(
    "streamproc_classification_duration_seconds",
    "Time to classify one transcript.",
    ["classifier"],
    buckets=LATENCY_BUCKETS,
)
END_TO_END_SECONDS: Final = Histogram(
    "streamproc_end_to_end_latency_seconds",
    "From the event's occurred_at to its completed event being published; only meetings "
    "classified live (not redeliveries, reused results or reclassifications).",
    ["classifier"],
    buckets=LATENCY_BUCKETS,
)
IN_FLIGHT: Final = Gauge(
    "streamproc_events_in_flight", "Meetings being processed by this worker right now."
)

LLM_REQUESTS: Final = Counter(
    "streamproc_llm_requests_total",
    "Chat-completion calls by outcome (ok, rate_limited, server_error, timeout, connection_error, "
    "rejected, truncated, refused, filtered, out_of_schema).",
    ["model", "outcome"],
)
LLM_ANSWERS_REPAIRED: Final = Counter(
    "streamproc_llm_answers_repaired_total",
    "Answers kept after repairing a bound of ours (confidence_clamped, list_cut) instead of "
    "calling again.",
    ["model", "repair"],
)
LLM_RETRIES: Final = Counter(
    "streamproc_llm_retries_total",
    "Chat-completion calls retried, by the outcome retried.",
    ["model", "outcome"],
)
LLM_RATE_LIMIT_WAIT_SECONDS: Final = Counter(
    "streamproc_llm_rate_limit_wait_seconds_total",
    "Time classifications waited for the client-side rate limiter.",
    ["model"],
)
LLM_TOKENS: Final = Counter(
    "streamproc_llm_tokens_total", "Tokens billed, from the API's usage report.", ["model", "kind"]
)
LLM_COST_USD: Final = Counter(
    "streamproc_llm_cost_usd_total",
    "Spend on the LLM from the price table, in US dollars.",
    ["model"],
)
LLM_FALLBACKS: Final = Counter(
    "streamproc_llm_fallbacks_total",
    "Meetings classified offline instead of by the LLM, by reason.",
    ["reason"],
)
LLM_CONFIGURATION_ERROR: Final = Gauge(
    "streamproc_llm_configuration_error",
    "1 while the LLM API refuses the key, its permission or the model (HTTP 401, 403, 404).",
)
LLM_BUDGET_EXHAUSTED: Final = Gauge(
    "streamproc_llm_daily_budget_exhausted",
    "1 while today's LLM budget is spent and meetings are classified offline.",
)

CONSUMER_LAG: Final = Gauge(
    "streamproc_consumer_lag_records",
    "Records of an assigned partition not yet committed (high watermark minus committed offset; "
    "approximate on the embedded tansu broker, whose high watermark lags).",
    ["topic", "partition"],
)
DEPENDENCY_SECONDS: Final = Histogram(
    "streamproc_dependency_duration_seconds",
    "Time of one PostgreSQL or Redis operation.",
    ["dependency", "operation"],
    buckets=LATENCY_BUCKETS,
)
DEPENDENCY_ERRORS: Final = Counter(
    "streamproc_dependency_errors_total",
    "PostgreSQL or Redis operations that failed with a connection-level error.",
    ["dependency", "operation"],
)
FEEDBACK_CORRECTIONS: Final = Counter(
    "streamproc_feedback_corrections_total",
    "Fields a person corrected to a value other than the model's, by field.",
    ["field"],
)
BUILD_INFO: Final = Info("streamproc_build", "Version of streamproc and of its runtime.")
