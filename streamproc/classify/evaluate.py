"""How often the offline classifier agrees with human labels, field by field.

Labelled files are JSON Lines, one meeting per line:
`{"id": "...", "transcript": "...", "labels": {"business_sector": "retail", "urgency": true}}`.
A meeting may label only some fields; each field's accuracy counts the meetings that label it.

    python -m streamproc.classify.evaluate tests/data/labelled_dev.jsonl
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from streamproc.classify.offline import OfflineClassifier
from streamproc.classify.scores import EVALUATED_FIELDS, LabelValue
from streamproc.errors import StreamprocError
from streamproc.taxonomy import Classification


class LabelledDataError(StreamprocError):
    """A labelled file has a line that is not a valid labelled meeting."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line


@dataclass(frozen=True, slots=True)
class LabelledMeeting:
    id: str
    transcript: str
    labels: Mapping[str, LabelValue]


@dataclass(frozen=True, slots=True)
class FieldAccuracy:
    field: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class AccuracyReport:
    fields: tuple[FieldAccuracy, ...]

    @property
    def mean_accuracy(self) -> float:
        """Unweighted mean over the fields that were labelled at least once."""
        scored = [field.accuracy for field in self.fields if field.total]
        return sum(scored) / len(scored) if scored else 0.0


def evaluate(records: Iterable[LabelledMeeting]) -> AccuracyReport:
    """Classify each record (no language hint, as detection is scored too) and compare."""
    classifier = OfflineClassifier()
    correct = dict.fromkeys(EVALUATED_FIELDS, 0)
    total = dict.fromkeys(EVALUATED_FIELDS, 0)
    for record in records:
        predicted = classifier.classify_text(record.transcript, None)
        for field, expected in record.labels.items():
            if field in EVALUATED_FIELDS:
                total[field] += 1
                correct[field] += getattr(predicted, field) == expected
    return AccuracyReport(
        tuple(FieldAccuracy(field, correct[field], total[field]) for field in EVALUATED_FIELDS)
    )


def load_labelled(path: Path | str) -> list[LabelledMeeting]:
    """Read and validate a JSON Lines file; blank lines are skipped."""
    path = Path(path)
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                records.append(_parse_record(path, number, line))
    return records


def _parse_record(path: Path, number: int, line: str) -> LabelledMeeting:
    try:
        document = json.loads(line)
    except json.JSONDecodeError as error:
        raise LabelledDataError(path, number, f"not JSON ({error.msg})") from error
    if not isinstance(document, dict):
        raise LabelledDataError(path, number, "not a JSON object")
    record_id, transcript, labels = (
        document.get("id"),
        document.get("transcript"),
        document.get("labels"),
    )
    if not isinstance(record_id, str) or not record_id:
        raise LabelledDataError(path, number, "'id' must be a non-empty string")
    if not isinstance(transcript, str) or not transcript.strip():
        raise LabelledDataError(path, number, "'transcript' must be a non-empty string")
    if not isinstance(labels, dict):
        raise LabelledDataError(path, number, "'labels' must be an object")
    parsed: dict[str, LabelValue] = {}
    for field, value in labels.items():
        if field not in Classification.model_fields:
            raise LabelledDataError(path, number, f"unknown field {field!r}")
        kind = EVALUATED_FIELDS.get(field)
        if kind is None:
            continue
        if issubclass(kind, StrEnum):
            try:
                parsed[field] = kind(value)
            except ValueError as error:
                problem = f"{field}={value!r} is not in the taxonomy"
                raise LabelledDataError(path, number, problem) from error
        elif isinstance(value, bool):
            parsed[field] = value
        else:
            raise LabelledDataError(path, number, f"{field} must be true or false")
    return LabelledMeeting(record_id, transcript, parsed)


def format_markdown(report: AccuracyReport) -> str:
    """A Markdown table, one row per field and a last row with the mean accuracy."""
    rows = [
        "| field | correct | total | accuracy |",
        "| --- | ---: | ---: | ---: |",
    ]
    for field in report.fields:
        rows.append(f"| {field.field} | {field.correct} | {field.total} | {field.accuracy:.3f} |")
    correct = sum(field.correct for field in report.fields)
    total = sum(field.total for field in report.fields)
    rows.append(f"| **mean over fields** | {correct} | {total} | {report.mean_accuracy:.3f} |")
    return "\n".join(rows)


def main(paths: Sequence[str]) -> int:
    if not paths:
        print("usage: python -m streamproc.classify.evaluate FILE...", file=sys.stderr)
        return 2
    records = [record for path in paths for record in load_labelled(path)]
    print(format_markdown(evaluate(records)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
