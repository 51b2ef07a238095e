"""Event contracts of the topics, versioned; `streamproc generate` writes their JSON Schemas.

Ids are deterministic where a replay must reproduce them: a task id absent from the input is derived
from the input's event_id, and a completed event's id from its source event_id, so consumers can
drop duplicates by event_id (at-least-once delivery, effectively-once effects).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Annotated, Final, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from streamproc.taxonomy import Classification, Language

MEETING_CREATED_VERSION: Final = 1
CLASSIFICATION_COMPLETED_VERSION: Final = 1

# Namespace for the ids streamproc derives; changing it would change every derived id.
STREAMPROC_NAMESPACE: Final = uuid.UUID("6d2b7f0e-8a43-5f0c-9a51-3c1e2b7d9f10")

# Ids that travel as Kafka keys, Redis keys and URL path segments: no spaces, no slashes.
ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
TaskId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


class _Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: object) -> object:
        """PostgreSQL text cannot hold NUL; refuse it here rather than fail at the write."""
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("text contains a NUL (\\u0000) character")
        return value


class Client(_Contract):
    name: NonEmpty
    email: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)] | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None


class Meeting(_Contract):
    meeting_id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    client: Client
    seller: NonEmpty
    meeting_date: date
    closed: bool = Field(
        description="Whether the deal closed; a label, never shown to a classifier."
    )
    # The worker enforces a configurable upper bound (STREAMPROC_MAX_TRANSCRIPT_CHARS).
    transcript: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    language: Language | None = None


class MeetingCreated(_Contract):
    """`meetings.created`, keyed by meeting_id. event_id is the idempotency key."""

    event_id: uuid.UUID
    schema_version: Literal[1] = MEETING_CREATED_VERSION
    occurred_at: AwareDatetime
    task_id: TaskId | None = Field(
        default=None, description="Chosen by the producer; derived from event_id when absent."
    )
    meeting: Meeting

    @cached_property  # a uuid5 hash, asked for several times per meeting
    def effective_task_id(self) -> str:
        return self.task_id or derive_task_id(self.event_id)


class ClassifierInfo(_Contract):
    """Which classifier made a result; for the LLM, `version` is the prompt's version."""

    name: str
    model: str
    version: str
    fallback: bool = Field(False, description="Made by the fallback classifier.")
    fallback_reason: str | None = Field(
        None, description="Why the primary classifier was not used (error type and message)."
    )
    transcript_truncated: bool = Field(
        False, description="The transcript was cut (beginning and end kept) to fit the budget."
    )


class TokenUsage(_Contract):
    """What one classification cost, from the API's usage report and the price table."""

    prompt_tokens: int = Field(ge=0)
    completion_tokens: int = Field(ge=0)
    cost_usd: float = Field(ge=0)


class Timings(_Contract):
    classification_seconds: float = Field(ge=0)
    end_to_end_seconds: float = Field(ge=0, description="From occurred_at to completion.")


class ClassificationCompleted(_Contract):
    """`classifications.completed`, keyed by meeting_id; event_id derives from source_event_id."""

    event_id: uuid.UUID
    schema_version: Literal[1] = CLASSIFICATION_COMPLETED_VERSION
    occurred_at: AwareDatetime
    source_event_id: uuid.UUID
    task_id: TaskId
    meeting_id: str
    classification: Classification
    classifier: ClassifierInfo
    usage: TokenUsage | None = None
    timings: Timings


def derive_task_id(event_id: uuid.UUID) -> str:
    return str(uuid.uuid5(STREAMPROC_NAMESPACE, f"task:{event_id}"))


def derive_completed_event_id(source_event_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(STREAMPROC_NAMESPACE, f"completed:{source_event_id}")


def derive_meeting_event_id(meeting: Meeting) -> uuid.UUID:
    """Publishing the same meeting twice (e.g. re-running an import) yields the same event_id."""
    return uuid.uuid5(STREAMPROC_NAMESPACE, f"meeting:{meeting.model_dump_json()}")


def utc_now() -> datetime:
    return datetime.now(UTC)


def describe_validation_error(error: ValidationError) -> str:
    """One clause per problem, naming the field, without echoing (possibly huge) input values."""
    problems = [
        f"{'.'.join(str(part) for part in item['loc']) or '<root>'}: {item['msg']}"
        for item in error.errors(include_input=False, include_url=False)
    ]
    return "; ".join(problems[:10])
