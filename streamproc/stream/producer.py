"""Publishing meetings from the commands, as any producer team would (`streamproc publish`,
`reclassify`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Final

from streamproc.events import MeetingCreated
from streamproc.settings import Settings
from streamproc.store.tasks import TaskTable
from streamproc.stream.publishing import command_producer
from streamproc.stream.topics import Topics

# Sends in flight at once: enough to fill the producer's batches, small enough to bound memory.
MAX_PENDING_SENDS: Final = 500


async def publish_meetings(
    settings: Settings,
    topics: Topics,
    events: Sequence[MeetingCreated],
    on_published: Callable[[MeetingCreated], None],
    headers: Sequence[tuple[str, bytes]] = (),
) -> None:
    """Mark each task pending, then publish keyed by meeting_id; returns when all are acknowledged.

    The task is marked before the send so a fast worker's `processing` can never be overwritten
    (statuses only move forward anyway).
    """
    producer = command_producer(settings)
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
                    headers=list(headers) or None,
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
