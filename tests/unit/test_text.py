"""Words and their plurals share one stem, so a cue written in either form matches both."""

from __future__ import annotations

import pytest

from streamproc.classify.text import stem


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("hospital", "hospitales"),
        ("reloj", "relojes"),
        ("viaje", "viajes"),
        ("hospedaje", "hospedajes"),
        ("store", "stores"),
        ("airline", "airlines"),
        ("mueble", "muebles"),
        ("cliente", "clientes"),
        ("pharmacy", "pharmacies"),
    ],
)
def test_a_singular_and_its_plural_share_a_stem(singular: str, plural: str) -> None:
    assert stem(singular) == stem(plural)


def test_words_that_are_not_plurals_keep_their_letters() -> None:
    assert [stem(word) for word in ("gas", "iris", "business", "sure", "tarde")] == [
        "gas",
        "iris",
        "business",
        "sure",
        "tarde",
    ]
