"""The operator commands `verify` and `replay-dlq` against the real broker, PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import time

import pytest

from streamproc.events import MeetingCreated, derive_task_id
from streamproc.local.quickstart import stop_worker
from streamproc.stream.dead_letters import REPLAYED_FROM_HEADER
from tests.factories import meeting_document, meeting_event
from tests.integration.conftest import Stack

pytestmark = pytest.mark.integration

CELL_SEPARATOR = re.compile(r"\s*[│|]\s*")


def row(output: str, label: str) -> list[str]:
    """The cells after `label` in verify's table (rich draws boxes, or ASCII without UTF-8)."""
    for line in output.splitlines():
        cells = [cell for cell in CELL_SEPARATOR.split(line.strip()) if cell]
        if cells and cells[0] == label:
            return cells[1:]
    raise AssertionError(f"no row {label!r} in:\n{output}")


async def verify_until_consistent(stack: Stack, seconds: float = 30.0) -> str:
    """Tasks reach their final status just after the topic write, so allow a short settle."""
    deadline = time.monotonic() + seconds
    while True:
        result = stack.cli("verify")
        if result.returncode == 0 or time.monotonic() > deadline:
            assert result.returncode == 0, result.stdout + result.stderr
            return result.stdout
        await asyncio.sleep(1)


async def stored_count(stack: Stack, event: MeetingCreated) -> int:
    connection = await stack.database()
    try:
        count: int = await connection.fetchval(
            "SELECT count(*) FROM classifications WHERE source_event_id = $1", event.event_id
        )
        return count
    finally:
        await connection.close()


async def test_verify_passes_on_a_clean_run_and_names_each_inconsistency(stack: Stack) -> None:
    events = [meeting_event(number) for number in range(11_000, 11_010)]
    wrong_schema = meeting_document(11_010)
    wrong_schema["meeting"]["closed"] = "perhaps"
    worker = stack.start_worker()
    await stack.publish(events)
    await stack.publish_raw(
        [(b"meeting-garbage", b"{not json"), (b"meeting-5010", json.dumps(wrong_schema).encode())]
    )
    await stack.completed(until=len(events))
    await stack.read(stack.topics.classifications_failed.name, until=2)

    output = await verify_until_consistent(stack)

    assert row(output, "inputs")[0] == "12"
    assert row(output, "completed (distinct)")[0] == "10"
    assert row(output, "dead-lettered")[0] == "2"
    assert output.rstrip().endswith("consistent")
    assert "INCONSISTENT" not in output

    stop_worker(worker.process, timeout=15)
    unprocessed = meeting_event(11_011)
    await stack.publish([unprocessed])
    connection = await stack.database()
    try:
        await connection.execute(
            "DELETE FROM classifications WHERE source_event_id = $1", events[0].event_id
        )
    finally:
        await connection.close()

    result = stack.cli("verify")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "INCONSISTENT" in result.stdout
    assert row(result.stdout, "missing (neither completed nor dead-lettered)") == [
        "1",
        str(unprocessed.event_id),
    ]
    assert row(result.stdout, "published but not in PostgreSQL") == ["1", str(events[0].event_id)]
    assert row(result.stdout, "tasks missing in Redis") == [
        "1",
        derive_task_id(unprocessed.event_id),
    ]


def replay(stack: Stack, *arguments: str) -> subprocess.CompletedProcess[str]:
    result = stack.cli("replay-dlq", *arguments)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


async def task_status(stack: Stack, task_id: str, wanted: str, seconds: float = 30.0) -> str:
    tasks = stack.task_table()
    try:
        deadline = time.monotonic() + seconds
        while True:
            task = await tasks.get(task_id)
            status = "unknown" if task is None else str(task["status"])
            if status == wanted or time.monotonic() > deadline:
                return status
            await asyncio.sleep(0.2)
    finally:
        await tasks.close()


async def test_replay_after_a_fix_completes_the_meeting_once(stack: Stack) -> None:
    document = meeting_document(11_100)
    document["meeting"]["transcript"] = "palabra " * 100
    too_long = MeetingCreated.model_validate(document)
    strict_worker = stack.start_worker(STREAMPROC_MAX_TRANSCRIPT_CHARS="200")
    await stack.publish([too_long])
    await stack.publish_raw([(b"meeting-garbage", b"{not json")])
    failed = await stack.read(stack.topics.classifications_failed.name, until=2)
    kinds = {dict(record.headers)["streamproc.error.type"].decode() for record in failed}
    assert kinds == {"transcript_too_long", "undecodable"}
    task_id = too_long.effective_task_id
    assert await task_status(stack, task_id, "failed") == "failed"

    dry = replay(stack, "--dry-run", "--error-type", "transcript_too_long")
    assert "selected 1 dead letter(s) (transcript_too_long=1)" in dry.stdout
    assert "dry run: nothing published" in dry.stdout
    limited = replay(stack, "--dry-run", "--limit", "1")
    assert "selected 1 dead letter(s)" in limited.stdout
    assert len(await stack.read(stack.topics.meetings_created.name, until=2, quiet=2)) == 2
    nonsense = stack.cli("replay-dlq", "--error-type", "nonsense")
    assert nonsense.returncode == 2
    assert "unknown error type(s) nonsense; known: " in nonsense.stdout + nonsense.stderr
    assert "transcript_too_long" in nonsense.stdout + nonsense.stderr

    # Replayed before the fix: it fails again, keeping its lineage, and only the new dead
    # letter is selected next time.
    early = replay(stack, "--error-type", "transcript_too_long")
    assert f"replayed 1 to {stack.topics.meetings_created.name}" in early.stdout
    failed = await stack.read(stack.topics.classifications_failed.name, until=3)
    first_copy, second_copy = [r for r in failed if r.value == too_long.model_dump_json().encode()]
    lineage = dict(second_copy.headers)[REPLAYED_FROM_HEADER].decode()
    assert lineage == f"{first_copy.topic}/{first_copy.partition}/{first_copy.offset}"
    again_dry = replay(stack, "--dry-run", "--error-type", "transcript_too_long")
    assert (
        "selected 1 dead letter(s) (transcript_too_long=1); 1 replayed before" in again_dry.stdout
    )
    stop_worker(strict_worker.process, timeout=15)

    stack.start_worker()  # the fix: the default transcript limit
    first = replay(stack, "--error-type", "transcript_too_long")
    assert "selected 1 dead letter(s) (transcript_too_long=1)" in first.stdout
    assert f"replayed 1 to {stack.topics.meetings_created.name}" in first.stdout

    completed = await stack.completed(until=1)
    assert [event["source_event_id"] for event in completed] == [str(too_long.event_id)]
    assert await task_status(stack, task_id, "completed") == "completed"
    inputs = await stack.read(stack.topics.meetings_created.name, until=4)
    replayed = [dict(r.headers) for r in inputs if REPLAYED_FROM_HEADER in dict(r.headers)]
    assert len(replayed) == 2
    assert not any(name.startswith("streamproc.error") for name in replayed[-1])
    origin = replayed[-1][REPLAYED_FROM_HEADER].decode()
    assert re.fullmatch(rf"{re.escape(stack.topics.classifications_failed.name)}/\d+/\d+", origin)
    assert sorted(record.value for record in inputs) == sorted(
        [too_long.model_dump_json().encode()] * 3 + [b"{not json"]
    )

    nothing_new = replay(stack, "--error-type", "transcript_too_long")
    assert "selected 0 dead letter(s) (none); 2 replayed before" in nothing_new.stdout
    forced = replay(stack, "--error-type", "transcript_too_long", "--again")
    assert "replayed 2" in forced.stdout
    again = await stack.completed(until=3)
    assert len(again) == 3
    assert again[0] == again[1] == again[2], "a replay must complete with the identical event"
    assert await stored_count(stack, too_long) == 1
    await verify_until_consistent(stack)
