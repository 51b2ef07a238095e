"""Taxonomy, event contracts, decoding and dead-letter headers: the pure domain."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from streamproc.cli import event_schemas
from streamproc.decode import decode_meeting_created
from streamproc.errors import SchemaViolation, TranscriptTooLong, UndecodableEvent
from streamproc.events import derive_completed_event_id, derive_task_id
from streamproc.store.schema import taxonomy_column_definitions
from streamproc.stream.dead_letters import dead_letter_headers, task_identity
from streamproc.stream.records import InputRecord
from streamproc.taxonomy import Classification, enum_categories
from tests.factories import meeting_document

REPO = Path(__file__).resolve().parents[2]

# The seed's category lists are requirements: streamproc must offer exactly these values.
SEED_CATEGORY_SIZES = {
    "business_sector": 25,
    "company_size": 4,
    "region": 7,
    "lead_source": 14,
    "vambe_product": 4,
    "use_case": 12,
    "primary_pain_point": 10,
    "decision_maker_role": 13,
    "purchase_stage": 3,
    "language": 2,
    "sentiment": 3,
}


def valid_classification(**overrides: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        name: next(iter(enum)).value for name, enum in enum_categories().items()
    }
    document.update(
        urgency=False,
        lost_client_bad_meeting=False,
        confidence_score=0.5,
        key_topics=["automatización", "integraciones"],
        action_items=["enviar propuesta"],
        next_steps="Agendar demo.",
        summary="Reunión de descubrimiento.",
    )
    document.update(overrides)
    return document


def test_taxonomy_has_every_seed_category_with_its_number_of_values() -> None:
    sizes = {name: len(enum) for name, enum in enum_categories().items()}
    assert sizes == SEED_CATEGORY_SIZES


@pytest.mark.parametrize(
    "override",
    [
        {"business_sector": "other"},
        {"business_sector": None},
        {"confidence_score": 0.99},
        {"confidence_score": 0.05},
        {"key_topics": []},
        {"key_topics": ["a", "b", "c", "d", "e", "f"]},
        {"action_items": []},
        {"summary": ""},
        {"invented_field": "x"},
    ],
)
def test_classification_rejects_values_outside_the_taxonomy(override: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Classification.model_validate(valid_classification(**override))


def test_every_taxonomy_field_has_a_database_column() -> None:
    definitions = taxonomy_column_definitions()
    assert [line.split()[0] for line in definitions] == list(Classification.model_fields)
    sector = next(line for line in definitions if line.startswith("business_sector "))
    assert all(f"'{value}'" in sector for value in enum_categories()["business_sector"])


def test_committed_json_schemas_match_the_models() -> None:
    for path, document in event_schemas().items():
        committed = json.loads((REPO / path).read_text("utf-8"))
        assert committed == document, f"{path} is stale: run `streamproc generate`"


def test_derived_ids_are_deterministic_and_distinct() -> None:
    event_id = uuid.uuid4()
    assert derive_task_id(event_id) == derive_task_id(event_id)
    assert derive_task_id(event_id) != derive_task_id(uuid.uuid4())
    assert derive_completed_event_id(event_id) != event_id


def encode(document: Any) -> bytes:
    return json.dumps(document).encode()


def test_decode_accepts_a_valid_event_and_derives_its_task_id() -> None:
    event = decode_meeting_created(encode(meeting_document(1)), 10_000)
    assert event.effective_task_id == derive_task_id(event.event_id)
    custom = decode_meeting_created(encode(meeting_document(1, task_id="my-task-1")), 10_000)
    assert custom.effective_task_id == "my-task-1"


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        (b"\xff\xfe not utf8", UndecodableEvent),
        (b'{"event_id": ', UndecodableEvent),
        (None, UndecodableEvent),
        (encode([1, 2]), SchemaViolation),
        (encode({**meeting_document(1), "schema_version": 2}), SchemaViolation),
        (encode(meeting_document(1, event_id="not-a-uuid")), SchemaViolation),
    ],
)
def test_decode_types_each_kind_of_bad_input(value: bytes | None, error_type: type) -> None:
    with pytest.raises(error_type):
        decode_meeting_created(value, 10_000)


def test_decode_rejects_an_empty_transcript_naming_the_field() -> None:
    document = meeting_document(1)
    document["meeting"]["transcript"] = "   "
    with pytest.raises(SchemaViolation, match=r"meeting\.transcript"):
        decode_meeting_created(encode(document), 10_000)


def test_decode_rejects_a_transcript_over_the_limit() -> None:
    document = meeting_document(1)
    document["meeting"]["transcript"] = "palabra " * 100
    with pytest.raises(TranscriptTooLong, match="limit is 50"):
        decode_meeting_created(encode(document), 50)


def test_dead_letter_headers_name_origin_and_error_and_keep_producer_headers() -> None:
    record = InputRecord(
        topic="meetings.created",
        partition=3,
        offset=42,
        timestamp_ms=1700000000000,
        key=b"k",
        value=b"{",
        headers=(("trace-id", b"abc"), ("streamproc.error.type", b"stale")),
    )
    headers = dict(dead_letter_headers(record, UndecodableEvent("value is not JSON")))
    assert headers == {
        "trace-id": b"abc",
        "streamproc.error.type": b"undecodable",
        "streamproc.error.message": b"value is not JSON",
        "streamproc.source.topic": b"meetings.created",
        "streamproc.source.partition": b"3",
        "streamproc.source.offset": b"42",
        "streamproc.source.timestamp": b"1700000000000",
    }


def test_task_identity_is_found_in_a_partly_valid_record() -> None:
    document = meeting_document(7)
    document["meeting"]["transcript"] = ""
    identity = task_identity(encode(document))
    assert identity is not None
    assert identity.task_id == derive_task_id(uuid.UUID(document["event_id"]))
    assert identity.meeting_id == "meeting-7"
    assert task_identity(encode({**document, "task_id": "custom-1"})).task_id == "custom-1"  # type: ignore[union-attr]


@pytest.mark.parametrize("value", [None, b"\xff", b"[]", encode({"meeting": {}})])
def test_task_identity_is_none_when_nothing_identifies_the_task(value: bytes | None) -> None:
    assert task_identity(value) is None
