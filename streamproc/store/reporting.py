"""PostgreSQL for reporting, off the hot path: evaluation runs, people's corrections, and each
meeting's current classification (for `reclassify`). The hot path (find, save) is in
`postgres.py`; both share its pool and migrations."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, Final

import asyncpg

from streamproc.events import ClassifierInfo
from streamproc.feedback import Feedback
from streamproc.store.postgres import column_value, postgres_call


class ReportingStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _fetch(self, query: str, *arguments: object) -> list[asyncpg.Record]:
        rows: list[asyncpg.Record] = await self._pool.fetch(query, *arguments)
        return rows

    async def save_evaluation(self, run: EvaluationRow) -> None:
        await postgres_call(
            "save_evaluation",
            lambda: self._pool.execute(
                _INSERT_EVALUATION,
                run.run_id,
                run.classifier.name,
                run.classifier.model,
                run.classifier.version,
                run.dataset,
                run.dataset_sha256,
                run.meetings,
                run.failed_meetings,
                run.mean_accuracy,
                run.calibration_error,
                json.dumps(run.scores),
            ),
        )

    async def add_feedback(
        self, feedback_id: Any, meeting_id: str, feedback: Feedback
    ) -> dict[str, Any] | None:
        """Store a correction of the meeting's latest classification; returns that
        classification's values of the corrected fields, or None if the meeting has none."""
        corrected = feedback.corrected()
        rows = await postgres_call(
            "add_feedback",
            lambda: self._fetch(
                _INSERT_FEEDBACK.format(fields=", ".join(corrected)),
                meeting_id,
                feedback_id,
                feedback.author,
                json.dumps({name: column_value(value) for name, value in corrected.items()}),
                feedback.comment,
            ),
        )
        return dict(rows[0]) if rows else None

    async def feedback_labels(
        self, author: str | None = None
    ) -> list[tuple[str, str, dict[str, Any]]]:
        """(meeting_id, transcript, corrections) per corrected meeting (by `author`, or anyone);
        of several corrections of one field, the latest wins."""
        rows = await postgres_call("find_feedback", lambda: self._fetch(_FEEDBACK_LABELS, author))
        labels: dict[str, tuple[str, str, dict[str, Any]]] = {}
        for row in rows:
            _, _, merged = labels.setdefault(
                row["meeting_id"], (row["meeting_id"], row["transcript"], {})
            )
            merged.update(json.loads(row["corrections"]))
        return list(labels.values())

    async def current_results(
        self, since: date | None, until: date | None, sector: str | None
    ) -> AsyncIterator[dict[str, Any]]:
        """Each stored meeting (held from `since` to `until`, both included) with its newest
        classification (of `sector`), by meeting_id, fetched a page at a time."""
        after = ""
        while True:
            rows = await postgres_call(
                "find_current",
                partial(
                    self._fetch, _CURRENT_RESULTS, after, since, until, sector, CURRENT_RESULTS_PAGE
                ),
            )
            for row in rows:
                yield dict(row)
            if len(rows) < CURRENT_RESULTS_PAGE:
                return
            after = rows[-1]["meeting_id"]

    async def evaluations(self, dataset_sha256: str) -> list[dict[str, Any]]:
        """Earlier runs on the same data, oldest first."""
        rows = await postgres_call(
            "find_evaluations",
            lambda: self._fetch(
                "SELECT * FROM evaluation_runs WHERE dataset_sha256 = $1 ORDER BY evaluated_at",
                dataset_sha256,
            ),
        )
        return [dict(row) for row in rows]


@dataclass(frozen=True)
class EvaluationRow:
    """One classifier's scores on one labelled dataset, as `evaluation_runs` holds them."""

    run_id: Any
    classifier: ClassifierInfo
    dataset: str
    dataset_sha256: str
    meetings: int
    failed_meetings: int
    mean_accuracy: float
    calibration_error: float
    scores: dict[str, Any]  # plain JSON (`evaluation/run.py`)


_INSERT_EVALUATION: Final = """
INSERT INTO evaluation_runs (run_id, classifier_name, classifier_model, classifier_version,
    dataset, dataset_sha256, meetings, failed_meetings, mean_accuracy, calibration_error, scores)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
"""


CURRENT_RESULTS_PAGE: Final = 500
_CURRENT_RESULTS: Final = """
SELECT m.meeting_id, m.client_name, m.client_email, m.client_phone, m.seller, m.meeting_date,
    m.closed, m.transcript, m.language AS meeting_language, latest.*
FROM meetings m
CROSS JOIN LATERAL (
    SELECT * FROM current_classifications c WHERE c.meeting_id = m.meeting_id
) latest
WHERE m.meeting_id > $1
    AND ($2::date IS NULL OR m.meeting_date >= $2)
    AND ($3::date IS NULL OR m.meeting_date <= $3)
    AND ($4::text IS NULL OR latest.business_sector = $4)
ORDER BY m.meeting_id
LIMIT $5
"""

# The corrected fields are names from the taxonomy (validated by `Feedback`), never user text.
_INSERT_FEEDBACK: Final = """
WITH latest AS (
    SELECT source_event_id, {fields} FROM current_classifications WHERE meeting_id = $1
), inserted AS (
    INSERT INTO feedback (feedback_id, meeting_id, source_event_id, author, corrections, comment)
    SELECT $2, $1, source_event_id, $3, $4::jsonb, $5 FROM latest
    RETURNING source_event_id
)
SELECT latest.* FROM latest JOIN inserted USING (source_event_id)
"""

_FEEDBACK_LABELS: Final = """
SELECT feedback.meeting_id, meetings.transcript, feedback.corrections
FROM feedback JOIN meetings USING (meeting_id)
WHERE $1::text IS NULL OR feedback.author = $1
ORDER BY feedback.meeting_id, feedback.created_at, feedback.feedback_id
"""
