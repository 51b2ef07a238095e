"""`streamproc reclassify` through real workers: new versioned results beside the old, a summary
of what changed, and nothing new when run twice."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from streamproc.events import MeetingCreated
from streamproc.taxonomy import EVALUATED_FIELDS
from tests.factories import meeting_document
from tests.fakes.chat_completions import FakeChatCompletions, Valid
from tests.integration.conftest import Stack
from tests.integration.test_eval import ANSWER, OPENAI

pytestmark = pytest.mark.integration

MEETINGS = 3


def dated_events(first_number: int, day: date) -> list[MeetingCreated]:
    """Meetings held on `day`: the database is shared by the session's tests, and a date
    nobody else uses selects only these (--since DAY --until DAY)."""
    events = []
    for number in range(first_number, first_number + MEETINGS):
        document = meeting_document(number)
        document["meeting"]["meeting_date"] = day.isoformat()
        events.append(MeetingCreated.model_validate(document))
    return events


def only(day: date) -> tuple[str, ...]:
    """The reclassify options that select the meetings held on `day`."""
    return ("--since", day.isoformat(), "--until", day.isoformat())


async def test_reclassifying_keeps_the_old_results_reports_changes_and_is_idempotent(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    day = date(2090, 1, 1) + timedelta(days=random.randrange(3000))
    events = dated_events(12_400 + random.randrange(1000) * MEETINGS, day)
    stack.start_worker()
    await stack.publish(events)
    originals = {item["meeting_id"]: item for item in await stack.completed(until=MEETINGS)}
    stack.stop_workers()
    # The workers move to the LLM, which answers ANSWER for every meeting.
    llm.default = Valid(ANSWER)
    stack.start_llm_worker(llm.base_url)
    llm_settings = {"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": llm.base_url}
    arguments = ("reclassify", *only(day), "--classifier", "openai")

    first = stack.cli(*arguments, "--wait-seconds", "60", **llm_settings)
    second = stack.cli(*arguments, **llm_settings)
    other_sector = stack.cli("reclassify", *only(day), "--sector", "education", **llm_settings)
    day_before = stack.cli(
        "reclassify", *only(day - timedelta(days=1)), "--classifier", "openai", **llm_settings
    )

    assert first.returncode == 0, first.stdout + first.stderr
    assert f"{MEETINGS} meeting(s) to reclassify with {OPENAI}" in first.stdout
    assert f"reclassified {MEETINGS} of {MEETINGS} meeting(s) published" in first.stdout
    differing = [
        {name for name in EVALUATED_FIELDS if item["classification"][name] != ANSWER[name]}
        for item in originals.values()
    ]
    assert f"{sum(map(bool, differing))} meeting(s) changed in at least one field" in first.stdout
    for name, count in Counter(name for names in differing for name in names).items():
        assert f"  {name}: {count} changed" in first.stdout
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"0 meeting(s) to reclassify with {OPENAI}; {MEETINGS} already done" in second.stdout
    assert "0 meeting(s) to reclassify" in other_sector.stdout  # their current sector is mining
    assert f"0 meeting(s) to reclassify with {OPENAI}; 0 already done" in day_before.stdout
    connection = await stack.database()
    try:
        rows = await connection.fetch(
            "SELECT meeting_id, source_event_id, classifier_name, business_sector, classified_at"
            " FROM classifications WHERE meeting_id = ANY($1::text[]) ORDER BY classified_at",
            list(originals),
        )
    finally:
        await connection.close()
    by_meeting: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        by_meeting.setdefault(row["meeting_id"], []).append(
            (str(row["source_event_id"]), row["classifier_name"], row["business_sector"])
        )
    for meeting_id, original in originals.items():
        first_result, newest = by_meeting[meeting_id]  # exactly two versions each
        assert first_result == (
            original["source_event_id"],
            "offline",
            original["classification"]["business_sector"],
        ), "the earlier result is kept unchanged"
        assert newest[1:] == ("openai", "mining"), "the newest result is the current one"


async def test_reclassifying_what_the_workers_classified_live_publishes_and_pays_nothing(
    stack: Stack, llm: FakeChatCompletions
) -> None:
    """The live results were made by the same classifier name, model and prompt version: the
    command skips them, publishes nothing, and the LLM is not called again."""
    day = date(2090, 1, 1) + timedelta(days=random.randrange(3000))
    events = dated_events(13_400 + random.randrange(1000) * MEETINGS, day)
    llm.default = Valid(ANSWER)
    stack.start_llm_worker(llm.base_url)
    await stack.publish(events)
    await stack.completed(until=MEETINGS)
    calls = len(llm.completions())

    result = stack.cli(
        "reclassify",
        *only(day),
        "--classifier",
        "openai",
        OPENAI_API_KEY="sk-test",
        OPENAI_BASE_URL=llm.base_url,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"0 meeting(s) to reclassify with {OPENAI}; {MEETINGS} already done" in result.stdout
    assert "nothing to reclassify" in result.stdout
    assert "publishing" not in result.stdout
    assert len(llm.completions()) == calls == MEETINGS
    connection = await stack.database()
    try:
        rows = await connection.fetchval(
            "SELECT count(*) FROM classifications WHERE meeting_id = ANY($1::text[])",
            [event.meeting.meeting_id for event in events],
        )
    finally:
        await connection.close()
    assert rows == MEETINGS
