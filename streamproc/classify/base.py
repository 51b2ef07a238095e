"""What every classifier promises: a transcript in, a valid `Classification` out (or an error)."""

from __future__ import annotations

from typing import Protocol

from streamproc.events import ClassifierInfo
from streamproc.taxonomy import Classification, Language


class Classifier(Protocol):
    """Classifies one transcript. Labels such as `closed` never reach a classifier."""

    @property
    def info(self) -> ClassifierInfo: ...

    async def classify(self, transcript: str, language: Language | None) -> Classification: ...
