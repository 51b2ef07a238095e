"""Every error streamproc raises. Its type decides an event's fate in `stream/pipeline.py`:

- `PermanentEventError`: the event can never succeed; it goes to the dead-letter topic.
- `TransientError`: a dependency is unavailable or slow; the step is retried with backoff.
- `LeftForRedelivery`: the worker is stopping; the event is left unacked, to be redelivered.
- anything else is a bug or a misconfiguration and stops the worker, so no offset moves past it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from streamproc.events import TokenUsage


class StreamprocError(Exception):
    """Root of streamproc's own errors."""


class ConfigurationError(StreamprocError):
    """The environment does not match what streamproc needs (topics, migrations, settings)."""


class LexiconError(ConfigurationError):
    """A data file of the offline classifier is malformed or ambiguous; nothing loads (the
    classifier cannot start with data that says two things at once)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class PermanentEventError(StreamprocError):
    """An input event that no retry can fix. `error_type` is machine-readable and stable."""

    error_type = "invalid_event"


class UndecodableEvent(PermanentEventError):
    """The bytes are not UTF-8 JSON."""

    error_type = "undecodable"


class SchemaViolation(PermanentEventError):
    """Valid JSON that does not match the meetings.created contract."""

    error_type = "schema_violation"


class TranscriptTooLong(PermanentEventError):
    error_type = "transcript_too_long"

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"transcript has {length} characters; the limit is {limit}")
        self.length = length
        self.limit = limit


class TransientError(StreamprocError):
    """A dependency failed in a way a later attempt may not (connection lost, timeout)."""

    def __init__(self, dependency: str, message: str) -> None:
        super().__init__(f"{dependency}: {message}")
        self.dependency = dependency


class LeftForRedelivery(StreamprocError):
    """Not a failure: the worker is stopping, so the event is not started and never acked; the
    partition's next owner gets it."""


class ClassificationRejected(PermanentEventError):
    """The classifier answered, but never with a usable classification, whatever the retries."""

    error_type = "classification_rejected"

    def __init__(self, message: str, usage: TokenUsage | None = None) -> None:
        super().__init__(message)
        self.usage = usage  # what the failed attempts were billed

    def with_usage(self, usage: TokenUsage | None) -> Self:
        """The same error, with what the attempts that led to it cost."""
        return type(self)(str(self), usage)


class AnswerTruncated(ClassificationRejected):
    """The answer hit max_tokens (small models loop inside free-text fields until the limit)."""

    error_type = "llm_truncated"


class AnswerRefused(ClassificationRejected):
    error_type = "llm_refused"


class AnswerFiltered(ClassificationRejected):
    error_type = "llm_content_filtered"


class AnswerOutOfSchema(ClassificationRejected):
    """Not JSON, or JSON with a value outside the taxonomy: never stored."""

    error_type = "llm_out_of_schema"


class RequestRejected(ClassificationRejected):
    """A 4xx other than 429 (bad request, auth, unknown model): the same request cannot succeed."""

    error_type = "llm_request_rejected"


class LLMMisconfigured(TransientError):
    """The API refused the key, the permission or the model (401, 403, 404): no meeting can be
    classified until the configuration is fixed. Transient to the pipeline, so a meeting waits
    (unacked) instead of being stored as a fallback; the worker reports it loudly meanwhile."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__("llm", f"configuration error, HTTP {status}: {message}")
        self.status = status


class LLMUnavailable(TransientError):
    """429, 5xx, timeouts or connection errors, still failing after the configured attempts."""

    error_type = "llm_unavailable"

    def __init__(self, message: str, usage: TokenUsage | None = None) -> None:
        super().__init__("llm", message)
        self.usage = usage  # what the failed attempts were billed


def error_types(root: type[PermanentEventError]) -> list[str]:
    """The `error_type` of `root` and of every error class derived from it, sorted."""
    found, pending = set(), [root]
    while pending:
        kind = pending.pop()
        found.add(kind.error_type)
        pending.extend(kind.__subclasses__())
    return sorted(found)


def describe_error(error: BaseException) -> str:
    """The error's type and message; one without a message (a bare TimeoutError) says so."""
    return f"{type(error).__name__}: {error}" if str(error) else f"{type(error).__name__}"
