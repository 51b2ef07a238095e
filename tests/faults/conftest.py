"""Services of their own for the fault scenarios, and a per-test `Stack` on them.

The scenarios stop PostgreSQL and Redis under a running worker: on the session-wide `services`
of the integration tests that would break whichever test ran next, so this module starts its own.
Each test gets unique topics and a consumer group, as in tests/integration/conftest.py.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import yaml

from streamproc.devstack import LocalServices
from streamproc.quickstart import LOCAL_BROKER_ENVIRONMENT, stop_worker
from streamproc.settings import Settings
from streamproc.stream.topics import TopicAdmin, Topics
from tests.integration.conftest import REPO, TEST_PARTITIONS, Stack


@pytest.fixture(scope="module")
def fault_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServices]:
    local = LocalServices(tmp_path_factory.mktemp("fault-services"))
    local.start()
    yield local
    local.stop()


def ensure_running(services: LocalServices) -> None:
    """Bring back a dependency a failed scenario left stopped, so the next one starts clean."""
    if services.postgres.server is None:
        services.postgres.start()
    if services.redis.process is None or services.redis.process.poll() is not None:
        services.redis.start()


@pytest.fixture
async def fault_stack(fault_services: LocalServices, tmp_path: Path) -> AsyncIterator[Stack]:
    ensure_running(fault_services)
    suffix = uuid.uuid4().hex[:8]
    document = yaml.safe_load((REPO / "topics.yaml").read_text("utf-8"))
    for spec in document.values():
        spec["name"] = f"{spec['name']}.{suffix}"
        spec["partitions"] = TEST_PARTITIONS
    topics_file = tmp_path / "topics.yaml"
    topics_file.write_text(yaml.safe_dump(document), "utf-8")
    environment = {
        **fault_services.environment(),
        **LOCAL_BROKER_ENVIRONMENT,
        "STREAMPROC_TOPICS_FILE": str(topics_file),
        "STREAMPROC_CONSUMER_GROUP": f"streamproc-faults-{suffix}",
        "STREAMPROC_RETRY_MAX_SECONDS": "1",
    }
    settings = Settings.model_validate(environment)
    topics = Topics.load(topics_file)
    async with TopicAdmin(settings.kafka_bootstrap_servers) as admin:
        await admin.apply(topics)
    test_stack = Stack(environment, settings, topics, tmp_path)
    try:
        yield test_stack
    finally:
        for worker in test_stack.workers:
            stop_worker(worker.process, timeout=15)
        ensure_running(fault_services)
