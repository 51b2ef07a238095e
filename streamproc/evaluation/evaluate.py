"""Labelled meetings in, a classifier's answers for them out (`streamproc eval`).

Labelled files are JSON Lines, one meeting per line:
`{"id": "...", "transcript": "...", "labels": {"business_sector": "retail", "urgency": true}}`,
or CSV in the `streamproc publish` format (the transcript in `Transcripcion`) with one column per
labelled field, named as the field; an empty cell leaves that field unlabelled. A meeting may label
only some fields; each field's score counts the meetings that label it (`scores.py`).
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from streamproc.classify.base import Classifier
from streamproc.errors import ClassificationRejected, LLMUnavailable, StreamprocError
from streamproc.evaluation.scores import Scored, value_text
from streamproc.local.sources import CSV_COLUMNS, FALSE_WORDS, TRUE_WORDS
from streamproc.taxonomy import EVALUATED_FIELDS, Classification, LabelValue

# The publish CSV's transcript column: its other columns are not needed to score a classifier.
CSV_TRANSCRIPT_COLUMN: Final = CSV_COLUMNS[-1]


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
class Answers:
    """A classifier's answers to a labelled set; meetings it failed on are not scored."""

    scored: list[Scored]
    failures: dict[str, str]  # meeting id -> error


async def classify_labelled(
    classifier: Classifier, meetings: Sequence[LabelledMeeting], concurrency: int
) -> Answers:
    """Classify every meeting, `concurrency` at a time, with no language hint (language
    detection is scored too)."""
    slots = asyncio.Semaphore(concurrency)
    failures: dict[str, str] = {}

    async def answer(meeting: LabelledMeeting) -> Scored | None:
        async with slots:
            try:
                result = await classifier.classify(meeting.transcript, None)
            except (ClassificationRejected, LLMUnavailable) as error:
                failures[meeting.id] = f"{type(error).__name__}: {error}"
                return None
        return Scored(meeting.labels, result.classification)

    answers = await asyncio.gather(*(answer(meeting) for meeting in meetings))
    return Answers([scored for scored in answers if scored is not None], failures)


def dataset_sha256(meetings: Sequence[LabelledMeeting]) -> str:
    """Names the data a run measured, whatever the file's format or blank lines."""
    digest = hashlib.sha256()
    for meeting in meetings:
        labels = {field: value_text(value) for field, value in sorted(meeting.labels.items())}
        digest.update(json.dumps([meeting.id, meeting.transcript, labels]).encode())
    return digest.hexdigest()


def load_labelled(path: Path | str) -> list[LabelledMeeting]:
    """Read and validate a JSON Lines (blank lines skipped) or CSV file."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _load_csv(path)
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                records.append(_parse_record(path, number, line))
    if not records:
        raise LabelledDataError(path, 1, "no labelled meetings")
    return records


def labelled_from_feedback(
    corrected: Sequence[tuple[str, str, Mapping[str, object]]],
) -> list[LabelledMeeting]:
    """Meetings people corrected, labelled with their corrections (`streamproc eval
    --from-feedback`): (meeting_id, transcript, corrections) as the store returns them."""
    source = Path("feedback")
    return [
        _parse_record(
            source,
            number,
            json.dumps({"id": meeting_id, "transcript": transcript, "labels": dict(labels)}),
        )
        for number, (meeting_id, transcript, labels) in enumerate(corrected, start=1)
    ]


def _load_csv(path: Path) -> list[LabelledMeeting]:
    records = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        if CSV_TRANSCRIPT_COLUMN not in columns:
            raise LabelledDataError(path, 1, f"no {CSV_TRANSCRIPT_COLUMN!r} column")
        if not any(column in EVALUATED_FIELDS for column in columns):
            fields = ", ".join(EVALUATED_FIELDS)
            raise LabelledDataError(path, 1, f"no label column (one of: {fields})")
        for row in reader:
            labels: dict[str, object] = {}
            for field in EVALUATED_FIELDS:
                cell = (row.get(field) or "").strip()
                if cell:
                    labels[field] = _csv_label(path, reader.line_num, field, cell)
            document = {
                "id": f"{path.name}:{reader.line_num}",
                "transcript": row.get(CSV_TRANSCRIPT_COLUMN) or "",
                "labels": labels,
            }
            records.append(_parse_record(path, reader.line_num, json.dumps(document)))
    if not records:
        raise LabelledDataError(path, 1, "no labelled meetings")
    return records


def _csv_label(path: Path, line: int, field: str, cell: str) -> object:
    if EVALUATED_FIELDS[field] is not bool:
        return cell
    word = cell.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise LabelledDataError(path, line, f"{field} must be true or false, not {cell!r}")


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
