"""Re-run stored meetings through the workers' current classifier, via the stream.

Each selected meeting is published again to `meetings.created`, unchanged (its occurred_at too),
under an event_id derived from the meeting, its transcript and the classifier version: the worker
classifies it like any meeting and stores a new row beside the earlier ones (the latest made for
the newest transcript is the current result). A meeting whose current result the same classifier
name, model and version already made for its transcript is skipped, however that result was made
(live or by an earlier run), and the worker reuses a stored result rather than pay twice anyway.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from streamproc.events import (
    STREAMPROC_NAMESPACE,
    ClassifierInfo,
    Client,
    Meeting,
    MeetingCreated,
)
from streamproc.store.batches import unclassified
from streamproc.store.postgres import ClassificationStore, column_value, transcript_sha256
from streamproc.store.reporting import ReportingStore
from streamproc.taxonomy import EVALUATED_FIELDS

# How often the command looks for the new results while it waits.
POLL_SECONDS: Final = 1.0


@dataclass(frozen=True)
class Selection:
    """Which stored meetings to reclassify: held from `since` to `until` (both included), whose
    current result has `sector`; None selects all."""

    since: date | None = None
    sector: str | None = None
    until: date | None = None


@dataclass
class Plan:
    """The events to publish, and what each meeting's current result was before."""

    events: list[MeetingCreated] = field(default_factory=list)
    previous: dict[str, Mapping[str, Any]] = field(default_factory=dict)  # by meeting_id
    already_done: int = 0
    in_unfinished_batch: int = 0  # a `--batch` run resumes them


@dataclass
class Changes:
    """How the new results differ from the ones they supersede."""

    results: int = 0
    missing: list[str] = field(default_factory=list)  # meeting_ids without a new result yet
    changed_meetings: int = 0
    by_field: Counter[str] = field(default_factory=Counter)


def reclassify_event_id(meeting_id: str, transcript: str, classifier: ClassifierInfo) -> uuid.UUID:
    """The same for the same meeting, transcript and classifier version; a changed transcript or
    a new version gives a new event, hence a new result."""
    version = f"{classifier.name}/{classifier.model}/{classifier.version}"
    content = hashlib.sha256(transcript.encode()).hexdigest()
    return uuid.uuid5(STREAMPROC_NAMESPACE, f"reclassify:{meeting_id}:{content}:{version}")


async def plan(
    store: ClassificationStore, selection: Selection, classifier: ClassifierInfo
) -> Plan:
    """The meetings to publish: those whose current result this classifier version did not
    make, nor in an unfinished Batch API batch."""
    rows = [
        row
        async for row in ReportingStore(store.pool).current_results(
            selection.since, selection.until, selection.sector
        )
    ]
    current = [row for row in rows if _made_by(row, classifier)]
    candidates = [
        _event(row, reclassify_event_id(row["meeting_id"], row["transcript"], classifier))
        for row in rows
        if not _made_by(row, classifier)
    ]
    todo = await unclassified(store, candidates)
    by_meeting = {row["meeting_id"]: row for row in rows}
    return Plan(
        events=todo.events,
        previous={
            event.meeting.meeting_id: by_meeting[event.meeting.meeting_id] for event in todo.events
        },
        already_done=len(current) + todo.stored,
        in_unfinished_batch=todo.in_batches,
    )


def _made_by(row: Mapping[str, Any], classifier: ClassifierInfo) -> bool:
    """Whether a meeting's current result is the classifier's own (not a fallback) for the
    meeting's transcript as stored now."""
    return (
        (row["classifier_name"], row["classifier_model"], row["classifier_version"])
        == (classifier.name, classifier.model, classifier.version)
        and not row["is_fallback"]
        and row["transcript_sha256"] == transcript_sha256(row["transcript"])
    )


async def wait_for_changes(
    store: ClassificationStore, plan: Plan, timeout_seconds: float
) -> Changes:
    """Wait (up to the timeout) for every published meeting's new result; compare each with the
    result it supersedes."""
    wanted = {event.event_id: event.meeting.meeting_id for event in plan.events}
    found: dict[Any, Any] = {}
    deadline = time.monotonic() + timeout_seconds
    while True:
        missing_ids = [event_id for event_id in wanted if event_id not in found]
        for event_id, stored in zip(
            missing_ids, await asyncio.gather(*(store.find(e) for e in missing_ids)), strict=True
        ):
            if stored is not None:
                found[event_id] = stored
        if len(found) == len(wanted) or time.monotonic() >= deadline:
            break
        await asyncio.sleep(POLL_SECONDS)
    changes = Changes(results=len(found))
    changes.missing = sorted(wanted[event_id] for event_id in wanted if event_id not in found)
    for event_id, stored in found.items():
        before = plan.previous[wanted[event_id]]
        fields = [
            name
            for name in EVALUATED_FIELDS
            if column_value(getattr(stored.classification, name)) != before[name]
        ]
        changes.by_field.update(fields)
        changes.changed_meetings += bool(fields)
    return changes


def _event(row: Mapping[str, Any], event_id: uuid.UUID) -> MeetingCreated:
    meeting = Meeting(
        meeting_id=row["meeting_id"],
        client=Client(
            name=row["client_name"], email=row["client_email"], phone=row["client_phone"]
        ),
        seller=row["seller"],
        meeting_date=row["meeting_date"],
        closed=row["closed"],
        transcript=row["transcript"],
        language=row["meeting_language"],
    )
    # The original occurred_at: a transcript that arrives while this runs is newer, and stays
    # the meeting's current one.
    return MeetingCreated(event_id=event_id, occurred_at=row["source_occurred_at"], meeting=meeting)


def summary_lines(plan: Plan, changes: Changes) -> list[str]:
    lines = [
        f"reclassified {changes.results} of {len(plan.events)} meeting(s) published; "
        f"{plan.already_done} already reclassified with this version (skipped)",
        f"{changes.changed_meetings} meeting(s) changed in at least one field",
    ]
    lines += [f"  {name}: {count} changed" for name, count in changes.by_field.most_common()]
    if changes.missing:
        shown = ", ".join(changes.missing[:5])
        lines.append(f"no new result yet for {len(changes.missing)} meeting(s): {shown}")
    return lines
