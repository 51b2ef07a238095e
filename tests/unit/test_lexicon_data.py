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


def test_a_phrase_under_two_values_of_a_category_is_refused(data: Path) -> None:
    edit(data, "categories/region.json", lambda doc: ordinary(doc, "europe").append("chile"))
    with pytest.raises(LexiconError, match="'chile' is under both 'latam_south' and 'europe'"):
        lexicon.check(data)


def test_a_duplicate_phrase_is_refused_even_in_another_spelling(data: Path) -> None:
    # "clinicas" folds and stems to the same words as "clínica": a duplicate for the matcher.
    def twice(doc: dict[str, object]) -> None:
        ordinary(doc, "healthcare").extend(["centro quirurgico", "centros quirurgicos"])

    edit(data, "categories/business_sector.json", twice)
    with pytest.raises(LexiconError, match="'centros quirurgicos' is listed twice"):
        lexicon.check(data)


def test_a_taxonomy_value_without_cues_is_refused(data: Path) -> None:
    def empty(doc: dict[str, object]) -> None:
        values = doc["values"]
        assert isinstance(values, dict)
        values["mining"]["cues"] = {}

    edit(data, "categories/business_sector.json", empty)
    with pytest.raises(LexiconError, match=r"business_sector\.json mining: has no cue"):
        lexicon.check(data)


def test_a_value_the_taxonomy_does_not_have_is_refused(data: Path) -> None:
    def unknown(doc: dict[str, object]) -> None:
        values = doc["values"]
        assert isinstance(values, dict)
        values["space"] = {"label": "espacial", "cues": {"ordinary": ["cohete"]}}

    edit(data, "categories/business_sector.json", unknown)
    with pytest.raises(LexiconError, match=r"unknown \['space'\]"):
        lexicon.check(data)


def test_a_phrase_not_written_as_transcripts_are_folded_is_refused(data: Path) -> None:
    edit(data, "categories/region.json", lambda doc: ordinary(doc, "europe").append("Málaga"))
    with pytest.raises(LexiconError, match="'Málaga' must be lowercase words without accents"):
        lexicon.check(data)


def test_a_business_type_that_contradicts_a_sector_cue_is_refused(data: Path) -> None:
    def contradict(doc: dict[str, object]) -> None:
        sectors = doc["business_sector"]
        assert isinstance(sectors, dict)
        sectors["mining"].append("reaseguro")

    edit(data, "business_types.json", contradict)
    expected = "'reaseguro' is mining here but insurance in categories/business_sector"
    with pytest.raises(LexiconError, match=expected):
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
