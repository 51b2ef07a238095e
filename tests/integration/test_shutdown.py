"""SIGTERM: a worker stops fetching, lets in-flight meetings finish within its grace period,
commits what is done and exits; what it abandons is redelivered, never lost."""

from __future__ import annotations

import asyncio
import signal
import time

import pytest

from streamproc.events import MeetingCreated
from tests.factories import meeting_event
from tests.fakes.chat_completions import Delay, FakeChatCompletions
from tests.integration.conftest import Stack, Worker

pytestmark = pytest.mark.integration


async def wait_for_requests(llm: FakeChatCompletions, count: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while len(llm.completions()) < count:
        assert time.monotonic() < deadline, f"only {len(llm.completions())} of {count} requests"
        await asyncio.sleep(0.1)


def terminate(worker: Worker, seconds: float = 60) -> float:
    """SIGTERM, then how long the worker took to exit; it must exit cleanly."""
    started = time.monotonic()
    worker.process.send_signal(signal.SIGTERM)
    assert worker.process.wait(timeout=seconds) == 0, worker.log()[-3000:]
    return time.monotonic() - started


def event_ids(events: list[MeetingCreated]) -> list[str]:
    return sorted(str(event.event_id) for event in events)


async def stored_event_ids(stack: Stack, events: list[MeetingCreated]) -> list[str]:
    """Which of these events have a classification in PostgreSQL."""
    connection = await stack.database()
    try:
        rows = await connection.fetch(
            "SELECT source_event_id FROM classifications WHERE source_event_id = ANY($1)",
            [event.event_id for event in events],
        )
    finally:
        await connection.close()
    return sorted(str(row["source_event_id"]) for row in rows)


async def test_in_flight_meetings_finish_and_are_committed_before_the_worker_exits(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    events = [meeting_event(12_000 + number) for number in range(8)]
    llm.default = Delay(3.0)
    worker = stack.start_llm_worker(
        llm.base_url,
        STREAMPROC_CONCURRENCY="8",
        STREAMPROC_LLM_TIMEOUT_SECONDS="30",
        STREAMPROC_SHUTDOWN_GRACE_SECONDS="20",
    )
    await stack.publish(events)
    await wait_for_requests(llm, len(events))

    took = terminate(worker)

    assert took < 15, f"exited after {took:.1f} s"
    assert "abandoned" not in worker.log()
    assert await stored_event_ids(stack, events) == event_ids(events)
    # A restarted worker starts after the committed offsets: only the new meeting is processed,
    # so each completed event appears once.
    llm.default = Delay(0.0)
    stack.start_llm_worker(llm.base_url)
    later = meeting_event(12_008)
    await stack.publish([later])
    completed = await stack.completed(until=len(events) + 1, quiet=3)
    assert sorted(c["source_event_id"] for c in completed) == event_ids([*events, later])


async def test_the_grace_period_bounds_shutdown_and_abandoned_meetings_are_redelivered(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    events = [meeting_event(12_050 + number) for number in range(4)]
    llm.default = Delay(60.0)
    worker = stack.start_llm_worker(
        llm.base_url,
        STREAMPROC_CONCURRENCY="4",
        STREAMPROC_LLM_TIMEOUT_SECONDS="120",
        STREAMPROC_SHUTDOWN_GRACE_SECONDS="2",
    )
    await stack.publish(events)
    await wait_for_requests(llm, len(events))

    took = terminate(worker)

    assert 2 <= took < 12, f"exited after {took:.1f} s"
    assert "abandoned 4 in-flight meetings" in worker.log()
    assert await stored_event_ids(stack, events) == []
    llm.default = Delay(0.0)
    stack.start_llm_worker(llm.base_url)
    completed = await stack.completed(until=len(events), quiet=3)
    assert sorted(c["source_event_id"] for c in completed) == event_ids(events)
    assert await stored_event_ids(stack, events) == event_ids(events)
