"""`streamproc eval` without its printing: gather the labelled meetings, score each classifier,
write the report, store the runs. The command only shows what this returns."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamproc.classify.base import Classifier
from streamproc.errors import ConfigurationError
from streamproc.evaluation.evaluate import (
    LabelledMeeting,
    classify_labelled,
    dataset_sha256,
    labelled_from_feedback,
    load_labelled,
)
from streamproc.evaluation.scores import Scores, markdown, score
from streamproc.events import ClassifierInfo
from streamproc.store.postgres import ClassificationStore
from streamproc.store.reporting import EvaluationRow, ReportingStore


@dataclass(frozen=True)
class EvaluationRun:
    """One classifier's scores on one labelled dataset (`streamproc eval`)."""

    run_id: Any
    classifier: ClassifierInfo
    dataset: str
    dataset_sha256: str
    scores: Scores
    failed_meetings: int


async def labelled_meetings(
    database_url: str, files: Sequence[Path], from_feedback: bool, author: str | None
) -> tuple[list[LabelledMeeting], str]:
    """The meetings to score and the dataset's name: labelled files, or people's corrections."""
    if bool(files) == from_feedback:
        raise ConfigurationError("give labelled file(s) or --from-feedback, not both or neither")
    if author is not None and not from_feedback:
        raise ConfigurationError("--author only applies to --from-feedback")
    if not from_feedback:
        meetings = [meeting for file in files for meeting in load_labelled(file)]
        return meetings, " + ".join(file.name for file in files)
    async with ClassificationStore.opened(database_url, pool_size=1) as store:
        corrections = await ReportingStore(store.pool).feedback_labels(author)
    meetings = labelled_from_feedback(corrections)
    if not meetings:
        raise ConfigurationError("no feedback yet: nothing to evaluate")
    return meetings, "feedback"


async def evaluate(
    classifier: Classifier,
    meetings: Sequence[LabelledMeeting],
    dataset: str,
    concurrency: int,
) -> tuple[EvaluationRun, dict[str, str]]:
    """One classifier's scores on the meetings, and the meetings it failed on (id -> error)."""
    answers = await classify_labelled(classifier, meetings, concurrency)
    run = EvaluationRun(
        uuid.uuid4(),
        classifier.info,
        dataset,
        dataset_sha256(meetings),
        score(answers.scored),
        len(answers.failures),
    )
    return run, answers.failures


def run_name(run: EvaluationRun) -> str:
    info = run.classifier
    return f"{info.name} {info.model}/{info.version}" if info.model else info.name


def report(runs: Sequence[EvaluationRun], meetings: int) -> str:
    """The Markdown report of one or more runs on the same data, side by side."""
    first = runs[0]
    title = (
        f"# Evaluation of {first.dataset} ({meetings} meetings, "
        f"sha256 {first.dataset_sha256[:12]})\n\n"
    )
    failed = "".join(
        f"{run_name(run)} failed on {run.failed_meetings} meeting(s): not scored.\n\n"
        for run in runs
        if run.failed_meetings
    )
    return title + failed + markdown([(run_name(run), run.scores) for run in runs])


async def store_runs(database_url: str, runs: Sequence[EvaluationRun]) -> list[dict[str, Any]]:
    """Record the runs in `evaluation_runs`; returns the earlier runs on the same data."""
    async with ClassificationStore.opened(database_url, pool_size=1) as store:
        await store.verify_schema()
        reports = ReportingStore(store.pool)
        earlier = await reports.evaluations(runs[0].dataset_sha256)
        for run in runs:
            await reports.save_evaluation(_row(run))
    return earlier


def run_name_of_row(row: dict[str, Any]) -> str:
    model, version = row["classifier_model"], row["classifier_version"]
    return f"{row['classifier_name']} {model}/{version}" if model else row["classifier_name"]


def _row(run: EvaluationRun) -> EvaluationRow:
    return EvaluationRow(
        run_id=run.run_id,
        classifier=run.classifier,
        dataset=run.dataset,
        dataset_sha256=run.dataset_sha256,
        meetings=run.scores.meetings,
        failed_meetings=run.failed_meetings,
        mean_accuracy=run.scores.mean_accuracy,
        calibration_error=run.scores.calibration_error,
        scores=scores_document(run.scores),
    )


def scores_document(scores: Scores) -> dict[str, Any]:
    """Scores as stored: plain JSON, confusion cells as [label, answer, meetings]."""
    return {
        "fields": {
            field.field: {
                "correct": field.correct,
                "total": field.total,
                "accuracy": field.accuracy,
                "macro_f1": field.macro_f1,
            }
            for field in scores.fields
        },
        "reliability": [dataclasses.asdict(bin_) for bin_ in scores.reliability],
        "confusions": {
            matrix.field: [
                [label, answer, count] for (label, answer), count in matrix.counts.items()
            ]
            for matrix in scores.confusions
        },
    }
