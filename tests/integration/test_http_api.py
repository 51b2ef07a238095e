"""The worker's HTTP API over real HTTP, while meetings flow through real services."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from pathlib import Path

import pytest

from streamproc.local.devstack import Redis
from streamproc.stream.web import PROBE_TIMEOUT_SECONDS
from tests.factories import meeting_event
from tests.fakes.chat_completions import Delay, FakeChatCompletions
from tests.integration.conftest import TEST_PARTITIONS, Stack, Worker

pytestmark = pytest.mark.integration


def get_json(worker: Worker, path: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    status, body = worker.get(path)
    return status, json.loads(body)


async def wait_for(check, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.5)


async def test_health_readiness_stats_tasks_and_metrics(stack: Stack) -> None:
    events = [meeting_event(number) for number in range(8000, 8040)]
    worker = stack.start_worker()
    await stack.publish(events)
    await stack.completed(until=len(events))

    assert get_json(worker, "/health") == (200, {"status": "ok"})
    status, ready = get_json(worker, "/ready")
    assert (status, ready["status"]) == (200, "ready")
    assert ready["checks"] == {"kafka": "ok", "postgres": "ok", "redis": "ok"}
    status, health = get_json(worker, "/api/v1/workers/health")
    assert (status, health["status"], health["classifier"]) == (200, "healthy", "offline")

    # Stats are sampled every 5 s: wait for a sample after the work and for a commit.
    def sampled() -> bool:
        stats = get_json(worker, "/api/v1/workers/stats")[1]
        return stats["throughput_per_second_last_minute"] > 0 and bool(stats["consumer_lag"])

    await wait_for(sampled)
    _status, stats = get_json(worker, "/api/v1/workers/stats")
    assert stats["events_consumed"] == len(events)
    assert stats["events_completed"] == len(events)
    assert stats["events_dead_lettered"] == 0
    assert stats["events_in_flight"] == 0
    assert stats["classifier"] == "offline"
    assert stats["uptime_seconds"] > 0
    lag = stats["consumer_lag"][stack.topics.meetings_created.name]
    assert set(lag) <= {"0", "1", "2", "3"}
    assert all(records >= 0 for records in lag.values())

    status, task = get_json(worker, f"/api/v1/tasks/{events[0].effective_task_id}")
    assert status == 200
    assert task["status"] == "completed"
    assert task["meeting_id"] == events[0].meeting.meeting_id
    assert task["result"]["source_event_id"] == str(events[0].event_id)
    assert get_json(worker, "/api/v1/tasks/never-published")[0] == 404
    assert worker.get("/api/v1/tasks/bad%20id")[0] == 400

    _status, exposition = worker.get("/metrics")
    for sample in (
        "streamproc_build_info{",
        'streamproc_dependency_duration_seconds_count{dependency="postgres",operation="save"}',
        'streamproc_dependency_duration_seconds_count{dependency="redis",operation="advance_task"}',
        "streamproc_consumer_lag_records{",
        'streamproc_end_to_end_latency_seconds_count{classifier="offline"} 40.0',
    ):
        assert sample in exposition, sample


async def test_lag_is_reported_for_every_assigned_partition_even_one_never_committed(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    """Every meeting stuck in a slow LLM call: no partition has a commit, yet each one shows
    its waiting meetings (measured from the log start), empty ones included, at 0."""
    llm.default = Delay(120)
    events = [meeting_event(number) for number in range(8100, 8112)]
    worker = stack.start_llm_worker(llm.base_url, STREAMPROC_LLM_TIMEOUT_SECONDS="300")
    worker.wait_until_ready()
    for event in events:  # one record batch each: tansu's end offset is its last batch's base + 1
        await stack.publish([event])
    topic = stack.topics.meetings_created.name

    seen: list[dict[str, int]] = []

    def reported() -> bool:
        seen.append(get_json(worker, "/api/v1/workers/stats")[1]["consumer_lag"].get(topic, {}))
        return len(seen[-1]) == TEST_PARTITIONS and sum(seen[-1].values()) == len(events)

    try:
        await wait_for(reported)
    except AssertionError as error:
        raise AssertionError(f"lag reported: {seen[-3:]}") from error
    _status, exposition = worker.get("/metrics")
    lags = [
        float(line.rsplit(" ", 1)[1])
        for line in exposition.splitlines()
        if line.startswith('streamproc_consumer_lag_records{partition="') and topic in line
    ]
    assert len(lags) == TEST_PARTITIONS
    assert sum(lags) == len(events)


async def test_readiness_names_the_dependency_that_is_down(stack: Stack, tmp_path: Path) -> None:
    own_redis = Redis(tmp_path / "redis")
    own_redis.start()
    try:
        worker = stack.start_worker(REDIS_URL=own_redis.url)
        await stack.publish([meeting_event(8100)])
        await stack.completed(until=1)
        assert get_json(worker, "/ready")[0] == 200
    finally:
        own_redis.stop()

    status, ready = get_json(worker, "/ready")
    assert status == 503
    assert ready["status"] == "not ready"
    assert ready["checks"]["postgres"] == "ok"
    assert ready["checks"]["kafka"] == "ok"
    assert ready["checks"]["redis"].startswith("TransientError: redis: ping: "), ready
    assert ready["checks"]["redis"].endswith(" s"), "how long the failed call took"
    assert get_json(worker, "/api/v1/workers/health")[1]["status"] == "unhealthy"


async def test_readiness_says_what_hangs_and_for_how_long(stack: Stack, tmp_path: Path) -> None:
    """A Redis that accepts connections but never answers (stopped with SIGSTOP)."""
    hung_redis = Redis(tmp_path / "redis")
    hung_redis.start()
    try:
        worker = stack.start_worker(REDIS_URL=hung_redis.url)
        worker.wait_until_ready()
        assert hung_redis.process is not None
        hung_redis.process.send_signal(signal.SIGSTOP)
        try:
            status, ready = get_json(worker, "/ready")
        finally:
            hung_redis.process.send_signal(signal.SIGCONT)
    finally:
        hung_redis.stop()
    assert status == 503
    assert ready["checks"]["redis"] == f"no answer within {PROBE_TIMEOUT_SECONDS:g} s"
