"""The offline classifier's data files: what the loader refuses, and what versions them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from streamproc.classify import lexicon
from streamproc.errors import LexiconError

Edit = Callable[[dict[str, object]], None]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(lexicon.DATA_DIRECTORY, copy)
    return copy


def edit(directory: Path, name: str, change: Edit) -> None:
    path = directory / name
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def ordinary(document: dict[str, object], value: str) -> list[str]:
    values = document["values"]
    assert isinstance(values, dict)
    cues: list[str] = values[value]["cues"].setdefault("ordinary", [])
    return cues


def test_the_shipped_data_loads_and_its_version_is_the_running_one() -> None:
    assert lexicon.check(lexicon.DATA_DIRECTORY) == lexicon.LEXICON_VERSION


def values(document: dict[str, object]) -> dict[str, dict[str, object]]:
    table = document["values"]
    assert isinstance(table, dict)
    return table


def sectors(document: dict[str, object]) -> dict[str, list[str]]:
    table = document["business_sector"]
    assert isinstance(table, dict)
    return table


def products(document: dict[str, object]) -> dict[str, list[str]]:
    table = document["products"]
    assert isinstance(table, dict)
    return table


# (what the case shows, the file edited, the edit, what the refusal says)
REFUSED: list[tuple[str, str, Edit, str]] = [
    (
        "a phrase under two values of a category",
        "categories/region.json",
        lambda doc: ordinary(doc, "europe").append("chile"),
        "'chile' is under both 'latam_south' and 'europe'",
    ),
    (
        # "centros quirurgicos" folds and stems to the same words: a duplicate for the matcher
        "a duplicate phrase, even in another spelling",
        "categories/business_sector.json",
        lambda doc: ordinary(doc, "healthcare").extend(
            ["centro quirurgico", "centros quirurgicos"]
        ),
        "'centros quirurgicos' is listed twice",
    ),
    (
        "a taxonomy value without cues",
        "categories/business_sector.json",
        lambda doc: values(doc)["mining"].update(cues={}),
        r"business_sector\.json mining: has no cue",
    ),
    (
        "a value the taxonomy does not have",
        "categories/business_sector.json",
        lambda doc: values(doc).update(
            space={"label": "espacial", "cues": {"ordinary": ["cohete"]}}
        ),
        r"unknown \['space'\]",
    ),
    (
        "a phrase not written as transcripts are folded",
        "categories/region.json",
        lambda doc: ordinary(doc, "europe").append("Málaga"),
        "'Málaga' must be lowercase words without accents",
    ),
    (
        "a business type that contradicts a sector cue",
        "business_types.json",
        lambda doc: sectors(doc)["mining"].append("reaseguro"),
        "'reaseguro' is mining here but insurance in categories/business_sector",
    ),
    (
        "a product that contradicts an activity",
        "business_types.json",
        lambda doc: products(doc)["mining"].append("fitofarmaco"),
        "'fitofarmaco' is mining here but pharmaceuticals in business_types.json activities",
    ),
]


@pytest.mark.parametrize(
    ("name", "edited", "change", "message"), REFUSED, ids=[case[0] for case in REFUSED]
)
def test_the_loader_refuses_ambiguous_or_malformed_data(
    data: Path, name: str, edited: str, change: Edit, message: str
) -> None:
    edit(data, edited, change)
    with pytest.raises(LexiconError, match=message):
        lexicon.check(data)


def test_the_version_is_a_hash_of_the_data(data: Path) -> None:
    before = lexicon.check(data)
    edit(
        data,
        "categories/region.json",
        lambda doc: ordinary(doc, "europe").append("girona catalunya"),
    )
    after = lexicon.check(data)
    assert before == lexicon.LEXICON_VERSION
    assert after != before
    assert after.startswith("data-")
