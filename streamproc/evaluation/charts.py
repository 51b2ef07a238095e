"""PNG charts of evaluation scores (`streamproc eval --out`): per-field accuracy, a reliability
diagram, and the confusion matrices. matplotlib is an optional extra (`streamproc[charts]`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from streamproc.errors import ConfigurationError
from streamproc.evaluation.scores import ConfusionMatrix, Scores

DPI = 110


def write_charts(runs: Sequence[tuple[str, Scores]], folder: Path) -> list[Path]:
    """Draw every chart of the runs (one or more classifiers) into `folder`; returns the files."""
    try:
        import matplotlib
    except ImportError as error:
        raise ConfigurationError(
            "PNG charts need matplotlib: pip install 'streamproc[charts]'"
        ) from error
    matplotlib.use("Agg")
    from matplotlib import pyplot

    folder.mkdir(parents=True, exist_ok=True)
    written = [
        _accuracy(pyplot, runs, folder / "accuracy.png"),
        _reliability(pyplot, runs, folder / "reliability.png"),
    ]
    for name, scores in runs:
        for matrix in scores.confusions:
            if matrix.values:
                path = folder / f"confusion-{_slug(name)}-{matrix.field}.png"
                written.append(_confusion(pyplot, name, matrix, path))
    return written


def _accuracy(pyplot: Any, runs: Sequence[tuple[str, Scores]], path: Path) -> Path:
    fields = [field.field for field in runs[0][1].fields if field.total]
    figure, axes = pyplot.subplots(figsize=(9, 0.35 * len(fields) * len(runs) + 1.5))
    height = 0.8 / len(runs)
    for index, (name, scores) in enumerate(runs):
        values = [scores.field(field).accuracy for field in fields]
        positions = [row + index * height for row in range(len(fields))]
        axes.barh(positions, values, height=height, label=name)
    axes.set_yticks([row + 0.4 - height / 2 for row in range(len(fields))], fields)
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel("accuracy")
    axes.legend(loc="lower right")
    return _save(pyplot, figure, path)


def _reliability(pyplot: Any, runs: Sequence[tuple[str, Scores]], path: Path) -> Path:
    figure, axes = pyplot.subplots(figsize=(5.5, 5))
    axes.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
    for name, scores in runs:
        bins = [bin_ for bin_ in scores.reliability if bin_.meetings]
        axes.plot(
            [bin_.mean_confidence for bin_ in bins],
            [bin_.accuracy for bin_ in bins],
            marker="o",
            label=f"{name} (ECE {scores.calibration_error:.3f})",
        )
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.set_xlabel("mean confidence_score")
    axes.set_ylabel("accuracy of the labelled fields")
    axes.legend(loc="upper left")
    return _save(pyplot, figure, path)


def _confusion(pyplot: Any, name: str, matrix: ConfusionMatrix, path: Path) -> Path:
    values = matrix.values
    counts = [[matrix.counts.get((label, answer), 0) for answer in values] for label in values]
    size = 2.5 + 0.4 * len(values)
    figure, axes = pyplot.subplots(figsize=(size + 1, size))
    image = axes.imshow(counts, cmap="Blues")
    axes.set_xticks(range(len(values)), values, rotation=60, ha="right")
    axes.set_yticks(range(len(values)), values)
    for row, line in enumerate(counts):
        for column, count in enumerate(line):
            if count:
                axes.text(column, row, str(count), ha="center", va="center", fontsize=8)
    axes.set_xlabel(f"{name}'s answer")
    axes.set_ylabel("label")
    axes.set_title(matrix.field)
    figure.colorbar(image, ax=axes, shrink=0.7)
    return _save(pyplot, figure, path)


def _save(pyplot: Any, figure: Any, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=DPI)
    pyplot.close(figure)
    return path


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
