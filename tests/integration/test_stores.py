"""PostgreSQL schema and idempotent writes; the Redis task table's forward-only statuses."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import date, timedelta

import asyncpg
import pytest
from prometheus_client import REGISTRY

from streamproc.classify.base import ClassifierResult
from streamproc.classify.offline import OfflineClassifier
from streamproc.events import MeetingCreated
from streamproc.feedback import Feedback
from streamproc.store.postgres import ClassificationStore
from streamproc.store.reporting import ReportingStore
from streamproc.store.spend import DailySpend
from streamproc.store.tasks import TaskStatus
from streamproc.taxonomy import Classification, enum_categories
from tests.factories import meeting_event
from tests.integration.conftest import Stack

pytestmark = pytest.mark.integration


async def migrated_store(stack: Stack) -> ClassificationStore:
    store = await ClassificationStore.connect(stack.settings.database_url, pool_size=2)
    await store.ensure_schema()
    return store


async def test_migrations_apply_once_and_build_the_taxonomy_columns(stack: Stack) -> None:
    store = await migrated_store(stack)
    try:
        assert await store.ensure_schema() == []
        await store.verify_schema()
    finally:
        await store.close()
    connection = await stack.database()
    try:
        columns = {
            row["column_name"]
            for row in await connection.fetch(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'classifications'"
            )
        }
        assert set(Classification.model_fields) <= columns
    finally:
        await connection.close()


async def test_the_database_refuses_a_value_outside_the_taxonomy(stack: Stack) -> None:
    store = await migrated_store(stack)
    event = meeting_event(9000)
    classifier = OfflineClassifier()
    result = ClassifierResult(
        classifier.classify_text(event.meeting.transcript, None), classifier.info
    )
    try:
        await store.save(event, result, 0.001)
    finally:
        await store.close()
    connection = await stack.database()
    try:
        for column in enum_categories():
            with pytest.raises(asyncpg.CheckViolationError):
                await connection.execute(
                    f"UPDATE classifications SET {column} = 'invented' WHERE source_event_id = $1",
                    event.event_id,
                )
    finally:
        await connection.close()


async def test_saving_the_same_event_twice_keeps_the_first_result(stack: Stack) -> None:
    store = await migrated_store(stack)
    event = meeting_event(9001)
    classifier = OfflineClassifier()
    first = classifier.classify_text(event.meeting.transcript, None)
    different = first.model_copy(update={"summary": "Otro resumen."})
    try:
        stored = await store.save(event, ClassifierResult(first, classifier.info), 0.001)
        again = await store.save(event, ClassifierResult(different, classifier.info), 0.5)
        found = await store.find(event.event_id)
    finally:
        await store.close()
    assert again == stored == found
    assert again.classification.summary == first.summary


async def test_the_current_classification_is_the_newest_transcripts_whatever_the_finish_order(
    stack: Stack,
) -> None:
    """Three events of one meeting, the oldest transcript's classification finishing last (a
    slow first LLM call): the meeting's current result is still the newest transcript's, for
    reclassify's selection and for feedback alike."""
    store = await migrated_store(stack)
    classifier = OfflineClassifier()
    held_on = date(2091, 1, 1) + timedelta(days=random.randrange(3000))
    meeting_id = f"m-current-{uuid.uuid4().hex[:8]}"
    events = [
        meeting_event(9030 + number, occurred_at=f"2026-0{number + 1}-01T00:00:00+00:00")
        for number in range(3)
    ]
    events = [
        event.model_copy(
            update={
                "meeting": event.meeting.model_copy(
                    update={"meeting_id": meeting_id, "meeting_date": held_on}
                )
            }
        )
        for event in events
    ]
    try:
        for event in reversed(events):  # the newest transcript's result is stored first
            result = classifier.classify_text(event.meeting.transcript, None)
            await store.save(event, ClassifierResult(result, classifier.info), 0.001)
        reports = ReportingStore(store.pool)
        current = [row async for row in reports.current_results(held_on, held_on, None)]
        corrected = await reports.add_feedback(
            uuid.uuid4(), meeting_id, Feedback(author="qa", corrections={"urgency": True})
        )
    finally:
        await store.close()
    assert [row["source_event_id"] for row in current] == [events[-1].event_id]
    assert current[0]["transcript"] == events[-1].meeting.transcript
    connection = await stack.database()
    try:
        corrected_event = await connection.fetchval(
            "SELECT source_event_id FROM feedback WHERE meeting_id = $1", meeting_id
        )
    finally:
        await connection.close()
    assert corrected is not None
    assert corrected_event == events[-1].event_id


def round_trips(dependency: str, operation: str) -> float:
    """How many calls of this kind this process has made (from its own metrics)."""
    value = REGISTRY.get_sample_value(
        "streamproc_dependency_duration_seconds_count",
        {"dependency": dependency, "operation": operation},
    )
    return value or 0.0


async def test_concurrent_saves_share_one_statement_and_keep_every_guarantee(
    stack: Stack,
) -> None:
    """Meetings in flight together are written by one statement: the same event twice keeps one
    row and gives both callers the same result; two events of one meeting leave the newest."""
    store = await migrated_store(stack)
    classifier = OfflineClassifier()
    events = [meeting_event(number) for number in range(9010, 9018)]
    older = meeting_event(9018, occurred_at="2025-06-01T00:00:00+00:00")
    newer = meeting_event(9019, occurred_at="2027-06-01T00:00:00+00:00")
    same_meeting = [
        event.model_copy(
            update={"meeting": event.meeting.model_copy(update={"meeting_id": "m-9018"})}
        )
        for event in (newer, older)
    ]
    batch = [*events, events[0], *same_meeting]

    def result_for(event: MeetingCreated) -> ClassifierResult:
        return ClassifierResult(
            classifier.classify_text(event.meeting.transcript, None), classifier.info
        )

    saves_before = round_trips("postgres", "save")
    try:
        stored = await asyncio.gather(
            *(store.save(event, result_for(event), 0.001) for event in batch)
        )
        found = await asyncio.gather(*(store.find(event.event_id) for event in batch))
    finally:
        await store.close()

    assert round_trips("postgres", "save") - saves_before == 1
    assert [item.source_event_id for item in stored] == [event.event_id for event in batch]
    assert stored == found
    connection = await stack.database()
    try:
        rows = await connection.fetchval(
            "SELECT count(*) FROM classifications WHERE source_event_id = ANY($1)",
            [event.event_id for event in batch],
        )
        meeting = await connection.fetchrow(
            "SELECT last_event_id FROM meetings WHERE meeting_id = 'm-9018'"
        )
    finally:
        await connection.close()
    assert rows == len(events) + len(same_meeting)
    assert meeting["last_event_id"] == newer.event_id


async def test_task_status_only_moves_forward(stack: Stack) -> None:
    tasks = stack.task_table()
    try:
        assert await tasks.mark_processing("t-forward", "m-1", "e-1")
        assert await tasks.mark_completed("t-forward", '{"ok": true}', "classifications/e-1")
        assert not await tasks.mark_processing("t-forward", "m-1", "e-1")
        assert not await tasks.mark_failed("t-forward", "late failure")
        assert not await tasks.mark_pending("t-forward", "m-1", "e-1")
        task = await tasks.get("t-forward")
        assert task is not None
        assert task["status"] == TaskStatus.COMPLETED
        assert task["result"] == {"ok": True}
        assert "error" not in task
        assert task["created_at"] <= task["updated_at"]
    finally:
        await tasks.close()


async def test_concurrent_task_updates_share_one_pipeline_and_still_only_move_forward(
    stack: Stack,
) -> None:
    tasks = stack.task_table()
    before = round_trips("redis", "advance_task")
    try:
        applied = await asyncio.gather(
            *(tasks.mark_processing(f"t-batch-{n}", f"m-{n}", f"e-{n}") for n in range(20)),
            tasks.mark_completed("t-batch-0", '{"ok": true}', "classifications/e-0"),
            tasks.mark_processing("t-batch-0", "m-0", "e-0"),
        )
        statuses = [await tasks.get(f"t-batch-{n}") for n in range(20)]
    finally:
        await tasks.close()
    assert round_trips("redis", "advance_task") - before == 1
    assert applied == [True] * 21 + [False], "processing after completed is refused"
    assert [task["status"] if task else None for task in statuses] == ["completed"] + [
        "processing"
    ] * 19


async def test_a_failed_task_can_still_complete_after_a_replay(stack: Stack) -> None:
    tasks = stack.task_table()
    try:
        assert await tasks.mark_failed("t-replayed", "schema_violation: x")
        assert await tasks.mark_completed("t-replayed", '{"ok": true}', "classifications/e")
        task = await tasks.get("t-replayed")
        assert task is not None
        assert task["status"] == "completed"
        assert "error" not in task
    finally:
        await tasks.close()


async def test_concurrent_spend_records_share_one_increment_and_sum_exactly(stack: Stack) -> None:
    spend = DailySpend.from_url(stack.settings.redis_url, "spend-batch-test")
    before = round_trips("redis", "add_spend")
    try:
        totals = await asyncio.gather(*(spend.add(0.25) for _ in range(12)))
        later = await spend.add(0.5)
        today = await spend.today()
    finally:
        await spend.close()
    assert round_trips("redis", "add_spend") - before == 2
    assert totals == [3.0] * 12, "each caller sees today's total including its own cost"
    assert (later, today) == (3.5, 3.5)
