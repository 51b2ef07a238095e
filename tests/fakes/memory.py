"""In-memory stand-ins for the pipeline's ports: the fast tier of the scenario suite.

They keep the rules the real adapters keep (one result per source event_id, reuse per meeting,
transcript and classifier version; statuses that only move forward), and can be made unavailable
to act out an outage. The same scenarios run against PostgreSQL, Redis and the broker in
tests/integration: those are the judge.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from streamproc.classify.base import ClassifierResult
from streamproc.errors import TransientError
from streamproc.events import ClassifierInfo, MeetingCreated, derive_completed_event_id, utc_now
from streamproc.store.postgres import StoredClassification, transcript_sha256
from streamproc.store.tasks import STATUS_RANK, TaskStatus


class _Outages:
    """A dependency that can be taken down: every call raises `TransientError` meanwhile."""

    dependency = "memory"

    def __init__(self) -> None:
        self.down = False

    def _call(self) -> None:
        if self.down:
            raise TransientError(self.dependency, "unavailable (outage acted out)")

    @asynccontextmanager
    async def outage(self) -> AsyncIterator[None]:
        self.down = True
        try:
            yield
        finally:
            self.down = False


class MemoryStore(_Outages):
    dependency = "postgres"

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[Any, StoredClassification] = {}
        self.transcripts: dict[Any, tuple[str, str]] = {}  # event_id -> (meeting, sha256)

    async def find_reusable(
        self, event: MeetingCreated, classifier: ClassifierInfo
    ) -> StoredClassification | None:
        self._call()
        if event.event_id in self.rows:
            return self.rows[event.event_id]
        wanted = (event.meeting.meeting_id, transcript_sha256(event.meeting.transcript))
        same = (classifier.name, classifier.model, classifier.version)
        return next(
            (
                row
                for event_id, row in self.rows.items()
                if self.transcripts[event_id] == wanted
                and (row.classifier.name, row.classifier.model, row.classifier.version) == same
                and not row.classifier.fallback
                and row.reused_from is None
            ),
            None,
        )

    async def save(
        self,
        event: MeetingCreated,
        result: ClassifierResult,
        classification_seconds: float,
        reused_from: Any = None,
    ) -> StoredClassification:
        self._call()
        if event.event_id not in self.rows:
            self.rows[event.event_id] = StoredClassification(
                source_event_id=event.event_id,
                event_id=derive_completed_event_id(event.event_id),
                task_id=event.effective_task_id,
                meeting_id=event.meeting.meeting_id,
                classification=result.classification,
                classifier=result.classifier,
                usage=result.usage,
                classification_seconds=classification_seconds,
                source_occurred_at=event.occurred_at,
                classified_at=utc_now(),
                reused_from=reused_from,
            )
            self.transcripts[event.event_id] = (
                event.meeting.meeting_id,
                transcript_sha256(event.meeting.transcript),
            )
        return self.rows[event.event_id]


class MemoryTasks(_Outages):
    dependency = "redis"

    def __init__(self) -> None:
        super().__init__()
        self.tasks: dict[str, dict[str, str]] = {}

    def _advance(self, task_id: str, status: TaskStatus, **fields: str) -> bool:
        self._call()
        task = self.tasks.setdefault(task_id, {})
        if "status" in task and STATUS_RANK[TaskStatus(task["status"])] > STATUS_RANK[status]:
            return False
        task.update(status=status.value, **fields)
        return True

    async def mark_processing(self, task_id: str, meeting_id: str, event_id: str) -> bool:
        return self._advance(
            task_id, TaskStatus.PROCESSING, meeting_id=meeting_id, event_id=event_id
        )

    async def mark_completed(self, task_id: str, result_json: str, result_ref: str) -> bool:
        return self._advance(
            task_id, TaskStatus.COMPLETED, result=result_json, result_ref=result_ref
        )

    async def mark_failed(self, task_id: str, error: str, **fields: str) -> bool:
        return self._advance(task_id, TaskStatus.FAILED, error=error, **fields)


@dataclass
class MemoryPublisher:
    records: list[tuple[str, bytes | None, bytes | None, list[tuple[str, bytes]]]] = field(
        default_factory=list
    )

    async def publish(
        self, topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]
    ) -> None:
        self.records.append((topic, key, value, headers))
