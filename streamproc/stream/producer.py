"""Publishing to `meetings.created` as any producer team would (`streamproc publish`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Final

from aiokafka import AIOKafkaProducer

from streamproc.events import MeetingCreated
from streamproc.store.tasks import TaskTable

# Sends in flight at once: enough to fill the producer's batches, small enough to bound memory.
MAX_PENDING_SENDS: Final = 500


async def publish_meetings(
    bootstrap_servers: str,
    topic: str,
    events: Sequence[MeetingCreated],
    tasks: TaskTable,
    max_message_bytes: int,
    on_published: Callable[[MeetingCreated], None],
) -> None:
    """Mark each task pending, then publish keyed by meeting_id; returns when all are acknowledged.

    The task is marked before the send so a fast worker's `processing` can never be overwritten
    (statuses only move forward anyway).
    """
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        linger_ms=10,
        max_request_size=max_message_bytes,
        acks="all",
    )
    await producer.start()
    try:
        pending: set[asyncio.Future[object]] = set()
        for event in events:
            await tasks.mark_pending(
                event.effective_task_id, event.meeting.meeting_id, str(event.event_id)
            )
            delivery = await producer.send(
                topic,
                key=event.meeting.meeting_id.encode(),
                value=event.model_dump_json().encode(),
            )
            delivery.add_done_callback(lambda _done, published=event: on_published(published))
            pending.add(delivery)
            if len(pending) >= MAX_PENDING_SENDS:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for delivered in done:
                    delivered.result()  # raises the send's error, if any
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
