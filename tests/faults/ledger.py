"""The one accounting check every fault scenario ends with.

After any fault, every published meeting must be accounted for exactly once: one PostgreSQL row per
source event_id, one logical completed event (duplicates allowed, but byte-identical), or one dead
letter for invalid input, and no Redis task stuck before a final status.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from streamproc.events import MeetingCreated, derive_completed_event_id, derive_task_id
from streamproc.store.tasks import TaskStatus
from tests.integration.conftest import Stack

FINAL_STATUSES = {TaskStatus.COMPLETED.value, TaskStatus.FAILED.value}


@dataclass(frozen=True)
class InvalidRecord:
    """A record the worker must dead-letter; `task_id` is set when the record names its task."""

    key: bytes
    value: bytes
    task_id: str | None = None
    event_id: uuid.UUID | None = None


@dataclass(frozen=True)
class LedgerSummary:
    """What the check saw, for the test to print: redeliveries are allowed, so they are counted."""

    meetings: int
    completed_records: int
    completed_duplicates: int
    dead_letter_records: int
    dead_letter_duplicates: int

    def __str__(self) -> str:
        return (
            f"meetings={self.meetings} completed_records={self.completed_records} "
            f"completed_duplicates={self.completed_duplicates} "
            f"dead_letters={self.dead_letter_records} "
            f"dead_letter_duplicates={self.dead_letter_duplicates}"
        )


async def check_ledger(
    stack: Stack,
    events: Sequence[MeetingCreated],
    invalid: Sequence[InvalidRecord] = (),
    *,
    seconds: float = 60.0,
) -> LedgerSummary:
    """Assert that every input is accounted for exactly once; return what was seen."""
    source_ids = {str(event.event_id) for event in events}
    assert len(source_ids) == len(events), "the scenario must publish distinct event_ids"

    completed = await stack.read_until(
        stack.topics.classifications_completed.name,
        lambda records: distinct_sources(records) >= source_ids,
        seconds=seconds,
        quiet=2.0,  # late redeliveries still count as duplicates
    )
    by_event_id: dict[str, list[bytes]] = defaultdict(list)
    for record in completed:
        by_event_id[_json_field(record.value, "event_id")].append(record.value)
    logical: dict[str, str] = {}
    for event_id, values in by_event_id.items():
        assert all(value == values[0] for value in values), (
            f"duplicates of completed event {event_id} differ"
        )
        source_event_id = _json_field(values[0], "source_event_id")
        assert event_id == str(derive_completed_event_id(uuid.UUID(source_event_id)))
        logical[event_id] = source_event_id
    completed_sources = Counter(logical.values())
    missing = source_ids - completed_sources.keys()
    assert not missing, f"{len(missing)} meetings never completed, e.g. {sorted(missing)[:3]}"
    extra = completed_sources.keys() - source_ids
    assert not extra, f"{len(extra)} completed events for meetings never published"
    assert len(logical) == len(events)

    dead_letters: list[Any] = []
    if invalid:
        dead_letters = await stack.read_until(
            stack.topics.classifications_failed.name,
            lambda records: (
                len({_dead_letter_source(record) for record in records}) >= len(invalid)
            ),
            seconds=seconds,
            quiet=2.0,
        )
    # A redelivered dead letter repeats the same source partition and offset.
    by_source: dict[tuple[str, str], bytes] = {}
    for record in dead_letters:
        identity = _dead_letter_source(record)
        assert by_source.setdefault(identity, record.value) == record.value
    assert Counter(by_source.values()) == Counter(item.value for item in invalid), (
        "every invalid record must be dead-lettered exactly once after dedupe"
    )

    connection = await stack.database()
    try:
        rows = await connection.fetch(
            "SELECT source_event_id::text AS id, count(*) AS n FROM classifications "
            "WHERE source_event_id = ANY($1::uuid[]) GROUP BY source_event_id",
            [*source_ids, *(str(item.event_id) for item in invalid if item.event_id)],
        )
    finally:
        await connection.close()
    stored = {row["id"]: row["n"] for row in rows}
    assert all(count == 1 for count in stored.values()), "a source event_id stored twice"
    assert stored.keys() == source_ids, (
        f"PostgreSQL rows: {len(source_ids - stored.keys())} missing, "
        f"{len(stored.keys() - source_ids)} unexpected (invalid input stored?)"
    )

    expected_status = {
        derive_task_id(event.event_id): TaskStatus.COMPLETED.value for event in events
    }
    for event in events:
        if event.task_id is not None:
            expected_status[event.task_id] = expected_status.pop(derive_task_id(event.event_id))
    for item in invalid:
        if item.task_id is not None:
            expected_status[item.task_id] = TaskStatus.FAILED.value
    missing_tasks: list[str] = []
    non_final: list[str] = []
    wrong: list[str] = []
    table = stack.task_table()
    try:
        for task_id, status in expected_status.items():
            task = await table.get(task_id)
            if task is None:
                missing_tasks.append(task_id)
            elif task["status"] not in FINAL_STATUSES:
                non_final.append(f"{task_id}={task['status']}")
            elif task["status"] != status:
                wrong.append(f"{task_id}={task['status']} (expected {status})")
    finally:
        await table.close()
    assert not non_final, f"{len(non_final)} tasks left non-final: {non_final[:5]}"
    assert not wrong, f"{len(wrong)} tasks with the wrong final status: {wrong[:5]}"
    assert not missing_tasks, f"{len(missing_tasks)} tasks missing from Redis: {missing_tasks[:5]}"

    return LedgerSummary(
        meetings=len(events),
        completed_records=len(completed),
        completed_duplicates=len(completed) - len(logical),
        dead_letter_records=len(dead_letters),
        dead_letter_duplicates=len(dead_letters) - len(by_source),
    )


def _dead_letter_source(record: Any) -> tuple[str, str]:
    """A dead letter's source partition and offset: the same for every redelivered copy."""
    headers = {name: value.decode() for name, value in record.headers}
    return headers["streamproc.source.partition"], headers["streamproc.source.offset"]


def _json_field(value: bytes | None, name: str) -> str:
    document: dict[str, Any] = json.loads(value or b"{}")
    return str(document[name])


def distinct_sources(records: Sequence[Any]) -> set[str]:
    """The source event_ids of completed-event records, duplicates collapsed."""
    return {_json_field(record.value, "source_event_id") for record in records}
