"""STREAMPROC_CONCURRENCY bounds classifications, not whole meetings (real PostgreSQL and Redis).

Wired as the worker wires them: one classification at a time, `max_in_flight` meetings in the
ordered ack window, which the pipeline asks whether the worker is stopping.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import pytest

from streamproc.classify.base import ClassifierResult
from streamproc.classify.offline import OfflineClassifier
from streamproc.events import ClassifierInfo
from streamproc.retry import Backoff
from streamproc.store.postgres import ClassificationStore
from streamproc.stream.ordered_acks import OrderedAckWindow
from streamproc.stream.pipeline import MeetingPipeline
from streamproc.stream.records import InputRecord
from streamproc.taxonomy import Language
from tests.factories import meeting_document
from tests.integration.conftest import Stack

pytestmark = pytest.mark.integration

WAIT_SECONDS = 20.0
MEETINGS = 2


class GatedClassifier:
    """The offline classifier behind an await that lasts until `gate` opens, counting how many
    calls overlap."""

    def __init__(self) -> None:
        self._offline = OfflineClassifier()
        self.gate = asyncio.Event()
        self.started = 0
        self.first_started = asyncio.Event()
        self.running = 0
        self.most_at_once = 0
        self.finished = 0
        self.all_finished = asyncio.Event()

    @property
    def info(self) -> ClassifierInfo:
        return self._offline.info

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult:
        self.started += 1
        self.first_started.set()
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await asyncio.sleep(0.05)  # a call in flight, as an LLM's would be
            await self.gate.wait()
            return await self._offline.classify(transcript, language)
        finally:
            self.running -= 1
            self.finished += 1
            if self.finished == MEETINGS:
                self.all_finished.set()


class HeldPublisher:
    """Acknowledges nothing until `release` is set, like a broker that is slow to answer."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.published: list[bytes | None] = []

    async def publish(
        self, topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]
    ) -> None:
        await self.release.wait()
        self.published.append(value)


@dataclass
class OneSlot:
    """A pipeline with one classification slot, its window, and what they did."""

    window: OrderedAckWindow[InputRecord]
    pipeline: MeetingPipeline
    classifier: GatedClassifier
    publisher: HeldPublisher
    records: list[InputRecord]
    acked: list[InputRecord]
    all_acked: asyncio.Event
    failures: list[BaseException]

    async def submit_all(self) -> None:
        for record in self.records:
            await asyncio.wait_for(
                self.window.submit(record.partition, record, partial(self.pipeline.handle, record)),
                WAIT_SECONDS,
            )


def fresh_document(number: int) -> dict[str, Any]:
    """New ids, meeting id included: a meeting already classified (by another test, with the same
    transcript and classifier) would reuse that result instead of being classified."""
    document = meeting_document(number, event_id=str(uuid.uuid4()))
    document["meeting"]["meeting_id"] = f"slots-{uuid.uuid4().hex[:12]}"
    return document


@pytest.fixture
async def one_slot(stack: Stack) -> AsyncIterator[OneSlot]:
    settings = stack.settings.model_copy(update={"concurrency": 1})
    store = await ClassificationStore.connect(settings.database_url, pool_size=2)
    await store.ensure_schema()
    tasks = stack.task_table()
    records = [
        InputRecord(
            topic=stack.topics.meetings_created.name,
            partition=0,
            offset=offset,
            timestamp_ms=None,
            key=None,
            value=json.dumps(fresh_document(offset)).encode(),
        )
        for offset in range(MEETINGS)
    ]
    acked: list[InputRecord] = []
    all_acked = asyncio.Event()
    failures: list[BaseException] = []

    def ack(record: InputRecord) -> None:
        acked.append(record)
        if len(acked) == len(records):
            all_acked.set()

    window: OrderedAckWindow[InputRecord] = OrderedAckWindow(
        settings.max_in_flight, ack=ack, on_fatal=failures.append
    )
    classifier = GatedClassifier()
    publisher = HeldPublisher()
    pipeline = MeetingPipeline(
        topics=stack.topics,
        classifier=classifier,
        store=store,
        tasks=tasks,
        publisher=publisher,
        backoff=Backoff(0.1, 1.0),
        max_transcript_chars=settings.max_transcript_chars,
        classifications_at_once=settings.concurrency,
        stopping=lambda: window.closed,
    )
    try:
        yield OneSlot(window, pipeline, classifier, publisher, records, acked, all_acked, failures)
    finally:
        await window.cancel()
        await tasks.close()
        await store.close()


async def test_a_meeting_being_published_does_not_hold_the_classification_slot(
    one_slot: OneSlot,
) -> None:
    one_slot.classifier.gate.set()
    await one_slot.submit_all()

    # The second meeting is classified while the first one's completed event waits.
    await asyncio.wait_for(one_slot.classifier.all_finished.wait(), WAIT_SECONDS)
    assert one_slot.publisher.published == []
    assert one_slot.acked == []
    assert one_slot.classifier.most_at_once == 1
    one_slot.publisher.release.set()
    await asyncio.wait_for(one_slot.all_acked.wait(), WAIT_SECONDS)
    assert one_slot.acked == one_slot.records
    assert len(one_slot.publisher.published) == MEETINGS
    assert one_slot.failures == []


async def test_a_stopping_worker_starts_no_new_classification(one_slot: OneSlot) -> None:
    one_slot.publisher.release.set()
    await one_slot.submit_all()
    await asyncio.wait_for(one_slot.classifier.first_started.wait(), WAIT_SECONDS)

    # SIGTERM while the first meeting is being classified and the second waits for the slot.
    closing = asyncio.create_task(one_slot.window.close(grace_seconds=WAIT_SECONDS))
    await asyncio.sleep(0)
    one_slot.classifier.gate.set()

    assert await asyncio.wait_for(closing, WAIT_SECONDS) == 0
    assert one_slot.classifier.started == 1, "the waiting meeting must not start a call"
    assert one_slot.acked == one_slot.records[:1], "the one not started is left for redelivery"
    assert len(one_slot.publisher.published) == 1
    assert one_slot.failures == []
