"""What every classifier promises: a transcript in, a valid `Classification` out (or an error)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from streamproc.events import ClassifierInfo, TokenUsage
from streamproc.taxonomy import Classification, Language


@dataclass(frozen=True)
class ClassifierResult:
    """A classification with how it was made: stored with it and sent in the completed event."""

    classification: Classification
    classifier: ClassifierInfo
    usage: TokenUsage | None = None


class Classifier(Protocol):
    """Classifies one transcript. Labels such as `closed` never reach a classifier.

    Raises `PermanentEventError` subclasses for answers no retry can fix and `TransientError`
    when the backend is unavailable; the pipeline decides what each means for the event.
    """

    @property
    def info(self) -> ClassifierInfo: ...

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult: ...
