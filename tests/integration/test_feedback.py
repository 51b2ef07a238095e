"""Human corrections over real HTTP: validated, stored beside the model's answer, counted, and
usable as labels by `streamproc eval --from-feedback`."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from tests.factories import meeting_event
from tests.integration.conftest import Stack, Worker

pytestmark = pytest.mark.integration


def post(worker: Worker, meeting_id: str, body: Any) -> tuple[int, dict[str, Any]]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    status, text = worker.post(f"/api/v1/meetings/{meeting_id}/feedback", raw)
    return status, json.loads(text)


async def test_a_correction_is_stored_beside_the_answer_and_counted(stack: Stack) -> None:
    event = meeting_event(12_300)
    worker = stack.start_worker()
    await stack.publish([event])
    [completed] = await stack.completed(until=1)
    answer = completed["classification"]
    wrong_sector = "mining" if answer["business_sector"] != "mining" else "retail"
    meeting_id = event.meeting.meeting_id

    author = f"reviewer-{uuid.uuid4().hex[:8]}@vambe.ai"  # the database is shared by the tests
    status, body = post(
        worker,
        meeting_id,
        {
            "author": author,
            "corrections": {"business_sector": wrong_sector, "urgency": answer["urgency"]},
            "comment": "es una minera",
        },
    )

    assert status == 201, body
    assert body["corrected"] == ["business_sector"]
    assert body["confirmed"] == ["urgency"]
    assert body["source_event_id"] == completed["source_event_id"]
    sample = 'streamproc_feedback_corrections_total{field="business_sector"}'
    assert worker.metric(sample) == 1
    assert worker.metric('streamproc_feedback_corrections_total{field="urgency"}') == 0
    connection = await stack.database()
    try:
        stored = await connection.fetchrow(
            "SELECT * FROM feedback WHERE feedback_id = $1::uuid", body["feedback_id"]
        )
        model = await connection.fetchval(
            "SELECT business_sector FROM classifications WHERE meeting_id = $1", meeting_id
        )
    finally:
        await connection.close()
    assert stored is not None
    assert (stored["author"], stored["comment"]) == (author, "es una minera")
    assert json.loads(stored["corrections"]) == {
        "business_sector": wrong_sector,
        "urgency": answer["urgency"],
    }
    assert model == answer["business_sector"], "the model's answer is never overwritten"

    # The corrections label the meeting for `streamproc eval --from-feedback`.
    result = stack.cli("eval", "--from-feedback", "--author", author, "--no-store")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "stored" not in result.stdout, "--no-store stores nothing"
    assert "(1 meetings" in result.stdout, "only this reviewer's corrections"
    assert "| business_sector | 0.000 (0/1) |" in result.stdout
    assert "| urgency | 1.000 (1/1) |" in result.stdout


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            {"author": "ana", "corrections": {"business_sector": "space"}},
            "corrections.business_sector",
        ),
        (
            {"author": "ana", "corrections": {"summary": "otra"}},
            "corrections.summary: Extra inputs",
        ),
        ({"author": "ana", "corrections": {}}, "at least one field"),
        ({"corrections": {"urgency": True}}, "author: Field required"),
        ({"author": "ana", "corrections": {"urgency": "maybe"}}, "corrections.urgency"),
        (b"not json", "Invalid JSON"),
    ],
)
async def test_an_invalid_correction_is_refused_with_the_reason(
    stack: Stack, body: Any, reason: str
) -> None:
    worker = stack.start_worker()
    worker.wait_until_ready()

    status, answer = post(worker, "m-anything", body)

    assert status == 422
    assert reason in answer["error"]


async def test_unknown_meetings_bad_ids_and_other_methods_are_refused(stack: Stack) -> None:
    worker = stack.start_worker()
    worker.wait_until_ready()
    valid = {"author": "ana", "corrections": {"urgency": True}}

    assert post(worker, "never-classified", valid)[0] == 404
    assert post(worker, "bad%20id", valid)[0] == 400
    assert worker.get("/api/v1/meetings/m-1/feedback")[0] == 405
