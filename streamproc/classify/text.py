"""Text as the lexicon sees it: case folded, accents stripped, split into tokens, plurals stemmed.

Cue phrases (`classify/data/`) and transcripts go through the same functions, so a phrase written
"clinica" matches "Clínicas" in a transcript.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Final

_APOSTROPHES: Final = ("\u2019", "\u2018", "\u00b4", "`")
_COMBINING_MARKS: Final = re.compile(r"[\u0300-\u036f]+")
# Words (keeping "don't", "24/7"), numbers with separators ("1.200"), and clause breaks.
SENTENCE_SEPARATOR: Final = "\n"
BREAK_MARKS: Final = '\n.,;:!?()"\u00bf\u00a1'
_TOKEN_OR_BREAK: Final = re.compile(
    rf"\d+(?:[.,]\d+)+|[a-z0-9]+(?:'[a-z]+)?(?:/[a-z0-9]+)*|[{re.escape(BREAK_MARKS)}]"
)
# Numbers, including ordinals: "1.200", "15", "1st", "1ro".
_NUMBER_TOKEN: Final = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th|ro|do|to|vo|er)?")
NUMBER: Final = "#"
PREFIX_MARK: Final = "*"
# Prefix cues shorter than this would match too many unrelated words.
MIN_PREFIX_LENGTH: Final = 4
# A sentence ends with punctuation and whitespace (speeches are single lines: no line breaks). The
# punctuation is captured to put it back: a pattern that starts with it is scanned much faster
# than one that looks behind for it.
SENTENCE_END: Final = re.compile(r"([.!?\u2026])\s+")


def _fold(text: str) -> str:
    """Case folded, compatibility-decomposed, without combining marks: the slow, general path."""
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _latin1_folding() -> tuple[bytes, bytes]:
    """A byte table folding each Latin-1 character whose fold is one Latin-1 character ("É" → "e",
    "´" → "'"), and those characters. Folding works character by character for them: their
    decompositions start with a base character and add only marks that `_fold` strips."""
    table = bytearray(range(256))
    foldable = bytearray()
    for code in range(256):
        folded = _fold(chr(code).replace("\u00b4", "'"))
        if len(folded) == 1 and ord(folded) < 256:
            table[code] = ord(folded)
            foldable.append(code)
    return bytes(table), bytes(foldable)


_LATIN1_FOLD, _LATIN1_FOLDABLE = _latin1_folding()


def _latin1_runs(text: str) -> Iterator[tuple[bytes, str]]:
    """The text as runs of Latin-1 characters, encoded, each with the run of other characters
    that follows it ("" after the last)."""
    while True:
        try:
            yield text.encode("latin-1"), ""
            return
        except UnicodeEncodeError as error:
            yield text[: error.start].encode("latin-1"), text[error.start : error.end]
            text = text[error.end :]


def _fold_latin1(encoded: bytes) -> str:
    if encoded.translate(None, _LATIN1_FOLDABLE):  # "ß" folds to "ss", "½" to "1⁄2"
        return _fold(encoded.decode("latin-1"))
    return encoded.translate(_LATIN1_FOLD).decode("latin-1")


def normalize(text: str) -> str:
    """Lowercase without accents, so "Gestión" and "gestion" match the same cue.

    Latin-1 text (nearly all of a Spanish or English transcript) is folded by a byte table; only
    the rest ("—", emoji) takes the general Unicode path. Folding runs apart gives the same text:
    the marks a Latin-1 character decomposes into are all stripped, so they never reorder with
    the marks of the next run.
    """
    for apostrophe in _APOSTROPHES:  # str.replace is several times faster than str.translate
        text = text.replace(apostrophe, "'")
    return "".join(
        _fold_latin1(latin1) + (_fold(other) if other else "")
        for latin1, other in _latin1_runs(text)
    )


def stem(word: str) -> str:
    """Plural to singular, roughly ("ventas" → "venta", "hospitales" → "hospital", "muebles" →
    "mueble", "pharmacies" → "pharmacy"); any number becomes `NUMBER`, so a cue can say
    "# sucursales" or "antes del #"."""
    if word[0].isdigit() and _NUMBER_TOKEN.fullmatch(word):
        return NUMBER
    if len(word) > 4 and word.endswith("es"):
        if word[-3] in "lrndzj" and word[-4] in "aeiou":
            return word[:-2]
        if word[-3] == "i":
            return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    # The singulars whose plural loses "es" above lose their "e": "viaje" and "viajes" are
    # "viaj" as "reloj" and "relojes" are "reloj", "store" and "stores" "stor".
    if len(word) > 4 and word[-1] == "e" and word[-2] in "lrndzj" and word[-3] in "aeiou":
        return word[:-1]
    return word


# A faster way to the same tokens, for text where every "'" sits inside a word ("don't") and no
# "/" or number with separators ("24/7", "1.200") makes a token hold punctuation: there, tokens
# are the runs of letters, digits and apostrophes, and each break mark. Characters beyond Latin-1
# are never part of such a token.
_TOKEN_BYTES: Final = bytes(
    code if chr(code) in f"abcdefghijklmnopqrstuvwxyz0123456789'{BREAK_MARKS}" else ord(" ")
    for code in range(256)
)
# Where that does not hold; each pattern starts with a literal, which the search skips to fast.
_IRREGULAR: Final = (
    re.compile("/"),
    re.compile(r"'(?:(?<![a-z0-9]')|(?![a-z])|[a-z]+[0-9'/])"),
    re.compile(r"\.(?=\d)(?<=\d\.)"),
    re.compile(r",(?=\d)(?<=\d,)"),
)


def tokenize(normalized: str) -> list[str]:
    """`_TOKEN_OR_BREAK.findall(normalized)`: words and break marks, in order. Sentences that
    need the regex get it; the others are split by string operations (much faster), which is
    exact as no token spans a sentence separator."""
    irregular = sorted(
        match.start() for regex in _IRREGULAR for match in regex.finditer(normalized)
    )
    tokens: list[str] = []
    done = 0
    for position in irregular:
        if position >= done:
            start = normalized.rfind(SENTENCE_SEPARATOR, 0, position) + 1
            end = normalized.find(SENTENCE_SEPARATOR, position)
            end = len(normalized) if end < 0 else end
            tokens += _split_tokens(normalized[done:start])
            tokens += _TOKEN_OR_BREAK.findall(normalized, start, end)
            done = end
    tokens += _split_tokens(normalized[done:])
    return tokens


def _split_tokens(regular: str) -> list[str]:
    """The tokens of text without irregular spots (see `_IRREGULAR`)."""
    encoded = b"".join(latin1 + b" " * len(other) for latin1, other in _latin1_runs(regular))
    text = encoded.translate(_TOKEN_BYTES).decode("latin-1")
    for mark in BREAK_MARKS:
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    return list(filter(None, text.split(" ")))


def words_of(normalized: str) -> list[str]:
    return [token for token in _TOKEN_OR_BREAK.findall(normalized) if token[0].isalnum()]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A cue as the stems it matches; "#" stands for any number, "calific*" for any word that
    starts with "calific" (califica, calificación, calificados)."""
    key: list[str] = []
    for piece in normalize(phrase).split():
        if piece == NUMBER or (piece.endswith(PREFIX_MARK) and words_of(piece) == [piece[:-1]]):
            key.append(piece)
        else:
            key.extend(stem(word) for word in words_of(piece))
    return tuple(key)
