"""What the pipeline needs of a consumed record, independent of the Kafka client that read it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class InputRecord:
    topic: str
    partition: int
    offset: int
    timestamp_ms: int | None
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...] = field(default=())
