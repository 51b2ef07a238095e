"""Operator commands (`replay-dlq`, `verify`): read whole topics once, without joining a group.

Reading without a consumer group commits nothing, so an operator command can never move the
workers' offsets.
"""

from __future__ import annotations

import time
from typing import Any, Final

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from streamproc.errors import ConfigurationError
from streamproc.settings import Settings
from streamproc.stream.kafka_security import client_options
from streamproc.stream.records import InputRecord

# tansu (the embedded test broker) can report an end offset below the real one (the last batch's
# base offset + 1), so a read also ends once nothing new arrived for this long.
IDLE_SECONDS: Final = 2.0
POLL_MS: Final = 200
FETCH_BYTES: Final = 16 * 1024 * 1024


async def read_topic(settings: Settings, topic: str) -> list[InputRecord]:
    """Every record of `topic`, from the beginning to the end offsets seen at the start."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=FETCH_BYTES,
        fetch_max_bytes=4 * FETCH_BYTES,
        **client_options(settings),
    )
    try:
        await consumer.start()
    except KafkaError as error:
        raise ConfigurationError(f"cannot reach the Kafka broker: {error}") from error
    try:
        if topic not in await consumer.topics():
            raise ConfigurationError(f"topic {topic} does not exist")
        partitions = [
            TopicPartition(topic, number)
            for number in sorted(consumer.partitions_for_topic(topic) or ())
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends: dict[TopicPartition, int] = await consumer.end_offsets(partitions)
        return await _drain(consumer, partitions, ends)
    finally:
        await consumer.stop()


async def _drain(
    consumer: AIOKafkaConsumer, partitions: list[TopicPartition], ends: dict[TopicPartition, int]
) -> list[InputRecord]:
    records: list[InputRecord] = []
    last_progress = time.monotonic()
    while time.monotonic() - last_progress < IDLE_SECONDS:
        batches = await consumer.getmany(timeout_ms=POLL_MS)
        fetched = [record for batch in batches.values() for record in batch]
        records.extend(_input_record(record) for record in fetched)
        if fetched:
            last_progress = time.monotonic()
            continue
        # Only after an empty poll: a reported end offset may fall inside the last batch.
        positions = [await consumer.position(partition) for partition in partitions]
        if all(
            position >= ends[partition]
            for partition, position in zip(partitions, positions, strict=True)
        ):
            break
    return sorted(records, key=lambda record: (record.partition, record.offset))


def _input_record(record: Any) -> InputRecord:
    """aiokafka's ConsumerRecord (untyped) as streamproc's own record type."""
    return InputRecord(
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        timestamp_ms=record.timestamp,
        key=record.key,
        value=record.value,
        headers=tuple(record.headers or ()),
    )
