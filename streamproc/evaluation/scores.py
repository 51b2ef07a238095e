"""How well a classifier's answers match human labels: accuracy, macro-F1, confusion, calibration.

Pure: no I/O. Input is one `Scored` per labelled meeting (its labels and the classification a
classifier returned); a meeting may label only some fields, and each field counts the meetings
that label it. Free-text fields are not scored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from streamproc.taxonomy import EVALUATED_FIELDS, Classification, LabelValue

# The fields whose confusion matrices a report shows: the ones users act on most.
CONFUSION_FIELDS: Final = ("business_sector", "lead_source", "primary_pain_point")
# Equal-width bins of confidence_score over [0, 1] in the reliability table.
RELIABILITY_BINS: Final = 5


@dataclass(frozen=True, slots=True)
class Scored:
    """One labelled meeting and what a classifier answered for it."""

    labels: Mapping[str, LabelValue]
    predicted: Classification

    def fields_right(self) -> tuple[int, int]:
        """(answered right, labelled) over the evaluated fields: what confidence should predict."""
        fields = [field for field in self.labels if field in EVALUATED_FIELDS]
        right = sum(getattr(self.predicted, field) == self.labels[field] for field in fields)
        return right, len(fields)


@dataclass(frozen=True, slots=True)
class FieldScore:
    field: str
    correct: int
    total: int
    # Mean over the values that are labelled or predicted of each value's F1: a classifier that
    # always answers the commonest value scores well on accuracy and badly here.
    macro_f1: float

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class ConfusionMatrix:
    field: str
    # Rows (labels) and columns (answers): the values that occur, in taxonomy order.
    values: tuple[str, ...]
    counts: Mapping[tuple[str, str], int]  # (label, answer) -> meetings


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """Meetings whose confidence_score fell in [low, high): how confident, how right."""

    low: float
    high: float
    meetings: int
    mean_confidence: float
    # Of the labelled fields of these meetings, the share answered right.
    accuracy: float


@dataclass(frozen=True, slots=True)
class Scores:
    meetings: int
    fields: tuple[FieldScore, ...]
    confusions: tuple[ConfusionMatrix, ...]
    reliability: tuple[ReliabilityBin, ...]

    @property
    def mean_accuracy(self) -> float:
        """Unweighted mean over the fields that were labelled at least once."""
        scored = [field.accuracy for field in self.fields if field.total]
        return sum(scored) / len(scored) if scored else 0.0

    @property
    def mean_macro_f1(self) -> float:
        scored = [field.macro_f1 for field in self.fields if field.total]
        return sum(scored) / len(scored) if scored else 0.0

    @property
    def calibration_error(self) -> float:
        """Expected calibration error: |accuracy − confidence| per bin, weighted by meetings.
        0 when the score means what it says."""
        counted = sum(bin_.meetings for bin_ in self.reliability)
        if not counted:
            return 0.0
        return (
            sum(
                bin_.meetings * abs(bin_.accuracy - bin_.mean_confidence)
                for bin_ in self.reliability
            )
            / counted
        )

    def field(self, name: str) -> FieldScore:
        return next(field for field in self.fields if field.field == name)


def value_text(value: LabelValue) -> str:
    return value.value if isinstance(value, StrEnum) else str(value).lower()


def score(scored: Sequence[Scored]) -> Scores:
    pairs: dict[str, list[tuple[str, str]]] = {field: [] for field in EVALUATED_FIELDS}
    for meeting in scored:
        for field, expected in meeting.labels.items():
            if field in pairs:
                answer = value_text(getattr(meeting.predicted, field))
                pairs[field].append((value_text(expected), answer))
    fields = tuple(
        FieldScore(
            field,
            sum(expected == answer for expected, answer in field_pairs),
            len(field_pairs),
            macro_f1(field_pairs),
        )
        for field, field_pairs in pairs.items()
    )
    confusions = tuple(_confusion(field, pairs[field]) for field in CONFUSION_FIELDS)
    return Scores(len(scored), fields, confusions, reliability(scored))


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    """Mean F1 over every value that is a label or an answer in `pairs` (label, answer)."""
    if not pairs:
        return 0.0
    true_positives = Counter(expected for expected, answer in pairs if expected == answer)
    labelled = Counter(expected for expected, _ in pairs)
    answered = Counter(answer for _, answer in pairs)
    values = labelled.keys() | answered.keys()
    return sum(
        2 * true_positives[value] / (labelled[value] + answered[value]) for value in values
    ) / len(values)


def reliability(
    scored: Sequence[Scored], bins: int = RELIABILITY_BINS
) -> tuple[ReliabilityBin, ...]:
    width = 1.0 / bins
    confidences: list[list[float]] = [[] for _ in range(bins)]
    right: list[int] = [0] * bins
    labelled: list[int] = [0] * bins
    for meeting in scored:
        meeting_right, meeting_labelled = meeting.fields_right()
        if not meeting_labelled:
            continue
        confidence = meeting.predicted.confidence_score
        index = min(bins - 1, int(confidence / width))
        confidences[index].append(confidence)
        labelled[index] += meeting_labelled
        right[index] += meeting_right
    return tuple(
        ReliabilityBin(
            low=index * width,
            high=(index + 1) * width,
            meetings=len(confidences[index]),
            mean_confidence=sum(confidences[index]) / len(confidences[index])
            if confidences[index]
            else 0.0,
            accuracy=right[index] / labelled[index] if labelled[index] else 0.0,
        )
        for index in range(bins)
    )


def _confusion(field: str, pairs: Sequence[tuple[str, str]]) -> ConfusionMatrix:
    kind = EVALUATED_FIELDS[field]
    order = [value_text(member) for member in kind] if issubclass(kind, StrEnum) else []
    seen = {value for pair in pairs for value in pair}
    return ConfusionMatrix(field, tuple(value for value in order if value in seen), Counter(pairs))


def markdown(runs: Sequence[tuple[str, Scores]]) -> str:
    """One report for one or more classifiers side by side (each named in the headers)."""
    names = [name for name, _ in runs]
    lines = ["## Per field", ""]
    lines.append(
        "| field | " + " | ".join(f"{name} accuracy | {name} macro-F1" for name in names) + " |"
    )
    lines.append("|---|" + "--:|--:|" * len(runs))
    for field in EVALUATED_FIELDS:
        cells = []
        for _, scores in runs:
            result = scores.field(field)
            cells.append(
                f"{result.accuracy:.3f} ({result.correct}/{result.total}) | {result.macro_f1:.3f}"
                if result.total
                else "— | —"
            )
        lines.append(f"| {field} | " + " | ".join(cells) + " |")
    means = " | ".join(
        f"**{scores.mean_accuracy:.3f}** | **{scores.mean_macro_f1:.3f}**" for _, scores in runs
    )
    lines += [f"| **mean over labelled fields** | {means} |", ""]
    lines += ["## Calibration: confidence_score against accuracy", ""]
    lines.append(
        "| confidence | "
        + " | ".join(
            f"{name} meetings | {name} mean confidence | {name} accuracy" for name in names
        )
        + " |"
    )
    lines.append("|---|" + "--:|--:|--:|" * len(runs))
    for index, bin_ in enumerate(runs[0][1].reliability):
        cells = []
        for _, scores in runs:
            row = scores.reliability[index]
            cells.append(
                f"{row.meetings} | {row.mean_confidence:.2f} | {row.accuracy:.3f}"
                if row.meetings
                else "0 | — | —"
            )
        lines.append(f"| {bin_.low:.1f}–{bin_.high:.1f} | " + " | ".join(cells) + " |")
    errors = ", ".join(f"{name} {scores.calibration_error:.3f}" for name, scores in runs)
    lines += ["", f"Expected calibration error (0 is perfect): {errors}.", ""]
    for name, scores in runs:
        for confusion in (matrix for matrix in scores.confusions if matrix.values):
            lines += [f"## {confusion.field}: labels (rows) against {name}'s answers", ""]
            lines += [*_confusion_table(confusion), ""]
    return "\n".join(lines)


def _confusion_table(confusion: ConfusionMatrix) -> list[str]:
    values = confusion.values
    lines = ["| label \\ answer | " + " | ".join(values) + " |", "|---|" + "--:|" * len(values)]
    for expected in values:
        cells = [str(confusion.counts.get((expected, answer), 0) or "") for answer in values]
        lines.append(f"| {expected} | " + " | ".join(cells) + " |")
    return lines
