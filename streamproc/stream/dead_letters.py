"""Dead letters: the original record, untouched, plus headers that say where it came from and why.

The value and key are copied byte for byte, so a fixed worker can replay them as they were.
Header names (all values UTF-8):
    streamproc.error.type       machine-readable, e.g. undecodable, schema_violation
    streamproc.error.message    for a human
    streamproc.source.topic / .partition / .offset / .timestamp
    streamproc.replayed-from    kept from the input: the dead letter it was a replay of
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Final

from streamproc.errors import PermanentEventError
from streamproc.events import ID_PATTERN, derive_task_id
from streamproc.stream.records import InputRecord

HEADER_PREFIX: Final = "streamproc."
ERROR_TYPE_HEADER: Final = "streamproc.error.type"
# Set by `streamproc replay-dlq`: the dead letter (topic/partition/offset) a record replays. A
# replayed record that fails again keeps it, so its lineage survives.
REPLAYED_FROM_HEADER: Final = "streamproc.replayed-from"
ERROR_MESSAGE_HEADER: Final = "streamproc.error.message"
# A header holds a message for people; a multi-megabyte validation dump helps nobody.
MAX_MESSAGE_CHARS: Final = 2000


def dead_letter_headers(record: InputRecord, error: PermanentEventError) -> list[tuple[str, bytes]]:
    ours = {
        ERROR_TYPE_HEADER: error.error_type,
        ERROR_MESSAGE_HEADER: str(error)[:MAX_MESSAGE_CHARS],
        "streamproc.source.topic": record.topic,
        "streamproc.source.partition": str(record.partition),
        "streamproc.source.offset": str(record.offset),
        "streamproc.source.timestamp": ""
        if record.timestamp_ms is None
        else str(record.timestamp_ms),
    }
    # The producer's own headers travel along, and the replay lineage; ours replace any stale
    # ones from an earlier failure.
    kept = [
        (name, value)
        for name, value in record.headers
        if not name.startswith(HEADER_PREFIX) or name == REPLAYED_FROM_HEADER
    ]
    return kept + [(name, value.encode("utf-8")) for name, value in ours.items()]


@dataclass(frozen=True)
class TaskIdentity:
    task_id: str
    meeting_id: str
    event_id: str


def task_identity(value: bytes | None) -> TaskIdentity | None:
    """The task an invalid record belongs to, when enough of it is readable to tell.

    Lets a producer polling its task id see `failed` with the reason instead of waiting forever.
    """
    if value is None:
        return None
    try:
        document = json.loads(value)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(document, dict):
        return None
    event_id = _valid_uuid(document.get("event_id"))
    task_id = document.get("task_id")
    meeting = document.get("meeting")
    meeting_id = meeting.get("meeting_id") if isinstance(meeting, dict) else None
    if not _valid_id(task_id):
        if event_id is None:
            return None
        task_id = derive_task_id(event_id)
    # Only well-formed ids travel on: anything else could not even be written to Redis.
    return TaskIdentity(
        task_id=str(task_id),
        meeting_id=str(meeting_id) if _valid_id(meeting_id) else "",
        event_id=str(event_id) if event_id is not None else "",
    )


def _valid_id(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(ID_PATTERN, value) is not None


def _valid_uuid(value: object) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
