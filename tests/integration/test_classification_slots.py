"""STREAMPROC_CONCURRENCY bounds classifications, not whole meetings: a meeting waiting for its
completed event to be acknowledged holds no classification slot (real PostgreSQL and Redis)."""

from __future__ import annotations

import asyncio
import json
import uuid
from functools import partial

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


class CountingClassifier:
    """The offline classifier behind an await, counting how many calls overlap."""

    def __init__(self, expected_calls: int) -> None:
        self._offline = OfflineClassifier()
        self._expected_calls = expected_calls
        self.running = 0
        self.most_at_once = 0
        self.finished = 0
        self.all_finished = asyncio.Event()

    @property
    def info(self) -> ClassifierInfo:
        return self._offline.info

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult:
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await asyncio.sleep(0.05)  # a call in flight, as an LLM's would be
            return await self._offline.classify(transcript, language)
        finally:
            self.running -= 1
            self.finished += 1
            if self.finished == self._expected_calls:
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


async def test_a_meeting_being_published_does_not_hold_the_classification_slot(
    stack: Stack,
) -> None:
    """Wired as the worker wires them: one classification at a time, `max_in_flight` meetings."""
    settings = stack.settings.model_copy(update={"concurrency": 1})
    store = await ClassificationStore.connect(settings.database_url, pool_size=2)
    await store.ensure_schema()
    tasks = stack.task_table()
    meetings = 2
    classifier = CountingClassifier(expected_calls=meetings)
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
    )
    acked: list[InputRecord] = []
    all_acked = asyncio.Event()

    def ack(record: InputRecord) -> None:
        acked.append(record)
        if len(acked) == meetings:
            all_acked.set()

    failures: list[BaseException] = []
    window: OrderedAckWindow[InputRecord] = OrderedAckWindow(
        settings.max_in_flight, ack=ack, on_fatal=failures.append
    )
    records = [
        InputRecord(
            topic=stack.topics.meetings_created.name,
            partition=0,
            offset=offset,
            timestamp_ms=None,
            key=None,
            value=json.dumps(meeting_document(offset, event_id=str(uuid.uuid4()))).encode(),
        )
        for offset in range(meetings)
    ]
    try:
        for record in records:
            await asyncio.wait_for(
                window.submit(record.partition, record, partial(pipeline.handle, record)),
                WAIT_SECONDS,
            )
        # The second meeting is classified while the first one's completed event waits.
        await asyncio.wait_for(classifier.all_finished.wait(), WAIT_SECONDS)
        assert publisher.published == []
        assert acked == []
        assert classifier.most_at_once == 1
        publisher.release.set()
        await asyncio.wait_for(all_acked.wait(), WAIT_SECONDS)
        assert acked == records
        assert len(publisher.published) == len(records)
        assert failures == []
    finally:
        await window.cancel()
        await tasks.close()
        await store.close()
