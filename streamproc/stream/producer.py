"""Publishing to `meetings.created` as any producer team would (`streamproc publish`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Final

from aiokafka import AIOKafkaProducer

from streamproc.events import MeetingCreated
from streamproc.settings import Settings
from streamproc.store.tasks import TaskTable
from streamproc.stream.kafka_security import client_options
from streamproc.stream.topics import Topics

# Sends in flight at once: enough to fill the producer's batches, small enough to bound memory.
MAX_PENDING_SENDS: Final = 500


async def publish_meetings(
    settings: Settings,
    topics: Topics,
    events: Sequence[MeetingCreated],
    on_published: Callable[[MeetingCreated], None],
) -> None:
    """Mark each task pending, then publish keyed by meeting_id; returns when all are acknowledged.

    The task is marked before the send so a fast worker's `processing` can never be overwritten
    (statuses only move forward anyway).
    """
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        linger_ms=10,
        max_request_size=settings.max_message_bytes,
        acks="all",
        **client_options(settings),
    )
    await producer.start()
    try:
        async with TaskTable.opened(settings.redis_url, settings.task_ttl_seconds) as tasks:
            pending: set[asyncio.Future[object]] = set()
            for event in events:
                await tasks.mark_pending(
                    event.effective_task_id, event.meeting.meeting_id, str(event.event_id)
                )
                delivery = await producer.send(
                    topics.meetings_created.name,
                    key=event.meeting.meeting_id.encode(),
                    value=event.model_dump_json().encode(),
                )
                delivery.add_done_callback(lambda _done, sent=event: on_published(sent))
                pending.add(delivery)
                if len(pending) >= MAX_PENDING_SENDS:
                    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                    for delivered in done:
                        delivered.result()  # raises the send's error, if any
            await asyncio.gather(*pending)
    finally:
        await producer.stop()
