"""How long the offline classifier takes per transcript, by transcript size.

Usage (after ./scripts/test or ./scripts/quickstart created .venv):
    .venv/bin/python bench/offline_classifier.py [--repeats 200] [--seconds 8]

First the real input's format: 200 short client monologues of the new labelled set
(`tests/data/monologues_dev.jsonl`, 58-130 words, as written). Then dialogues of 60, 200, 500
and 1,000 words built from the labelled meetings in `tests/data/` (75% Spanish): successive
meetings are joined, starting at a different meeting for each transcript, and cut after the
word count. Each transcript is classified once to warm up, then the
set is classified `--repeats` times (fewer if a size's `--seconds` run out), timing every call
with `time.perf_counter_ns`. Prints a Markdown table of median and p99 microseconds per call.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from streamproc.classify.offline import OfflineClassifier

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
LABELLED_FILES = ("labelled_dev.jsonl", "labelled_holdout.jsonl")
# The sets' first 60 meetings (ids dev-NN, holdout-NN): the transcripts measured so far, unchanged
# when the labelled set grows.
MEASURED_IDS = ("dev-", "holdout-")
SIZES = (60, 200, 500, 1000)
MONOLOGUES_FILE = "monologues_dev.jsonl"
MONOLOGUES_MEASURED = 200
TRANSCRIPTS_PER_SIZE = 20
_WORD = re.compile(r"\S+")


def labelled_transcripts() -> list[str]:
    documents = [
        json.loads(line)
        for name in LABELLED_FILES
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [
        document["transcript"] for document in documents if document["id"].startswith(MEASURED_IDS)
    ]


def monologue_transcripts() -> list[str]:
    lines = (DATA / MONOLOGUES_FILE).read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["transcript"] for line in lines if line.strip()][:MONOLOGUES_MEASURED]


def cut(text: str, words: int) -> str:
    """The text up to the end of its `words`-th word, line breaks (speaker turns) kept."""
    ends = [match.end() for match in _WORD.finditer(text)]
    return text[: ends[words - 1]]


def transcripts_of(words: int, meetings: Sequence[str], count: int) -> list[str]:
    """`count` transcripts of exactly `words` words, each starting at a different meeting."""
    built: list[str] = []
    for first in range(count):
        parts: list[str] = []
        total = 0
        position = first
        while total < words:
            meeting = meetings[position % len(meetings)]
            parts.append(meeting)
            total += len(meeting.split())
            position += 1
        built.append(cut("\n".join(parts), words))
    return built


def time_calls(
    function: Callable[[str], object], transcripts: Sequence[str], repeats: int, seconds: float
) -> list[int]:
    """Nanoseconds per call, for each call of `repeats` rounds over `transcripts`."""
    for transcript in transcripts:
        function(transcript)
    gc.collect()
    samples: list[int] = []
    deadline = time.perf_counter() + seconds
    for _ in range(repeats):
        for transcript in transcripts:
            started = time.perf_counter_ns()
            function(transcript)
            samples.append(time.perf_counter_ns() - started)
        if time.perf_counter() > deadline:
            break
    return samples


def percentile(samples: Sequence[int], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def timing_options(description: str, seconds: float) -> argparse.Namespace:
    """--repeats and --seconds, as every timing script here takes them."""
    parser = argparse.ArgumentParser(description=description.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=200, help="rounds over each size's set")
    parser.add_argument("--seconds", type=float, default=seconds, help="time budget per size")
    return parser.parse_args()


def main() -> None:
    arguments = timing_options(__doc__, seconds=8.0)
    meetings = labelled_transcripts()
    classifier = OfflineClassifier()
    print("| transcripts | words | count | calls | median µs | p99 µs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    sets = [("client monologues", "58-130", monologue_transcripts())]
    sets += [
        ("dialogues", str(words), transcripts_of(words, meetings, TRANSCRIPTS_PER_SIZE))
        for words in SIZES
    ]
    for kind, words, transcripts in sets:
        samples = time_calls(
            lambda text: classifier.classify_text(text, None),
            transcripts,
            arguments.repeats,
            arguments.seconds,
        )
        median = statistics.median(samples) / 1000
        p99 = percentile(samples, 0.99) / 1000
        print(
            f"| {kind} | {words} | {len(transcripts)} | {len(samples)} | {median:.1f} | {p99:.1f} |"
        )


if __name__ == "__main__":
    main()
