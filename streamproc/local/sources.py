"""Meetings from files: the seed's CSV export, or JSON Lines of `meetings.created` events.

Ids for CSV rows are derived from the row's content, so importing the same file twice publishes
the same event_ids and the worker stores each meeting once.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from streamproc.errors import StreamprocError
from streamproc.events import (
    Client,
    Meeting,
    MeetingCreated,
    derive_meeting_event_id,
    describe_validation_error,
    utc_now,
)

CSV_COLUMNS: Final = (
    "Nombre",
    "Correo Electronico",
    "Numero de Telefono",
    "Fecha de la Reunion",
    "Vendedor asignado",
    "closed",
    "Transcripcion",
)
TRUE_WORDS: Final = frozenset({"1", "true", "si", "sí", "yes", "y", "t"})
FALSE_WORDS: Final = frozenset({"0", "false", "no", "n", "f"})
DATE_FORMATS: Final = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


class InvalidInputFile(StreamprocError):
    """Some rows of an input file cannot become events; `problems` names each by line."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        shown = "\n".join(f"  {problem}" for problem in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(
            f"{path}: {len(problems)} invalid row(s), nothing published:\n{shown}{more}"
        )
        self.problems = problems


class UnreadableInputFile(StreamprocError):
    """The file cannot be read as meetings at all: missing, or of a type we do not read."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}, nothing published")
        self.path = path
        self.reason = reason


def read_events(path: Path) -> list[MeetingCreated]:
    """Every event of the file, or `InvalidInputFile` listing every bad row (all or nothing)."""
    if not path.is_file():
        raise UnreadableInputFile(path, f"no such file (looked in {path.resolve().parent})")
    if path.suffix.lower() == ".csv":
        rows = _csv_events(path)
    elif path.suffix.lower() in (".jsonl", ".ndjson"):
        rows = _jsonl_events(path)
    else:
        raise UnreadableInputFile(path, f"unknown file type {path.suffix!r}: use .csv or .jsonl")
    events: list[MeetingCreated] = []
    problems: list[str] = []
    for line, outcome in rows:
        if isinstance(outcome, str):
            problems.append(f"line {line}: {outcome}")
        else:
            events.append(outcome)
    if problems:
        raise InvalidInputFile(path, problems)
    if not events:
        raise InvalidInputFile(path, ["the file holds no meetings"])
    return events


def _csv_events(path: Path) -> Iterator[tuple[int, MeetingCreated | str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            yield 1, f"missing column(s): {', '.join(missing)}"
            return
        for row in reader:
            absent = [column for column in CSV_COLUMNS if row.get(column) is None]
            if absent:  # the csv module reads an unterminated quote to the end of the file
                yield (
                    reader.line_num,
                    (
                        f"{len(CSV_COLUMNS) - len(absent)} of {len(CSV_COLUMNS)} columns "
                        f"(missing {', '.join(absent)}): an unterminated quote?"
                    ),
                )
                continue
            yield reader.line_num, _csv_row_event(row)


def _csv_row_event(row: dict[str, str]) -> MeetingCreated | str:
    try:
        closed = _parse_bool(row["closed"])
        meeting_date = _parse_date(row["Fecha de la Reunion"])
        identity = "\x1f".join(row.get(column) or "" for column in CSV_COLUMNS)
        meeting = Meeting(
            meeting_id="m-" + hashlib.sha256(identity.encode()).hexdigest()[:20],
            client=Client(
                name=row["Nombre"],
                email=row["Correo Electronico"] or None,
                phone=row["Numero de Telefono"] or None,
            ),
            seller=row["Vendedor asignado"],
            meeting_date=meeting_date,
            closed=closed,
            transcript=row["Transcripcion"],
        )
    except ValueError as error:
        return _short(error)
    return MeetingCreated(
        event_id=derive_meeting_event_id(meeting), occurred_at=utc_now(), meeting=meeting
    )


def _jsonl_events(path: Path) -> Iterator[tuple[int, MeetingCreated | str]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, MeetingCreated.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValueError) as error:
                yield number, _short(error)


def _parse_bool(text: str | None) -> bool:
    word = (text or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"closed: {text!r} is not one of 1/0, true/false, si/no")


def _parse_date(text: str | None) -> date:
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime((text or "").strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"Fecha de la Reunion: {text!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")


def _short(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return describe_validation_error(error)
    return str(error)
