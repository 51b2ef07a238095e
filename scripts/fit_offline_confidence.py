#!/usr/bin/env python3
"""Fit the offline classifier's confidence calibration on the labelled dev sets.

For each dev meeting: its evidence strength (what confidence_score is computed from) and the share
of its labelled fields the classifier answers right. A least-squares line through those points is
the calibration, written to `streamproc/classify/data/confidence.json` (a new classifier
version). Never fit on a holdout set: it measures the result.

    .venv/bin/python scripts/fit_offline_confidence.py [DEV.jsonl ...]

Default: both dev sets, the dialogues and the client monologues.
"""

from __future__ import annotations

import dataclasses
import json
import math
import statistics
import sys
from pathlib import Path

from streamproc.classify.lexicon import DATA_DIRECTORY
from streamproc.classify.offline import ConfidenceCalibration, OfflineClassifier
from streamproc.evaluation.evaluate import load_labelled
from streamproc.evaluation.scores import Scored, score

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
DEV_SETS = (DATA / "labelled_dev.jsonl", DATA / "monologues_dev.jsonl")
CALIBRATION_FILE = DATA_DIRECTORY / "confidence.json"


def main(paths: list[Path]) -> None:
    meetings = [meeting for path in paths for meeting in load_labelled(path)]
    classifier = OfflineClassifier()
    strengths, shares = [], []
    for meeting in meetings:
        right, labelled = Scored(
            meeting.labels, classifier.classify_text(meeting.transcript, None)
        ).fields_right()
        strengths.append(classifier.evidence_strength(meeting.transcript))
        shares.append(right / labelled)
    slope, intercept = statistics.linear_regression(strengths, shares)
    knee = math.floor(min(strengths) * 100) / 100
    fitted = ConfidenceCalibration(round(intercept, 3), round(slope, 3), knee)
    calibrated = OfflineClassifier(fitted)
    scored = [
        Scored(meeting.labels, calibrated.classify_text(meeting.transcript, None))
        for meeting in meetings
    ]
    print(f"{len(meetings)} meetings of {', '.join(path.name for path in paths)}")
    print(f"evidence strength {min(strengths):.3f}..{max(strengths):.3f}")
    print(f"share of fields right {min(shares):.3f}..{max(shares):.3f}")
    CALIBRATION_FILE.write_text(json.dumps(dataclasses.asdict(fitted), indent=1) + "\n")
    print(f"wrote {fitted!r} to {CALIBRATION_FILE}")
    error = score(scored).calibration_error
    print(f"expected calibration error on this set with it: {error:.3f}")


if __name__ == "__main__":
    main([Path(argument) for argument in sys.argv[1:]] or list(DEV_SETS))
