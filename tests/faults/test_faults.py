"""Fault injection: kill workers and stop dependencies mid-stream, then account for every meeting.

Each scenario publishes its meetings up front, injects the fault once some but not all completed
events have appeared, lets the system recover and ends with the same ledger check. Event numbers
differ per scenario because the module's PostgreSQL is shared by its tests.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import signal
import time
import uuid
from collections import Counter

import pytest

from streamproc.events import MeetingCreated, derive_task_id
from streamproc.local.devstack import LocalServices
from streamproc.settings import IN_FLIGHT_PER_CLASSIFICATION
from tests.factories import meeting_document, meeting_event
from tests.fakes.chat_completions import Delay, FakeChatCompletions, Status, Valid
from tests.faults.ledger import InvalidRecord, check_ledger, distinct_sources
from tests.integration.conftest import Stack, Worker

pytestmark = [pytest.mark.integration, pytest.mark.faults]

CONCURRENCY = "16"
MEETINGS = 3000  # per scenario, plus a few invalid records
OUTAGE_SECONDS = 20.0


def invalid_meeting(number: int) -> InvalidRecord:
    """A meeting with an empty transcript: dead-lettered, and its task marked failed."""
    document = meeting_document(number)
    document["meeting"]["transcript"] = ""
    event_id = uuid.UUID(document["event_id"])
    return InvalidRecord(
        key=document["meeting"]["meeting_id"].encode(),
        value=json.dumps(document).encode(),
        task_id=derive_task_id(event_id),
        event_id=event_id,
    )


async def publish_mixed(
    stack: Stack, events: list[MeetingCreated], invalid: list[InvalidRecord]
) -> None:
    """Invalid records spread through the valid ones, so faults also hit the dead-letter path."""
    records = [(e.meeting.meeting_id.encode(), e.model_dump_json().encode()) for e in events]
    step = max(1, len(records) // max(1, len(invalid)))
    for index, item in enumerate(invalid):
        records.insert(index * (step + 1), (item.key, item.value))
    await stack.publish_raw(records)


async def wait_for_progress(stack: Stack, at_least: int, seconds: float = 60.0) -> int:
    """How many distinct meetings have completed, once at least `at_least` have."""
    records = await stack.read_until(
        stack.topics.classifications_completed.name,
        lambda seen: len(distinct_sources(seen)) >= at_least,
        seconds=seconds,
        quiet=0,
    )
    done = len(distinct_sources(records))
    assert done >= at_least, f"only {done} meetings completed within {seconds} s"
    return done


def kill(worker: Worker) -> None:
    worker.process.send_signal(signal.SIGKILL)
    worker.process.wait()


def assert_alive(worker: Worker) -> None:
    code = worker.process.poll()
    assert code is None, f"the worker exited with {code}; log tail:\n{worker.log()[-3000:]}"


async def test_repeated_sigkill_of_the_worker_loses_and_duplicates_nothing(
    fault_stack: Stack,
) -> None:
    """Five SIGKILLs mid-batch at concurrency 16: every restart resumes from committed offsets."""
    started = time.monotonic()
    events = [meeting_event(number) for number in range(100_000, 100_000 + MEETINGS)]
    invalid = [invalid_meeting(number) for number in range(109_000, 109_020)]
    await publish_mixed(fault_stack, events, invalid)

    worker = fault_stack.start_worker(STREAMPROC_CONCURRENCY=CONCURRENCY)
    kills = 0
    for threshold in (150, 400, 650, 900, 1150):
        done = await wait_for_progress(fault_stack, threshold)
        assert done < len(events), "the kill must land mid-run"
        assert_alive(worker)
        kill(worker)
        kills += 1
        worker = fault_stack.start_worker(STREAMPROC_CONCURRENCY=CONCURRENCY)

    summary = await check_ledger(fault_stack, events, invalid, seconds=180)
    assert_alive(worker)
    print(f"kills={kills} {summary} seconds={time.monotonic() - started:.1f}")


async def test_postgres_outage_stalls_the_worker_which_then_finishes(
    fault_stack: Stack, fault_services: LocalServices
) -> None:
    """PostgreSQL stopped for 20 s under load: the worker retries, stays up and loses nothing."""

    started = time.monotonic()
    events = [meeting_event(number) for number in range(200_000, 200_000 + MEETINGS)]
    invalid = [invalid_meeting(number) for number in range(209_000, 209_010)]
    worker = fault_stack.start_worker(STREAMPROC_CONCURRENCY=CONCURRENCY)
    await publish_mixed(fault_stack, events, invalid)

    done = await wait_for_progress(fault_stack, 200)
    assert done < len(events), "the outage must start mid-run"
    fault_services.postgres.stop()
    try:
        # Backpressure: once the meetings in flight are stuck, the worker takes no more.
        await asyncio.sleep(5)
        taken = worker.metric("streamproc_events_consumed_total")
        await asyncio.sleep(OUTAGE_SECONDS - 5)
        assert worker.metric("streamproc_events_consumed_total") == taken
        in_flight_bound = IN_FLIGHT_PER_CLASSIFICATION * int(CONCURRENCY)
        assert worker.metric("streamproc_events_in_flight") <= in_flight_bound
        assert_alive(worker)
    finally:
        fault_services.postgres.start()
    assert "transient failure dependency=postgres" in worker.log()

    summary = await check_ledger(fault_stack, events, invalid, seconds=180)
    assert_alive(worker)
    print(f"{summary} seconds={time.monotonic() - started:.1f}")


async def test_redis_outage_stalls_the_worker_which_then_finishes(
    fault_stack: Stack, fault_services: LocalServices
) -> None:
    """Redis stopped for 20 s and started on the same port (its AOF keeps the task statuses):
    the worker retries and loses nothing."""
    started = time.monotonic()
    events = [meeting_event(number) for number in range(300_000, 300_000 + MEETINGS)]
    invalid = [invalid_meeting(number) for number in range(309_000, 309_010)]
    worker = fault_stack.start_worker(STREAMPROC_CONCURRENCY=CONCURRENCY)
    await publish_mixed(fault_stack, events, invalid)

    done = await wait_for_progress(fault_stack, 200)
    assert done < len(events), "the outage must start mid-run"
    port = fault_services.redis.port
    fault_services.redis.stop()
    try:
        await asyncio.sleep(OUTAGE_SECONDS)
        assert_alive(worker)
    finally:
        fault_services.redis.start()
    assert fault_services.redis.port == port, "the worker's REDIS_URL names the first port"
    assert "transient failure dependency=redis" in worker.log()

    summary = await check_ledger(fault_stack, events, invalid, seconds=180)
    assert_alive(worker)
    print(f"{summary} seconds={time.monotonic() - started:.1f}")


async def wait_until_ready(workers: list[Worker], seconds: float = 60.0) -> None:
    """Both workers have joined the group, so the partitions are split between them."""
    deadline = time.monotonic() + seconds
    while not all("Worker ready" in worker.log() for worker in workers):
        assert time.monotonic() < deadline, "the workers did not join the group"
        for worker in workers:
            assert_alive(worker)
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)


async def test_a_killed_group_member_hands_its_partitions_to_the_other(
    fault_stack: Stack,
) -> None:
    """Two workers in one consumer group; SIGKILL one and the survivor finishes its partitions."""
    started = time.monotonic()
    events = [meeting_event(number) for number in range(400_000, 400_000 + MEETINGS)]
    invalid = [invalid_meeting(number) for number in range(409_000, 409_010)]
    doomed = fault_stack.start_worker(STREAMPROC_CONCURRENCY=CONCURRENCY)
    survivor = fault_stack.start_worker(STREAMPROC_CONCURRENCY=CONCURRENCY)
    await wait_until_ready([doomed, survivor])
    await publish_mixed(fault_stack, events, invalid)

    done = await wait_for_progress(fault_stack, 400)
    assert done < len(events), "the kill must land mid-run"
    assert doomed.metric("streamproc_events_consumed_total") > 0, "both members must own partitions"
    assert survivor.metric("streamproc_events_consumed_total") > 0, (
        "both members must own partitions"
    )
    kill(doomed)

    summary = await check_ledger(fault_stack, events, invalid, seconds=180)
    assert_alive(survivor)
    print(f"{summary} seconds={time.monotonic() - started:.1f}")


async def llm_storm(llm: FakeChatCompletions, seconds: float) -> None:
    """For `seconds`, every request fails: 429 (with Retry-After), 500, 503 or a timeout."""
    failures = itertools.cycle([Status(429, retry_after=0.5), Status(500), Status(503), Delay(3.0)])
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            llm.default = next(failures)
            await asyncio.sleep(0.2)
    finally:
        llm.default = Valid()


async def test_llm_storms_delay_meetings_but_lose_and_misclassify_none(
    fault_stack: Stack, llm: FakeChatCompletions
) -> None:
    """429/5xx storms and timeouts for 20 s under load. With the `dead_letter` policy nothing is
    classified offline: every meeting waits, retried, until the LLM answers."""
    started = time.monotonic()
    events = [meeting_event(number) for number in range(600_000, 600_000 + MEETINGS)]
    invalid = [invalid_meeting(number) for number in range(609_000, 609_010)]
    worker = fault_stack.start_llm_worker(
        llm.base_url,
        STREAMPROC_CONCURRENCY=CONCURRENCY,
        STREAMPROC_LLM_FALLBACK="dead_letter",
        # The scenario is about failures, not rate limits: let the limiter stay out of the way.
        STREAMPROC_LLM_REQUESTS_PER_MINUTE="1000000",
        STREAMPROC_LLM_TOKENS_PER_MINUTE="1000000000",
    )
    await publish_mixed(fault_stack, events, invalid)

    done = await wait_for_progress(fault_stack, 200)
    assert done < len(events), "the storm must start mid-run"
    await llm_storm(llm, OUTAGE_SECONDS)
    assert_alive(worker)
    assert "transient failure dependency=llm" in worker.log()

    summary = await check_ledger(fault_stack, events, invalid, seconds=180)
    assert_alive(worker)
    outcomes = Counter(request.outcome for request in llm.completions())
    for failure in ("Status(429)", "Status(500)", "Status(503)", "Delay(Valid)"):
        assert outcomes[failure] > 0, f"the storm sent no {failure}: {outcomes}"
    completed = await fault_stack.completed(until=len(events))
    fallbacks = [c for c in completed if c["classifier"]["fallback"]]
    assert not fallbacks, f"{len(fallbacks)} meetings classified offline during the storm"
    print(f"{summary} llm_requests={dict(outcomes)} seconds={time.monotonic() - started:.1f}")
