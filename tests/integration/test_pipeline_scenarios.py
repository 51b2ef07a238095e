"""The pipeline's scenarios (tests/scenarios/pipeline.py) on the real adapters: PostgreSQL, a
Redis of the test's own (stopped and started again for the outage), the broker."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from streamproc.events import MeetingCreated
from streamproc.local.devstack import Redis
from streamproc.store.postgres import ClassificationStore, StoredClassification
from streamproc.store.tasks import TaskTable
from streamproc.stream.pipeline import MeetingPipeline
from streamproc.stream.publishing import KafkaPublisher
from tests.integration.conftest import Stack
from tests.scenarios.pipeline import SCENARIOS, CountingClassifier, build_pipeline

pytestmark = pytest.mark.integration

SCENARIO_IDS = [scenario.__name__ for scenario in SCENARIOS]


class RealHarness:
    def __init__(
        self,
        stack: Stack,
        store: ClassificationStore,
        tasks: TaskTable,
        redis: Redis,
        publisher: KafkaPublisher,
    ) -> None:
        self.topics = stack.topics
        self._stack = stack
        self._store = store
        self._tasks = tasks
        self._redis = redis
        self._publisher = publisher

    def pipeline(
        self, classifier: CountingClassifier, stopping: Callable[[], bool] = lambda: False
    ) -> MeetingPipeline:
        return build_pipeline(
            self.topics, classifier, self._store, self._tasks, self._publisher, stopping
        )

    async def stored(self, event: MeetingCreated) -> StoredClassification | None:
        return await self._store.find(event.event_id)

    async def task_status(self, task_id: str) -> str | None:
        task = await self._tasks.get(task_id)
        return None if task is None else str(task["status"])

    async def published(
        self, topic: str, count: int
    ) -> list[tuple[bytes | None, dict[str, bytes]]]:
        records = await self._stack.read(topic, until=count, seconds=60)
        assert len(records) >= count, f"{len(records)} record(s) on {topic}, not {count}"
        return [(item.value, dict(item.headers)) for item in records[:count]]

    @asynccontextmanager
    async def task_table_outage(self) -> AsyncIterator[None]:
        self._redis.stop()
        try:
            yield
        finally:
            self._redis.start()  # the same port: the task table reconnects


@pytest.fixture
async def harness(stack: Stack, tmp_path: Path) -> AsyncIterator[RealHarness]:
    redis = Redis(tmp_path / "redis")
    redis.start()
    store = await ClassificationStore.connect(stack.settings.database_url, pool_size=4)
    await store.ensure_schema()
    tasks = TaskTable.from_url(redis.url, 3600)
    try:
        async with KafkaPublisher.opened(stack.settings) as publisher:
            yield RealHarness(stack, store, tasks, redis, publisher)
    finally:
        await tasks.close()
        await store.close()
        redis.stop()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=SCENARIO_IDS)
async def test_scenario_on_real_services(scenario, harness: RealHarness) -> None:  # type: ignore[no-untyped-def]
    await scenario(harness)
