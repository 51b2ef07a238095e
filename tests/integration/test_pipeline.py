"""The worker end to end against the real broker, PostgreSQL and Redis."""

from __future__ import annotations

import json
import signal
import uuid
from collections import defaultdict
from typing import Any

import pytest

from streamproc.events import derive_completed_event_id, derive_task_id, utc_now
from streamproc.taxonomy import Classification
from tests.factories import meeting_document, meeting_event
from tests.integration.conftest import Stack
from tests.integration.test_operations import verify_until_consistent

pytestmark = pytest.mark.integration


async def stored_rows(stack: Stack, event_ids: list[Any]) -> list[Any]:
    connection = await stack.database()
    try:
        return list(
            await connection.fetch(
                "SELECT * FROM classifications WHERE source_event_id = ANY($1::uuid[])",
                event_ids,
            )
        )
    finally:
        await connection.close()


def by_event_id(completed: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in completed:
        groups[event["event_id"]].append(event)
    return groups


async def test_every_meeting_is_stored_published_and_completed(stack: Stack) -> None:
    events = [meeting_event(number) for number in range(300)]
    worker = stack.start_worker(STREAMPROC_CONCURRENCY="8")
    await stack.publish(events)

    completed = await stack.completed(until=len(events))

    source_ids = {str(event.event_id) for event in events}
    assert {item["source_event_id"] for item in completed} == source_ids
    assert len(completed) == len(events)
    for item in completed:
        Classification.model_validate(item["classification"])
        assert item["event_id"] == str(derive_completed_event_id(item["source_event_id"]))
        assert item["classifier"]["name"] == "offline"
    rows = await stored_rows(stack, [event.event_id for event in events])
    assert len(rows) == len(events)
    assert worker.get("/health") == (200, '{"status":"ok"}')
    status, metrics = worker.get("/metrics")
    assert status == 200
    assert f'streamproc_events_completed_total{{classifier="offline"}} {len(events)}.0' in metrics
    assert f"streamproc_events_consumed_total {len(events)}.0" in metrics
    assert 'streamproc_classification_duration_seconds_count{classifier="offline"} 300.0' in metrics
    assert "streamproc_events_in_flight 0.0" in metrics
    tasks = stack.task_table()
    try:
        for event in events:
            task = await tasks.get(derive_task_id(event.event_id))
            assert task is not None
            assert task["status"] == "completed"
            assert task["meeting_id"] == event.meeting.meeting_id
            assert task["result"]["source_event_id"] == str(event.event_id)
    finally:
        await tasks.close()


async def test_the_same_event_twice_gives_one_row_and_one_logical_result(stack: Stack) -> None:
    """Published again as a re-run import does (same event_id, a new occurred_at): the completed
    event is byte-identical, and the latency histogram records one classification, not two."""
    event = meeting_event(1000, task_id="custom-task-1000")
    republished = event.model_copy(update={"occurred_at": utc_now()})
    worker = stack.start_worker()
    await stack.publish([event])
    first = await stack.completed(until=1)
    await stack.publish([republished])
    records = await stack.read(stack.topics.classifications_completed.name, until=2)

    assert len(records) == 2
    assert records[0].value == records[1].value, "a replay must publish the identical event"
    assert first[0]["timings"]["end_to_end_seconds"] > 0
    rows = await stored_rows(stack, [event.event_id])
    assert len(rows) == 1
    assert first[0]["task_id"] == "custom-task-1000"
    histogram = 'streamproc_end_to_end_latency_seconds_count{classifier="offline"}'
    assert worker.metric(histogram) == 1
    await verify_until_consistent(stack)  # rc 0: no "conflicting duplicates" false alarm


async def test_a_meeting_sent_again_under_a_new_event_id_reuses_its_result(stack: Stack) -> None:
    """Same meeting, same transcript, same classifier version: the second event gets its own row
    and completed event, copied from the first (which alone carries the cost); a changed
    transcript is classified."""
    event = meeting_event(1010)
    again = event.model_copy(update={"event_id": uuid.uuid4(), "occurred_at": utc_now()})
    changed = again.model_copy(
        update={
            "event_id": uuid.uuid4(),
            "meeting": event.meeting.model_copy(update={"transcript": "Otra reunión distinta."}),
        }
    )
    worker = stack.start_worker()
    await stack.publish([event])
    await stack.completed(until=1)
    await stack.publish([again, changed])
    completed = {item["source_event_id"]: item for item in await stack.completed(until=3)}

    rows = {
        row["source_event_id"]: row
        for row in await stored_rows(stack, [event.event_id, again.event_id, changed.event_id])
    }
    assert rows[again.event_id]["reused_from"] == event.event_id
    assert rows[changed.event_id]["reused_from"] is None
    original, reused = completed[str(event.event_id)], completed[str(again.event_id)]
    assert reused["classification"] == original["classification"]
    assert reused["classifier"] == original["classifier"]
    assert reused["event_id"] != original["event_id"]
    assert worker.metric('streamproc_classifications_reused_total{classifier="offline"}') == 1
    classified = 'streamproc_classification_duration_seconds_count{classifier="offline"}'
    assert worker.metric(classified) == 2


async def test_bad_input_is_dead_lettered_untouched_and_the_worker_goes_on(stack: Stack) -> None:
    empty = meeting_document(2001)
    empty["meeting"]["transcript"] = ""
    oversized = meeting_document(2002)
    oversized["meeting"]["transcript"] = "palabra " * 262_144  # 2 MiB
    wrong_schema = {"event_id": "x", "meeting": "not an object"}
    with_nul = meeting_document(2004)
    with_nul["meeting"]["transcript"] = "hola\u0000"
    bad = [
        (b"meeting-2000", b'{"event_id": "truncated'),
        (b"meeting-x", json.dumps(wrong_schema).encode()),
        (b"meeting-2001", json.dumps(empty).encode()),
        (b"meeting-2002", json.dumps(oversized).encode()),
        (b"meeting-deep", b"[" * 100_000),
        (b"meeting-nul", json.dumps(with_nul).encode()),
    ]
    good = meeting_event(2003)
    stack.start_worker()
    await stack.publish_raw(bad)
    await stack.publish([good])

    failed = await stack.read(stack.topics.classifications_failed.name, until=len(bad))
    completed = await stack.completed(until=1)

    assert [item["source_event_id"] for item in completed] == [str(good.event_id)]
    assert sorted(record.value for record in failed) == sorted(value for _key, value in bad)
    kinds = {}
    for record in failed:
        headers = {name: value.decode() for name, value in record.headers}
        assert headers["streamproc.source.topic"] == stack.topics.meetings_created.name
        assert int(headers["streamproc.source.offset"]) >= 0
        assert headers["streamproc.error.message"]
        kinds[record.key] = headers["streamproc.error.type"]
    assert kinds == {
        b"meeting-2000": "undecodable",
        b"meeting-x": "schema_violation",
        b"meeting-2001": "schema_violation",
        b"meeting-2002": "transcript_too_long",
        b"meeting-deep": "undecodable",
        b"meeting-nul": "schema_violation",
    }
    tasks = stack.task_table()
    try:
        for document in (empty, oversized):
            task = await tasks.get(derive_task_id(uuid.UUID(document["event_id"])))
            assert task is not None
            assert task["status"] == "failed"
            assert task["error"].startswith(("schema_violation", "transcript_too_long"))
    finally:
        await tasks.close()


async def test_sigkill_mid_run_loses_nothing_and_duplicates_nothing_in_postgres(
    stack: Stack,
) -> None:
    """Concurrency > 1 with SIGKILL: committed offsets never pass an unfinished meeting."""
    events = [meeting_event(number) for number in range(3000, 5000)]
    source_ids = {str(event.event_id) for event in events}
    await stack.publish(events)

    first = stack.start_worker(STREAMPROC_CONCURRENCY="16")
    partial = await stack.completed(until=400, seconds=120)
    assert 0 < len({item["source_event_id"] for item in partial}) < len(events), (
        "the kill must land mid-run"
    )
    first.process.send_signal(signal.SIGKILL)
    first.process.wait()

    stack.start_worker(STREAMPROC_CONCURRENCY="16")
    completed = await stack.completed(until=len(events), seconds=180, quiet=3)

    groups = by_event_id(completed)
    assert {items[0]["source_event_id"] for items in groups.values()} == source_ids
    for items in groups.values():
        assert all(item == items[0] for item in items), "duplicates must be identical"
    rows = await stored_rows(stack, [event.event_id for event in events])
    assert len(rows) == len(events)


async def test_an_unexpected_error_stops_the_worker_and_loses_nothing(stack: Stack) -> None:
    """A non-transient database error is a bug or misconfiguration: stop, commit nothing past it."""
    poison = meeting_event(6000, task_id=f"poison-{stack.folder.name}")
    constraint = f"reject_{uuid.uuid4().hex[:8]}"
    connection = await stack.database()
    try:
        stack.cli("migrate")
        await connection.execute(
            f"ALTER TABLE classifications ADD CONSTRAINT {constraint} "
            f"CHECK (task_id <> '{poison.task_id}') NOT VALID"
        )
        worker = stack.start_worker()
        await stack.publish([poison])
        assert worker.process.wait(timeout=90) != 0
        assert "CheckViolationError" in worker.log()
    finally:
        await connection.execute(f"ALTER TABLE classifications DROP CONSTRAINT {constraint}")
        await connection.close()

    stack.start_worker()
    completed = await stack.completed(until=1)
    assert [item["source_event_id"] for item in completed] == [str(poison.event_id)]
