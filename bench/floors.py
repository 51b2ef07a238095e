"""The two floors the worker is compared with: what merely moving each event costs here.

    python bench/floors.py kafka|faust     (configured by the worker's environment variables)

Both consume meetings.created and produce one small record per event (the input's
partition:offset) to classifications.completed, committing only what was delivered; nothing else.
`kafka` is a bare aiokafka loop; `faust` is a pass-through agent on the worker's own Faust app
(`faust_app`), with the fastest path measured (shared/notes: take_events + app.producer.send).
Both run on uvloop, like the worker. They run until SIGTERM.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import Any, Final

import faust
import uvloop
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streamproc.settings import Settings
from streamproc.stream.app import faust_app
from streamproc.stream.topics import Topics

FETCH_BYTES: Final = 4 * 1024 * 1024  # the worker's consumer_max_fetch_size
LINGER_MS: Final = 10  # the worker's producer_linger
TAKE_EVENTS: Final = 5000
TAKE_WITHIN_SECONDS: Final = 0.05


async def kafka_floor(settings: Settings, topics: Topics) -> None:
    """getmany, send one record per event without awaiting each, await the batch, commit."""
    consumer = AIOKafkaConsumer(
        topics.meetings_created.name,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=settings.consumer_group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        session_timeout_ms=int(settings.session_timeout_seconds * 1000),
        heartbeat_interval_ms=int(settings.heartbeat_interval_seconds * 1000),
        max_partition_fetch_bytes=FETCH_BYTES,
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers, linger_ms=LINGER_MS
    )
    stopping = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, stopping.set)
    output = topics.classifications_completed.name
    await consumer.start()
    await producer.start()
    try:
        while not stopping.is_set():
            batches = await consumer.getmany(timeout_ms=200)
            deliveries = [
                await producer.send(
                    output, key=record.key, value=f"{record.partition}:{record.offset}".encode()
                )
                for records in batches.values()
                for record in records
            ]
            if deliveries:
                await asyncio.gather(*deliveries)
                await consumer.commit()
    finally:
        await producer.stop()
        await consumer.stop()


def faust_floor(settings: Settings, topics: Topics) -> None:
    """A pass-through agent on the worker's Faust app, run by faust.Worker like the worker."""
    loop = uvloop.new_event_loop()
    asyncio.set_event_loop(loop)
    app = faust_app(settings)
    source = app.topic(topics.meetings_created.name, key_type=bytes, value_type=bytes)
    output = topics.classifications_completed.name

    @app.agent(source)
    async def pass_through(stream: Any) -> None:
        async for events in stream.take_events(TAKE_EVENTS, TAKE_WITHIN_SECONDS):
            deliveries = []
            for event in events:
                message = event.message
                value = f"{message.partition}:{message.offset}".encode()
                deliveries.append(
                    await app.producer.send(output, message.key, value, None, None, None)
                )
            await asyncio.gather(*deliveries)

    faust.Worker(app, loglevel=settings.log_level, loop=loop).execute_from_commandline()


def main() -> None:
    if len(sys.argv) != 2 or sys.argv[1] not in ("kafka", "faust"):
        raise SystemExit("usage: floors.py kafka|faust")
    settings = Settings()
    topics = Topics.load(settings.topics_file)
    if sys.argv[1] == "kafka":
        uvloop.run(kafka_floor(settings, topics))
    else:
        faust_floor(settings, topics)


if __name__ == "__main__":
    main()
