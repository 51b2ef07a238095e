"""Publishing from the commands: meetings as any producer team would (`streamproc publish`), and
completed events from a Batch API backfill."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Final

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError, KafkaError, KafkaTimeoutError

from streamproc.errors import TransientError
from streamproc.events import MeetingCreated
from streamproc.settings import Settings
from streamproc.store.tasks import TaskTable
from streamproc.stream.kafka_security import client_options
from streamproc.stream.topics import Topics

# Sends in flight at once: enough to fill the producer's batches, small enough to bound memory.
MAX_PENDING_SENDS: Final = 500


@contextlib.contextmanager
def kafka_errors_as_transient() -> Iterator[None]:
    """A send the broker may accept later raises `TransientError`; any other error as it is
    (e.g. a record over the broker's size limit: retrying cannot help)."""
    try:
        yield
    except (KafkaTimeoutError, KafkaConnectionError) as error:
        raise TransientError("kafka", f"{type(error).__name__}: {error}") from error
    except KafkaError as error:
        if error.retriable:
            raise TransientError("kafka", f"{type(error).__name__}: {error}") from error
        raise


def command_producer(settings: Settings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        linger_ms=10,
        max_request_size=settings.max_message_bytes,
        acks="all",
        **client_options(settings),
    )


class KafkaPublisher:
    """The pipeline's `Publisher` outside a worker: waits for the broker's acknowledgement."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer

    @classmethod
    @contextlib.asynccontextmanager
    async def opened(cls, settings: Settings) -> AsyncIterator[KafkaPublisher]:
        producer = command_producer(settings)
        await producer.start()
        try:
            yield cls(producer)
        finally:
            await producer.stop()

    async def publish(
        self, topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]
    ) -> None:
        with kafka_errors_as_transient():
            await self._producer.send_and_wait(topic, value, key=key, headers=headers)


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
