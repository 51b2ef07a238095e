"""Replay dead letters to `meetings.created` once their cause is fixed.

A dead letter holds the original key and value byte for byte, so a replayed event keeps its
event_id: the worker's idempotency (one row per source event_id, completed event ids derived from
it) makes replaying the same dead letter twice harmless. The replay ledger (PostgreSQL) records
what was republished, so a later run replays only what is new (a record that failed again after
its replay included), unless asked `again`.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Final

from aiokafka import AIOKafkaProducer

from streamproc.operations import read_topic
from streamproc.settings import Settings
from streamproc.store.postgres import ClassificationStore
from streamproc.store.replays import ReplayLedger
from streamproc.stream.dead_letters import ERROR_TYPE_HEADER, HEADER_PREFIX, REPLAYED_FROM_HEADER
from streamproc.stream.kafka_security import client_options
from streamproc.stream.records import InputRecord
from streamproc.stream.topics import Topics

UNKNOWN_ERROR_TYPE: Final = "unknown"


@dataclass
class ReplaySummary:
    """What a replay selected and sent, for the operator to read (and to compare with a rerun)."""

    selected: list[InputRecord] = field(default_factory=list)
    replayed: int = 0
    already_replayed: int = 0  # matched, but replayed by an earlier run (skipped)

    def by_error_type(self) -> Counter[str]:
        return Counter(error_type(record) for record in self.selected)


def error_type(record: InputRecord) -> str:
    for name, value in record.headers:
        if name == ERROR_TYPE_HEADER:
            return value.decode("utf-8", errors="replace")
    return UNKNOWN_ERROR_TYPE


def select(
    dead_letters: Sequence[InputRecord], error_types: Collection[str], limit: int | None
) -> list[InputRecord]:
    """The dead letters to replay, in topic order; no `error_types` means all of them."""
    chosen = [
        record for record in dead_letters if not error_types or error_type(record) in error_types
    ]
    return chosen if limit is None else chosen[:limit]


def position(record: InputRecord) -> tuple[str, int, int]:
    return (record.topic, record.partition, record.offset)


def replay_headers(record: InputRecord) -> list[tuple[str, bytes]]:
    """The producer's own headers, without our error headers, plus where the replay came from."""
    kept = [(name, value) for name, value in record.headers if not name.startswith(HEADER_PREFIX)]
    origin = f"{record.topic}/{record.partition}/{record.offset}"
    return [*kept, (REPLAYED_FROM_HEADER, origin.encode("utf-8"))]


async def replay_dead_letters(
    settings: Settings,
    topics: Topics,
    error_types: Collection[str],
    limit: int | None,
    dry_run: bool,
    again: bool = False,
) -> ReplaySummary:
    """Read the dead-letter topic to its current end and republish the selected records that
    no earlier run replayed (all of them with `again`)."""
    dead_letters = await read_topic(settings, topics.classifications_failed.name)
    async with ClassificationStore.opened(settings.database_url, pool_size=2) as store:
        await store.verify_schema()
        ledger = ReplayLedger(store.pool)
        done = set() if again else await ledger.replayed(topics.classifications_failed.name)
        fresh = [record for record in dead_letters if position(record) not in done]
        summary = ReplaySummary(selected=select(fresh, error_types, limit))
        summary.already_replayed = len(select(dead_letters, error_types, None)) - len(
            select(fresh, error_types, None)
        )
        if dry_run or not summary.selected:
            return summary
        await _republish(settings, topics, summary.selected)
        await ledger.record(position(record) for record in summary.selected)
    summary.replayed = len(summary.selected)
    return summary


async def _republish(settings: Settings, topics: Topics, records: Sequence[InputRecord]) -> None:
    """Send every record and wait for the broker's acknowledgement of each."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        max_request_size=settings.max_message_bytes,
        acks="all",
        **client_options(settings),
    )
    await producer.start()
    try:
        deliveries = [
            await producer.send(
                topics.meetings_created.name,
                key=record.key,
                value=record.value,
                headers=replay_headers(record),
            )
            for record in records
        ]
        await asyncio.gather(*deliveries)
    finally:
        await producer.stop()
