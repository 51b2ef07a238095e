"""What the pipeline needs of a consumed record, independent of the Kafka client that read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

# Set on the meetings `streamproc reclassify` publishes: their occurred_at is the original
# meeting's, so their end-to-end time is not a latency and is not recorded as one.
RECLASSIFICATION_HEADER: Final = "streamproc.reclassification"


@dataclass(frozen=True)
class InputRecord:
    topic: str
    partition: int
    offset: int
    timestamp_ms: int | None
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...] = field(default=())
