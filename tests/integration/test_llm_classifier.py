"""The OpenAI path end to end: a worker process, the real broker, PostgreSQL and Redis, and a
local Chat Completions server that answers as scripted (including its failures)."""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any

import pytest

from streamproc.classify.openai.prompt import PROMPT_VERSION
from streamproc.events import MeetingCreated, derive_task_id
from streamproc.local.devstack import free_port
from streamproc.taxonomy import MAX_CONFIDENCE, Classification
from tests.factories import meeting_event
from tests.fakes.chat_completions import (
    ContentFilter,
    Delay,
    FakeChatCompletions,
    InvalidJson,
    NotAnAnswer,
    OutOfSchema,
    Refusal,
    Status,
    Truncated,
    Valid,
)
from tests.integration.conftest import Stack, Worker
from tests.unit.test_contracts import valid_classification

pytestmark = pytest.mark.integration


def start_llm_worker(stack: Stack, llm: FakeChatCompletions, **overrides: str) -> Worker:
    return stack.start_llm_worker(llm.base_url, **overrides)


async def test_valid_answers_are_stored_with_model_prompt_version_tokens_and_cost(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    events = [meeting_event(number) for number in range(7000, 7005)]
    worker = start_llm_worker(stack, llm)
    await stack.publish(events)
    completed = await stack.completed(until=len(events))

    assert {item["source_event_id"] for item in completed} == {str(e.event_id) for e in events}
    for item in completed:
        Classification.model_validate(item["classification"])
        assert item["classifier"] == {
            "name": "openai",
            "model": "gpt-4o-mini",
            "version": PROMPT_VERSION,
            "fallback": False,
            "fallback_reason": None,
            "transcript_truncated": False,
        }
        usage = item["usage"]
        assert usage["prompt_tokens"] > 0
        assert usage["completion_tokens"] > 0
        expected = (usage["prompt_tokens"] * 0.15 + usage["completion_tokens"] * 0.60) / 1e6
        assert usage["cost_usd"] == pytest.approx(expected, rel=1e-6)

    connection = await stack.database()
    try:
        costs = await connection.fetch(
            "SELECT cost_usd, prompt_tokens FROM classifications "
            "WHERE source_event_id = ANY($1::uuid[])",
            [e.event_id for e in events],
        )
    finally:
        await connection.close()
    assert len(costs) == len(events)
    assert all(row["cost_usd"] > 0 and row["prompt_tokens"] > 0 for row in costs)

    bodies = [request.body for request in llm.completions()]
    assert len(bodies) == len(events)
    for body in bodies:
        assert body is not None
        assert body["response_format"]["json_schema"]["strict"] is True
        assert body["max_tokens"] == 1000
        sent = json.dumps(body)
        assert '"closed"' not in sent
        assert "c7000@example.com" not in sent
        assert "Ana P" not in sent  # the seller's name is a label too
    total_cost = sum(item["usage"]["cost_usd"] for item in completed)
    cost_metric = worker.metric('streamproc_llm_cost_usd_total{model="gpt-4o-mini"}')
    assert cost_metric == pytest.approx(total_cost, rel=1e-3)
    assert worker.metric('streamproc_llm_requests_total{model="gpt-4o-mini",outcome="ok"}') == 5


async def test_an_answer_breaking_only_our_bounds_is_repaired_not_bought_again(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    """A confidence above the maximum, one key topic, too many action items: kept after one
    call, repaired, counted; an answer outside the taxonomy is still retried."""
    overbound = valid_classification(
        confidence_score=0.99, key_topics=["precios"], action_items=["a", "b", "c", "d", "e"]
    )
    llm.script(Valid(overbound), OutOfSchema(), Valid())
    worker = start_llm_worker(stack, llm)
    await stack.publish([meeting_event(7010)])
    await stack.completed(until=1)
    await stack.publish([meeting_event(7011)])
    completed = {item["source_event_id"]: item for item in await stack.completed(until=2)}

    repaired = completed[str(meeting_event(7010).event_id)]
    assert repaired["classifier"]["fallback"] is False
    assert repaired["classification"]["confidence_score"] == MAX_CONFIDENCE
    assert repaired["classification"]["key_topics"] == ["precios"]
    assert repaired["classification"]["action_items"] == ["a", "b", "c"]
    assert completed[str(meeting_event(7011).event_id)]["classifier"]["fallback"] is False
    assert len(llm.completions()) == 3, "one call for the repaired answer, two for the other"
    for repair in ("confidence_clamped", "list_cut"):
        sample = f'streamproc_llm_answers_repaired_total{{model="gpt-4o-mini",repair="{repair}"}}'
        assert worker.metric(sample) == 1


async def test_429_is_retried_after_the_retry_after_delay(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    llm.script(Status(429, retry_after=1.0), Valid())
    worker = start_llm_worker(stack, llm)
    await stack.publish([meeting_event(7100)])
    completed = await stack.completed(until=1)

    assert completed[0]["classifier"]["fallback"] is False
    first, second = llm.completions()
    assert first.outcome == "Status(429)"
    assert second.received_at - first.received_at >= 1.0
    outcome = 'outcome="rate_limited"'
    assert worker.metric(f'streamproc_llm_retries_total{{model="gpt-4o-mini",{outcome}}}') == 1


async def test_server_errors_and_timeouts_are_retried_within_the_backoff_bounds(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    llm.script(Status(500), Delay(3.0), Valid())
    # A token budget this large never delays a call: the gaps are the backoff's alone (at the
    # default 200,000 per minute, a failed call's ~1,900 reserved tokens space calls ~0.57 s).
    start_llm_worker(stack, llm, STREAMPROC_LLM_TOKENS_PER_MINUTE="100000000")
    await stack.publish([meeting_event(7200)])
    completed = await stack.completed(until=1)

    assert completed[0]["classifier"]["fallback"] is False
    requests = llm.completions()
    assert [request.outcome for request in requests] == ["Status(500)", "Delay(Valid)", "Valid"]
    gaps = [b.received_at - a.received_at for a, b in itertools.pairwise(requests)]
    # After a 500: at most the first backoff ceiling (0.05 s) plus overhead.
    assert gaps[0] < 0.05 + 0.5
    # After a timeout (1 s): the timeout, then at most the second ceiling (0.1 s).
    assert 1.0 <= gaps[1] < 1.0 + 0.1 + 0.5


@pytest.mark.parametrize(
    ("number", "behaviour", "reason"),
    [
        (7300, InvalidJson(), "llm_out_of_schema"),
        (7301, OutOfSchema("business_sector", "space_tourism"), "llm_out_of_schema"),
        (7302, Truncated(), "llm_truncated"),
        (7303, Refusal(), "llm_refused"),
        (7304, ContentFilter(), "llm_content_filtered"),
    ],
)
async def test_unusable_answers_fall_back_to_offline_with_the_error_recorded(
    stack: Stack, llm: FakeChatCompletions, number: int, behaviour: Any, reason: str
) -> None:
    llm.default = behaviour
    event = meeting_event(number)
    start_llm_worker(stack, llm)
    await stack.publish([event])
    completed = await stack.completed(until=1)

    item = completed[0]
    Classification.model_validate(item["classification"])
    assert item["classification"]["business_sector"] != "space_tourism"
    assert item["classifier"]["name"] == "offline"
    assert item["classifier"]["fallback"] is True
    assert item["classifier"]["fallback_reason"].startswith(reason)
    assert len(llm.completions()) == 3, "every configured attempt is made first"
    assert item["usage"]["prompt_tokens"] > 0, "failed attempts are billed and recorded"


async def test_a_200_that_is_not_a_completion_is_retried_then_falls_back(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    llm.default = NotAnAnswer()
    start_llm_worker(stack, llm)
    await stack.publish([meeting_event(7305)])
    completed = await stack.completed(until=1)

    reason = completed[0]["classifier"]["fallback_reason"]
    assert reason.startswith("llm_out_of_schema: not a Chat Completions answer")
    assert len(llm.completions()) == 3
    assert completed[0]["usage"] == {"prompt_tokens": 0, "completion_tokens": 0, "cost_usd": 0.0}


async def test_with_dead_letter_policy_an_unusable_answer_is_dead_lettered(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    llm.default = Truncated()
    event = meeting_event(7400)
    start_llm_worker(stack, llm, STREAMPROC_LLM_FALLBACK="dead_letter")
    await stack.publish([event])
    failed = await stack.read(stack.topics.classifications_failed.name, until=1)

    headers = {name: value.decode() for name, value in failed[0].headers}
    assert headers["streamproc.error.type"] == "llm_truncated"
    assert failed[0].value == event.model_dump_json().encode()
    tasks = stack.task_table()
    try:
        task = await tasks.get(derive_task_id(event.event_id))
    finally:
        await tasks.close()
    assert task is not None
    assert task["status"] == "failed"
    assert task["error"].startswith("llm_truncated")


async def test_with_dead_letter_policy_a_429_storm_waits_instead_of_dead_lettering(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    llm.script(*[Status(429, retry_after=0.2)] * 5, Valid())
    start_llm_worker(stack, llm, STREAMPROC_LLM_FALLBACK="dead_letter")
    await stack.publish([meeting_event(7500)])
    completed = await stack.completed(until=1)
    failed = await stack.read(stack.topics.classifications_failed.name, until=1, seconds=2)

    assert completed[0]["classifier"]["name"] == "openai"
    assert failed == []
    assert len(llm.completions()) == 6


async def test_a_request_error_is_not_retried(stack: Stack, llm: FakeChatCompletions) -> None:
    llm.default = Status(400)
    start_llm_worker(stack, llm)
    await stack.publish([meeting_event(7600)])
    completed = await stack.completed(until=1)

    assert completed[0]["classifier"]["fallback_reason"].startswith("llm_request_rejected")
    assert len(llm.completions()) == 1


@pytest.mark.parametrize("status", [401, 403, 404])
async def test_a_refused_key_or_model_stops_consuming_and_says_so(
    stack: Stack, llm: FakeChatCompletions, status: int
) -> None:
    """A configuration error is not a meeting's failure: nothing is stored as a fallback, the
    meeting waits unacknowledged, /ready says why, and it completes once the API accepts."""
    llm.default = Status(status)
    worker = start_llm_worker(stack, llm, STREAMPROC_RETRY_MAX_SECONDS="0.5")
    event = meeting_event(7650 + status)
    await stack.publish([event])
    for _ in range(300):  # retried, not given up on
        if len(llm.completions()) >= 3:
            break
        await asyncio.sleep(0.1)
    else:
        pytest.fail(f"{len(llm.completions())} calls in 30 s:\n{worker.log()[-2000:]}")

    ready_status, ready = worker.get("/ready")
    assert ready_status == 503
    assert f"HTTP {status}" in json.loads(ready)["checks"]["llm"]
    assert worker.metric("streamproc_llm_configuration_error") == 1
    assert worker.log().count("LLM CONFIGURATION ERROR") == 1
    assert await stack.completed(until=1, seconds=1) == []
    assert await stored_count(stack, event) == 0

    llm.default = Valid()  # the key is fixed (or the model deployed)
    completed = await stack.completed(until=1)
    assert completed[0]["classifier"]["name"] == "openai"
    assert completed[0]["classifier"]["fallback"] is False
    assert worker.get("/ready")[0] == 200
    assert worker.metric("streamproc_llm_configuration_error") == 0


async def test_a_refused_key_can_be_set_to_classify_offline_meanwhile(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    llm.default = Status(401)
    worker = start_llm_worker(stack, llm, STREAMPROC_LLM_ON_CONFIGURATION_ERROR="offline")
    await stack.publish([meeting_event(7670)])
    completed = await stack.completed(until=1)

    assert completed[0]["classifier"]["fallback_reason"].startswith("llm_configuration_error")
    assert len(llm.completions()) == 1
    assert worker.get("/ready")[0] == 503
    assert worker.metric("streamproc_llm_configuration_error") == 1


async def stored_count(stack: Stack, event: MeetingCreated) -> int:
    connection = await stack.database()
    try:
        count: int = await connection.fetchval(
            "SELECT count(*) FROM classifications WHERE source_event_id = $1", event.event_id
        )
    finally:
        await connection.close()
    return count


async def test_the_daily_budget_switches_to_offline_once_spent(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    events = [meeting_event(number) for number in range(7700, 7704)]
    worker = start_llm_worker(
        stack, llm, STREAMPROC_LLM_DAILY_BUDGET_USD="0.0000001", STREAMPROC_CONCURRENCY="1"
    )
    await stack.publish(events)
    completed = await stack.completed(until=len(events))

    by_llm = [item for item in completed if item["classifier"]["name"] == "openai"]
    offline = [item for item in completed if item["classifier"]["name"] == "offline"]
    assert len(by_llm) == 1, "the first meeting spends the whole budget"
    assert len(offline) == len(events) - 1
    assert all(i["classifier"]["fallback_reason"] == "daily_budget_exhausted" for i in offline)
    assert worker.metric("streamproc_llm_daily_budget_exhausted") == 1
    assert "LLM DAILY BUDGET SPENT" in worker.log()


async def test_the_rate_limiter_spreads_a_burst(stack: Stack, llm: FakeChatCompletions) -> None:
    events = [meeting_event(number) for number in range(7800, 7806)]
    start_llm_worker(
        stack, llm, STREAMPROC_LLM_REQUESTS_PER_MINUTE="60", STREAMPROC_CONCURRENCY="8"
    )
    await stack.publish(events)
    await stack.completed(until=len(events))

    starts = [request.received_at for request in llm.completions()]
    assert len(starts) == len(events)
    # 60 a minute: calls i < j get slots j - i seconds apart, however many meetings wait. The
    # server sees each call a little after its slot, and the first call (a new connection, on a
    # busy machine) up to a second after: allow one slot of slack plus scheduling jitter. Without
    # the limiter the six calls arrive within a fraction of a second.
    jitter = 0.3
    for (i, earlier), (j, later) in itertools.combinations(enumerate(starts), 2):
        assert later - earlier >= (j - i - 1) * 1.0 - jitter, (i, j, starts)


def test_check_verifies_the_llm_endpoint(stack: Stack, llm: FakeChatCompletions) -> None:
    stack.cli("migrate")
    settings = {"STREAMPROC_CLASSIFIER": "openai", "OPENAI_API_KEY": "sk-test"}
    good = stack.cli("check", OPENAI_BASE_URL=llm.base_url, **settings)
    assert good.returncode == 0, good.stdout + good.stderr
    assert any(line.startswith("LLM") and "ok" in line for line in good.stdout.splitlines())

    wrong_model = stack.cli(
        "check", OPENAI_BASE_URL=llm.base_url, OPENAI_MODEL="gpt-4o", **settings
    )
    assert wrong_model.returncode == 1
    assert "not served here" in wrong_model.stdout


async def test_an_unreachable_llm_falls_back_to_offline_after_the_attempts(stack: Stack) -> None:
    stack.start_llm_worker(f"http://127.0.0.1:{free_port()}/v1")
    await stack.publish([meeting_event(7900)])
    completed = await stack.completed(until=1)

    reason = completed[0]["classifier"]["fallback_reason"]
    assert reason.startswith("llm_unavailable")
    assert "3 attempt(s) failed, the last with connection_error" in reason


async def test_a_long_transcript_is_cut_and_the_cut_recorded(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    event = meeting_event(7950)
    start_llm_worker(stack, llm, STREAMPROC_LLM_MAX_TRANSCRIPT_TOKENS="20")
    await stack.publish([event])
    completed = await stack.completed(until=1)

    assert completed[0]["classifier"]["transcript_truncated"] is True
    (request,) = llm.completions()
    assert request.body is not None
    user = request.body["messages"][1]["content"]
    assert "transcripción recortada" in user
    assert event.meeting.transcript not in user
    assert event.meeting.transcript[:15] in user
    assert event.meeting.transcript[-15:] in user
