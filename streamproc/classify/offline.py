"""The default classifier: weighted lexicon cues, no API key, no network, no randomness.

A transcript is split into speaker turns and sentences, normalised once (accents stripped, case
folded) and tokenised once. Each token becomes a short code naming its cue class (the cue word it
is, or "any other word", or a break), and one Aho-Corasick pass over the string of codes finds
every cue phrase of `lexicon`.
Each enum category takes the value with the most weighted cue matches, or its documented
default when nothing matched; what the client says counts more than what the seller says.
The free-text fields are assembled in Spanish from the decided values and, for Spanish
transcripts, from the sentences where someone commits to a next step.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from enum import IntEnum, StrEnum, auto
from functools import lru_cache
from itertools import accumulate, islice, product, repeat
from typing import Any, Final, NamedTuple, get_args

import ahocorasick  # type: ignore[import-not-found]
from pydantic import StringConstraints

from streamproc.classify import lexicon
from streamproc.classify.base import ClassifierResult
from streamproc.classify.lexicon import LEXICON_VERSION, Commitment, Cue
from streamproc.classify.text import (
    MIN_PREFIX_LENGTH,
    PREFIX_MARK,
    SENTENCE_END,
    SENTENCE_SEPARATOR,
    normalize,
    phrase_key,
    stem,
    tokenize,
    words_of,
)
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
    size_for_headcount,
)

# A business counts as introduced when it starts at most this many tokens after an introduction
# in its sentence ("soy la directora comercial de una clínica de cirugía plástica").
BUSINESS_INTRODUCTION_WINDOW: Final = 12
# Words after a head noun ("centro", "empresa") that may name its sector ("de ortodoncia").
BUSINESS_COMPLEMENT_WINDOW: Final = 6
# Words after a business type that may say what it does ("cerrajería automotriz", not "tienda
# online de electrónica").
BUSINESS_ADJECTIVE_WINDOW: Final = 1
# A possessive introduces a business only right before it ("nuestra pequeña clínica").
POSSESSIVE_WINDOW: Final = 3
# How far back a customer marker still governs a business named after it ("nuestros clientes
# son hoteles, clínicas y edificios de oficinas").
CUSTOMER_MARKER_REACH: Final = 12
# What the client's own business type weighs for its sector: introduced as theirs ("nuestra
# clínica", "dirijo una agencia de viajes") it outweighs the loose sector words a short
# transcript holds; only mentioned (the first one named outside the discovery sentence and the
# customers), it counts as one decisive cue.
INTRODUCED_BUSINESS_WEIGHT: Final = 3 * lexicon.DECISIVE_WEIGHT
NAMED_BUSINESS_WEIGHT: Final = lexicon.DECISIVE_WEIGHT
# What a word naming what businesses of a sector do weighs, when no business is named.
ACTIVITY_WEIGHT: Final = 1.0
# Tokens after a shop's name within which "en línea" / "online" makes it an online shop
# ("una tienda de productos para bebés que vende solo por internet").
ONLINE_SHOP_WINDOW: Final = 10
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
    BUSINESS_TYPE = auto()
    ACTIVITY = auto()
    PRODUCT = auto()
    DOING = auto()
    DOING_THIRD = auto()
    FIXED_HEAD = auto()
    OPEN_HEAD = auto()
    POSSESSIVE = auto()
    BUSINESS_INTRODUCTION = auto()
    DISCOVERY = auto()
    LATER_CONTACT = auto()
    VAMBE_MENTION = auto()
    ONLINE_SHOP = auto()
    PHYSICAL_STORE = auto()


# The signals whose cue totals decide a field. The others only mark where something is said (an
# introduction, a commitment...), so nothing reads their totals and they are not summed.
_WEIGHED_SIGNALS: Final = frozenset((_Signal.URGENCY, _Signal.SENTIMENT, _Signal.BAD_MEETING))


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
    _Signal.URGENCY: 0.3,
    DecisionMakerRole: 0.4,
    _Signal.SENTIMENT: 0.3,
    _Signal.BAD_MEETING: 0.2,
}
_DEFAULT_SELLER_FACTOR: Final = 0.5


_BONUS_REASONS: Final = {
    _Signal.ARRIVAL: "where they tell how they heard of Vambe",
    _Signal.PROBLEM: "where they state their problem",
    _Signal.GOAL: "where they say what they want",
}
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
    """A phrase matched in one group: its targets there (one per value), and where it is."""

    targets: tuple[_Target, ...]
    # Token positions (words and punctuation) of the matched words: [start, end).
    start: int
    end: int
    negated: bool
    sentence: int


# --- speaker turns ---------------------------------------------------------------------------

# "Vendedor: ...", "[00:12] Ana Pérez: ...", "**Cliente:** ..." at the start of a line.
_TURN: Final = re.compile(
    r"^[\s*_>#-]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*[-\u2013]?\s*)?"
    r"(?P<label>[^\W\d_][^:\n]{0,39}?)[\s*_]*:[\s*_]*(?P<speech>.*)$"
)
# A turn that starts mid-line, right after another speaker's sentence. The punctuation is put back
# (a pattern that starts with it is scanned much faster than one that looks behind for it), and
# runs are possessive: backtracking into a word could never find the colon.
_INLINE_TURN: Final = re.compile(r"([.!?])[ \t]++(?=[^\W\d_][\w'()-]*+(?: [\w'()-]++){0,3}+:\s)")
_INLINE_TURN_BREAK: Final = r"\1\n"
_MAX_LABEL_WORDS: Final = 5
_LABEL_FORBIDDEN: Final = frozenset('?!;"')
_PARENTHESES: Final = re.compile(r"\([^)]*\)|\[[^\]]*\]")


class _Label(NamedTuple):
    # "valeria" for both "Valeria (Vambe)" and "Valeria".
    speaker: str
    role: _Speaker
    looks_like_name: bool


def _split_turns(transcript: str) -> tuple[list[tuple[str | None, str]], dict[str, _Speaker]]:
    """(speaker name, speech) pairs, and the role each name's labels announce.

    A label seen once that names no role and is not a name is just text with a colon
    ("Objetivo principal: ...").
    """
    candidates: list[tuple[str, _Label, str] | tuple[None, None, str]] = []
    for line in _INLINE_TURN.sub(_INLINE_TURN_BREAK, transcript).splitlines():
        match = _TURN.match(line)
        label = match.group("label").strip() if match else None
        read = _read_label(label) if label else None
        if match and label and read:
            candidates.append((label, read, match.group("speech")))
        else:
            candidates.append((None, None, line))
    counts: dict[str, int] = defaultdict(int)
    names: dict[str, _Label] = {}
    for label, read, _ in candidates:
        if label is not None and read is not None:
            counts[read.speaker] += 1
            names[label] = read
    roles: dict[str, _Speaker] = {}
    for _, read in sorted(names.items()):
        if read.role is not _Speaker.UNKNOWN:
            roles.setdefault(read.speaker, read.role)
    turns: list[tuple[str | None, str]] = []
    current: str | None = None
    for label, read, speech in candidates:
        if label is None or read is None:
            turns.append((current, speech))
            continue
        speaker = read.speaker
        if counts[speaker] > 1 or speaker in roles or read.looks_like_name:
            current = speaker
            turns.append((speaker, speech))
        else:
            turns.append((current, f"{label}: {speech}"))
    return turns, roles


@lru_cache(maxsize=4096)
def _read_label(label: str) -> _Label | None:
    """What a turn label says, or None if it cannot be one; labels repeat, so this is cached."""
    if not _plausible_label(label):
        return None
    return _Label(_speaker_name(label), _label_speaker(label), _looks_like_name(label))


def _speaker_name(label: str) -> str:
    """ "Valeria (Vambe)" and "Valeria" are the same speaker."""
    return " ".join(words_of(normalize(_PARENTHESES.sub(" ", label)))) or label


def _plausible_label(label: str) -> bool:
    name = _PARENTHESES.sub(" ", label)
    return len(name.split()) <= _MAX_LABEL_WORDS and not _LABEL_FORBIDDEN & set(label)


def _looks_like_name(label: str) -> bool:
    """ "Paula (Fundación X)" or "Ana Pérez", not "Objetivo principal": every word capitalised."""
    words = _PARENTHESES.sub(" ", label).split()
    return bool(words) and all(word[0].isupper() for word in words)


def _label_speaker(label: str) -> _Speaker:
    """Client words win over seller words: "Gerente comercial (cliente)" is the client."""
    words = set(words_of(normalize(label)))
    if words & lexicon.CLIENT_LABEL_WORDS:
        return _Speaker.CLIENT
    if words & lexicon.SELLER_LABEL_WORDS:
        return _Speaker.SELLER
    return _Speaker.UNKNOWN


# --- the parsed transcript -------------------------------------------------------------------

# The codes of tokens that are no cue word: any other word, a clause break, a sentence break (each
# character repeated to the width of a code, see `_TokenCodes`).
_OTHER_WORD: Final = " "
_CLAUSE_BREAK: Final = ","
_BREAKS: Final = frozenset((_CLAUSE_BREAK, SENTENCE_SEPARATOR))


@dataclass(frozen=True, slots=True)
class _Document:
    """A transcript's sentences, and its tokens (words and punctuation) with their codes.

    Positions are token indexes; token i is coded by `codes[i * width : (i + 1) * width]`.
    """

    texts: tuple[str, ...]
    labels: tuple[str | None, ...]
    # The sentences normalised, joined by `SENTENCE_SEPARATOR`.
    normalized: str
    tokens: list[str]
    codes: str
    width: int
    # Position after each sentence separator: where the second, third... sentence starts, so
    # the sentence at a position is bisect_right(sentence_starts, position).
    sentence_starts: list[int]
    # Role announced by each speaker's label ("Vendedor", "Ana (Vambe)"), where one is.
    label_roles: Mapping[str, _Speaker]

    def kind(self, position: int) -> str:
        """A code's first character: a break, `_OTHER_WORD`, or a cue word's."""
        return self.codes[position * self.width]

    def first_word(self, sentence: int) -> int:
        """Position of the first word of a sentence that has one."""
        position = self.sentence_starts[sentence - 1] if sentence else 0
        while self.kind(position) in _BREAKS:
            position += 1
        return position

    def window_end(self, start: int, words: int, stops: frozenset[str] = frozenset()) -> int:
        """Position after the next `words` words from `start`, or of the end of the sentence, or
        of the first of the `stops` words."""
        position = start
        while words > 0 and position < len(self.tokens):
            kind = self.kind(position)
            if kind == SENTENCE_SEPARATOR or self.tokens[position] in stops:
                break
            words -= kind != _CLAUSE_BREAK
            position += 1
        return position


def _parse(transcript: str, token_codes: _TokenCodes) -> _Document:
    """Sentences with their speaker labels, and their tokens; the whole transcript is normalised,
    tokenised and coded in one call each (per-sentence calls cost more than the work)."""
    turns, label_roles = _split_turns(transcript)
    texts: list[str] = []
    labels: list[str | None] = []
    for label, speech in turns:
        pieces = SENTENCE_END.split(speech)  # text, punctuation, text, ..., text
        pieces.append("")
        for text, end in zip(pieces[::2], pieces[1::2], strict=True):
            sentence = (text + end).strip()
            if sentence:
                texts.append(sentence)
                labels.append(label)
    # Sentences hold no separator (they come from split lines), and normalising adds none.
    normalized = normalize(SENTENCE_SEPARATOR.join(texts))
    tokens = tokenize(normalized)
    codes = "".join(map(token_codes.__getitem__, tokens))
    width = token_codes.width
    sentence_starts = []
    separator = codes.find(SENTENCE_SEPARATOR)
    while separator >= 0:
        sentence_starts.append(separator // width + 1)
        separator = codes.find(SENTENCE_SEPARATOR, separator + width)
    return _Document(
        texts=tuple(texts),
        labels=tuple(labels),
        normalized=normalized,
        tokens=tokens,
        codes=codes,
        width=width,
        sentence_starts=sentence_starts,
        label_roles=label_roles,
    )


# --- cue index -------------------------------------------------------------------------------


class _TokenClass(NamedTuple):
    """What a word can match: the cue stem it is, the longest prefix cue ("calific*") its stem
    starts with, and whether it negates what follows."""

    stem: str | None
    prefix: str | None
    negator: bool


# A code is a number: its first digit from `_FIRST_DIGITS` (base 16), the others from
# `_NEXT_DIGITS` (base 32), so a phrase (which starts with a first digit) only matches whole
# tokens. The matcher looks a character up among a node's children one by one, so few digits keep
# that fast; but codes one character longer cost more, and 32 later digits keep the lexicon's
# cue words within three characters (16 · 32² classes).
_FIRST_DIGITS: Final = "ABCDEFGHIJKLMNOP"
_NEXT_DIGITS: Final = "abcdefghijklmnopqrstuvwxyz012345"


class _TokenCodes(dict[str, str]):
    """Each token's code: one per class of cue word, and `_OTHER_WORD`, `_CLAUSE_BREAK` or
    `SENTENCE_SEPARATOR` repeated for the rest. A transcript becomes a string of codes, in which
    an Aho-Corasick automaton finds every cue phrase in one C pass.

    Tokens are coded as they come, and remembered (stemming every word costs more than the
    matching); the memory is emptied when it holds `MAX_CACHED_TOKENS`, so odd input cannot grow
    it forever.
    """

    MAX_CACHED_TOKENS: Final = 50_000

    def __init__(self, stems: Iterable[str], prefixes: Iterable[str]) -> None:
        super().__init__()
        self._stems = frozenset(stems)
        # Longest first: a stem's longest matching prefix stands for all of them.
        self._prefixes = sorted(prefixes, key=len, reverse=True)
        classes = [
            _TokenClass(stem, self._longest_prefix(stem), False) for stem in sorted(self._stems)
        ]
        classes += [_TokenClass(None, prefix, False) for prefix in self._prefixes]
        classes += [self._class(word) for word in sorted(lexicon.NEGATORS)]
        unique = list(dict.fromkeys(classes))
        self.width = 1
        while len(_FIRST_DIGITS) * len(_NEXT_DIGITS) ** (self.width - 1) < len(unique):
            self.width += 1
        self.codes = {token_class: self._code(number) for number, token_class in enumerate(unique)}
        self._codes_by_stem: dict[str, list[str]] = defaultdict(list)
        for token_class, code in self.codes.items():
            if token_class.stem is not None:
                self._codes_by_stem[token_class.stem].append(code)

    def _code(self, number: int) -> str:
        digits = []
        for _ in range(self.width - 1):
            number, digit = divmod(number, len(_NEXT_DIGITS))
            digits.append(_NEXT_DIGITS[digit])
        return _FIRST_DIGITS[number] + "".join(reversed(digits))

    def _longest_prefix(self, word_stem: str) -> str | None:
        return next((prefix for prefix in self._prefixes if word_stem.startswith(prefix)), None)

    def _class(self, word: str) -> _TokenClass:
        word_stem = stem(word)
        return _TokenClass(
            word_stem if word_stem in self._stems else None,
            self._longest_prefix(word_stem),
            word in lexicon.NEGATORS,
        )

    def __missing__(self, token: str) -> str:
        if len(self) >= self.MAX_CACHED_TOKENS:
            self.clear()
        if token == SENTENCE_SEPARATOR:
            code = SENTENCE_SEPARATOR * self.width
        elif not token[0].isalnum():
            code = _CLAUSE_BREAK * self.width
        else:
            code = self.codes.get(self._class(token), _OTHER_WORD * self.width)
        self[token] = code
        return code

    def matching(self, element: str) -> list[str]:
        """The codes of every class that matches a cue element (a stem, or a prefix)."""
        if element.endswith(PREFIX_MARK):
            return [
                code
                for token_class, code in self.codes.items()
                if (token_class.stem or token_class.prefix or "").startswith(element[:-1])
            ]
        return self._codes_by_stem.get(element, [])


def _walk_order(keys: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Cue phrases in the order a word-by-word walk meets those that match the same words (an
    exact word and prefix cues such as "automat*" and "automatiz*"): for a first word, prefix
    cues in alphabetical order, then the exact word; for a later word, the exact word, then
    prefix cues in lexicon order. Matches are summed in this order, and floating-point sums
    depend on it."""
    keys = list(keys)
    first_seen: dict[tuple[str, ...], int] = {}
    for key in keys:
        for length in range(1, len(key) + 1):
            first_seen.setdefault(key[:length], len(first_seen))
    first_prefixes = sorted({key[0][:-1] for key in keys if key[0].endswith(PREFIX_MARK)})

    def order(key: tuple[str, ...]) -> list[tuple[int, int]]:
        steps: list[tuple[int, int]] = []
        for depth, element in enumerate(key):
            if not element.endswith(PREFIX_MARK):
                steps.append((int(depth == 0), 0))
            elif depth == 0:
                steps.append((0, first_prefixes.index(element[:-1])))
            else:
                steps.append((1, first_seen[key[: depth + 1]]))
        return steps

    return sorted(keys, key=order)


# What the automaton stores for a string of codes: the phrase length in tokens, and for each
# group that the phrases it stands for have targets in: (group number, their targets there, in
# walk order).
_Phrases = tuple[int, tuple[tuple[int, tuple[_Target, ...]], ...]]


class _CueIndex:
    """Every cue phrase in one Aho-Corasick automaton over token codes."""

    def __init__(self, tables: Iterable[tuple[_Group, _Value, Sequence[Cue]]]) -> None:
        merged: dict[tuple[str, ...], dict[tuple[_Group, _Value], float]] = defaultdict(dict)
        for group, value, group_cues in tables:
            for cue in group_cues:
                key = phrase_key(cue.phrase)
                if key:
                    targets = merged[key]
                    targets[(group, value)] = max(cue.weight, targets.get((group, value), 0.0))
        for key in merged:
            if key[0].endswith(PREFIX_MARK) and len(key[0]) - 1 < MIN_PREFIX_LENGTH:
                raise ValueError(f"prefix cue {key[0]!r} is shorter than {MIN_PREFIX_LENGTH}")
        elements = {element for key in merged for element in key}
        self.token_codes = _TokenCodes(
            (element for element in elements if not element.endswith(PREFIX_MARK)),
            (element[:-1] for element in elements if element.endswith(PREFIX_MARK)),
        )
        self._negators = re.compile(
            "|".join(
                code for token_class, code in self.token_codes.codes.items() if token_class.negator
            )
        )
        self._groups = list(
            dict.fromkeys(group for targets in merged.values() for group, _ in targets)
        )
        group_numbers = {group: number for number, group in enumerate(self._groups)}
        # For each string of codes, each group's targets of the phrases it matches. A phrase
        # stands for one string per combination of the token classes its elements match (a
        # prefix cue matches several).
        phrases: dict[str, dict[int, list[_Target]]] = defaultdict(lambda: defaultdict(list))
        for key in _walk_order(merged):
            phrase_targets = [
                _Target(group, value, weight, key) for (group, value), weight in merged[key].items()
            ]
            choices = [self.token_codes.matching(element) for element in key]
            for phrase_codes in product(*choices):
                by_group = phrases["".join(phrase_codes)]
                for target in phrase_targets:
                    by_group[group_numbers[target.group]].append(target)
        self._automaton = ahocorasick.Automaton()
        for codes, by_group in phrases.items():
            length = len(codes) // self.token_codes.width
            matched = tuple((number, tuple(targets)) for number, targets in by_group.items())
            self._automaton.add_word(codes, (length, matched))
        self._automaton.make_automaton()

    def scan(self, document: _Document) -> dict[_Group, list[_Hit]]:
        """Non-overlapping matches per group, longest first, then leftmost, never across a clause
        break (no phrase holds a break); each group's in transcript order.

        Longest first lets "un anuncio suyo en Facebook" count as the Facebook ad it is rather
        than as "un anuncio"; one span may still carry several values of a group.
        """
        width, groups = document.width, len(self._groups)
        # (start, length, group number, targets), in the automaton's order: by end position.
        found: list[tuple[int, int, int, tuple[_Target, ...]]] = []
        # (-length, start, group number) of the phrases longer than one word: sorted, longest
        # first. Unique: a span has one string of codes.
        longer: list[tuple[int, int, int]] = []
        matches: Iterator[tuple[int, _Phrases]] = self._automaton.iter(document.codes)
        for last, (length, matched) in matches:
            start = (last + 1) // width - length
            for group_number, targets in matched:
                found.append((start, length, group_number, targets))
                if length > 1:
                    longer.append((-length, start, group_number))
        # One-word matches never compete with each other (a word has one code, so a group has at
        # most one of them per position), and longer ones come first: the longer ones alone
        # decide which positions are taken. Keys: position * groups + group number.
        longer.sort()
        taken: set[int] = set()
        kept_lengths: dict[int, int] = {}  # the length of the longer phrase kept, by start key
        for negative_length, start, group_number in longer:
            end = start - negative_length
            span = range(start * groups + group_number, end * groups + group_number, groups)
            if taken.isdisjoint(span):
                taken.update(span)
                kept_lengths[span.start] = -negative_length
        negated = self._negated_positions(document)
        sentence_starts = document.sentence_starts
        # Kept matches of a group do not overlap, so the automaton's order (by end) is
        # transcript order.
        hits_by_number: dict[int, list[_Hit]] = defaultdict(list)
        for start, length, group_number, targets in found:
            key = start * groups + group_number
            kept = key not in taken if length == 1 else kept_lengths.get(key) == length
            if not kept:
                continue
            sentence = bisect_right(sentence_starts, start)
            # tuple.__new__ builds the named tuple without running Python code (there are many).
            hit = tuple.__new__(_Hit, (targets, start, start + length, start in negated, sentence))
            hits_by_number[group_number].append(hit)
        return {self._groups[number]: hits_by_number[number] for number in sorted(hits_by_number)}

    def _negated_positions(self, document: _Document) -> set[int]:
        """Positions of words with a negator ("no", "sin", "never") among the previous
        `lexicon.NEGATION_WINDOW` words of their clause."""
        negated: set[int] = set()
        for negator in self._negators.finditer(document.codes):
            following = negator.end() // document.width
            end = min(following + lexicon.NEGATION_WINDOW, len(document.tokens))
            for position in range(following, end):
                if document.kind(position) in _BREAKS:
                    break
                negated.add(position)
        return negated


def cue_tables() -> Iterator[tuple[_Group, _Value, Sequence[Cue]]]:
    """Every cue of the lexicon with the category or signal and the value it speaks for."""
    for category, category_lexicon in lexicon.CATEGORY_LEXICONS.items():
        for value, entry in category_lexicon.entries.items():
            yield category, value, entry.cues
    for kind, entry in lexicon.COMMITMENT_KINDS.items():
        yield _Signal.COMMITMENT_KIND, kind, entry.cues
    by_value: tuple[tuple[_Signal, Mapping[Any, Sequence[Cue]]], ...] = (
        (_Signal.ROLE_AREA, lexicon.ROLE_AREA_CUES),
        (_Signal.BUSINESS_TYPE, lexicon.BUSINESS_TYPES),
        (_Signal.ACTIVITY, lexicon.ACTIVITIES),
        (_Signal.PRODUCT, lexicon.PRODUCTS),
        (_Signal.DOING, lexicon.DOINGS),
        (_Signal.DOING, lexicon.FIRST_SINGULAR_DOINGS),
        (_Signal.DOING_THIRD, lexicon.THIRD_PERSON_DOINGS),
        (_Signal.FIXED_HEAD, lexicon.BUSINESS_HEADS.fixed),
    )
    for signal, tables in by_value:
        for value, cues in tables.items():
            yield signal, value, cues
    for default_sector, heads in lexicon.BUSINESS_HEADS.open.items():
        yield _Signal.OPEN_HEAD, default_sector or False, heads
    polar: tuple[tuple[_Signal, _Value, Sequence[Cue]], ...] = (
        (_Signal.URGENCY, True, lexicon.URGENT_CUES),
        (_Signal.URGENCY, False, lexicon.NOT_URGENT_CUES),
        (_Signal.SENTIMENT, Sentiment.POSITIVE, lexicon.POSITIVE_CUES),
        (_Signal.SENTIMENT, Sentiment.NEGATIVE, lexicon.NEGATIVE_CUES),
        (_Signal.BAD_MEETING, True, lexicon.BAD_MEETING_CUES),
        (_Signal.BAD_MEETING, False, lexicon.GOOD_MEETING_CUES),
    )
    yield from polar
    # Signals that only mark where something is said.
    markers = (
        (_Signal.SELF_INTRODUCTION, lexicon.SELF_INTRODUCTIONS),
        (_Signal.COMPANY_INTRODUCTION, lexicon.COMPANY_INTRODUCTIONS),
        (_Signal.BUSINESS_INTRODUCTION, lexicon.BUSINESS_INTRODUCTIONS),
        (_Signal.POSSESSIVE, lexicon.POSSESSIVES),
        (_Signal.ARRIVAL, lexicon.ARRIVAL_CUES),
        (_Signal.DISCOVERY, lexicon.DISCOVERY_CUES),
        (_Signal.VAMBE_MENTION, lexicon.VAMBE_MENTIONS),
        (_Signal.LATER_CONTACT, lexicon.LATER_CONTACT_CUES),
        (_Signal.PROBLEM, lexicon.PROBLEM_CUES),
        (_Signal.GOAL, lexicon.GOAL_CUES),
        (_Signal.SELLER_PHRASE, lexicon.SELLER_PHRASES),
        (_Signal.COMMITMENT, lexicon.COMMITMENT_CUES),
        (_Signal.ONLINE_SHOP, lexicon.ONLINE_SHOP_CUES),
        (_Signal.PHYSICAL_STORE, lexicon.PHYSICAL_STORE_CUES),
    )
    for signal, cues in markers:
        yield signal, True, cues


# --- evidence --------------------------------------------------------------------------------


class _Added(NamedTuple):
    group: _Group
    value: _Value
    weight: float
    # The tokens it is about: [start, end).
    start: int
    end: int
    why: str


class _Evidence:
    """Weighted cue totals per category or weighed signal and value, with who said them taken into
    account.

    Only totals of the same group and value interact, so groups are summed one after another;
    within a group, hits count in transcript order.
    """

    def __init__(
        self,
        hits_by_group: Mapping[_Group, list[_Hit]],
        speakers: Sequence[_Speaker],
        document: _Document,
        located: _Located,
    ) -> None:
        self.document = document
        self.speakers = speakers
        self.located = located
        self.added: list[_Added] = []
        self.scores: dict[_Group, dict[_Value, float]] = defaultdict(dict)
        self.first_seen: dict[_Group, dict[_Value, int]] = defaultdict(dict)
        self.hits_by_group: dict[_Group, list[_Hit]] = defaultdict(list, hits_by_group)
        # Enum members looked up once: attribute lookups on an enum class are slow (3.11).
        seller, sentiment = _Speaker.SELLER, _Signal.SENTIMENT
        positive, negative = Sentiment.POSITIVE, Sentiment.NEGATIVE
        for group, hits in hits_by_group.items():
            if isinstance(group, _Signal) and group not in _WEIGHED_SIGNALS:
                continue
            seller_factor = _SELLER_FACTORS.get(group, _DEFAULT_SELLER_FACTOR)
            scores, first_seen = self.scores[group], self.first_seen[group]
            repeats: dict[tuple[_Value, tuple[str, ...]], int] = {}
            for targets, start, _, negated, sentence in hits:
                said_by_seller = speakers[sentence] is seller
                for _, value, weight, phrase in targets:
                    if negated:
                        if group is not sentiment or value is not positive:
                            continue
                        value, weight = negative, weight * NEGATED_POSITIVE_WEIGHT
                    repeat_key = (value, phrase)
                    repeated = repeats.get(repeat_key, 0)
                    if repeated == MAX_REPEATS_PER_PHRASE:
                        continue
                    repeats[repeat_key] = repeated + 1
                    if said_by_seller:
                        weight *= seller_factor
                    scores[value] = scores.get(value, 0.0) + weight
                    first_seen.setdefault(value, start)

    def add(
        self, group: _Group, value: _Value, weight: float, span: tuple[int, int], why: str
    ) -> None:
        """Weight beyond the cues' own, for the tokens of `span`, and why (for `explain`)."""
        position = span[0]
        self.added.append(_Added(group, value, weight, *span, why))
        scores = self.scores[group]
        scores[value] = scores.get(value, 0.0) + weight
        self.first_seen[group].setdefault(value, position)

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


# Each category's values in declaration order: the last tie-break between equal scores.
_VALUE_ORDER: Final[Mapping[type[StrEnum], Mapping[StrEnum, int]]] = {
    category: {value: position for position, value in enumerate(category)}
    for category in lexicon.CATEGORY_LEXICONS
}
_ENUM_FIELDS: Final = enum_categories()


def _decisions(evidence: _Evidence) -> dict[type[StrEnum], _Decision]:
    return {
        category: _decide(category, category_lexicon.default, evidence)
        for category, category_lexicon in lexicon.CATEGORY_LEXICONS.items()
    }


def _add_activities(evidence: _Evidence, discovery: AbstractSet[int]) -> None:
    """Without a business named, what the client says they do ("hacemos fletes en camioneta")
    is sector evidence too, outside the discovery sentence and their customers."""
    document = evidence.document
    activities = [
        *evidence.hits_by_group[_Signal.ACTIVITY],
        *evidence.hits_by_group[_Signal.PRODUCT],
    ]
    for hit in activities:
        if hit.negated or hit.sentence in discovery or _after_customer_marker(document, hit.start):
            continue
        target = hit.targets[0]
        evidence.add(
            BusinessSector, target.value, ACTIVITY_WEIGHT, (hit.start, hit.end), "activity"
        )


def _sells_online(evidence: _Evidence, business: _OwnBusiness) -> BusinessSector:
    """A shop of anything, or a business described by what it sells, that sells online ("tienda
    de ropa en línea", "vendemos relojes por internet", "solo vendemos por la web") is
    e-commerce, unless it also has a physical store ("no tenemos tienda física" is no store)."""
    shop = evidence.document.tokens[business.start] in lexicon.SHOP_WORDS
    if not (business.sector is BusinessSector.RETAIL or business.sells or shop) or any(
        not hit.negated for hit in evidence.hits_by_group[_Signal.PHYSICAL_STORE]
    ):
        return business.sector
    window_end = business.end + ONLINE_SHOP_WINDOW
    online_named = any(
        hit.sentence == business.sentence and business.start < hit.end and hit.start <= window_end
        for hit in evidence.hits_by_group[_Signal.ONLINE_SHOP]
    )
    online_only = any(
        target.weight >= lexicon.WEIGHT_CLASSES["strong"]
        for hit in evidence.hits_by_group[BusinessSector]
        for target in hit.targets
        if target.value is BusinessSector.ECOMMERCE
    )
    return BusinessSector.ECOMMERCE if online_named or online_only else business.sector


def _decide(category: type[StrEnum], default: StrEnum, evidence: _Evidence) -> _Decision:
    scores = evidence.scores[category]
    if not scores:
        return _Decision(default, 0.0)
    if len(scores) == 1:  # the usual case in a short transcript: nothing to rank
        ranked = [value for value in scores if isinstance(value, StrEnum)]
    else:
        first_seen = evidence.first_seen[category]
        order = _VALUE_ORDER[category]
        ranked = sorted(
            (value for value in scores if isinstance(value, StrEnum)),
            key=lambda value: (-scores[value], first_seen[value], order[value]),
        )
    if not ranked or scores[ranked[0]] < MIN_EVIDENCE:
        return _Decision(default, 0.0)
    best = scores[ranked[0]]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    margin = (best - runner_up) / best
    strength = 1.0 - math.exp(-best / EVIDENCE_SCALE)
    return _Decision(ranked[0], strength * (0.5 + 0.5 * margin))


# --- explanations --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CueFired:
    """One piece of evidence: the transcript's words (folded), where, for what, how much."""

    words: str
    sentence: int
    value: str
    weight: float
    why: str


@dataclass(frozen=True, slots=True)
class FieldReason:
    """How a field was decided: its value, every value's total, and the evidence behind them."""

    field: str
    value: str
    totals: tuple[tuple[str, float], ...]
    defaulted: bool
    cues: tuple[CueFired, ...]


@dataclass(frozen=True, slots=True)
class Explanation:
    """`streamproc explain`: the sentences found, and why each field took its value."""

    sentences: tuple[str, ...]
    discovery_sentences: tuple[int, ...]
    # The client's own business type as they named it, its sentence, and whether they
    # introduced it as theirs.
    business_type: str | None
    business_sentence: int | None
    business_introduced: bool
    fields: tuple[FieldReason, ...]


def _field_reason(
    field: str, group: _Group, value: _Value, defaulted: bool, evidence: _Evidence
) -> FieldReason:
    document = evidence.document
    cues: list[CueFired] = []
    for hit in evidence.hits_by_group[group]:
        if hit.negated:
            continue
        factor = _speaker_factor(group, evidence.speakers[hit.sentence])
        words = " ".join(document.tokens[hit.start : hit.end])
        for target in hit.targets:
            cues.append(
                CueFired(words, hit.sentence, str(target.value), target.weight * factor, "cue")
            )
    for added in evidence.added:
        if added.group == group:
            sentence = bisect_right(document.sentence_starts, added.start)
            words = " ".join(document.tokens[added.start : added.end])
            cues.append(CueFired(words, sentence, str(added.value), added.weight, added.why))
    totals = sorted(
        ((str(key), round(total, 2)) for key, total in evidence.scores[group].items()),
        key=lambda item: -item[1],
    )
    return FieldReason(field, str(value), tuple(totals), defaulted, tuple(cues))


# --- the classifier --------------------------------------------------------------------------


class OfflineClassifier:
    """Lexicon classifier: pure, deterministic, about a millisecond for a typical meeting (200
    words) and a few for 1,000 words; `bench/offline_classifier.py` measures it."""

    def __init__(self, calibration: ConfidenceCalibration | None = None) -> None:
        self._index = _CueIndex(cue_tables())
        self._headcount_rules = _headcount_rules()
        self._headcount_hints = _hint_finder(self._headcount_rules)
        self._calibration = calibration or CONFIDENCE_CALIBRATION

    @property
    def info(self) -> ClassifierInfo:
        return ClassifierInfo(
            name="offline", model="lexicon", version=LEXICON_VERSION, fallback=False
        )

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult:
        # Runs inline: about a millisecond of CPU, about what handing it to an executor costs.
        return ClassifierResult(self.classify_text(transcript, language), self.info)

    def classify_text(self, transcript: str, language: Language | None) -> Classification:
        """Classify one transcript; any string gives a valid Classification."""
        evidence = self._gather_evidence(transcript)
        document = evidence.document
        decisions = _decisions(evidence)
        detected_language = _detect_language(document)
        urgent = _urgency(evidence)
        bad_meeting = _bad_meeting(evidence)
        sentiment = _sentiment(evidence, bad_meeting, decisions[PurchaseStage].value)
        commitments = _commitments(evidence)
        outputs = _Outputs(decisions, urgent, bad_meeting, sentiment)
        paste_sentences = detected_language is Language.ES

        values: dict[str, object] = {}
        for field, category in _ENUM_FIELDS.items():
            if category in decisions:
                values[field] = decisions[category].value
        values.update(
            language=detected_language if language is None else language,
            sentiment=sentiment,
            urgency=urgent,
            lost_client_bad_meeting=bad_meeting,
            confidence_score=self._calibration.score(_strength(decisions.values())),
            key_topics=outputs.key_topics(),
            action_items=outputs.action_items(commitments, paste_sentences),
            next_steps=outputs.next_steps(commitments, paste_sentences),
            summary=outputs.summary(),
        )
        return Classification.model_validate(values)

    def evidence_strength(self, transcript: str) -> float:
        """What confidence_score is calibrated from (`scripts/fit_offline_confidence.py`)."""
        return _strength(_decisions(self._gather_evidence(transcript)).values())

    def explain(self, transcript: str) -> Explanation:
        """Why `classify_text` answers what it does: the located sentences and each field's
        evidence."""
        evidence = self._gather_evidence(transcript)
        decisions = _decisions(evidence)
        fields = [
            _field_reason(field, category, decision.value, decision.evidence == 0, evidence)
            for field, category in _ENUM_FIELDS.items()
            if (decision := decisions.get(category)) is not None
        ]
        fields.append(
            _field_reason("urgency", _Signal.URGENCY, _urgency(evidence), False, evidence)
        )
        business = evidence.located.business
        document = evidence.document
        return Explanation(
            sentences=document.texts,
            discovery_sentences=tuple(sorted(evidence.located.discovery)),
            business_type=(
                " ".join(document.tokens[business.start : business.end]) if business else None
            ),
            business_sentence=business.sentence if business else None,
            business_introduced=business.introduced if business else False,
            fields=tuple(fields),
        )

    def _gather_evidence(self, transcript: str) -> _Evidence:
        """Every cue found in the transcript, weighted by speaker and context."""
        document = _parse(transcript, self._index.token_codes)
        hits = _ads_by_channel(self._index.scan(document))
        speakers = _resolve_speakers(document, hits)
        discovery = _discovery_sentences(speakers, hits)
        names = _business_names(document, hits)
        business = _own_business(document, speakers, discovery, hits, names)
        located = _Located(discovery, business)
        hits = _own_words(document, discovery, hits, names)
        evidence = _Evidence(hits, speakers, document, located)
        business = located.business
        if business is None:
            _add_activities(evidence, discovery)
        else:
            weight = INTRODUCED_BUSINESS_WEIGHT if business.introduced else NAMED_BUSINESS_WEIGHT
            why = "own business type" + (", introduced" if business.introduced else "")
            sector = _sells_online(evidence, business)
            evidence.add(BusinessSector, sector, weight, (business.start, business.end), why)
        self._add_headcount(evidence)
        _add_introduced(
            evidence,
            _Signal.SELF_INTRODUCTION,
            lexicon.SELF_INTRODUCTION_WINDOW,
            frozenset(),
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
            lexicon.CUSTOMER_MARKERS,
            BusinessSector,
            ((BusinessSector, lexicon.DECISIVE_WEIGHT),),
        )
        for trigger, category, bonus in _CONTEXT_BONUSES:
            sentences = (
                discovery
                if trigger is _Signal.ARRIVAL
                else _trigger_sentences(speakers, evidence.hits_by_group[trigger])
            )
            why = _BONUS_REASONS[trigger]
            _add_context_bonus(evidence, sentences, category, bonus, why)
        return evidence

    def _add_headcount(self, evidence: _Evidence) -> None:
        """A stated headcount outweighs size words; the largest number stated is the company (the
        first sentence stating it, if several do)."""
        document = evidence.document
        sentences: list[str] = []
        sentence_ends: list[int] = []
        # The sentences holding one of each pattern's hints (a hint holds no sentence separator,
        # so its last character is in its sentence).
        hinted: dict[tuple[str, ...], set[int]] = defaultdict(set)
        hint_matches: Iterator[tuple[int, tuple[tuple[str, ...], ...]]] = (
            self._headcount_hints.iter(document.normalized)
        )
        for last, hint_sets in hint_matches:
            if not sentences:
                sentences = document.normalized.split(SENTENCE_SEPARATOR)
                sentence_ends = list(accumulate(len(sentence) + 1 for sentence in sentences))
            for hints in hint_sets:
                hinted[hints].add(bisect_right(sentence_ends, last))
        for patterns, weight in self._headcount_rules:
            largest: tuple[int, int] | None = None  # (headcount, -sentence)
            for hints, pattern in patterns:
                for index in sorted(hinted[hints]):
                    for match in pattern.finditer(sentences[index]):
                        headcount = _headcount(match.group("number"), match.group("thousands"))
                        if headcount > 0 and (largest is None or (headcount, -index) > largest):
                            largest = (headcount, -index)
            if largest is not None:
                headcount, index = largest[0], -largest[1]
                size = size_for_headcount(headcount)
                factor = _speaker_factor(CompanySize, evidence.speakers[index])
                evidence.add(
                    CompanySize,
                    size,
                    weight * factor,
                    (document.first_word(index), document.first_word(index)),
                    f"stated headcount {headcount}",
                )


class _HeadcountPattern(NamedTuple):
    # Words every match holds (as text): the pattern only searches sentences with one of them,
    # found by one pass of `_hint_finder`'s automaton.
    hints: tuple[str, ...]
    pattern: re.Pattern[str]


class _HeadcountRule(NamedTuple):
    patterns: tuple[_HeadcountPattern, ...]
    weight: float


def _hint_finder(rules: Iterable[_HeadcountRule]) -> ahocorasick.Automaton:
    """An automaton finding every hint word of every headcount pattern, as text, each with the
    hint sets it belongs to: one pass over the transcript, where a search per word reads it once
    per word."""
    hint_sets: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for rule in rules:
        for hints, _ in rule.patterns:
            for word in hints:
                if hints not in hint_sets[word]:
                    hint_sets[word].append(hints)
    automaton = ahocorasick.Automaton()
    for word, sets in hint_sets.items():
        automaton.add_word(word, tuple(sets))
    automaton.make_automaton()
    return automaton


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, grouped by first character in their order. The
    engine tries alternatives one by one at every position, so grouping makes that one try per
    first character; which word matches is unchanged, as words starting differently never match
    at the same position."""
    rests: dict[str, list[str]] = defaultdict(list)
    for word in words:
        rests[word[0]].append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(group)})" for first, group in rests.items())


def _headcount_rules() -> tuple[_HeadcountRule, ...]:
    number_words = _alternation(sorted(lexicon.NUMBER_WORDS, key=len, reverse=True))
    number = rf"(?P<number>\d+(?:[.,]\d+)*|{number_words})"
    thousands = rf"(?:\s*(?P<thousands>{'|'.join(lexicon.THOUSANDS_WORDS)})\b)?"
    staff = "|".join(lexicon.HEADCOUNT_NOUNS)
    team = "|".join(lexicon.TEAM_NOUNS)
    team_singular = "|".join(lexicon.TEAM_NOUNS_SINGULAR)
    introducers = _alternation(lexicon.TEAM_INTRODUCERS)
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
            (
                _HeadcountPattern(
                    (
                        *lexicon.HEADCOUNT_NOUNS,
                        *(f"-{noun}" for noun in lexicon.TEAM_NOUNS_SINGULAR),
                    ),
                    staff_pattern,
                ),
            ),
            lexicon.HEADCOUNT_WEIGHT,
        ),
        _HeadcountRule(
            (
                _HeadcountPattern(lexicon.TEAM_NOUNS, team_pattern),
                _HeadcountPattern(lexicon.TEAM_NOUNS, appositive_team_pattern),
                _HeadcountPattern(lexicon.BARE_TEAM_INTRODUCERS, bare_team_pattern),
            ),
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


def _resolve_speakers(document: _Document, hits: Mapping[_Group, Sequence[_Hit]]) -> list[_Speaker]:
    """Each sentence's speaker, from its turn label or, for plain names, from who sells."""
    labels = {label for label in document.labels if label is not None}
    roles = {label: document.label_roles.get(label, _Speaker.UNKNOWN) for label in labels}
    unnamed = sorted(label for label, role in roles.items() if role is _Speaker.UNKNOWN)
    if unnamed:
        known = set(roles.values())
        if _Speaker.SELLER in known:
            roles.update(dict.fromkeys(unnamed, _Speaker.CLIENT))
        elif _Speaker.CLIENT in known:
            roles.update(dict.fromkeys(unnamed, _Speaker.SELLER))
        else:
            seller_phrases = hits.get(_Signal.SELLER_PHRASE, ())
            roles.update(_seller_by_phrases(document, seller_phrases, unnamed))
    return [
        roles.get(label, _Speaker.UNKNOWN) if label else _Speaker.UNKNOWN
        for label in document.labels
    ]


def _seller_by_phrases(
    document: _Document, seller_phrases: Sequence[_Hit], labels: Sequence[str]
) -> dict[str, _Speaker]:
    """Among named speakers, the one who talks like a Vambe seller most is the seller."""
    counts = dict.fromkeys(labels, 0)
    for hit in seller_phrases:
        label = document.labels[hit.sentence]
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
    stops: frozenset[str],
    target: type[StrEnum],
    candidates: Sequence[tuple[_Group, float]],
) -> None:
    """What the client says right after introducing themself or their company ("soy el gerente
    de operaciones", "somos una cadena de pollerías") is strong evidence: the nearest cue of the
    first candidate group found in the window counts again at that group's weight. Later
    groups are fallbacks ("I run marketing" names an area, not a title). The window ends at a
    `stops` word: in "fabricamos cajas para la fruta" what follows "para" is the customer."""
    # A group's hits are in transcript order: the nearest one is found by bisection.
    starts = {
        group: [hit.start for hit in evidence.hits_by_group[group]] for group, _ in candidates
    }
    seller = _Speaker.SELLER
    for introduction in evidence.hits_by_group[trigger]:
        if introduction.negated or evidence.speakers[introduction.sentence] is seller:
            continue
        window_end = evidence.document.window_end(introduction.end, window, stops)
        for group, weight in candidates:
            hits = evidence.hits_by_group[group]
            first = bisect_left(starts[group], introduction.end)
            nearest = next(
                (hit for hit in islice(hits, first, None) if not hit.negated),
                None,
            )
            if nearest is not None and nearest.start < window_end:
                why = f"named right after a {trigger.name.lower().replace('_', ' ')}"
                evidence.add(target, nearest.targets[0].value, weight, nearest[1:3], why)
                break


def _trigger_sentences(speakers: Sequence[_Speaker], triggers: Iterable[_Hit]) -> set[int]:
    """Sentences holding a trigger phrase, plus the other speaker's reply to each."""
    sentences: set[int] = set()
    for trigger in triggers:
        if trigger.negated:
            continue
        index = trigger.sentence
        sentences.add(index)
        if index + 1 < len(speakers) and speakers[index + 1] is not speakers[index]:
            sentences.add(index + 1)
    return sentences


def _discovery_sentences(
    speakers: Sequence[_Speaker], hits: Mapping[_Group, Sequence[_Hit]]
) -> frozenset[int]:
    """Where the client tells how they heard of Vambe: a sentence with an arrival phrase ("¿cómo
    nos conociste?", and the reply to it), or with a discovery verb and a mention of Vambe ("un
    colega me recomendó Vambe") that the seller does not say."""
    sentences = _trigger_sentences(speakers, hits.get(_Signal.ARRIVAL, ()))
    mentions = {hit.sentence for hit in hits.get(_Signal.VAMBE_MENTION, ())}
    seller = _Speaker.SELLER
    told = {
        hit.sentence
        for hit in hits.get(_Signal.DISCOVERY, ())
        if not hit.negated and hit.sentence in mentions and speakers[hit.sentence] is not seller
    }
    # "Después vi sus anuncios en Facebook" is how they met Vambe again, not first.
    later = told & {hit.sentence for hit in hits.get(_Signal.LATER_CONTACT, ())}
    if told - later:
        told -= later
    return frozenset(sentences | told)


class _OwnBusiness(NamedTuple):
    """The client's business as they name it ("nuestra clínica dental"): its sector, and the
    tokens [start, end) of its name."""

    sector: BusinessSector
    start: int
    end: int
    sentence: int
    # Named right after an introduction ("dirijo una", "soy gerente de una"), not just mentioned.
    introduced: bool
    sells: bool


class _Located(NamedTuple):
    """The two sentences that decide sector and lead source, where they were found."""

    discovery: frozenset[int]
    business: _OwnBusiness | None


def _after_customer_marker(document: _Document, position: int, since: int = 0) -> bool:
    """A customer marker ("para", "clientes", "le vendemos a") earlier in the sentence, at or
    after `since` and at most `CUSTOMER_MARKER_REACH` tokens back: "una agencia para el sector
    salud", "nuestros clientes son hoteles, clínicas y oficinas" name customers, not the
    business itself."""
    markers, prepositions = lexicon.CUSTOMER_MARKERS, lexicon.CUSTOMER_PREPOSITIONS
    preposition_seen = False
    since = max(since, position - CUSTOMER_MARKER_REACH)
    while position > since:
        position -= 1
        if document.kind(position) == SENTENCE_SEPARATOR:
            return False
        token = document.tokens[position]
        if token in markers or (preposition_seen and token in lexicon.SELL_VERBS):
            return not (position > 0 and document.tokens[position - 1] in lexicon.WORK_WORDS)
        preposition_seen = preposition_seen or token in prepositions
    return False


class _BusinessName(NamedTuple):
    """A business the transcript names, tokens [start, end) of its sentence, and its sector."""

    start: int
    end: int
    sentence: int
    sector: BusinessSector
    # Described by what it sells ("vendemos relojes"): online only, it is an online shop.
    sells: bool = False
    # Said in the first person ("hacemos fletes"): the client's own, with no introduction.
    own: bool = False
    # Described by what it does, not named: a name starting at the same word is preferred.
    described: bool = False


_HEAD_LAST: Final = frozenset(phrase_key(noun) for noun in lexicon.HEAD_LAST_NOUNS)
# Words an English head's complement may span before it ("a family dental practice").
HEAD_LAST_COMPLEMENT_WINDOW: Final = 4


def _first_sector(
    complements: Sequence[Sequence[_Hit]], start: int, end: int, last: bool = False
) -> tuple[BusinessSector, _Hit] | None:
    """The sector of the first cue within tokens [start, end) (the last one if `last`: the
    word nearest an English head, "a cargo insurance agency"), and the cue, from the first of
    the groups of `complements` (each in transcript order) that has one; weak cues never
    count, and an activity that takes an object ("alquiler") only when nothing else does."""
    generic: tuple[BusinessSector, _Hit] | None = None
    for hits in complements:
        found: tuple[BusinessSector, _Hit] | None = None
        for hit in islice(hits, bisect_left(hits, start, key=lambda hit: hit.start), None):
            if hit.start >= end:
                break
            target = hit.targets[0]
            if (
                hit.end <= end
                and isinstance(target.value, BusinessSector)
                and target.weight > lexicon.WEAK_WEIGHT
            ):
                if target.phrase in lexicon.GENERIC_ACTIVITY_KEYS:
                    # "alquiler de contenedores": what is rented says more
                    generic = generic or (target.value, hit)
                    continue
                found = (target.value, hit)
                if not last:
                    break
        if found is not None:
            return found
    return generic


def _complement_sector(
    document: _Document, head: _Hit, complements: Sequence[Sequence[_Hit]]
) -> tuple[int, int, BusinessSector | None]:
    """The span of a head noun with its complement, and the sector the complement names first
    (what businesses do before other sector words): after a Spanish head up to the clause's
    end ("operador de internet y televisión"), before an English one back to a function word
    ("for dental practices" is not one: "a dental practice" is)."""
    following = document.tokens[head.end] if head.end < len(document.tokens) else ""
    # "a fintech startup" ends its name; "una startup de seguros" goes on, as Spanish does.
    head_last = head.targets[0].phrase in _HEAD_LAST and following not in lexicon.COMPLEMENT_LINKS
    if head_last:
        span_start = head.start
        while (
            span_start > 0
            and head.start - span_start < HEAD_LAST_COMPLEMENT_WINDOW
            and document.kind(span_start - 1) not in _BREAKS
            and document.tokens[span_start - 1] not in lexicon.ENGLISH_NAME_STARTS
        ):
            span_start -= 1
        span_end = head.start
    else:
        span_start = span_end = head.end
        while (
            span_end < len(document.tokens)
            and span_end - head.end < BUSINESS_COMPLEMENT_WINDOW
            and document.kind(span_end) not in _BREAKS
            and document.tokens[span_end] not in lexicon.CUSTOMER_MARKERS
        ):
            span_end += 1
    found = _first_sector(complements, span_start, span_end, last=head_last)
    sector = found[0] if found else None
    assert sector is None or isinstance(sector, BusinessSector)
    return min(span_start, head.start), max(span_end, head.end), sector


def _is_product(hit: _Hit) -> bool:
    return all(target.group is _Signal.PRODUCT for target in hit.targets)


def _complement_groups(hits: Mapping[_Group, Sequence[_Hit]]) -> list[list[_Hit]]:
    """Where a business's complement finds its sector, most specific first: what businesses do
    and business types ("de ortodoncia", "de farmacias", "que recluta personal"), then any
    sector word."""
    specific = sorted(
        (
            hit
            for group in (
                _Signal.ACTIVITY,
                _Signal.BUSINESS_TYPE,
                _Signal.DOING_THIRD,
                _Signal.PRODUCT,
            )
            for hit in hits.get(group, ())
            if not hit.negated
        ),
        key=lambda hit: hit.start,
    )
    general = [hit for hit in hits.get(BusinessSector, ()) if not hit.negated]
    return [specific, general]


def _business_names(
    document: _Document, hits: Mapping[_Group, Sequence[_Hit]]
) -> list[_BusinessName]:
    """Every business the transcript names, in order: a business type of the gazetteer
    ("estudio contable"), or a head noun ("centro", "store") with the sector its complement
    names or, failing that, the one it means by itself ("consultora")."""
    complements = _complement_groups(hits)
    names: list[_BusinessName] = []
    makers, kept = lexicon.BUSINESS_HEADS.maker_sectors, lexicon.BUSINESS_HEADS.kept_sectors
    # A business type that holds a head is the more specific name of the two ("empresa de
    # software de flotas" is a software company, "a pastry shop" a bakery).
    in_types = {
        position
        for hit in hits.get(_Signal.BUSINESS_TYPE, ())
        for position in range(hit.start, hit.end)
    }
    for head in (*hits.get(_Signal.FIXED_HEAD, ()), *hits.get(_Signal.OPEN_HEAD, ())):
        if head.negated or head.start in in_types:
            continue
        if head.start > 0 and document.tokens[head.start - 1] in lexicon.SUBJECT_PRONOUNS:
            continue  # "we store and ship": a verb, not a store
        start, end, named = _complement_sector(document, head, complements)
        default = head.targets[0].value
        fixed = any(target.group is _Signal.FIXED_HEAD for target in head.targets)
        if default is BusinessSector.MANUFACTURING and named not in makers:
            named = None  # a maker of bicycles or ceramics is still a manufacturer
        sector = default if fixed or named is None else named
        if isinstance(sector, BusinessSector):
            names.append(_BusinessName(start, end, head.sentence, sector))
    # A business type inside a head's name is its complement, not another business.
    covered = {position for name in names for position in range(name.start, name.end)}
    activities = [hit for hit in complements[0] if not _is_product(hit)]
    # What businesses do, in more than one word: a business type inside one is a word of it.
    phrases = [hit for hit in complements[0] if hit.end - hit.start > 1]
    for hit in hits.get(_Signal.BUSINESS_TYPE, ()):
        sector = hit.targets[0].value
        if hit.negated or hit.start in covered or not isinstance(sector, BusinessSector):
            continue
        longer = next(
            (
                phrase
                for phrase in phrases
                if phrase.start <= hit.start
                and hit.end <= phrase.end
                and phrase.end - phrase.start > hit.end - hit.start
            ),
            None,
        )
        if longer is not None:
            # "fibra óptica" is telecom work, not an optician's: the longer phrase names it.
            longer_sector = longer.targets[0].value
            if isinstance(longer_sector, BusinessSector):
                names.append(
                    _BusinessName(longer.start, longer.end, longer.sentence, longer_sector)
                )
            continue
        # An adjective naming what it does decides: "cerrajería automotriz" is automotive.
        end = hit.end
        while end < len(document.tokens) and end - hit.end < BUSINESS_ADJECTIVE_WINDOW:
            if document.kind(end) in _BREAKS:
                break
            end += 1
        adjective = _first_sector([activities], hit.end, end)
        if adjective and sector not in kept:
            sector = adjective[0]
        names.append(_BusinessName(hit.start, hit.end, hit.sentence, sector))
    # What a business does, after "un"/"una", is its name when no head noun came before it in
    # the sentence: "una parrilla", but not "una empresa de limpieza ... con un camión".
    taken = {position for name in names for position in range(name.start, name.end)}
    first_head: dict[int, int] = {}
    for head in (*hits.get(_Signal.FIXED_HEAD, ()), *hits.get(_Signal.OPEN_HEAD, ())):
        first_head[head.sentence] = min(head.start, first_head.get(head.sentence, head.start))
    determiners = lexicon.BUSINESS_DETERMINERS
    for hit in (*hits.get(_Signal.ACTIVITY, ()), *hits.get(_Signal.PRODUCT, ())):
        sector = hit.targets[0].value
        if (
            hit.start > 0
            and document.tokens[hit.start - 1] in determiners
            and hit.start not in taken
            and first_head.get(hit.sentence, hit.start) >= hit.start
            and not hit.negated
            and isinstance(sector, BusinessSector)
            and hit.targets[0].weight > lexicon.WEAK_WEIGHT
        ):
            names.append(_BusinessName(hit.start, hit.end, hit.sentence, sector))
    return sorted(names)


# Where what a company says it does ends: at its customers ("vendemos suscripciones a las
# clínicas", "fabricamos cajas para la fruta").
_CUSTOMER_WORDS: Final = lexicon.CUSTOMER_MARKERS | lexicon.CUSTOMER_PREPOSITIONS


def _described_businesses(
    document: _Document, speakers: Sequence[_Speaker], hits: Mapping[_Group, Sequence[_Hit]]
) -> list[_BusinessName]:
    """Businesses the client describes by what they do rather than name: a first-person doing
    ("hacemos fletes"), or the first sector cue after a company introduction ("fabricamos
    cosméticos", "vendemos ropa solo por internet"), before any customer marker."""
    complements = _complement_groups(hits)
    makers = lexicon.BUSINESS_HEADS.maker_sectors
    described = []
    for intro in hits.get(_Signal.COMPANY_INTRODUCTION, ()):
        if intro.negated or speakers[intro.sentence] is _Speaker.SELLER:
            continue
        end = document.window_end(intro.end, lexicon.COMPANY_INTRODUCTION_WINDOW, _CUSTOMER_WORDS)
        found = _first_sector(complements[:1], intro.end, end)
        if found is None and document.tokens[intro.start] in lexicon.MANUFACTURING_VERBS:
            # "fabricamos pinceles": a maker of what no table names is a manufacturer
            manufacturing = BusinessSector.MANUFACTURING
            described.append(
                _BusinessName(intro.start, intro.end, intro.sentence, manufacturing, described=True)
            )
        if found is not None:
            sector, cue = found
            verbs = set(document.tokens[intro.start : cue.start])
            makes = not lexicon.MAKER_VERBS.isdisjoint(verbs)
            if _is_product(cue) and not (makes or not lexicon.SELL_VERBS.isdisjoint(verbs)):
                continue  # a product alone may be a customer's or a tool
            if makes:
                sector = sector if sector in makers else BusinessSector.MANUFACTURING
            sells = document.tokens[intro.start] in lexicon.SELL_VERBS
            described.append(
                _BusinessName(cue.start, cue.end, cue.sentence, sector, sells, described=True)
            )
    for hit in hits.get(_Signal.DOING, ()):
        doing = hit.targets[0].value
        if not hit.negated and isinstance(doing, BusinessSector):
            sells = document.tokens[hit.start] in lexicon.SELL_VERBS
            described.append(
                _BusinessName(hit.start, hit.end, hit.sentence, doing, sells, True, True)
            )
    return described


def _own_business(
    document: _Document,
    speakers: Sequence[_Speaker],
    discovery: AbstractSet[int],
    hits: Mapping[_Group, Sequence[_Hit]],
    names: Sequence[_BusinessName],
) -> _OwnBusiness | None:
    """The first business the client introduces as theirs; failing that, the first one they name
    anywhere but where they tell how they heard of Vambe or describe their customers.

    Introduced: within `BUSINESS_INTRODUCTION_WINDOW` tokens after an introduction ("soy la
    gerente de", "dirijo una"), or right after a possessive ("nuestra clínica") outside the
    discovery sentence, where "nuestro proveedor" or "mi hermana, que tiene una clínica" is
    somebody else's."""
    seller = _Speaker.SELLER

    def said_by_client(hit: _Hit) -> bool:
        return not hit.negated and speakers[hit.sentence] is not seller

    introductions = [
        (hit, BUSINESS_INTRODUCTION_WINDOW)
        for group in (
            _Signal.BUSINESS_INTRODUCTION,
            _Signal.COMPANY_INTRODUCTION,
            _Signal.SELF_INTRODUCTION,
        )
        for hit in hits.get(group, ())
        if said_by_client(hit)
    ]
    introductions += [
        (hit, POSSESSIVE_WINDOW)
        for hit in hits.get(_Signal.POSSESSIVE, ())
        if said_by_client(hit) and hit.sentence not in discovery
    ]
    customer_nouns, links = lexicon.CUSTOMER_NOUNS, lexicon.COMPLEMENT_LINKS
    introduction_ends = {intro.end for intro, _ in introductions}
    mentioned: _OwnBusiness | None = None
    described: _OwnBusiness | None = None  # the first introduced description
    doings = _described_businesses(document, speakers, hits)
    names = [*names, *doings]
    for name in sorted(names, key=lambda name: (name.start, name.described)):
        if speakers[name.sentence] is seller:
            continue
        if not name.described and _object_of_doing(document, name, doings):
            continue  # "construimos invernaderos": what they build, not what they are
        next_token = document.tokens[name.end] if name.end < len(document.tokens) else ""
        if next_token in customer_nouns and document.tokens[name.end - 1] not in links:
            continue  # "300 gimnasios clientes", but "una asociación de pacientes" is theirs
        if name.start > 0 and document.tokens[name.start - 1] in lexicon.TITLE_WORDS:
            continue  # "directora financiera" is a role
        if lexicon.WORK_WORDS.issuperset(document.tokens[name.start : name.end]):
            continue  # "I run marketing": a department
        if (
            not name.described
            and name.start not in introduction_ends
            and _unnumbered_plural(document, name.start)
        ):
            continue  # "pagamos las planillas de constructoras", but "somos concesionarios"
        # The introduction's own selling verb counts: in "le vendemos uniformes a colegios" the
        # schools are customers.
        introduced = name.own or any(
            intro.sentence == name.sentence
            and intro.end <= name.start <= intro.end + window
            and not _after_customer_marker(document, name.start, intro.start)
            for intro, window in introductions
        )
        if introduced:
            own = _OwnBusiness(name.sector, name.start, name.end, name.sentence, True, name.sells)
            if not name.described:
                # A name beats a description earlier in its sentence: in "doy clases y
                # administro un estudio de yoga" the business is the studio.
                if described is not None and described.sentence < name.sentence:
                    return described
                return own
            if described is None:
                described = own
            continue
        if (
            mentioned is None
            and name.sentence not in discovery
            and not _after_customer_marker(document, name.start)
        ):
            mentioned = _OwnBusiness(
                name.sector, name.start, name.end, name.sentence, False, name.sells
            )
    return described or mentioned


def _unnumbered_plural(document: _Document, position: int) -> bool:
    """A plural word without a number before it ("constructoras", but not "dos clínicas"): a
    client names their own business in the singular or counts their branches."""
    token = document.tokens[position]
    if not token.endswith("s") or stem(token) == token:
        return False
    previous = document.tokens[position - 1] if position > 0 else ""
    return not (previous.isdigit() or previous in lexicon.NUMBER_WORDS)


# How many words may separate a first-person doing from its object ("criamos los mejores caballos").
DOING_OBJECT_WINDOW: Final = 3


def _object_of_doing(
    document: _Document, name: _BusinessName, doings: Sequence[_BusinessName]
) -> bool:
    """Whether a named business is what a first-person doing acts on, in the same clause."""
    return any(
        doing.own
        and doing.sentence == name.sentence
        and doing.end <= name.start <= doing.end + DOING_OBJECT_WINDOW
        and all(document.kind(position) not in _BREAKS for position in range(doing.end, name.start))
        for doing in doings
    )


# Lead sources whose cues name a business by nature: the partner that brought them ("la
# agencia que nos maneja las redes"), an app store ("la App Store").
_CHANNELS_NAMED_AS_BUSINESSES: Final = frozenset((LeadSource.PARTNER, LeadSource.MARKETPLACE))
_LEAD_TIERS: Final = {
    value: rank for rank, tier in enumerate(lexicon.LEAD_PRECEDENCE) for value in tier
}


def _most_specific_channel(hits: Sequence[_Hit]) -> list[_Hit]:
    """Of the lead-source cues in each discovery sentence, those of the most specific tier that
    has more than a weak cue there: "un colega me reenvió su newsletter" is email, not
    referral. A cue that says the channel outright (weight 6: "es partner de Vambe", "sin
    haberlo pedido") outranks every tier: the other channels named beside it are its
    business or its topic."""
    strong = lexicon.WEIGHT_CLASSES["strong"]
    best: dict[int, tuple[bool, int]] = {}  # sentence -> (not strong, tier)
    for hit in hits:
        for target in hit.targets:
            if isinstance(target.value, LeadSource) and target.weight >= MIN_EVIDENCE:
                rank = (target.weight < strong, _LEAD_TIERS[target.value])
                best[hit.sentence] = min(rank, best.get(hit.sentence, rank))
    kept = []
    for hit in hits:
        chosen = best.get(hit.sentence)
        targets = tuple(
            target
            for target in hit.targets
            if chosen is None
            or (
                isinstance(target.value, LeadSource)
                and _LEAD_TIERS[target.value] == chosen[1]
                and (target.weight >= strong or chosen[0])
            )
        )
        if targets:
            kept.append(hit._replace(targets=targets))
    return kept


def _own_words(
    document: _Document,
    discovery: AbstractSet[int],
    hits: Mapping[_Group, list[_Hit]],
    names: Sequence[_BusinessName],
) -> dict[_Group, list[_Hit]]:
    """Only what speaks of the client's own business and arrival counts:
    - words naming how they found Vambe ("un anuncio de ustedes en Google") say nothing about
      the product, the problem or the sector;
    - sector words after a customer marker describe their customers;
    - where they tell how they found Vambe, lead-source cues there are the lead source, and
      channels named elsewhere (where they sell, what they use) do not count."""
    own = dict(hits)
    # A business named there ("un amigo que tiene una agencia de eventos", "su taller") is no
    # channel, unless the channel is a business by nature.
    names = [name for name in names if name.sentence in discovery]
    possessives = lexicon.POSSESSIVE_WORDS
    lead_hits = [
        hit
        for hit in hits.get(LeadSource, [])
        if (
            not any(name.start <= hit.start and hit.end <= name.end for name in names)
            or any(target.value in _CHANNELS_NAMED_AS_BUSINESSES for target in hit.targets)
        )
        # "un análisis de nuestro Instagram": the client's own account, not a channel
        and not (hit.start > 0 and document.tokens[hit.start - 1] in possessives)
    ]
    arrival_hits = _most_specific_channel(
        [hit for hit in lead_hits if not hit.negated and hit.sentence in discovery]
    )
    if arrival_hits:
        own[LeadSource] = arrival_hits
    channel_words = {position for hit in arrival_hits for position in range(hit.start, hit.end)}
    for group, group_hits in hits.items():
        if isinstance(group, _Signal) or group is LeadSource:
            continue
        kept = group_hits
        if channel_words:
            kept = [hit for hit in kept if channel_words.isdisjoint(range(hit.start, hit.end))]
        if group is BusinessSector:
            kept = [
                hit
                for hit in kept
                if hit.sentence not in discovery and not _after_customer_marker(document, hit.start)
            ]
        own[group] = kept
    return own


# Ads named without saying where they ran ("un anuncio suyo"), as the phrase keys they match.
_AD_PHRASE_KEYS: Final = frozenset(phrase_key(phrase) for phrase in lexicon.AD_PHRASES)


# Where an ad without a social network ran: a search page or a news site ("un banner en un
# portal de noticias") makes it a paid ad, not a search result or press.
_AD_CARRIERS: Final = frozenset((LeadSource.SEO, LeadSource.PR))


def _ads_by_channel(hits: dict[_Group, list[_Hit]]) -> dict[_Group, list[_Hit]]:
    """An ad counts for the channel named with it in its sentence: "un anuncio suyo en Facebook"
    is Facebook. Without one, search words beside an ad ("busqué en Google y me salió un anuncio
    suyo", "a sponsored result on Google") mean a paid search ad, not an organic result."""
    lead_hits = hits.get(LeadSource)
    if not lead_hits:
        return hits
    ad_sentences = {
        hit.sentence
        for hit in lead_hits
        if not hit.negated
        and any(
            target.value is LeadSource.SEM_ADS or target.phrase in _AD_PHRASE_KEYS
            for target in hit.targets
        )
    }
    if not ad_sentences:
        return hits
    platforms: dict[int, _Value] = {}
    for hit in lead_hits:
        if hit.sentence in ad_sentences and not hit.negated:
            for target in hit.targets:
                if target.value in lexicon.AD_PLATFORMS:
                    platforms.setdefault(hit.sentence, target.value)
    retargeted: list[_Hit] = []
    for hit in lead_hits:
        if hit.sentence in ad_sentences and not hit.negated:
            platform = platforms.get(hit.sentence)
            if platform is None:
                targets = tuple(
                    target._replace(value=LeadSource.SEM_ADS)
                    if target.value in _AD_CARRIERS
                    else target
                    for target in hit.targets
                )
            else:
                targets = tuple(
                    target._replace(value=platform) if target.phrase in _AD_PHRASE_KEYS else target
                    for target in hit.targets
                )
            hit = hit._replace(targets=targets)
        retargeted.append(hit)
    return {**hits, LeadSource: retargeted}


def _add_context_bonus(
    evidence: _Evidence,
    sentences: AbstractSet[int],
    category: type[StrEnum],
    bonus: float,
    why: str,
) -> None:
    """Cues of `category` in the given sentences (where a trigger phrase is, or the other
    speaker's reply to it) count `bonus` times again, whoever says them: a channel named where
    the client tells how they found Vambe is the lead source, while elsewhere it may be where
    they serve their own customers."""
    for hit in evidence.hits_by_group[category]:
        if not hit.negated and hit.sentence in sentences:
            for target in hit.targets:
                evidence.add(category, target.value, target.weight * bonus, hit[1:3], why)


# Each token's vote for English (+1) or Spanish (-1): a word in both lists counts for both.
_LANGUAGE_VOTES: Final[Mapping[str, int]] = {
    word: (word in lexicon.ENGLISH_STOPWORDS) - (word in lexicon.SPANISH_STOPWORDS)
    for word in lexicon.ENGLISH_STOPWORDS | lexicon.SPANISH_STOPWORDS
}


def _detect_language(document: _Document) -> Language:
    """Spanish unless English function words outnumber Spanish ones (Vambe sells in Spanish)."""
    english_lead = sum(map(_LANGUAGE_VOTES.get, document.tokens, repeat(0)))
    return Language.EN if english_lead > 0 else Language.ES


def _bad_meeting(evidence: _Evidence) -> bool:
    complaints = evidence.score(_Signal.BAD_MEETING, True)
    praise = evidence.score(_Signal.BAD_MEETING, False)
    return complaints - praise >= BAD_MEETING_THRESHOLD


def _urgency(evidence: _Evidence) -> bool:
    urgent = evidence.score(_Signal.URGENCY, True)
    relaxed = evidence.score(_Signal.URGENCY, False)
    return urgent >= URGENCY_THRESHOLD and urgent > relaxed


def _sentiment(evidence: _Evidence, bad_meeting: bool, stage: StrEnum) -> Sentiment:
    """A client unhappy with the meeting is negative whatever else they said; one who signs is
    positive unless their words lean either way."""
    if bad_meeting:
        return Sentiment.NEGATIVE
    positive = evidence.score(_Signal.SENTIMENT, Sentiment.POSITIVE)
    negative = evidence.score(_Signal.SENTIMENT, Sentiment.NEGATIVE)
    net, total = positive - negative, positive + negative
    if total == 0 or abs(net) < SENTIMENT_MIN_NET or abs(net) / total < SENTIMENT_MIN_SHARE:
        return Sentiment.POSITIVE if stage is PurchaseStage.CLOSURE else Sentiment.NEUTRAL
    return Sentiment.POSITIVE if net > 0 else Sentiment.NEGATIVE


def _strength(decisions: Iterable[_Decision]) -> float:
    """In [0, 1]: the mean over categories of how strong and one-sided their cues were (0 for a
    category left at its default)."""
    evidence = [decision.evidence for decision in decisions]
    return sum(evidence) / len(evidence)


@dataclass(frozen=True)
class ConfidenceCalibration:
    """confidence_score = intercept + slope × evidence strength, fitted so that the score
    predicts the share of fields answered right, within the taxonomy's bounds. Below `knee`, the
    weakest strength the fit saw, it falls in a straight line to the minimum at no evidence at
    all: the fit knows nothing there, and a transcript without cues deserves no confidence."""

    intercept: float
    slope: float
    knee: float

    def score(self, strength: float) -> float:
        score = self.intercept + self.slope * max(strength, self.knee)
        if strength < self.knee:
            score = MIN_CONFIDENCE + (score - MIN_CONFIDENCE) * strength / self.knee
        return round(min(MAX_CONFIDENCE, max(MIN_CONFIDENCE, score)), 3)


# Fitted on the dev set by `scripts/fit_offline_confidence.py`, which writes `data/confidence.json`.
CONFIDENCE_CALIBRATION: Final = ConfidenceCalibration(**lexicon.CONFIDENCE_LINE)


# --- Spanish free text -----------------------------------------------------------------------


class _StatedCommitment(NamedTuple):
    kind: Commitment
    sentence: str


_COMMITMENT_ORDER: Final = {kind: position for position, kind in enumerate(Commitment)}


def _commitments(evidence: _Evidence) -> list[_StatedCommitment]:
    """Sentences with a commitment verb and an object ("te envío la propuesta"), in order."""
    committing: set[int] = set()
    kinds: dict[int, Commitment] = {}
    for hit in evidence.hits_by_group[_Signal.COMMITMENT]:
        if not hit.negated:
            committing.add(hit.sentence)
    for hit in evidence.hits_by_group[_Signal.COMMITMENT_KIND]:
        if hit.negated:
            continue
        for target in hit.targets:
            kind = target.value
            current = kinds.get(hit.sentence)
            if isinstance(kind, Commitment) and (
                current is None or _COMMITMENT_ORDER[kind] < _COMMITMENT_ORDER[current]
            ):
                kinds[hit.sentence] = kind
    stated: list[_StatedCommitment] = []
    for index in sorted(committing & kinds.keys()):
        text = _UNPRINTABLE.sub("", evidence.document.texts[index]).strip()
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
        self._stage = PurchaseStage(decisions[PurchaseStage].value)

    def _found(self, category: type[StrEnum]) -> str | None:
        decision = self._decisions[category]
        return _label(category, decision.value) if decision.evidence > 0 else None

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
        if self._stage is not PurchaseStage.DISCOVERY:
            topics.append(_capitalized(_label(PurchaseStage, self._stage)))
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
            return [lexicon.COMMITMENT_KINDS[lexicon.STAGE_ACTIONS[self._stage]].label]
        if paste:
            items = [_clip(_capitalized(c.sentence), SHORT_TEXT_LIMIT) for c in commitments]
        else:
            items = [lexicon.COMMITMENT_KINDS[c.kind].label for c in commitments]
        return list(dict.fromkeys(items))[-MAX_ACTION_ITEMS:]

    def next_steps(self, commitments: Sequence[_StatedCommitment], paste: bool) -> str:
        if not commitments:
            suggestion = lexicon.COMMITMENT_KINDS[lexicon.STAGE_ACTIONS[self._stage]].label
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
        stage = _label(PurchaseStage, self._stage)
        first = f"Reunión de {stage} con {who} de {company}, interesada en {product}{purpose}."
        pain = self._found(PainPoint)
        second = f"Su principal dolor es {pain}" if pain else "No se identificó un dolor principal"
        second += f"; sentimiento {lexicon.SENTIMENT_LABELS[self._sentiment]}"
        if self._urgent:
            second += ", con urgencia por plazos"
        if self._bad_meeting:
            second += ", y mostró confusión o insatisfacción con la reunión"
        return _clip(f"{first} {second}.", LONG_TEXT_LIMIT)
