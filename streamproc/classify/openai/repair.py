"""Repairing an LLM answer that breaks only a bound of ours, instead of paying for it again.

A confidence outside [MIN_CONFIDENCE, MAX_CONFIDENCE] is clamped into it, and list items past a
list's maximum are dropped. Neither changes what the answer says. Nothing else is touched: a value
outside a closed list, a wrong type or an empty list stays for pydantic to refuse (and the call to
be retried). Pure: no I/O.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, get_origin

from streamproc.taxonomy import MAX_CONFIDENCE, MIN_CONFIDENCE, Classification, list_bounds


class Repair(StrEnum):
    CONFIDENCE_CLAMPED = "confidence_clamped"
    LIST_CUT = "list_cut"


def _bounded_fields() -> tuple[list[str], dict[str, int]]:
    """The float fields (confidences) and each list field's maximum, from the model."""
    numbers, list_maximums = [], {}
    for name, field in Classification.model_fields.items():
        if field.annotation is float:
            numbers.append(name)
        elif get_origin(field.annotation) is list:
            list_maximums[name] = list_bounds(name)[1]
    return numbers, list_maximums


_NUMBERS, _LIST_MAXIMUMS = _bounded_fields()


def repair_bounds(answer: Any) -> tuple[Any, list[Repair]]:
    """The answer with our bounds restored, and what was repaired (empty: nothing to do)."""
    if not isinstance(answer, dict):
        return answer, []
    repaired, repairs = dict(answer), []
    for name in _NUMBERS:
        value = repaired.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            clamped = min(MAX_CONFIDENCE, max(MIN_CONFIDENCE, value))
            if clamped != value:
                repaired[name] = clamped
                repairs.append(Repair.CONFIDENCE_CLAMPED)
    for name, maximum in _LIST_MAXIMUMS.items():
        value = repaired.get(name)
        if isinstance(value, list) and len(value) > maximum:
            repaired[name] = value[:maximum]
            repairs.append(Repair.LIST_CUT)
    return repaired, repairs
