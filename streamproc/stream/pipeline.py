"""The life of one meeting: decode → classify → persist → publish, then its offset may be committed.

Delivery: the consumer is at-least-once, so every step is safe to repeat. The Postgres row is keyed
by the source event_id (a redelivery reuses the stored classification instead of classifying again),
the completed event's id is derived from the source event_id (consumers drop duplicates by it), and
Redis statuses only move forward. `handle` returns only once every effect is durable; the caller
(`OrderedAckWindow`) then acks, and faust commits, in partition order. A meeting not yet classified
when the worker starts stopping raises `LeftForRedelivery` instead and is never acked.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from streamproc import metrics
from streamproc.classify.base import Classifier, ClassifierResult
from streamproc.decode import decode_meeting_created
from streamproc.errors import LeftForRedelivery, PermanentEventError
from streamproc.events import ClassificationCompleted, ClassifierInfo, MeetingCreated, Timings
from streamproc.retry import Backoff, until_done
from streamproc.store.postgres import StoredClassification
from streamproc.stream.dead_letters import dead_letter_headers, task_identity
from streamproc.stream.publishing import Publisher
from streamproc.stream.records import RECLASSIFICATION_HEADER, InputRecord
from streamproc.stream.topics import Topics

log = logging.getLogger(__name__)

T = TypeVar("T")


class ResultStore(Protocol):
    """Where classifications are kept, idempotently by the source event_id (PostgreSQL:
    `store/postgres.py`; in memory for the fast test tier)."""

    async def find_reusable(
        self, event: MeetingCreated, classifier: ClassifierInfo
    ) -> StoredClassification | None: ...

    async def save(
        self,
        event: MeetingCreated,
        result: ClassifierResult,
        classification_seconds: float,
        reused_from: Any = None,
    ) -> StoredClassification: ...


class TaskStatuses(Protocol):
    """The task table producers poll; statuses only move forward (Redis: `store/tasks.py`)."""

    async def mark_processing(self, task_id: str, meeting_id: str, event_id: str) -> bool: ...

    async def mark_completed(self, task_id: str, result_json: str, result_ref: str) -> bool: ...

    async def mark_failed(self, task_id: str, error: str, **fields: str) -> bool: ...


class Completion:
    """What follows a classification, however it was made (live here, or by a Batch API
    backfill): persist, publish the completed event, complete the task. Each step is safe to
    repeat: the row is keyed by the source event_id and the completed event is built from it."""

    def __init__(
        self,
        *,
        topics: Topics,
        store: ResultStore,
        tasks: TaskStatuses,
        publisher: Publisher,
        backoff: Backoff,
    ) -> None:
        self._topics = topics
        self._store = store
        self._tasks = tasks
        self._publisher = publisher
        self._backoff = backoff

    async def store(
        self, event: MeetingCreated, result: ClassifierResult, classification_seconds: float
    ) -> StoredClassification:
        return await self.retry(lambda: self._store.save(event, result, classification_seconds))

    async def announce(
        self, stored: StoredClassification, event: MeetingCreated, *, classified_now: bool
    ) -> None:
        """Publish the completed event and complete the task. Only a result classified by this
        call (`classified_now`) counts towards the end-to-end latency: a redelivery or a reused
        result would record the time since an old event."""
        completed = completed_event(stored)
        completed_json = completed.model_dump_json()
        await self.retry(
            lambda: self._publisher.publish(
                self._topics.classifications_completed.name,
                key=event.meeting.meeting_id.encode(),
                value=completed_json.encode(),
                headers=[],
            )
        )
        await self.retry(
            lambda: self._tasks.mark_completed(
                completed.task_id,
                result_json=completed_json,
                result_ref=f"classifications/{event.event_id}",
            )
        )
        metrics.EVENTS_COMPLETED.labels(classifier=stored.classifier.name).inc()
        if classified_now:
            metrics.END_TO_END_SECONDS.labels(classifier=stored.classifier.name).observe(
                completed.timings.end_to_end_seconds
            )

    async def retry(self, operation: Callable[[], Awaitable[T]]) -> T:
        """Until done: a dependency that is down is waited for, never given up on."""
        return await until_done(operation, self._backoff)


class MeetingPipeline:
    def __init__(
        self,
        *,
        topics: Topics,
        classifier: Classifier,
        store: ResultStore,
        tasks: TaskStatuses,
        publisher: Publisher,
        backoff: Backoff,
        max_transcript_chars: int,
        classifications_at_once: int,
        stopping: Callable[[], bool],
    ) -> None:
        self._topics = topics
        self._classifier = classifier
        self._store = store
        self._tasks = tasks
        self._publisher = publisher
        self._completion = Completion(
            topics=topics, store=store, tasks=tasks, publisher=publisher, backoff=backoff
        )
        self._retry = self._completion.retry
        self._max_transcript_chars = max_transcript_chars
        # The classifier (an LLM call) is what the concurrency setting bounds, not the whole
        # meeting: a meeting being stored or published holds no slot, so the next one classifies.
        self._classifying = asyncio.Semaphore(classifications_at_once)
        self._stopping = stopping

    async def handle(self, record: InputRecord) -> None:
        metrics.EVENTS_CONSUMED.inc()
        with metrics.IN_FLIGHT.track_inprogress():
            await self._handle(record)

    async def _handle(self, record: InputRecord) -> None:
        try:
            event = decode_meeting_created(record.value, self._max_transcript_chars)
            # Both before classifying, neither waiting for the other: one round trip less.
            # A redelivered event was classified before, and a meeting published again under a
            # new event_id may have been: reuse that result (no second LLM bill, same result).
            _, stored = await asyncio.gather(
                self._retry(
                    lambda: self._tasks.mark_processing(
                        event.effective_task_id, event.meeting.meeting_id, str(event.event_id)
                    )
                ),
                self._retry(lambda: self._store.find_reusable(event, self._classifier.info)),
            )
            classified_now = stored is None
            if stored is None:
                stored = await self._classify_and_store(event)
            elif stored.source_event_id != event.event_id:
                stored = await self._store_reused(event, stored)
        except PermanentEventError as error:
            await self._dead_letter(record, error)
            return
        reclassification = (RECLASSIFICATION_HEADER, b"1") in record.headers
        await self._completion.announce(
            stored, event, classified_now=classified_now and not reclassification
        )

    async def _store_reused(
        self, event: MeetingCreated, earlier: StoredClassification
    ) -> StoredClassification:
        """This event's own row, holding the result made for an earlier event of the same
        meeting and transcript; the cost stays on the earlier row."""
        metrics.CLASSIFICATIONS_REUSED.labels(classifier=earlier.classifier.name).inc()
        reused = ClassifierResult(earlier.classification, earlier.classifier, usage=None)
        return await self._retry(
            lambda: self._store.save(event, reused, 0.0, reused_from=earlier.source_event_id)
        )

    async def _classify_and_store(self, event: MeetingCreated) -> StoredClassification:
        async with self._classifying:
            if self._stopping():
                # No new (paid) call once the worker is stopping: the grace period could cut it
                # off and the next owner would pay again. Unacked, the meeting is redelivered.
                log.info("stopping: meeting_id=%s left for redelivery", event.meeting.meeting_id)
                raise LeftForRedelivery
            started = time.perf_counter()
            result = await self._retry(
                lambda: self._classifier.classify(event.meeting.transcript, event.meeting.language)
            )
            seconds = time.perf_counter() - started
        metrics.CLASSIFICATION_SECONDS.labels(classifier=result.classifier.name).observe(seconds)
        return await self._completion.store(event, result, seconds)

    async def _dead_letter(self, record: InputRecord, error: PermanentEventError) -> None:
        """Copy the record to the dead-letter topic, then mark its task failed if it has one."""
        await self._retry(
            lambda: self._publisher.publish(
                self._topics.classifications_failed.name,
                key=record.key,
                value=record.value,
                headers=dead_letter_headers(record, error),
            )
        )
        identity = task_identity(record.value)
        if identity is not None:
            await self._retry(
                lambda: self._tasks.mark_failed(
                    identity.task_id,
                    f"{error.error_type}: {error}",
                    meeting_id=identity.meeting_id,
                    event_id=identity.event_id,
                )
            )
        metrics.EVENTS_DEAD_LETTERED.labels(error_type=error.error_type).inc()
        log.warning(
            "dead-lettered error_type=%s partition=%d offset=%d message=%s",
            error.error_type,
            record.partition,
            record.offset,
            str(error)[:300],
        )


def completed_event(stored: StoredClassification) -> ClassificationCompleted:
    """Built from the stored row only, so every redelivery or re-publication of the same event
    publishes a byte-identical event."""
    return ClassificationCompleted(
        event_id=stored.event_id,
        occurred_at=stored.classified_at,
        source_event_id=stored.source_event_id,
        task_id=stored.task_id,
        meeting_id=stored.meeting_id,
        classification=stored.classification,
        classifier=stored.classifier,
        usage=stored.usage,
        timings=Timings(
            classification_seconds=stored.classification_seconds,
            end_to_end_seconds=max(
                0.0, (stored.classified_at - stored.source_occurred_at).total_seconds()
            ),
        ),
    )
