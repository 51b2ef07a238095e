"""`streamproc explain`: one transcript's offline classification, told as plain text.

Sentences are numbered from 1; the one naming the client's own business and the ones telling how
they heard of Vambe are marked, since those two decide sector and lead source. Each field lists
every value's total and, heaviest first, the cues and bonuses behind them.
"""

from __future__ import annotations

from collections.abc import Iterable

from streamproc.classify.offline import Explanation, FieldReason

_SENTENCE_PREVIEW = 110


def _marks(explanation: Explanation, index: int) -> str:
    marks = []
    if index == explanation.business_sentence:
        how = "introduced" if explanation.business_introduced else "mentioned"
        marks.append(f'business: "{explanation.business_type}" ({how})')
    if index in explanation.discovery_sentences:
        marks.append("discovery")
    return f"   <- {'; '.join(marks)}" if marks else ""


def _preview(sentence: str) -> str:
    if len(sentence) <= _SENTENCE_PREVIEW:
        return sentence
    return sentence[: _SENTENCE_PREVIEW - 1] + "\u2026"


def _field_lines(reason: FieldReason) -> Iterable[str]:
    default = " (default: no evidence)" if reason.defaulted else ""
    yield f"{reason.field}: {reason.value}{default}"
    if reason.totals:
        yield "  totals: " + ", ".join(f"{value} {total:g}" for value, total in reason.totals)
    for cue in sorted(reason.cues, key=lambda cue: (-cue.weight, cue.sentence)):
        yield f'  {cue.weight:+6.2f} {cue.value:<24} "{cue.words}" [{cue.sentence + 1}] {cue.why}'


def render(explanation: Explanation, fields: Iterable[str] = ()) -> str:
    """The explanation as text; `fields` limits it to those fields (all when empty)."""
    wanted = set(fields)
    lines = ["sentences:"]
    for index, sentence in enumerate(explanation.sentences):
        lines.append(f"  [{index + 1}] {_preview(sentence)}{_marks(explanation, index)}")
    if explanation.business_sentence is None:
        lines.append("  (no business type named: sector from the whole text)")
    if not explanation.discovery_sentences:
        lines.append("  (no discovery sentence: lead source from the whole text)")
    for reason in explanation.fields:
        if not wanted or reason.field in wanted:
            lines.append("")
            lines.extend(_field_lines(reason))
    return "\n".join(lines)
