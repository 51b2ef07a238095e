"""A human correction of a stored classification (`POST /api/v1/meetings/{id}/feedback`).

Pure: no I/O. The fields a person may correct are those `streamproc eval` scores (closed lists and
yes/no), derived from the taxonomy, so a new category is correctable with no change here. A
correction is stored beside the model's answer, never over it.
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, StringConstraints, create_model, model_validator

from streamproc.taxonomy import EVALUATED_FIELDS, LabelValue

MAX_COMMENT_CHARS: Final = 2000


def _corrections_model() -> type[BaseModel]:
    fields: dict[str, Any] = {name: (kind | None, None) for name, kind in EVALUATED_FIELDS.items()}
    return create_model(
        "Corrections",
        __config__=ConfigDict(extra="forbid", strict=False),
        **fields,
    )


Corrections: Final = _corrections_model()


class Feedback(BaseModel):
    """What a reviewer sends: who they are and the correct value of one or more fields."""

    model_config = ConfigDict(extra="forbid")

    author: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    corrections: Corrections  # type: ignore[valid-type]
    comment: Annotated[str, StringConstraints(max_length=MAX_COMMENT_CHARS)] | None = None

    @model_validator(mode="after")
    def _corrects_something(self) -> Feedback:
        if not self.corrected():
            raise ValueError("corrections must name at least one field")
        return self

    def corrected(self) -> dict[str, LabelValue]:
        """The fields given, with their taxonomy values."""
        given: dict[str, LabelValue] = self.corrections.model_dump(exclude_none=True)  # type: ignore[attr-defined]
        return given
