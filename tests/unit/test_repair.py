"""Only our own bounds are repaired in an LLM answer; anything that changes its meaning is not."""

from __future__ import annotations

from typing import Any

import pytest

from streamproc.classify.openai.repair import Repair, repair_bounds
from streamproc.taxonomy import MAX_CONFIDENCE, MIN_CONFIDENCE, Classification
from tests.unit.test_contracts import valid_classification

CLAMPED, CUT = Repair.CONFIDENCE_CLAMPED, Repair.LIST_CUT


@pytest.mark.parametrize(
    ("override", "repaired", "repairs"),
    [
        ({"confidence_score": 0.99}, {"confidence_score": MAX_CONFIDENCE}, [CLAMPED]),
        ({"confidence_score": 0}, {"confidence_score": MIN_CONFIDENCE}, [CLAMPED]),
        (
            {"key_topics": list("abcdefg"), "action_items": list("xyzw")},
            {"key_topics": list("abcde"), "action_items": list("xyz")},
            [CUT, CUT],
        ),
    ],
)
def test_a_broken_bound_of_ours_is_repaired_and_the_rest_kept(
    override: dict[str, Any], repaired: dict[str, Any], repairs: list[Repair]
) -> None:
    answer = valid_classification(**override)
    fixed, done = repair_bounds(answer)
    assert done == repairs
    assert fixed == {**answer, **repaired}
    Classification.model_validate(fixed)


@pytest.mark.parametrize(
    "override",
    [
        {"business_sector": "space_tourism"},
        {"confidence_score": "high"},
        {"confidence_score": True},
        {"action_items": []},
        {"key_topics": "one topic"},
    ],
)
def test_an_answer_whose_meaning_is_unusable_is_left_alone(override: dict[str, Any]) -> None:
    answer = valid_classification(**override)
    assert repair_bounds(answer) == (answer, [])
    assert repair_bounds(["not", "an", "object"]) == (["not", "an", "object"], [])
