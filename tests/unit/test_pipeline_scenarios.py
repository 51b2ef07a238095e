"""The pipeline's scenarios (tests/scenarios/pipeline.py) on in-memory ports: fast, no services."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest

from streamproc.events import MeetingCreated
from streamproc.store.postgres import StoredClassification
from streamproc.stream.pipeline import MeetingPipeline
from streamproc.stream.topics import Topics, TopicSpec
from tests.fakes.memory import MemoryPublisher, MemoryStore, MemoryTasks
from tests.scenarios.pipeline import SCENARIOS, CountingClassifier, build_pipeline

SCENARIO_IDS = [scenario.__name__ for scenario in SCENARIOS]


class MemoryHarness:
    def __init__(self) -> None:
        self.topics = Topics(
            meetings_created=TopicSpec(name="in", partitions=1),
            classifications_completed=TopicSpec(name="out", partitions=1),
            classifications_failed=TopicSpec(name="dead", partitions=1),
        )
        self.store = MemoryStore()
        self.tasks = MemoryTasks()
        self.publisher = MemoryPublisher()

    def pipeline(
        self, classifier: CountingClassifier, stopping: Callable[[], bool] = lambda: False
    ) -> MeetingPipeline:
        return build_pipeline(
            self.topics, classifier, self.store, self.tasks, self.publisher, stopping
        )

    async def stored(self, event: MeetingCreated) -> StoredClassification | None:
        return self.store.rows.get(event.event_id)

    async def task_status(self, task_id: str) -> str | None:
        return self.tasks.tasks.get(task_id, {}).get("status")

    async def published(
        self, topic: str, count: int
    ) -> list[tuple[bytes | None, dict[str, bytes]]]:
        for _ in range(1000):  # the meetings in flight publish as they finish
            found = [
                (value, dict(headers))
                for name, _, value, headers in self.publisher.records
                if name == topic
            ]
            if len(found) >= count:
                return found[:count]
            await asyncio.sleep(0.01)
        raise AssertionError(f"{len(found)} record(s) on {topic}, not {count}")

    def task_table_outage(self) -> AbstractAsyncContextManager[None]:
        return self.tasks.outage()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=SCENARIO_IDS)
async def test_scenario_on_memory(scenario) -> None:  # type: ignore[no-untyped-def]
    await scenario(MemoryHarness())
