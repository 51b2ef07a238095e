"""The default classifier: weighted lexicon cues, no API key, no network, no randomness.

A transcript is normalised once (accents stripped, case folded), split into speaker turns,
sentences and clauses, and scanned once against an index of every cue phrase in `lexicon`.
Each enum category takes the value with the most weighted cue matches, or its documented
default when nothing matched; what the client says counts more than what the seller says.
The free-text fields are assembled in Spanish from the decided values and, for Spanish
transcripts, from the sentences where someone commits to a next step.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum, auto
from itertools import accumulate
from typing import Final, NamedTuple, get_args

from pydantic import StringConstraints

from streamproc.classify import lexicon
from streamproc.classify.base import ClassifierResult
from streamproc.classify.lexicon import LEXICON_VERSION, Commitment, Cue
from streamproc.events import ClassifierInfo
from streamproc.taxonomy import (
    MAX_CONFIDENCE,
    MIN_CONFIDENCE,
    BusinessSector,
    Classification,
    CompanySize,
    DecisionMakerRole,
    Language,
    LeadSource,
    LongText,
    PainPoint,
    PurchaseStage,
    Region,
    Sentiment,
    ShortText,
    UseCase,
    VambeProduct,
    enum_categories,
    list_bounds,
)

# A category needs at least one client-spoken ordinary cue (weight 1) to leave its default;
# a single passing mention by the seller (weight 0.5) is not enough.
MIN_EVIDENCE: Final = 1.0
# Scale at which accumulated cue weight counts as strong evidence (1 - e^-1 ≈ 0.63 at 3.0,
# one decisive cue).
EVIDENCE_SCALE: Final = 3.0
# The same phrase repeated counts at most this often, so one word said ten times does not
# outvote several different cues.
MAX_REPEATS_PER_PHRASE: Final = 3
# Urgency needs one ordinary deadline cue, and more weight than the "no rush" cues.
URGENCY_THRESHOLD: Final = 1.0
# A lost client needs complaints about the meeting worth two cues beyond any praise of it: a
# single "no entiendo" is often about one detail.
BAD_MEETING_THRESHOLD: Final = 2.0
# Lead-source cues where the client tells how they found Vambe, pain cues where they state their
# problem, use-case cues where they say what they want: each counts again, this many times.
ARRIVAL_BONUS: Final = 2.0
PROBLEM_BONUS: Final = 1.0
GOAL_BONUS: Final = 1.0
# Net positive (or negative) cue weight, and its share of all sentiment weight, needed to
# call the sentiment anything but neutral.
SENTIMENT_MIN_NET: Final = 1.0
SENTIMENT_MIN_SHARE: Final = 0.25
# A negated positive cue ("no me convence") counts against, at half weight.
NEGATED_POSITIVE_WEIGHT: Final = 0.5


def _text_limit(text_type: object) -> int:
    """The length bound the taxonomy puts on a free-text type (ShortText, LongText)."""
    for constraint in get_args(text_type)[1:]:
        if isinstance(constraint, StringConstraints) and constraint.max_length is not None:
            return constraint.max_length
    raise TypeError(f"{text_type} has no max_length")


SHORT_TEXT_LIMIT: Final = _text_limit(ShortText)
LONG_TEXT_LIMIT: Final = _text_limit(LongText)
MIN_KEY_TOPICS, MAX_KEY_TOPICS = list_bounds("key_topics")
MAX_ACTION_ITEMS: Final = list_bounds("action_items")[1]


class _Signal(IntEnum):
    """Cue groups that are not taxonomy categories (IntEnum: hashed in C, and hashed a lot)."""

    URGENCY = auto()
    SENTIMENT = auto()
    BAD_MEETING = auto()
    SELF_INTRODUCTION = auto()
    COMPANY_INTRODUCTION = auto()
    ARRIVAL = auto()
    PROBLEM = auto()
    GOAL = auto()
    ROLE_AREA = auto()
    SELLER_PHRASE = auto()
    COMMITMENT = auto()
    COMMITMENT_KIND = auto()


class _Speaker(IntEnum):
    CLIENT = auto()
    SELLER = auto()
    UNKNOWN = auto()


_Group = type[StrEnum] | _Signal
_Value = StrEnum | bool

# How much a seller's words count, per group: the seller names products and stages as much as
# the client does, but echoes sectors, regions and roles ("clients like you in retail...").
_SELLER_FACTORS: Final[Mapping[_Group, float]] = {
    VambeProduct: 1.0,
    PurchaseStage: 1.0,
    Region: 0.8,
    UseCase: 0.5,
    PainPoint: 0.4,
    _Signal.URGENCY: 0.6,
    DecisionMakerRole: 0.4,
    _Signal.SENTIMENT: 0.3,
    _Signal.BAD_MEETING: 0.2,
}
_DEFAULT_SELLER_FACTOR: Final = 0.5


_CONTEXT_BONUSES: Final = (
    (_Signal.ARRIVAL, LeadSource, ARRIVAL_BONUS),
    (_Signal.PROBLEM, PainPoint, PROBLEM_BONUS),
    (_Signal.GOAL, UseCase, GOAL_BONUS),
)


class _Target(NamedTuple):
    group: _Group
    value: _Value
    weight: float
    phrase: tuple[str, ...]


class _Hit(NamedTuple):
    target: _Target
    start: int
    end: int
    negated: bool


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    normalized: str
    label: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Document:
    sentences: tuple[_Sentence, ...]
    words: tuple[str, ...]
    stems: tuple[str, ...]
    clauses: tuple[int, ...]
    sentence_of: tuple[int, ...]
    # Role announced by each speaker's label ("Vendedor", "Ana (Vambe)"), where one is.
    label_roles: Mapping[str, _Speaker]


# --- text normalisation ----------------------------------------------------------------------

_APOSTROPHES: Final = ("\u2019", "\u2018", "\u00b4", "`")
_COMBINING_MARKS: Final = re.compile(r"[\u0300-\u036f]+")
# Words (keeping "don't", "24/7"), numbers with separators ("1.200"), and clause breaks.
_SENTENCE_SEPARATOR: Final = "\n"
_TOKEN_OR_BREAK: Final = re.compile(
    r"\d+(?:[.,]\d+)+|[a-z0-9]+(?:'[a-z]+)?(?:/[a-z0-9]+)*|[\n.,;:!?()\"\u00bf\u00a1]"
)
# Numbers, including ordinals: "1.200", "15", "1st", "1ro".
_NUMBER_TOKEN: Final = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|ro|do|to|vo|er)?")
NUMBER: Final = "#"
PREFIX_MARK: Final = "*"
# Prefix cues shorter than this would match too many unrelated words.
MIN_PREFIX_LENGTH: Final = 4
_SENTENCE_BREAK: Final = re.compile(r"(?<=[.!?\u2026])\s+|\n+")


def normalize(text: str) -> str:
    """Lowercase without accents, so "Gestión" and "gestion" match the same cue."""
    for apostrophe in _APOSTROPHES:  # str.replace is several times faster than str.translate
        text = text.replace(apostrophe, "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _COMBINING_MARKS.sub("", decomposed)


def stem(word: str) -> str:
    """Plural to singular, roughly ("ventas" → "venta", "hospitales" → "hospital"); any number
    becomes `NUMBER`, so a cue can say "# sucursales" or "antes del #"."""
    if word[0].isdigit() and _NUMBER_TOKEN.fullmatch(word):
        return NUMBER
    if len(word) > 4 and word.endswith("es") and word[-3] in "lrndzj":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


def _words(normalized: str) -> list[str]:
    return [token for token in _TOKEN_OR_BREAK.findall(normalized) if token[0].isalnum()]


def _phrase_key(phrase: str) -> tuple[str, ...]:
    """A cue as the stems it matches; "#" stands for any number, "calific*" for any word that
    starts with "calific" (califica, calificación, calificados)."""
    key: list[str] = []
    for piece in normalize(phrase).split():
        if piece == NUMBER or (piece.endswith(PREFIX_MARK) and _words(piece) == [piece[:-1]]):
            key.append(piece)
        else:
            key.extend(stem(word) for word in _words(piece))
    return tuple(key)


# --- speaker turns ---------------------------------------------------------------------------

# "Vendedor: ...", "[00:12] Ana Pérez: ...", "**Cliente:** ..." at the start of a line.
_TURN: Final = re.compile(
    r"^[\s*_>#-]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*[-\u2013]?\s*)?"
    r"(?P<label>[^\W\d_][^:\n]{0,39}?)[\s*_]*:[\s*_]*(?P<speech>.*)$"
)
# A turn that starts mid-line, right after another speaker's sentence.
_INLINE_TURN: Final = re.compile(r"(?<=[.!?])[ \t]+(?=[^\W\d_][\w'()-]*(?: [\w'()-]+){0,3}:\s)")
_MAX_LABEL_WORDS: Final = 5
_LABEL_FORBIDDEN: Final = frozenset('?!;"')
_PARENTHESES: Final = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _split_turns(transcript: str) -> tuple[list[tuple[str | None, str]], dict[str, _Speaker]]:
    """(speaker name, speech) pairs, and the role each name's labels announce.

    A label seen once that names no role and is not a name is just text with a colon
    ("Objetivo principal: ...").
    """
    candidates: list[tuple[str | None, str]] = []
    for line in _INLINE_TURN.sub("\n", transcript).splitlines():
        match = _TURN.match(line)
        label = match.group("label").strip() if match else None
        if match and label and _plausible_label(label):
            candidates.append((label, match.group("speech")))
        else:
            candidates.append((None, line))
    labels = {label for label, _ in candidates if label is not None}
    names = {label: _speaker_name(label) for label in labels}
    counts: dict[str, int] = defaultdict(int)
    roles: dict[str, _Speaker] = {}
    for label, _ in candidates:
        if label is not None:
            counts[names[label]] += 1
    for label, name in sorted(names.items()):
        role = _label_speaker(label)
        if role is not _Speaker.UNKNOWN:
            roles.setdefault(name, role)
    turns: list[tuple[str | None, str]] = []
    current: str | None = None
    for label, speech in candidates:
        if label is None:
            turns.append((current, speech))
            continue
        speaker = names[label]
        if counts[speaker] > 1 or speaker in roles or _looks_like_name(label):
            current = speaker
            turns.append((speaker, speech))
        else:
            turns.append((current, f"{label}: {speech}"))
    return turns, roles


def _speaker_name(label: str) -> str:
    """ "Valeria (Vambe)" and "Valeria" are the same speaker."""
    return " ".join(_words(normalize(_PARENTHESES.sub(" ", label)))) or label


def _plausible_label(label: str) -> bool:
    name = _PARENTHESES.sub(" ", label)
    return len(name.split()) <= _MAX_LABEL_WORDS and not _LABEL_FORBIDDEN & set(label)


def _looks_like_name(label: str) -> bool:
    """ "Paula (Fundación X)" or "Ana Pérez", not "Objetivo principal": every word capitalised."""
    words = _PARENTHESES.sub(" ", label).split()
    return bool(words) and all(word[0].isupper() for word in words)


def _label_speaker(label: str) -> _Speaker:
    """Client words win over seller words: "Gerente comercial (cliente)" is the client."""
    words = set(_words(normalize(label)))
    if words & lexicon.CLIENT_LABEL_WORDS:
        return _Speaker.CLIENT
    if words & lexicon.SELLER_LABEL_WORDS:
        return _Speaker.SELLER
    return _Speaker.UNKNOWN


def _parse(transcript: str) -> _Document:
    """Sentences, and every word with its stem, clause and sentence; the whole transcript is
    normalised and tokenised in one call each (per-sentence calls cost more than the work)."""
    turns, label_roles = _split_turns(transcript)
    texts: list[str] = []
    labels: list[str | None] = []
    for label, speech in turns:
        for text in _SENTENCE_BREAK.split(speech):
            text = text.strip()
            if text:
                texts.append(text)
                labels.append(label)
    normalized = normalize(_SENTENCE_SEPARATOR.join(texts)).split(_SENTENCE_SEPARATOR)
    if len(normalized) != len(texts):  # only if normalising created a separator; never seen
        normalized = [normalize(text) for text in texts]
    tokens = _TOKEN_OR_BREAK.findall(_SENTENCE_SEPARATOR.join(normalized))
    is_word = [token[0].isalnum() for token in tokens]
    # Running counts of breaks number the clauses and sentences (comprehensions beat appends).
    clause_of_token = accumulate(not word for word in is_word)
    sentence_of_token = accumulate(token == _SENTENCE_SEPARATOR for token in tokens)
    words = [token for token, word in zip(tokens, is_word, strict=True) if word]
    clauses = [clause for clause, word in zip(clause_of_token, is_word, strict=True) if word]
    sentence_of = [index for index, word in zip(sentence_of_token, is_word, strict=True) if word]
    bounds = [bisect_left(sentence_of, index) for index in range(len(texts) + 1)]
    sentences = tuple(
        _Sentence(text, normal, label, bounds[index], bounds[index + 1])
        for index, (text, normal, label) in enumerate(zip(texts, normalized, labels, strict=True))
    )
    stems_by_word = {word: stem(word) for word in set(words)}
    return _Document(
        sentences=sentences,
        words=tuple(words),
        stems=tuple(stems_by_word[word] for word in words),
        clauses=tuple(clauses),
        sentence_of=tuple(sentence_of),
        label_roles=label_roles,
    )


# --- cue index -------------------------------------------------------------------------------


class _TrieNode:
    """Cue phrases as a word trie: children by exact stem, plus children by stem prefix."""

    __slots__ = ("children", "prefixed", "targets")

    def __init__(self) -> None:
        self.children: dict[str, _TrieNode] = {}
        self.prefixed: dict[str, _TrieNode] = {}
        self.targets: tuple[_Target, ...] = ()

    def child(self, element: str) -> _TrieNode:
        if element.endswith(PREFIX_MARK):
            return self.prefixed.setdefault(element[:-1], _TrieNode())
        return self.children.setdefault(element, _TrieNode())


def _next_nodes(nodes: Sequence[_TrieNode], word_stem: str) -> list[_TrieNode]:
    following: list[_TrieNode] = []
    for node in nodes:
        exact = node.children.get(word_stem)
        if exact is not None:
            following.append(exact)
        if node.prefixed:
            following.extend(
                child for prefix, child in node.prefixed.items() if word_stem.startswith(prefix)
            )
    return following


class _CueIndex:
    """Every cue phrase in one word trie: one pass over the transcript finds them all."""

    def __init__(self, tables: Iterable[tuple[_Group, _Value, Sequence[Cue]]]) -> None:
        merged: dict[tuple[str, ...], dict[tuple[_Group, _Value], float]] = defaultdict(dict)
        for group, value, group_cues in tables:
            for cue in group_cues:
                key = _phrase_key(cue.phrase)
                if key:
                    targets = merged[key]
                    targets[(group, value)] = max(cue.weight, targets.get((group, value), 0.0))
        self._root = _TrieNode()
        for key, targets in merged.items():
            node = self._root
            for element in key:
                node = node.child(element)
            node.targets = tuple(
                _Target(group, value, weight, key) for (group, value), weight in targets.items()
            )
        # A first word is looked up by its exact stem, and its first letters pick the few prefix
        # cues ("calific*") worth testing.
        self._prefixes_by_head: dict[str, list[tuple[str, _TrieNode]]] = defaultdict(list)
        for prefix, node in sorted(self._root.prefixed.items()):
            if len(prefix) < MIN_PREFIX_LENGTH:
                raise ValueError(f"prefix cue {prefix!r} is shorter than {MIN_PREFIX_LENGTH}")
            self._prefixes_by_head[prefix[:MIN_PREFIX_LENGTH]].append((prefix, node))

    def _first_nodes(self, word_stem: str) -> list[_TrieNode]:
        nodes = [
            node
            for prefix, node in self._prefixes_by_head.get(word_stem[:MIN_PREFIX_LENGTH], ())
            if word_stem.startswith(prefix)
        ]
        exact = self._root.children.get(word_stem)
        if exact is not None:
            nodes.append(exact)
        return nodes

    def scan(self, document: _Document) -> list[_Hit]:
        """Non-overlapping matches per group, longest first, never across a clause break.

        Longest first lets "un anuncio suyo en Facebook" count as the Facebook ad it is rather
        than as "un anuncio"; one span may still carry several values of a group.
        """
        stems, words, clauses = document.stems, document.words, document.clauses
        first_nodes = {word_stem: self._first_nodes(word_stem) for word_stem in set(stems)}
        candidates: list[_Hit] = []
        starts = [start for start, first in enumerate(stems) if first_nodes[first]]
        for start in starts:
            frontier = first_nodes[stems[start]]
            end = start + 1
            while frontier:
                for node in frontier:
                    if node.targets:
                        negated = _is_negated(words, clauses, start)
                        candidates += [_Hit(target, start, end, negated) for target in node.targets]
                if end >= len(stems) or clauses[end] != clauses[start]:
                    break
                frontier = _next_nodes(frontier, stems[end])
                end += 1
        candidates.sort(key=lambda hit: (hit.start - hit.end, hit.start))
        taken: dict[_Group, dict[int, tuple[int, int]]] = defaultdict(dict)
        hits: list[_Hit] = []
        for hit in candidates:
            span = (hit.start, hit.end)
            occupied = taken[hit.target.group]
            if all(occupied.get(position, span) == span for position in range(*span)):
                occupied.update(dict.fromkeys(range(*span), span))
                hits.append(hit)
        hits.sort(key=lambda hit: hit.start)
        return hits


def _is_negated(words: Sequence[str], clauses: Sequence[int], start: int) -> bool:
    for position in range(max(0, start - lexicon.NEGATION_WINDOW), start):
        if clauses[position] == clauses[start] and words[position] in lexicon.NEGATORS:
            return True
    return False


def _cue_tables() -> Iterator[tuple[_Group, _Value, Sequence[Cue]]]:
    for category, category_lexicon in lexicon.CATEGORY_LEXICONS.items():
        for value, entry in category_lexicon.entries.items():
            yield category, value, entry.cues
    yield _Signal.URGENCY, True, lexicon.URGENT_CUES
    yield _Signal.URGENCY, False, lexicon.NOT_URGENT_CUES
    yield _Signal.SENTIMENT, Sentiment.POSITIVE, lexicon.POSITIVE_CUES
    yield _Signal.SENTIMENT, Sentiment.NEGATIVE, lexicon.NEGATIVE_CUES
    yield _Signal.BAD_MEETING, True, lexicon.BAD_MEETING_CUES
    yield _Signal.BAD_MEETING, False, lexicon.GOOD_MEETING_CUES
    yield _Signal.SELF_INTRODUCTION, True, lexicon.SELF_INTRODUCTIONS
    yield _Signal.COMPANY_INTRODUCTION, True, lexicon.COMPANY_INTRODUCTIONS
    yield _Signal.ARRIVAL, True, lexicon.ARRIVAL_CUES
    yield _Signal.PROBLEM, True, lexicon.PROBLEM_CUES
    yield _Signal.GOAL, True, lexicon.GOAL_CUES
    for role, area_cues in lexicon.ROLE_AREA_CUES.items():
        yield _Signal.ROLE_AREA, role, area_cues
    yield _Signal.SELLER_PHRASE, True, lexicon.SELLER_PHRASES
    yield _Signal.COMMITMENT, True, lexicon.COMMITMENT_CUES
    for kind, entry in lexicon.COMMITMENT_KINDS.items():
        yield _Signal.COMMITMENT_KIND, kind, entry.cues


# --- evidence --------------------------------------------------------------------------------


class _Evidence:
    """Weighted cue totals per group and value, with who said them taken into account."""

    def __init__(
        self, hits: Sequence[_Hit], speakers: Sequence[_Speaker], document: _Document
    ) -> None:
        self.document = document
        self.speakers = speakers
        self.scores: dict[_Group, dict[_Value, float]] = defaultdict(lambda: defaultdict(float))
        self.first_seen: dict[_Group, dict[_Value, int]] = defaultdict(dict)
        self.hits_by_group: dict[_Group, list[_Hit]] = defaultdict(list)
        repeats: dict[tuple[_Group, _Value, tuple[str, ...]], int] = defaultdict(int)
        for hit in hits:
            target = hit.target
            self.hits_by_group[target.group].append(hit)
            value, weight = target.value, target.weight
            if hit.negated:
                if target.group is not _Signal.SENTIMENT or value is not Sentiment.POSITIVE:
                    continue
                value, weight = Sentiment.NEGATIVE, weight * NEGATED_POSITIVE_WEIGHT
            repeat_key = (target.group, value, target.phrase)
            repeats[repeat_key] += 1
            if repeats[repeat_key] > MAX_REPEATS_PER_PHRASE:
                continue
            speaker = speakers[document.sentence_of[hit.start]]
            self.add(target.group, value, weight * _speaker_factor(target.group, speaker), hit)

    def add(self, group: _Group, value: _Value, weight: float, hit: _Hit) -> None:
        self.scores[group][value] += weight
        self.first_seen[group].setdefault(value, hit.start)

    def score(self, group: _Group, value: _Value) -> float:
        return self.scores[group].get(value, 0.0)


def _speaker_factor(group: _Group, speaker: _Speaker) -> float:
    if speaker is _Speaker.SELLER:
        return _SELLER_FACTORS.get(group, _DEFAULT_SELLER_FACTOR)
    return 1.0


class _Decision(NamedTuple):
    value: StrEnum
    # 0 when the default was used; towards 1 with strong, unambiguous cues.
    evidence: float


def _decide(category: type[StrEnum], default: StrEnum, evidence: _Evidence) -> _Decision:
    scores = evidence.scores[category]
    order = {value: position for position, value in enumerate(category)}
    ranked = sorted(
        (value for value in scores if isinstance(value, StrEnum)),
        key=lambda value: (-scores[value], evidence.first_seen[category][value], order[value]),
    )
    if not ranked or scores[ranked[0]] < MIN_EVIDENCE:
        return _Decision(default, 0.0)
    best = scores[ranked[0]]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    margin = (best - runner_up) / best
    strength = 1.0 - math.exp(-best / EVIDENCE_SCALE)
    return _Decision(ranked[0], strength * (0.5 + 0.5 * margin))


# --- the classifier --------------------------------------------------------------------------


class OfflineClassifier:
    """Lexicon classifier: pure, deterministic, a few milliseconds per 1,000 words."""

    def __init__(self) -> None:
        self._index = _CueIndex(_cue_tables())
        self._headcount_rules = _headcount_rules()

    @property
    def info(self) -> ClassifierInfo:
        return ClassifierInfo(
            name="offline", model="lexicon", version=LEXICON_VERSION, fallback=False
        )

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult:
        # Runs inline: a few milliseconds of CPU, about what handing it to an executor costs.
        return ClassifierResult(self.classify_text(transcript, language), self.info)

    def classify_text(self, transcript: str, language: Language | None) -> Classification:
        """Classify one transcript; any string gives a valid Classification."""
        evidence = self._gather_evidence(transcript)
        document = evidence.document

        decisions = {
            category: _decide(category, category_lexicon.default, evidence)
            for category, category_lexicon in lexicon.CATEGORY_LEXICONS.items()
        }
        detected_language = _detect_language(document)
        urgent = _urgency(evidence)
        bad_meeting = _bad_meeting(evidence)
        sentiment = _sentiment(evidence)
        commitments = _commitments(evidence)
        outputs = _Outputs(decisions, urgent, bad_meeting, sentiment)
        paste_sentences = detected_language is Language.ES

        values: dict[str, object] = {}
        for field, category in enum_categories().items():
            if category in decisions:
                values[field] = decisions[category].value
        values.update(
            language=detected_language if language is None else language,
            sentiment=sentiment,
            urgency=urgent,
            lost_client_bad_meeting=bad_meeting,
            confidence_score=_confidence(decisions.values()),
            key_topics=outputs.key_topics(),
            action_items=outputs.action_items(commitments, paste_sentences),
            next_steps=outputs.next_steps(commitments, paste_sentences),
            summary=outputs.summary(),
        )
        return Classification.model_validate(values)

    def _gather_evidence(self, transcript: str) -> _Evidence:
        """Every cue found in the transcript, weighted by speaker and context."""
        document = _parse(transcript)
        hits = self._index.scan(document)
        speakers = _resolve_speakers(document, hits)
        evidence = _Evidence(_without_channel_words(document, speakers, hits), speakers, document)
        self._add_headcount(evidence)
        _add_introduced(
            evidence,
            _Signal.SELF_INTRODUCTION,
            lexicon.SELF_INTRODUCTION_WINDOW,
            DecisionMakerRole,
            (
                (DecisionMakerRole, lexicon.SELF_INTRODUCTION_WEIGHT),
                (_Signal.ROLE_AREA, lexicon.DECISIVE_WEIGHT),
            ),
        )
        _add_introduced(
            evidence,
            _Signal.COMPANY_INTRODUCTION,
            lexicon.COMPANY_INTRODUCTION_WINDOW,
            BusinessSector,
            ((BusinessSector, lexicon.DECISIVE_WEIGHT),),
        )
        for trigger, category, bonus in _CONTEXT_BONUSES:
            _add_context_bonus(evidence, trigger, category, bonus)
        return evidence

    def _add_headcount(self, evidence: _Evidence) -> None:
        """A stated headcount outweighs size words; the largest number stated is the company."""
        for hint, patterns, weight in self._headcount_rules:
            largest: tuple[int, int] | None = None
            for index, sentence in enumerate(evidence.document.sentences):
                if not hint.search(sentence.normalized):
                    continue
                for pattern in patterns:
                    for match in pattern.finditer(sentence.normalized):
                        headcount = _headcount(match.group("number"), match.group("thousands"))
                        if headcount > 0 and (largest is None or headcount > largest[0]):
                            largest = (headcount, index)
            if largest is not None:
                headcount, index = largest
                sentence = evidence.document.sentences[index]
                size = _size_for_headcount(headcount)
                factor = _speaker_factor(CompanySize, evidence.speakers[index])
                anchor = _Hit(_Target(CompanySize, size, weight, ()), sentence.start, 0, False)
                evidence.add(CompanySize, size, weight * factor, anchor)


class _HeadcountRule(NamedTuple):
    # A cheap search that every sentence stating such a headcount passes.
    hint: re.Pattern[str]
    patterns: tuple[re.Pattern[str], ...]
    weight: float


def _headcount_rules() -> tuple[_HeadcountRule, ...]:
    number_words = "|".join(sorted(lexicon.NUMBER_WORDS, key=len, reverse=True))
    number = rf"(?P<number>\d+(?:[.,]\d+)*|{number_words})"
    thousands = rf"(?:\s*(?P<thousands>{'|'.join(lexicon.THOUSANDS_WORDS)})\b)?"
    staff = "|".join(lexicon.HEADCOUNT_NOUNS)
    team = "|".join(lexicon.TEAM_NOUNS)
    team_singular = "|".join(lexicon.TEAM_NOUNS_SINGULAR)
    introducers = "|".join(re.escape(phrase) for phrase in lexicon.TEAM_INTRODUCERS)
    bare = "|".join(re.escape(phrase) for phrase in lexicon.BARE_TEAM_INTRODUCERS)
    # "250 empleados", "2 mil colaboradores", "500 full-time employees", "2,500 drivers and
    # staff", "a 5-person shop".
    staff_pattern = re.compile(
        rf"\b{number}{thousands}(?:(?:\s+[a-z-]+){{0,2}}\s+(?:{staff})|-(?:{team_singular}))\b"
    )
    # "somos unas 40 personas", "about 150 people", "una agencia en Bariloche, 18 personas";
    # not "300 personas al día", which counts customers.
    not_a_rate = r"(?!\s+(?:al|por|per|a|each|every|cada|diarias|daily)\b)"
    team_pattern = re.compile(
        rf"\b(?:{introducers})\s+(?:[a-z]+\s+){{0,2}}?{number}{thousands}\s+(?:{team})\b"
        + not_a_rate
    )
    appositive_team_pattern = re.compile(
        rf",\s*(?:(?:unas|unos|about|around|some)\s+)?{number}{thousands}\s+(?:{team})\b"
        + not_a_rate
    )
    # "team of 15." with nothing after the number.
    bare_team_pattern = re.compile(rf"\b(?:{bare})\s+{number}{thousands}(?!\s*[a-z0-9])")
    return (
        _HeadcountRule(
            re.compile(f"{staff}|{team_singular}"), (staff_pattern,), lexicon.HEADCOUNT_WEIGHT
        ),
        _HeadcountRule(
            re.compile(f"{team}|{bare}"),
            (team_pattern, appositive_team_pattern, bare_team_pattern),
            lexicon.DECISIVE_WEIGHT,
        ),
    )


def _headcount(number: str, thousands: str | None) -> int:
    """ "1.200" and "1,200" are twelve hundred, "1,5 mil" is fifteen hundred."""
    if number in lexicon.NUMBER_WORDS:
        value = float(lexicon.NUMBER_WORDS[number])
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", number):
        value = float(re.sub(r"[.,]", "", number))
    else:
        whole, _, fraction = number.replace(",", ".").partition(".")
        value = float(f"{whole}.{fraction.replace('.', '')}" if fraction else whole)
    if thousands:
        value *= 1000
    return int(value)


def _size_for_headcount(headcount: int) -> CompanySize:
    for upper_bound, size in lexicon.SIZE_BY_MAX_HEADCOUNT:
        if headcount <= upper_bound:
            return size
    return lexicon.LARGEST_SIZE


def _resolve_speakers(document: _Document, hits: Sequence[_Hit]) -> list[_Speaker]:
    """Each sentence's speaker, from its turn label or, for plain names, from who sells."""
    labels = {sentence.label for sentence in document.sentences if sentence.label is not None}
    roles = {label: document.label_roles.get(label, _Speaker.UNKNOWN) for label in labels}
    unnamed = sorted(label for label, role in roles.items() if role is _Speaker.UNKNOWN)
    if unnamed:
        known = set(roles.values())
        if _Speaker.SELLER in known:
            roles.update(dict.fromkeys(unnamed, _Speaker.CLIENT))
        elif _Speaker.CLIENT in known:
            roles.update(dict.fromkeys(unnamed, _Speaker.SELLER))
        else:
            roles.update(_seller_by_phrases(document, hits, unnamed))
    return [
        roles.get(sentence.label, _Speaker.UNKNOWN) if sentence.label else _Speaker.UNKNOWN
        for sentence in document.sentences
    ]


def _seller_by_phrases(
    document: _Document, hits: Sequence[_Hit], labels: Sequence[str]
) -> dict[str, _Speaker]:
    """Among named speakers, the one who talks like a Vambe seller most is the seller."""
    counts = dict.fromkeys(labels, 0)
    for hit in hits:
        if hit.target.group is _Signal.SELLER_PHRASE:
            label = document.sentences[document.sentence_of[hit.start]].label
            if label in counts:
                counts[label] += 1
    ranked = sorted(labels, key=lambda label: (-counts[label], label))
    if len(ranked) < 2 or counts[ranked[0]] == counts[ranked[1]]:
        return {}
    return {label: _Speaker.SELLER if label == ranked[0] else _Speaker.CLIENT for label in labels}


def _add_introduced(
    evidence: _Evidence,
    trigger: _Signal,
    window: int,
    target: type[StrEnum],
    candidates: Sequence[tuple[_Group, float]],
) -> None:
    """What the client says right after introducing themself or their company ("soy el gerente
    de operaciones", "somos una cadena de pollerías") is strong evidence: the nearest cue of the
    first candidate group found in the window counts again at that group's weight. Later
    groups are fallbacks ("I run marketing" names an area, not a title)."""
    document = evidence.document
    for introduction in evidence.hits_by_group[trigger]:
        sentence_index = document.sentence_of[introduction.start]
        if introduction.negated or evidence.speakers[sentence_index] is _Speaker.SELLER:
            continue
        window_end = min(introduction.end + window, document.sentences[sentence_index].end)
        for group, weight in candidates:
            named = [
                hit
                for hit in evidence.hits_by_group[group]
                if introduction.end <= hit.start < window_end and not hit.negated
            ]
            if named:
                nearest = min(named, key=lambda hit: hit.start)
                evidence.add(target, nearest.target.value, weight, nearest)
                break


def _trigger_sentences(
    document: _Document, speakers: Sequence[_Speaker], triggers: Iterable[_Hit]
) -> set[int]:
    """Sentences holding a trigger phrase, plus the other speaker's reply to each."""
    sentences: set[int] = set()
    for trigger in triggers:
        if trigger.negated:
            continue
        index = document.sentence_of[trigger.start]
        sentences.add(index)
        if index + 1 < len(speakers) and speakers[index + 1] is not speakers[index]:
            sentences.add(index + 1)
    return sentences


def _without_channel_words(
    document: _Document, speakers: Sequence[_Speaker], hits: Sequence[_Hit]
) -> list[_Hit]:
    """Words naming how the client found Vambe ("un anuncio de ustedes en Google") say nothing
    about the product or the client's problem, so there only the lead source counts them."""
    arrivals = [hit for hit in hits if hit.target.group is _Signal.ARRIVAL]
    arrival_sentences = _trigger_sentences(document, speakers, arrivals)
    channel_words = {
        position
        for hit in hits
        if hit.target.group is LeadSource
        and not hit.negated
        and document.sentence_of[hit.start] in arrival_sentences
        for position in range(hit.start, hit.end)
    }
    return [
        hit
        for hit in hits
        if isinstance(hit.target.group, _Signal)
        or hit.target.group is LeadSource
        or channel_words.isdisjoint(range(hit.start, hit.end))
    ]


def _add_context_bonus(
    evidence: _Evidence, trigger: _Signal, category: type[StrEnum], bonus: float
) -> None:
    """Cues of `category` in a sentence with a `trigger` phrase, or in the other speaker's reply
    to it, count `bonus` times again, whoever says them: a channel named where the client tells
    how they found Vambe is the lead source, while elsewhere it may be where they serve their
    own customers."""
    sentences = _trigger_sentences(
        evidence.document, evidence.speakers, evidence.hits_by_group[trigger]
    )
    for hit in evidence.hits_by_group[category]:
        if not hit.negated and evidence.document.sentence_of[hit.start] in sentences:
            evidence.add(category, hit.target.value, hit.target.weight * bonus, hit)


def _detect_language(document: _Document) -> Language:
    """Spanish unless English function words outnumber Spanish ones (Vambe sells in Spanish)."""
    counts = Counter(document.words)
    spanish = sum(counts[word] for word in lexicon.SPANISH_STOPWORDS & counts.keys())
    english = sum(counts[word] for word in lexicon.ENGLISH_STOPWORDS & counts.keys())
    return Language.EN if english > spanish else Language.ES


def _bad_meeting(evidence: _Evidence) -> bool:
    complaints = evidence.score(_Signal.BAD_MEETING, True)
    praise = evidence.score(_Signal.BAD_MEETING, False)
    return complaints - praise >= BAD_MEETING_THRESHOLD


def _urgency(evidence: _Evidence) -> bool:
    urgent = evidence.score(_Signal.URGENCY, True)
    relaxed = evidence.score(_Signal.URGENCY, False)
    return urgent >= URGENCY_THRESHOLD and urgent > relaxed


def _sentiment(evidence: _Evidence) -> Sentiment:
    positive = evidence.score(_Signal.SENTIMENT, Sentiment.POSITIVE)
    negative = evidence.score(_Signal.SENTIMENT, Sentiment.NEGATIVE)
    net, total = positive - negative, positive + negative
    if total == 0 or abs(net) < SENTIMENT_MIN_NET or abs(net) / total < SENTIMENT_MIN_SHARE:
        return Sentiment.NEUTRAL
    return Sentiment.POSITIVE if net > 0 else Sentiment.NEGATIVE


def _confidence(decisions: Iterable[_Decision]) -> float:
    """Share of categories backed by cues, weighted by how strong and one-sided they were."""
    evidence = [decision.evidence for decision in decisions]
    mean = sum(evidence) / len(evidence)
    score = MIN_CONFIDENCE + (MAX_CONFIDENCE - MIN_CONFIDENCE) * mean
    return round(min(MAX_CONFIDENCE, max(MIN_CONFIDENCE, score)), 3)


# --- Spanish free text -----------------------------------------------------------------------


class _StatedCommitment(NamedTuple):
    kind: Commitment
    sentence: str


def _commitments(evidence: _Evidence) -> list[_StatedCommitment]:
    """Sentences with a commitment verb and an object ("te envío la propuesta"), in order."""
    committing: set[int] = set()
    kinds: dict[int, Commitment] = {}
    order = {kind: position for position, kind in enumerate(Commitment)}
    document = evidence.document
    groups = (_Signal.COMMITMENT, _Signal.COMMITMENT_KIND)
    for hit in (hit for group in groups for hit in evidence.hits_by_group[group]):
        if hit.negated:
            continue
        sentence_index = document.sentence_of[hit.start]
        if hit.target.group is _Signal.COMMITMENT:
            committing.add(sentence_index)
        elif hit.target.group is _Signal.COMMITMENT_KIND and isinstance(
            hit.target.value, Commitment
        ):
            current = kinds.get(sentence_index)
            if current is None or order[hit.target.value] < order[current]:
                kinds[sentence_index] = hit.target.value
    stated: list[_StatedCommitment] = []
    for index in sorted(committing & kinds.keys()):
        text = _UNPRINTABLE.sub("", document.sentences[index].text).strip()
        if text and not text.endswith("?") and not text.startswith("\u00bf"):
            stated.append(_StatedCommitment(kinds[index], text))
    return stated


# Quoted sentences lose control characters and lone surrogates, which no output column accepts.
_UNPRINTABLE: Final = re.compile(r"[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f]")


def _clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:") + "\u2026"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(category: type[StrEnum], value: StrEnum) -> str:
    return lexicon.CATEGORY_LEXICONS[category].entries[value].label


class _Outputs:
    """The Spanish fields, built from decided values; undecided ones are left unsaid."""

    def __init__(
        self,
        decisions: Mapping[type[StrEnum], _Decision],
        urgent: bool,
        bad_meeting: bool,
        sentiment: Sentiment,
    ) -> None:
        self._decisions = decisions
        self._urgent = urgent
        self._bad_meeting = bad_meeting
        self._sentiment = sentiment

    def _found(self, category: type[StrEnum]) -> str | None:
        decision = self._decisions[category]
        return _label(category, decision.value) if decision.evidence > 0 else None

    def _stage(self) -> PurchaseStage:
        return PurchaseStage(self._decisions[PurchaseStage].value)

    def key_topics(self) -> list[str]:
        topics = [
            _capitalized(label)
            for label in (
                self._found(UseCase),
                self._found(PainPoint),
                self._found(VambeProduct),
            )
            if label
        ]
        sector = self._found(BusinessSector)
        if sector:
            topics.append(f"Sector {sector}")
        if self._stage() is not PurchaseStage.DISCOVERY:
            topics.append(_capitalized(_label(PurchaseStage, self._stage())))
        if self._urgent:
            topics.append(lexicon.URGENCY_TOPIC)
        if self._bad_meeting:
            topics.append(lexicon.BAD_MEETING_TOPIC)
        for generic in lexicon.GENERIC_TOPICS:
            if len(topics) < MIN_KEY_TOPICS:
                topics.append(generic)
        unique = list(dict.fromkeys(_clip(topic, SHORT_TEXT_LIMIT) for topic in topics))
        return unique[:MAX_KEY_TOPICS]

    def action_items(self, commitments: Sequence[_StatedCommitment], paste: bool) -> list[str]:
        if not commitments:
            return [lexicon.COMMITMENT_KINDS[lexicon.STAGE_ACTIONS[self._stage()]].label]
        if paste:
            items = [_clip(_capitalized(c.sentence), SHORT_TEXT_LIMIT) for c in commitments]
        else:
            items = [lexicon.COMMITMENT_KINDS[c.kind].label for c in commitments]
        return list(dict.fromkeys(items))[-MAX_ACTION_ITEMS:]

    def next_steps(self, commitments: Sequence[_StatedCommitment], paste: bool) -> str:
        if not commitments:
            suggestion = lexicon.COMMITMENT_KINDS[lexicon.STAGE_ACTIONS[self._stage()]].label
            return _clip(lexicon.NO_COMMITMENT_NEXT_STEP.format(action=suggestion), LONG_TEXT_LIMIT)
        last = commitments[-1]
        text = last.sentence if paste else lexicon.COMMITMENT_KINDS[last.kind].label
        return _clip(_capitalized(text), LONG_TEXT_LIMIT)

    def summary(self) -> str:
        company = "una empresa"
        size, sector, region = (
            self._found(CompanySize),
            self._found(BusinessSector),
            self._found(Region),
        )
        if size:
            company += f" {size}"
        if sector:
            company += f" del sector {sector}"
        if region:
            company += f" en {region}"
        role = self._found(DecisionMakerRole)
        who = f"el {role}" if role else "el cliente"
        product = _label(VambeProduct, self._decisions[VambeProduct].value)
        use_case = self._found(UseCase)
        purpose = f" para {use_case}" if use_case else ""
        stage = _label(PurchaseStage, self._stage())
        first = f"Reunión de {stage} con {who} de {company}, interesada en {product}{purpose}."
        pain = self._found(PainPoint)
        second = f"Su principal dolor es {pain}" if pain else "No se identificó un dolor principal"
        second += f"; sentimiento {lexicon.SENTIMENT_LABELS[self._sentiment]}"
        if self._urgent:
            second += ", con urgencia por plazos"
        if self._bad_meeting:
            second += ", y mostró confusión o insatisfacción con la reunión"
        return _clip(f"{first} {second}.", LONG_TEXT_LIMIT)
