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


async def test_forged_cross_site_writes_are_refused(stack: Stack) -> None:
    """What a web page on an operator's machine could send: text/plain, or its own Origin."""
    worker = stack.start_worker()
    worker.wait_until_ready()
    path = "/api/v1/meetings/m-csrf/feedback"
    body = json.dumps({"author": "evil", "corrections": {"urgency": True}}).encode()

    plain = worker.post(path, body, {"Content-Type": "text/plain"})
    foreign = worker.post(path, body, {"Origin": "http://evil.example"})
    cross_site = worker.post(path, body, {"Sec-Fetch-Site": "cross-site"})
    same_origin = worker.post(path, body, {"Origin": f"http://127.0.0.1:{worker.web_port}"})

    assert plain[0] == 415, plain
    assert foreign[0] == 403, foreign
    assert "http://evil.example" in json.loads(foreign[1])["error"]
    assert cross_site[0] == 403, cross_site
    assert same_origin[0] == 404, "allowed through: the meeting is unknown"


async def test_with_an_api_token_every_write_needs_it(stack: Stack) -> None:
    worker = stack.start_worker(STREAMPROC_API_TOKEN="s3cret-token")
    worker.wait_until_ready()
    path = "/api/v1/meetings/m-token/feedback"
    body = json.dumps({"author": "ana", "corrections": {"urgency": True}}).encode()

    anonymous = worker.post(path, body)
    wrong = worker.post(path, body, {"Authorization": "Bearer guess"})
    right = worker.post(path, body, {"Authorization": "Bearer s3cret-token"})

    assert anonymous[0] == wrong[0] == 401
    assert "s3cret" not in anonymous[1] + wrong[1]
    assert right[0] == 404, "allowed through: the meeting is unknown"
    assert worker.get("/ready")[0] == 200, "reads need no token"
