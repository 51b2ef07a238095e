"""Bytes from `meetings.created` to a validated `MeetingCreated`, or a typed permanent error."""

from __future__ import annotations

import json

from pydantic import ValidationError

from streamproc.errors import SchemaViolation, TranscriptTooLong, UndecodableEvent
from streamproc.events import MeetingCreated


def decode_meeting_created(value: bytes | None, max_transcript_chars: int) -> MeetingCreated:
    if value is None:
        raise UndecodableEvent("the record has no value (a tombstone)")
    try:
        document = json.loads(value.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise UndecodableEvent(f"value is not UTF-8: {error}") from error
    except json.JSONDecodeError as error:
        raise UndecodableEvent(f"value is not JSON: {error}") from error
    try:
        event = MeetingCreated.model_validate(document)
    except ValidationError as error:
        raise SchemaViolation(_describe(error)) from error
    length = len(event.meeting.transcript)
    if length > max_transcript_chars:
        raise TranscriptTooLong(length, max_transcript_chars)
    return event


def _describe(error: ValidationError) -> str:
    """One line per problem, naming the field, without echoing (possibly huge) input values."""
    problems = [
        f"{'.'.join(str(part) for part in item['loc']) or '<root>'}: {item['msg']}"
        for item in error.errors(include_input=False, include_url=False)
    ]
    return "; ".join(problems[:10])
