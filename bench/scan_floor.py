"""The least a lexicon classifier written in Python pays per transcript, next to what ours costs.

Usage (after ./scripts/test or ./scripts/quickstart created .venv):
    .venv/bin/python bench/scan_floor.py [--repeats 200] [--seconds 5]

The floor does only what no lexicon classifier can skip, each step in C where Python allows it:
fold the transcript (lower case, accents dropped, punctuation to spaces), find every cue phrase of
the offline lexicon in one Aho-Corasick pass, and add each match's weight to its value's score.
No speakers, negation, context, decisions or texts. Same transcripts and timing as
`bench/offline_classifier.py`; prints a Markdown table of medians in microseconds.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Callable, Sequence

import ahocorasick  # type: ignore[import-not-found]
from offline_classifier import (
    SIZES,
    TRANSCRIPTS_PER_SIZE,
    labelled_transcripts,
    time_calls,
    timing_options,
    transcripts_of,
)

from streamproc.classify.offline import OfflineClassifier, cue_tables

# Every ASCII character that is not a letter or a digit becomes a space, so " cue " matches
# whole words only.
_SPACES = bytes(byte if chr(byte).isalnum() and byte < 128 else ord(" ") for byte in range(256))


def fold(text: str) -> str:
    """Lower case, accents dropped, anything but letters and digits a space, padded by spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore")
    return " " + decomposed.translate(_SPACES).decode("ascii") + " "


def cue_automaton() -> tuple[ahocorasick.Automaton, int]:
    """Every cue phrase of the lexicon, folded, with (value number, weight); and the value count."""
    automaton = ahocorasick.Automaton()
    values: dict[tuple[object, object], int] = {}
    for group, value, cues in cue_tables():
        number = values.setdefault((group, value), len(values))
        for cue in cues:
            automaton.add_word(fold(cue.phrase.rstrip("*")), (number, cue.weight))
    automaton.make_automaton()
    return automaton, len(values)


class FloorClassifier:
    """Cue scores and nothing else: what every lexicon classifier computes first."""

    def __init__(self) -> None:
        self._automaton, self._value_count = cue_automaton()

    def scores(self, transcript: str) -> list[float]:
        totals = [0.0] * self._value_count
        for _end, (number, weight) in self._automaton.iter(fold(transcript)):
            totals[number] += weight
        return totals

    def matches(self, transcript: str) -> int:
        return sum(1 for _match in self._automaton.iter(fold(transcript)))


def median_microseconds(
    function: Callable[[str], object], transcripts: Sequence[str], repeats: int, seconds: float
) -> float:
    return statistics.median(time_calls(function, transcripts, repeats, seconds)) / 1000


def main() -> None:
    arguments = timing_options(__doc__, seconds=5.0)
    meetings = labelled_transcripts()
    floor = FloorClassifier()
    offline = OfflineClassifier()
    print(
        "| words | cue matches (median) | floor median µs | offline classifier median µs | ratio |"
    )
    print("| ---: | ---: | ---: | ---: | ---: |")
    for words in SIZES:
        transcripts = transcripts_of(words, meetings, TRANSCRIPTS_PER_SIZE)
        matches = statistics.median(floor.matches(text) for text in transcripts)
        least = median_microseconds(floor.scores, transcripts, arguments.repeats, arguments.seconds)
        ours = median_microseconds(
            lambda text: offline.classify_text(text, None),
            transcripts,
            arguments.repeats,
            arguments.seconds,
        )
        print(f"| {words} | {matches:.0f} | {least:.1f} | {ours:.1f} | {ours / least:.0f}× |")


if __name__ == "__main__":
    main()
