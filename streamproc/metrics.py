"""Every Prometheus metric of streamproc, defined once. Labels stay few and bounded: never an id."""

from __future__ import annotations

from typing import Final

from prometheus_client import Counter, Gauge, Histogram

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
EVENTS_FAILED: Final = Counter(
    "streamproc_events_failed_total",
    "Records sent to the dead-letter topic, by error type.",
    ["error_type"],
)
TRANSIENT_RETRIES: Final = Counter(
    "streamproc_transient_retries_total",
    "Retries after a dependency failed transiently.",
    ["dependency"],
)
CLASSIFICATION_SECONDS: Final = Histogram(
    "streamproc_classification_duration_seconds",
    "Time to classify one transcript.",
    ["classifier"],
    buckets=LATENCY_BUCKETS,
)
END_TO_END_SECONDS: Final = Histogram(
    "streamproc_end_to_end_latency_seconds",
    "From the event's occurred_at to its completed event being published.",
    buckets=LATENCY_BUCKETS,
)
IN_FLIGHT: Final = Gauge(
    "streamproc_events_in_flight", "Meetings being processed by this worker right now."
)
