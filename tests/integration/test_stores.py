"""PostgreSQL schema and idempotent writes; the Redis task table's forward-only statuses."""

from __future__ import annotations

import asyncpg
import pytest

from streamproc.classify.base import ClassifierResult
from streamproc.classify.offline import OfflineClassifier
from streamproc.store.postgres import ClassificationStore
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


async def test_task_status_only_moves_forward(stack: Stack) -> None:
    tasks = stack.task_table()
    try:
        assert await tasks.mark_processing("t-forward", "m-1", "e-1")
        assert await tasks.mark_completed("t-forward", {"ok": True}, "classifications/e-1")
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


async def test_a_failed_task_can_still_complete_after_a_replay(stack: Stack) -> None:
    tasks = stack.task_table()
    try:
        assert await tasks.mark_failed("t-replayed", "schema_violation: x")
        assert await tasks.mark_completed("t-replayed", {"ok": True}, "classifications/e")
        task = await tasks.get("t-replayed")
        assert task is not None
        assert task["status"] == "completed"
        assert "error" not in task
    finally:
        await tasks.close()
