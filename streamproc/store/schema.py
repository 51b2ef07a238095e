"""Postgres columns derived from the taxonomy: what a migration creates and what a write inserts.

A CHECK constraint per category keeps an out-of-taxonomy value out of the database even if a bug
slipped it past pydantic; `streamproc generate` prints the column DDL for a new migration.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final, get_origin

from pydantic.fields import FieldInfo

from streamproc.taxonomy import MAX_CONFIDENCE, MIN_CONFIDENCE, Classification, list_bounds

TAXONOMY_COLUMNS: Final[tuple[str, ...]] = tuple(Classification.model_fields)


def column_definition(name: str, field: FieldInfo) -> str:
    annotation: Any = field.annotation
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        allowed = ", ".join(f"'{member.value}'" for member in annotation)
        return f"{name} text NOT NULL CHECK ({name} IN ({allowed}))"
    if annotation is bool:
        return f"{name} boolean NOT NULL"
    if annotation is float:
        return (
            f"{name} double precision NOT NULL"
            f" CHECK ({name} BETWEEN {MIN_CONFIDENCE} AND {MAX_CONFIDENCE})"
        )
    if get_origin(annotation) is list:
        minimum, maximum = list_bounds(name)
        return f"{name} text[] NOT NULL CHECK (cardinality({name}) BETWEEN {minimum} AND {maximum})"
    if annotation is str:
        return f"{name} text NOT NULL"
    raise TypeError(f"no column type for taxonomy field {name}: {annotation!r}")


def taxonomy_column_definitions() -> list[str]:
    return [column_definition(name, field) for name, field in Classification.model_fields.items()]
