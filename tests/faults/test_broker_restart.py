"""Scenario 6: the broker restarted under a running worker.

The embedded broker's default storage is memory, which a restart wipes; here tansu keeps its
topics, records and committed offsets in a local S3 server (moto), as Apache Kafka keeps them on
disk. The module has its own services because the broker goes down mid-test.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from streamproc.local.devstack import LocalServices, ObjectStore
from tests.conftest import services_folder
from tests.factories import meeting_event
from tests.faults.ledger import check_ledger
from tests.faults.test_faults import (
    CONCURRENCY,
    MEETINGS,
    assert_alive,
    invalid_meeting,
    publish_mixed,
    wait_for_progress,
)
from tests.integration.conftest import Stack, new_stack

pytestmark = [pytest.mark.integration, pytest.mark.faults]

DOWN_SECONDS = 10.0


@pytest.fixture(scope="module")
def durable_services() -> Iterator[LocalServices]:
    with services_folder("durable-broker") as root:
        store = ObjectStore(root / "s3")
        store.start()
        local = LocalServices(root)
        local.broker = store.broker(root / "broker")
        local.start()
        yield local
        local.stop()
        store.stop()


@pytest.fixture
async def durable_stack(durable_services: LocalServices, tmp_path: Path) -> AsyncIterator[Stack]:
    test_stack = await new_stack(durable_services, tmp_path, "streamproc-broker-restart")
    try:
        yield test_stack
    finally:
        test_stack.stop_workers()


async def test_a_broker_restart_mid_stream_loses_and_duplicates_nothing(
    durable_stack: Stack, durable_services: LocalServices
) -> None:
    started = time.monotonic()
    events = [meeting_event(number) for number in range(700_000, 700_000 + MEETINGS)]
    invalid = [invalid_meeting(number) for number in range(709_000, 709_010)]
    worker = durable_stack.start_worker(STREAMPROC_CONCURRENCY=CONCURRENCY)
    await publish_mixed(durable_stack, events, invalid)

    done = await wait_for_progress(durable_stack, 300)
    assert done < len(events), "the restart must land mid-run"
    broker = durable_services.broker
    port = broker.port
    broker.stop()
    try:
        await asyncio.sleep(DOWN_SECONDS)
        assert_alive(worker)
    finally:
        broker.start()
    assert broker.port == port, "the worker's bootstrap servers name the first port"

    summary = await check_ledger(durable_stack, events, invalid, seconds=240)
    assert_alive(worker)
    print(f"{summary} seconds={time.monotonic() - started:.1f}")
