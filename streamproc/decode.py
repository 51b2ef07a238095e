"""Bytes from `meetings.created` to a validated `MeetingCreated`, or a typed permanent error."""

from __future__ import annotations

import json

from pydantic import ValidationError

from streamproc.errors import SchemaViolation, TranscriptTooLong, UndecodableEvent
from streamproc.events import MeetingCreated, describe_validation_error


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
        raise SchemaViolation(describe_validation_error(error)) from error
    length = len(event.meeting.transcript)
    if length > max_transcript_chars:
        raise TranscriptTooLong(length, max_transcript_chars)
    return event
