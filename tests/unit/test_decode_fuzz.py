"""Whatever bytes arrive, decoding ends in an event or a dead-letter error, never a crash."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from streamproc.decode import decode_meeting_created
from streamproc.errors import PermanentEventError
from streamproc.stream.dead_letters import dead_letter_headers, task_identity
from streamproc.stream.records import InputRecord
from tests.factories import meeting_document

json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def mutated_documents() -> st.SearchStrategy[dict[str, Any]]:
    """Valid events with one field replaced, removed, or a string made hostile."""

    def mutate(number: int, path: list[str], replacement: Any, remove: bool) -> dict[str, Any]:
        document = meeting_document(number)
        target = document
        for key in path[:-1]:
            target = target[key]
        if remove:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = replacement
        return document

    paths = st.sampled_from(
        [
            ["event_id"],
            ["occurred_at"],
            ["task_id"],
            ["schema_version"],
            ["meeting"],
            ["meeting", "meeting_id"],
            ["meeting", "client"],
            ["meeting", "client", "name"],
            ["meeting", "meeting_date"],
            ["meeting", "closed"],
            ["meeting", "transcript"],
            ["meeting", "language"],
        ]
    )
    hostile = json_values | st.sampled_from(["", " ", "\x00", "\ud800", "a" * 5000, "🙂" * 100])
    return st.builds(mutate, st.integers(0, 100), paths, hostile, st.booleans())


OUTCOMES = {"valid", "undecodable", "schema_violation", "transcript_too_long"}


def outcome(value: bytes) -> str:
    try:
        decode_meeting_created(value, 4000)
    except PermanentEventError as error:
        headers = dead_letter_headers(InputRecord("t", 0, 0, None, None, value), error)
        assert all(isinstance(header, bytes) for _name, header in headers)
        identity = task_identity(value)
        if identity is not None:  # it becomes Redis keys and fields: it must encode
            assert "|".join((identity.task_id, identity.meeting_id, identity.event_id)).encode()
        return error.error_type
    return "valid"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(value: bytes) -> None:
    assert outcome(value) in OUTCOMES


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_never_crashes(document: Any) -> None:
    assert outcome(json.dumps(document).encode()) != "valid"


@settings(max_examples=500, deadline=None)
@given(mutated_documents())
def test_almost_valid_events_are_accepted_or_dead_lettered(document: dict[str, Any]) -> None:
    assert outcome(json.dumps(document).encode()) in OUTCOMES


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 200_000), st.sampled_from([b"[", b'{"a":']))
def test_deep_nesting_is_undecodable_not_a_crash(depth: int, opener: bytes) -> None:
    assert outcome(opener * depth) == "undecodable"
