"""Cross-check the topics, PostgreSQL and Redis: is every input accounted for, exactly once?

`compare` is pure (plain data in, a report out) so its rules are unit-tested without services;
`observe` gathers that data from the broker and the stores.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

import asyncpg

from streamproc.errors import ConfigurationError
from streamproc.operations import read_topic
from streamproc.settings import Settings
from streamproc.store.tasks import TaskStatus, TaskTable
from streamproc.stream.dead_letters import task_identity
from streamproc.stream.records import InputRecord
from streamproc.stream.topics import Topics

Position = tuple[int, int]  # (partition, offset) of a record in meetings.created

NOT_FINAL: Final = frozenset({TaskStatus.PENDING.value, TaskStatus.PROCESSING.value})
REDIS_CONCURRENCY: Final = 50

# Problem categories, in the order they are reported.
MISSING: Final = "missing (neither completed nor dead-lettered)"
STORED_NOT_PUBLISHED: Final = "in PostgreSQL but not published"
PUBLISHED_NOT_STORED: Final = "published but not in PostgreSQL"
CONFLICTING: Final = "conflicting duplicates (same event_id, different payload)"
UNREADABLE_COMPLETED: Final = "unreadable completed events (partition/offset)"
TASKS_NOT_FINAL: Final = "tasks not final (pending/processing) for finished inputs"
TASKS_MISSING: Final = "tasks missing in Redis"
CATEGORIES: Final = (
    MISSING,
    STORED_NOT_PUBLISHED,
    PUBLISHED_NOT_STORED,
    CONFLICTING,
    UNREADABLE_COMPLETED,
    TASKS_NOT_FINAL,
    TASKS_MISSING,
)


@dataclass(frozen=True)
class Input:
    """A meetings.created record; ids are None when the record is too broken to name them."""

    position: Position
    event_id: str | None
    task_id: str | None

    @property
    def label(self) -> str:
        return self.event_id or f"{self.position[0]}/{self.position[1]}"


@dataclass(frozen=True)
class Completed:
    event_id: str
    source_event_id: str
    payload: str  # canonical JSON, so field order never looks like a conflict


@dataclass(frozen=True)
class Observations:
    inputs: Sequence[Input]
    completed: Sequence[Completed]
    unreadable_completed: Sequence[Position]
    dead_lettered: frozenset[Position]  # source positions named by the dead letters
    stored: frozenset[str]  # source_event_ids with a classification row
    tasks: dict[str, str | None]  # task_id -> status, None when Redis has no such task


@dataclass(frozen=True)
class Report:
    inputs: int
    completed: int
    dead_lettered: int
    problems: dict[str, list[str]] = field(default_factory=dict)  # category -> offending ids

    @property
    def consistent(self) -> bool:
        return not any(self.problems.values())


def compare(observed: Observations) -> Report:
    """Every rule of consistency, over plain data."""
    payloads: dict[str, set[str]] = defaultdict(set)
    for event in observed.completed:
        payloads[event.event_id].add(event.payload)
    completed_sources = {event.source_event_id for event in observed.completed}

    def completed(item: Input) -> bool:
        return item.event_id is not None and item.event_id in completed_sources

    def dead_lettered(item: Input) -> bool:
        return item.position in observed.dead_lettered

    input_event_ids = {item.event_id for item in observed.inputs if item.event_id is not None}
    finished = [item for item in observed.inputs if completed(item) or dead_lettered(item)]
    task_ids = {item.task_id for item in observed.inputs if item.task_id is not None}
    problems = {
        MISSING: _ids(
            item.label
            for item in observed.inputs
            if not completed(item) and not dead_lettered(item)
        ),
        STORED_NOT_PUBLISHED: _ids((observed.stored & input_event_ids) - completed_sources),
        PUBLISHED_NOT_STORED: _ids(completed_sources - observed.stored),
        CONFLICTING: _ids(event_id for event_id, found in payloads.items() if len(found) > 1),
        UNREADABLE_COMPLETED: _ids(f"{p}/{o}" for p, o in observed.unreadable_completed),
        TASKS_NOT_FINAL: _ids(
            item.task_id
            for item in finished
            if item.task_id is not None and observed.tasks.get(item.task_id) in NOT_FINAL
        ),
        TASKS_MISSING: _ids(task for task in task_ids if observed.tasks.get(task) is None),
    }
    return Report(
        inputs=len(observed.inputs),
        completed=len(payloads),
        dead_lettered=sum(dead_lettered(item) for item in observed.inputs),
        problems=problems,
    )


def _ids(values: Iterable[str]) -> list[str]:
    return sorted(set(values))


async def observe(settings: Settings, topics: Topics, since_minutes: float | None) -> Observations:
    """Read the three topics and look up their ids in PostgreSQL and Redis.

    With `since_minutes`, only records written since then count, so tasks that outlived their TTL
    or inputs older than the completed topic's retention do not show as problems.
    """
    cutoff_ms = None if since_minutes is None else (time.time() - since_minutes * 60) * 1000
    inputs_topic, completed_topic, failed_topic = await asyncio.gather(
        read_topic(settings, topics.meetings_created.name),
        read_topic(settings, topics.classifications_completed.name),
        read_topic(settings, topics.classifications_failed.name),
    )

    def recent(records: list[InputRecord]) -> list[InputRecord]:
        if cutoff_ms is None:
            return records
        return [r for r in records if r.timestamp_ms is not None and r.timestamp_ms >= cutoff_ms]

    inputs = [_input(record) for record in recent(inputs_topic)]
    completed: list[Completed] = []
    unreadable: list[Position] = []
    for record in recent(completed_topic):
        event = _completed(record)
        if event is None:
            unreadable.append((record.partition, record.offset))
        else:
            completed.append(event)
    dead_lettered = frozenset(
        position
        for record in recent(failed_topic)
        if (position := _source_position(record, topics.meetings_created.name)) is not None
    )
    event_ids = {item.event_id for item in inputs if item.event_id is not None}
    event_ids |= {event.source_event_id for event in completed}
    task_ids = sorted({item.task_id for item in inputs if item.task_id is not None})
    return Observations(
        inputs=inputs,
        completed=completed,
        unreadable_completed=unreadable,
        dead_lettered=dead_lettered,
        stored=await _stored(settings.database_url, event_ids),
        tasks=await _task_statuses(settings, task_ids),
    )


def _input(record: InputRecord) -> Input:
    identity = task_identity(record.value)
    position = (record.partition, record.offset)
    if identity is None:
        return Input(position, None, None)
    return Input(position, identity.event_id or None, identity.task_id)


def _completed(record: InputRecord) -> Completed | None:
    try:
        document = json.loads(record.value or b"")
        return Completed(
            event_id=str(uuid.UUID(document["event_id"])),
            source_event_id=str(uuid.UUID(document["source_event_id"])),
            payload=json.dumps(document, sort_keys=True),
        )
    except (ValueError, TypeError, KeyError, RecursionError):  # JSONDecodeError is a ValueError
        return None


def _source_position(record: InputRecord, source_topic: str) -> Position | None:
    headers = {name: value.decode("utf-8", errors="replace") for name, value in record.headers}
    if headers.get("streamproc.source.topic") != source_topic:
        return None
    try:
        return int(headers["streamproc.source.partition"]), int(headers["streamproc.source.offset"])
    except (KeyError, ValueError):
        return None


async def _stored(database_url: str, event_ids: set[str]) -> frozenset[str]:
    try:
        connection = await asyncpg.connect(database_url)
    except (OSError, asyncpg.PostgresError) as error:
        raise ConfigurationError(f"cannot reach PostgreSQL: {error}") from error
    try:
        rows = await connection.fetch(
            "SELECT source_event_id FROM classifications WHERE source_event_id = ANY($1::uuid[])",
            [uuid.UUID(event_id) for event_id in event_ids],
        )
    except asyncpg.UndefinedTableError as error:
        raise ConfigurationError("database not migrated; run `streamproc migrate`") from error
    finally:
        await connection.close()
    return frozenset(str(row["source_event_id"]) for row in rows)


async def _task_statuses(settings: Settings, task_ids: list[str]) -> dict[str, str | None]:
    limit = asyncio.Semaphore(REDIS_CONCURRENCY)
    async with TaskTable.opened(settings.redis_url, settings.task_ttl_seconds) as tasks:

        async def status(task_id: str) -> str | None:
            async with limit:
                task = await tasks.get(task_id)
            return None if task is None else str(task.get("status"))

        statuses = await asyncio.gather(*(status(task_id) for task_id in task_ids))
    return dict(zip(task_ids, statuses, strict=True))
