"""`reclassify --batch` and `publish --batch` against the local server's Batch API: answers
stored, published and billed at the batch price; a batch that expires half done; an unusable
answer sent to the workers' live path; a command killed mid-batch resumes it instead of paying
again; a batch the API rejects leaves its meetings for the next run."""

from __future__ import annotations

import asyncio
import json
import random
import signal
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from streamproc.classify.openai.chat_api import BATCH_ENDPOINT, ChatCompletionsAPI
from streamproc.events import derive_task_id
from streamproc.operations.batch_backfill import METADATA_KEY, backfill
from streamproc.settings import DEFAULT_PRICES, Settings
from streamproc.store.batches import BatchLedger
from streamproc.store.postgres import ClassificationStore
from tests.factories import meeting_event
from tests.fakes.chat_completions import (
    BatchCompletes,
    BatchExpires,
    BatchFails,
    FakeChatCompletions,
    OutOfSchema,
    Valid,
)
from tests.integration.conftest import Stack
from tests.integration.test_eval import ANSWER, OPENAI
from tests.integration.test_reclassify import dated_events, only

pytestmark = pytest.mark.integration

INPUT_PRICE, OUTPUT_PRICE = DEFAULT_PRICES["gpt-4o-mini"]


def some_day(first: date) -> date:
    """A date nobody else's meetings have (each test starts from its own year), within a year
    of `first`: `--since DAY --until DAY` selects only the test's meetings in the shared
    database."""
    return first + timedelta(days=random.randrange(365))


async def stored_offline(stack: Stack, day: date, first_number: int) -> list[str]:
    """Meetings held on `day`, classified by an offline worker; their meeting_ids."""
    events = dated_events(first_number, day)
    stack.start_worker()
    await stack.publish(events)
    await stack.completed(until=len(events))
    stack.stop_workers()
    return [event.meeting.meeting_id for event in events]


def llm_environment(llm: FakeChatCompletions) -> dict[str, str]:
    return {"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": llm.base_url}


async def results(stack: Stack, meeting_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    connection = await stack.database()
    try:
        rows = await connection.fetch(
            "SELECT * FROM classifications WHERE meeting_id = ANY($1::text[])"
            " ORDER BY classified_at",
            meeting_ids,
        )
    finally:
        await connection.close()
    by_meeting: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_meeting.setdefault(row["meeting_id"], []).append(dict(row))
    return by_meeting


def price(row: dict[str, Any], share: float) -> Decimal:
    cost = row["prompt_tokens"] * INPUT_PRICE + row["completion_tokens"] * OUTPUT_PRICE
    return Decimal(str(round(cost * share / 1_000_000, 8)))


async def test_a_batch_expiring_half_done_and_an_unusable_answer_still_classify_every_meeting(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    day = some_day(date(2060, 1, 1))
    meeting_ids = await stored_offline(stack, day, 31_000 + random.randrange(1000) * 3)
    known_batches = {batch["id"] for batch in llm.batches()}
    # The first batch answers two requests (the second unusably) and expires; the third meeting
    # goes into a second batch, which completes. The unusable one goes to the live worker.
    llm.script_batches(BatchExpires(answered=2), BatchCompletes())
    llm.script(Valid(ANSWER), OutOfSchema())
    llm.default = Valid(ANSWER)
    stack.start_llm_worker(llm.base_url)
    arguments = ("reclassify", *only(day), "--classifier", "openai", "--batch")

    first = stack.cli(
        *arguments, "--poll-seconds", "0.1", "--wait-seconds", "60", **llm_environment(llm)
    )
    second = stack.cli(*arguments, "--poll-seconds", "0.1", **llm_environment(llm))

    assert first.returncode == 0, first.stdout + first.stderr
    assert (
        "batch API: 2 stored, 1 sent to the live path, 1 resubmitted after expiring" in first.stdout
    ), first.stdout
    assert "reclassified 3 of 3 meeting(s) published" in first.stdout
    assert ": in_progress, 0 of 3 answered after" in first.stdout, "the command shows progress"
    new_batches = [batch for batch in llm.batches() if batch["id"] not in known_batches]
    assert [batch["status"] for batch in new_batches] == ["expired", "completed"]
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"0 meeting(s) to reclassify with {OPENAI}; 3 already done" in second.stdout
    assert [batch["id"] for batch in llm.batches() if batch["id"] not in known_batches] == [
        batch["id"] for batch in new_batches
    ], "a second run submits nothing"

    stored = await results(stack, meeting_ids)
    live = [request for request in llm.completions() if not request.outcome.startswith("Batch")]
    assert len(live) == 1, "exactly one meeting took the live path"
    for meeting_id in meeting_ids:
        original, newest = stored[meeting_id]
        assert (original["classifier_name"], newest["classifier_name"]) == ("offline", "openai")
        assert newest["business_sector"] == "mining"
    newest_rows = [stored[meeting_id][1] for meeting_id in meeting_ids]
    by_batch = [row for row in newest_rows if row["cost_usd"] == price(row, 0.5)]
    at_live_price = [row for row in newest_rows if row["cost_usd"] == price(row, 1.0)]
    assert (len(by_batch), len(at_live_price)) == (2, 1), "batch answers cost half"

    completed = await stack.completed(until=6)
    new_events = [event for event in completed if event["classifier"]["name"] == "openai"]
    assert sorted(event["meeting_id"] for event in new_events) == sorted(meeting_ids)
    tasks = stack.task_table()
    try:
        for event in new_events:
            task = await tasks.get(derive_task_id(event["source_event_id"]))
            assert task is not None
            assert task["status"] == "completed"
    finally:
        await tasks.close()
    connection = await stack.database()
    try:
        ledger = await connection.fetch(
            "SELECT state, api_status, outcome::text AS outcome,"
            " (SELECT count(*) FROM llm_batch_items WHERE batch = id) AS items"
            " FROM llm_batches WHERE batch_id = ANY($1::text[]) ORDER BY id",
            [batch["id"] for batch in new_batches],
        )
    finally:
        await connection.close()
    assert [(row["state"], row["api_status"], row["items"]) for row in ledger] == [
        ("ingested", "expired", 0),
        ("ingested", "completed", 0),
    ]
    listing = stack.cli("batches", "--finished", "100", COLUMNS="80")
    assert listing.returncode == 0, listing.stdout + listing.stderr
    lines = listing.stdout.splitlines()
    for batch, status in zip(new_batches, ("expired", "completed"), strict=True):
        [number] = [number for number, line in enumerate(lines) if batch["id"] in line]
        assert lines[number].startswith(f"    {batch['id']}; outcome: "), "whole, not wrapped"
        assert "ingested" in lines[number - 1]
        assert f"(API: {status})" in lines[number - 1]
        assert len(lines[number - 1]) <= 80


async def test_a_command_killed_mid_batch_resumes_it_without_submitting_again(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    day = some_day(date(2070, 1, 1))
    meeting_ids = await stored_offline(stack, day, 34_000 + random.randrange(1000) * 3)
    known_batches = {batch["id"] for batch in llm.batches()}
    llm.default = Valid(ANSWER)
    arguments = ["reclassify", *only(day), "--classifier", "openai", "--batch"]
    command = stack.start_cli(*arguments, "--poll-seconds", "30", **llm_environment(llm))
    try:
        batch_id = await submitted_batch(stack, llm, known_batches)
    finally:
        command.send_signal(signal.SIGKILL)
        command.wait(10)

    resumed = stack.cli(*arguments, "--poll-seconds", "0.1", **llm_environment(llm))

    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert "0 meeting(s) to reclassify" in resumed.stdout
    assert "3 in unfinished batches" in resumed.stdout
    assert (
        "batch API: 3 stored, 0 sent to the live path, 0 resubmitted after expiring, "
        "1 batch(es) resumed" in resumed.stdout
    )
    assert [batch["id"] for batch in llm.batches() if batch["id"] not in known_batches] == [
        batch_id
    ], "the batch was resumed, not submitted again"
    stored = await results(stack, meeting_ids)
    assert all(
        [row["classifier_name"] for row in stored[meeting_id]] == ["offline", "openai"]
        for meeting_id in meeting_ids
    )


async def submitted_batch(stack: Stack, llm: FakeChatCompletions, known: set[str]) -> str:
    """The new batch's id once the ledger records it as submitted (the command may then die)."""
    deadline = time.monotonic() + 60
    connection = await stack.database()
    try:
        while time.monotonic() < deadline:
            new = [batch["id"] for batch in llm.batches() if batch["id"] not in known]
            if new:
                state = await connection.fetchval(
                    "SELECT state FROM llm_batches WHERE batch_id = $1", new[0]
                )
                if state == "submitted":
                    return new[0]
            await asyncio.sleep(0.1)
    finally:
        await connection.close()
    raise AssertionError("the command never submitted a batch")


async def test_a_backlog_file_through_a_batch_the_api_rejects_is_classified_by_the_next_run(
    stack: Stack, llm: FakeChatCompletions, tmp_path: Path
) -> None:
    first_number = 37_000 + random.randrange(1000) * 2
    events = [meeting_event(number) for number in (first_number, first_number + 1)]
    backlog = tmp_path / "backlog.jsonl"
    backlog.write_text("".join(event.model_dump_json() + "\n" for event in events), "utf-8")
    llm.script_batches(BatchFails("line 1 is not valid"))
    llm.default = Valid(ANSWER)
    arguments = ("publish", str(backlog), "--batch", "--poll-seconds", "0.1")

    rejected = stack.cli(*arguments, **llm_environment(llm))
    meeting_ids = [event.meeting.meeting_id for event in events]
    nothing_stored = await results(stack, meeting_ids)
    retried = stack.cli(*arguments, **llm_environment(llm))
    again = stack.cli(*arguments, **llm_environment(llm))

    assert rejected.returncode == 1, rejected.stdout + rejected.stderr
    assert "failed: line 1 is not valid; its meetings were not classified" in rejected.stdout
    assert nothing_stored == {}
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert "2 meeting(s) to classify through the Batch API; 0 already classified" in retried.stdout
    for event in events:
        assert f"{event.effective_task_id}  {event.meeting.meeting_id}" in retried.stdout
    assert "batch API: 2 stored, 0 sent to the live path" in retried.stdout
    assert "0 meeting(s) to classify through the Batch API; 2 already classified" in again.stdout
    stored = await results(stack, meeting_ids)
    assert {meeting_id: len(rows) for meeting_id, rows in stored.items()} == dict.fromkeys(
        meeting_ids, 1
    )
    assert all(rows[0]["classifier_name"] == "openai" for rows in stored.values())
    tasks = stack.task_table()
    try:
        for event in events:
            task = await tasks.get(event.effective_task_id)
            assert task is not None
            assert task["status"] == "completed"
    finally:
        await tasks.close()


async def test_a_batch_created_just_before_a_crash_is_found_and_not_submitted_again(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    """The command stopped after the API created the batch and before the ledger recorded its
    id: the next run finds the batch by the ledger's token instead of paying for another."""
    first_number = 39_000 + random.randrange(1000) * 2
    events = [meeting_event(number) for number in (first_number, first_number + 1)]
    llm.default = Valid(ANSWER)
    settings = Settings.model_validate(
        {**stack.environment, **llm_environment(llm), "STREAMPROC_CLASSIFIER": "openai"}
    )
    api = ChatCompletionsAPI(llm.base_url, "sk-test", timeout_seconds=5, max_connections=2)
    async with ClassificationStore.opened(settings.database_url, pool_size=2) as store:
        await store.ensure_schema()
        try:
            prepared = await BatchLedger(store.pool).prepare(events)
            lines = [
                {
                    "custom_id": str(event.event_id),
                    "method": "POST",
                    "url": BATCH_ENDPOINT,
                    "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": ""}]},
                }
                for event in events
            ]
            content = "".join(json.dumps(line) + "\n" for line in lines).encode()
            file_id = await api.upload_batch_file("crashed.jsonl", content)
            created = await api.create_batch(file_id, {METADATA_KEY: str(prepared.token)})
        finally:
            await api.close()
        known_batches = {batch["id"] for batch in llm.batches()}
        reports: list[str] = []

        outcome = await backfill(settings, stack.topics, store, [], 0.05, reports.append)

    assert {batch["id"] for batch in llm.batches()} == known_batches, reports
    assert created.batch_id in outcome.batches
    assert f"batch {created.batch_id}: created before a restart, resumed" in reports
    stored = await results(stack, [event.meeting.meeting_id for event in events])
    assert sorted(stored) == sorted(event.meeting.meeting_id for event in events)
