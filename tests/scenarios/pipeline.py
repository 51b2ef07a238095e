"""The pipeline's rules as scenarios, written once and run on two tiers: against in-memory
stand-ins of its ports (tests/unit/test_pipeline_scenarios.py, fast) and against PostgreSQL,
Redis and the broker (tests/integration/test_pipeline_scenarios.py, the judge).

Each scenario gets a `Harness`, which builds a `MeetingPipeline` on its tier's adapters and lets
the scenario look at what they hold.
"""

from __future__ import annotations

import asyncio
import functools
import json
import uuid
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from streamproc.classify.base import ClassifierResult
from streamproc.classify.offline import OfflineClassifier
from streamproc.errors import LeftForRedelivery
from streamproc.events import ClassifierInfo, MeetingCreated
from streamproc.retry import Backoff
from streamproc.store.postgres import StoredClassification
from streamproc.stream.dead_letters import ERROR_TYPE_HEADER
from streamproc.stream.ordered_acks import OrderedAckWindow
from streamproc.stream.pipeline import MeetingPipeline, ResultStore, TaskStatuses
from streamproc.stream.publishing import Publisher
from streamproc.stream.records import InputRecord
from streamproc.stream.topics import Topics
from streamproc.taxonomy import Language
from tests.factories import meeting_document


@functools.cache
def _offline() -> OfflineClassifier:
    """One for every scenario: building its cue index takes about a second."""
    return OfflineClassifier()


class CountingClassifier:
    """The offline classifier, counting its calls; a transcript in `held` waits for its gate."""

    def __init__(self) -> None:
        self._offline = _offline()
        self.calls = 0
        self.held: dict[str, asyncio.Event] = {}

    @property
    def info(self) -> ClassifierInfo:
        return self._offline.info

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult:
        self.calls += 1
        gate = self.held.get(transcript)
        if gate is not None:
            await gate.wait()
        return await self._offline.classify(transcript, language)


class Harness(Protocol):
    topics: Topics

    def pipeline(
        self, classifier: CountingClassifier, stopping: Callable[[], bool] = ...
    ) -> MeetingPipeline: ...

    async def stored(self, event: MeetingCreated) -> StoredClassification | None: ...

    async def task_status(self, task_id: str) -> str | None: ...

    async def published(
        self, topic: str, count: int
    ) -> list[tuple[bytes | None, dict[str, bytes]]]:
        """(value, headers) of the first `count` records of a topic, waiting for them."""
        ...

    def task_table_outage(self) -> AbstractAsyncContextManager[None]:
        """The task table is unreachable inside; reachable again after."""
        ...


def build_pipeline(
    topics: Topics,
    classifier: CountingClassifier,
    store: ResultStore,
    tasks: TaskStatuses,
    publisher: Publisher,
    stopping: Callable[[], bool],
) -> MeetingPipeline:
    """A pipeline wired as the worker wires it, on either tier's adapters."""
    return MeetingPipeline(
        topics=topics,
        classifier=classifier,
        store=store,
        tasks=tasks,
        publisher=publisher,
        backoff=Backoff(0.05, 0.5),
        max_transcript_chars=200_000,
        classifications_at_once=4,
        stopping=stopping,
    )


def record(harness: Harness, value: bytes, offset: int = 0, partition: int = 0) -> InputRecord:
    return InputRecord(
        topic=harness.topics.meetings_created.name,
        partition=partition,
        offset=offset,
        timestamp_ms=None,
        key=b"k",
        value=value,
    )


def fresh_event(number: int, **meeting: Any) -> MeetingCreated:
    """A factory meeting with ids of its own (the real tier's database is shared)."""
    document = meeting_document(number, event_id=str(uuid.uuid4()))
    document["meeting"].update(meeting_id=f"scenario-{uuid.uuid4().hex[:12]}", **meeting)
    return MeetingCreated.model_validate(document)


async def a_redelivered_meeting_reuses_its_stored_result(harness: Harness) -> None:
    classifier = CountingClassifier()
    pipeline = harness.pipeline(classifier)
    event = fresh_event(1)
    value = event.model_dump_json().encode()

    await pipeline.handle(record(harness, value))
    await pipeline.handle(record(harness, value, offset=1))

    assert classifier.calls == 1, "a redelivery must not classify (nor pay) again"
    completed = await harness.published(harness.topics.classifications_completed.name, 2)
    assert completed[0][0] == completed[1][0], "the same completed event, byte for byte"
    assert (await harness.stored(event)) is not None
    assert await harness.task_status(event.effective_task_id) == "completed"


async def bad_input_is_dead_lettered_and_its_task_failed(harness: Harness) -> None:
    classifier = CountingClassifier()
    document = fresh_event(2).model_dump(mode="json")
    task_id = f"bad-{document['event_id']}"
    document.update(task_id=task_id)
    document["meeting"]["transcript"] = ""
    value = json.dumps(document).encode()

    await harness.pipeline(classifier).handle(record(harness, value))

    [(dead_value, headers)] = await harness.published(harness.topics.classifications_failed.name, 1)
    assert dead_value == value, "the record is dead-lettered untouched"
    assert headers[ERROR_TYPE_HEADER] == b"schema_violation"
    assert await harness.task_status(task_id) == "failed"
    assert classifier.calls == 0


async def a_stopping_worker_leaves_its_meetings_for_redelivery(harness: Harness) -> None:
    classifier = CountingClassifier()
    event = fresh_event(3)
    pipeline = harness.pipeline(classifier, stopping=lambda: True)

    try:
        await pipeline.handle(record(harness, event.model_dump_json().encode()))
    except LeftForRedelivery:
        pass
    else:
        raise AssertionError("a stopping worker must leave the meeting unacknowledged")

    assert classifier.calls == 0, "no new (paid) classification once stopping"
    assert await harness.stored(event) is None


async def acks_leave_each_partition_in_offset_order(harness: Harness) -> None:
    """The first meeting of a partition is slow; the two after it finish first. Nothing is
    acknowledged before the first, then all three in order."""
    classifier = CountingClassifier()
    pipeline = harness.pipeline(classifier)
    events = [fresh_event(4, transcript=f"Reunión número {n} sobre ventas.") for n in range(3)]
    gate = classifier.held[events[0].meeting.transcript] = asyncio.Event()
    acked: list[int] = []
    failures: list[BaseException] = []
    window: OrderedAckWindow[int] = OrderedAckWindow(8, ack=acked.append, on_fatal=failures.append)
    for offset, event in enumerate(events):
        value = event.model_dump_json().encode()
        work = _handler(pipeline, record(harness, value, offset=offset))
        await window.submit(0, offset, work)

    await harness.published(harness.topics.classifications_completed.name, 2)
    assert acked == [], "the later meetings are done, but the first is not"
    gate.set()
    await window.close(30)
    assert acked == [0, 1, 2]
    assert failures == []


async def a_task_table_outage_is_waited_out(harness: Harness) -> None:
    classifier = CountingClassifier()
    pipeline = harness.pipeline(classifier)
    event = fresh_event(5)

    async with harness.task_table_outage():
        handling = asyncio.create_task(
            pipeline.handle(record(harness, event.model_dump_json().encode()))
        )
        await asyncio.sleep(1.0)
        assert not handling.done(), "the meeting waits while its task table is down"
    await asyncio.wait_for(handling, 60)

    assert classifier.calls == 1
    assert await harness.stored(event) is not None
    await harness.published(harness.topics.classifications_completed.name, 1)
    assert await harness.task_status(event.effective_task_id) == "completed"


def _handler(pipeline: MeetingPipeline, item: InputRecord) -> Callable[[], Awaitable[None]]:
    return lambda: pipeline.handle(item)


SCENARIOS = (
    a_redelivered_meeting_reuses_its_stored_result,
    bad_input_is_dead_lettered_and_its_task_failed,
    a_stopping_worker_leaves_its_meetings_for_redelivery,
    acks_leave_each_partition_in_offset_order,
    a_task_table_outage_is_waited_out,
)
