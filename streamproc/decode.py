"""Bytes from `meetings.created` to a validated `MeetingCreated`, or a typed permanent error."""

from __future__ import annotations

from pydantic import ValidationError

from streamproc.errors import SchemaViolation, TranscriptTooLong, UndecodableEvent
from streamproc.events import MeetingCreated, describe_validation_error


def decode_meeting_created(value: bytes | None, max_transcript_chars: int) -> MeetingCreated:
    """Parse and validate in one step with pydantic's JSON parser.

    It rejects what `json.loads` would let through and break later steps: nesting deep enough to
    exhaust the stack, and lone surrogates that no UTF-8 encoder (PostgreSQL, Kafka) can write.
    """
    if value is None:
        raise UndecodableEvent("the record has no value (a tombstone)")
    try:
        event = MeetingCreated.model_validate_json(value)
    except ValidationError as error:
        if all(item["type"] == "json_invalid" for item in error.errors()):
            raise UndecodableEvent(
                f"value is not UTF-8 JSON: {error.errors()[0]['msg']}"
            ) from error
        raise SchemaViolation(describe_validation_error(error)) from error
    length = len(event.meeting.transcript)
    if length > max_transcript_chars:
        raise TranscriptTooLong(length, max_transcript_chars)
    return event
