#!/usr/bin/env python3
"""Fit the offline classifier's confidence calibration on the labelled dev set.

For each dev meeting: its evidence strength (what confidence_score is computed from) and the share
of its labelled fields the classifier answers right. A least-squares line through those points is
the calibration; paste the printed constants into `CONFIDENCE_CALIBRATION` in
`streamproc/classify/offline.py`. Never fit on the holdout set: it measures the result.

    .venv/bin/python scripts/fit_offline_confidence.py [tests/data/labelled_dev.jsonl]
"""

from __future__ import annotations

import math
import statistics
import sys
from pathlib import Path

from streamproc.classify.evaluate import load_labelled
from streamproc.classify.offline import ConfidenceCalibration, OfflineClassifier
from streamproc.classify.scores import Scored, score

DEV_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "labelled_dev.jsonl"


def main(path: Path) -> None:
    meetings = load_labelled(path)
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
    print(f"{len(meetings)} meetings of {path.name}")
    print(f"evidence strength {min(strengths):.3f}..{max(strengths):.3f}")
    print(f"share of fields right {min(shares):.3f}..{max(shares):.3f}")
    print(f"CONFIDENCE_CALIBRATION = {fitted!r}")
    error = score(scored).calibration_error
    print(f"expected calibration error on this set with it: {error:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV_SET)
