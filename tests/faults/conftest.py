"""Services of their own for the fault scenarios, and a per-test `Stack` on them.

The scenarios stop PostgreSQL and Redis under a running worker: on the session-wide `services`
of the integration tests that would break whichever test ran next, so this module starts its own.
Each test gets unique topics and a consumer group, as in tests/integration/conftest.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from streamproc.local.devstack import LocalServices
from tests.conftest import running_services
from tests.integration.conftest import Stack, new_stack


@pytest.fixture(scope="module")
def fault_services() -> Iterator[LocalServices]:
    with running_services("fault-services") as local:
        yield local


def ensure_running(services: LocalServices) -> None:
    """Bring back a dependency a failed scenario left stopped, so the next one starts clean."""
    if services.postgres.server is None:
        services.postgres.start()
    if services.redis.process is None or services.redis.process.poll() is not None:
        services.redis.start()


@pytest.fixture
async def fault_stack(fault_services: LocalServices, tmp_path: Path) -> AsyncIterator[Stack]:
    ensure_running(fault_services)
    test_stack = await new_stack(fault_services, tmp_path, "streamproc-faults")
    try:
        yield test_stack
    finally:
        test_stack.stop_workers()
        ensure_running(fault_services)
