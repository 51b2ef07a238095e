"""The LLM's prompt and schema are derived from the taxonomy; transcripts are cut to a budget."""

from __future__ import annotations

import json
from enum import StrEnum

import bpe_openai
from pydantic import create_model

from streamproc.classify.openai.llm import estimated_tokens
from streamproc.classify.openai.prompt import (
    TRUNCATION_MARKER,
    answer_schema,
    fit_transcript,
    messages,
    system_prompt,
)
from streamproc.taxonomy import (
    LEAD_RULES,
    MAX_CONFIDENCE,
    MIN_CONFIDENCE,
    REGION_RULES,
    ROLE_RULES,
    SECTOR_RULES,
    SIZE_BY_MAX_HEADCOUNT,
    SIZE_RULES,
    URGENCY_RULES,
    BusinessSector,
    Classification,
    CompanySize,
    enum_categories,
    size_for_headcount,
)
from tests.fakes.chat_completions import strict_schema_problem

ENCODING = bpe_openai.get_encoding("o200k_base")


def test_the_schema_is_strict_and_lists_every_allowed_value() -> None:
    schema = answer_schema()
    assert schema["additionalProperties"] is False
    assert schema["required"] == list(Classification.model_fields)
    for name, enum in enum_categories().items():
        assert schema["properties"][name]["enum"] == [member.value for member in enum]
    assert schema["properties"]["urgency"] == {
        "type": "boolean",
        "description": URGENCY_RULES,
    }
    assert schema["properties"]["key_topics"] == {
        "type": "array",
        "items": {"type": "string"},
        "minItems": 1,
        "maxItems": 5,
        "description": "In Spanish.",
    }
    assert schema["properties"]["action_items"]["minItems"] == 1
    assert schema["properties"]["action_items"]["maxItems"] == 3
    assert schema["properties"]["confidence_score"] == {
        "type": "number",
        "minimum": MIN_CONFIDENCE,
        "maximum": MAX_CONFIDENCE,
    }


def test_the_schema_uses_only_what_strict_mode_accepts() -> None:
    """The bounds are keywords OpenAI's strict mode accepts: the local server refuses a request
    with any other, as the API does (tests/fakes/chat_completions.py)."""
    assert strict_schema_problem(answer_schema()) is None
    assert "minLength" in (strict_schema_problem({"type": "string", "minLength": 1}) or "")


def test_the_prompt_names_every_category_and_value() -> None:
    prompt = system_prompt()
    for name, enum in enum_categories().items():
        line = next(line for line in prompt.splitlines() if line.startswith(f"- {name}:"))
        assert all(member.value in line for member in enum)
    assert "mercur (chats + integrations)" in prompt
    assert "EXACTAMENTE UNO" in prompt
    assert "Nunca devuelvas null" in prompt


def test_the_rules_for_overlapping_values_reach_the_prompt_once() -> None:
    prompt, schema = system_prompt(), answer_schema()
    for name, rules in (
        ("business_sector", SECTOR_RULES),
        ("company_size", SIZE_RULES),
        ("region", REGION_RULES),
        ("lead_source", LEAD_RULES),
        ("decision_maker_role", ROLE_RULES),
    ):
        line = next(line for line in prompt.splitlines() if line.startswith(f"- {name}:"))
        assert line.endswith(rules)
        assert "description" not in schema["properties"][name], "sent once, in the prompt"


def test_the_size_rules_state_the_bands_the_offline_classifier_uses() -> None:
    for upper_bound, size in SIZE_BY_MAX_HEADCOUNT:
        assert size_for_headcount(upper_bound) is size
        assert size_for_headcount(upper_bound + 1) is not size
        assert f"{size.value} " in SIZE_RULES
        assert f"{upper_bound:,} people" in SIZE_RULES
    assert size_for_headcount(10**6) is CompanySize.ENTERPRISE


def test_a_new_taxonomy_value_reaches_schema_and_prompt_without_other_changes() -> None:
    extended = StrEnum(  # type: ignore[misc]
        "ExtendedSector", {m.name: m.value for m in BusinessSector} | {"SPACE": "space_tourism"}
    )
    model = create_model(
        "ExtendedClassification", __base__=Classification, business_sector=(extended, ...)
    )
    assert "space_tourism" in answer_schema(model)["properties"]["business_sector"]["enum"]
    assert "space_tourism" in system_prompt(model)
    assert "space_tourism" not in json.dumps(answer_schema())


def test_only_the_transcript_reaches_the_model() -> None:
    sent = json.dumps(messages("Cliente: hola, somos una minera en Chile.", None))
    assert "minera en Chile" in sent
    for label in ("closed", "seller", "client_email", "meeting_date"):
        assert label not in sent


def test_a_short_transcript_is_sent_whole() -> None:
    fitted = fit_transcript("hola mundo", ENCODING, max_tokens=100)
    assert (fitted.text, fitted.truncated) == ("hola mundo", False)


def test_a_long_transcript_keeps_its_beginning_and_end_within_the_budget() -> None:
    transcript = "INICIO " + "palabra intermedia " * 5000 + " FINAL"
    fitted = fit_transcript(transcript, ENCODING, max_tokens=200)
    assert fitted.truncated
    assert fitted.text.startswith("INICIO")
    assert fitted.text.endswith("FINAL")
    assert TRUNCATION_MARKER in fitted.text
    marker_tokens = len(ENCODING.encode_ordinary(TRUNCATION_MARKER))
    assert len(ENCODING.encode_ordinary(fitted.text)) <= 200 + marker_tokens + 2


def test_a_transcript_over_the_byte_budget_but_within_the_token_budget_is_sent_whole() -> None:
    transcript = "automatización " * 60  # ~900 bytes, far fewer tokens
    tokens = len(ENCODING.encode_ordinary(transcript))
    assert tokens < 300 < len(transcript.encode())

    fitted = fit_transcript(transcript, ENCODING, max_tokens=300)

    assert (fitted.text, fitted.truncated) == (transcript, False)


def test_the_reservation_covers_the_prompts_tokens() -> None:
    """The rate limiter reserves estimated_tokens without tokenising; it must not undercount."""
    for transcript in [
        "Cliente: hola, somos una minera en Chile y queremos automatizar la atención.",
        "Seller: we run forty dental clinics and lose leads on WhatsApp every weekend. " * 30,
        "Vendedor: ¿cuántos mensajes reciben al día? Cliente: unos 3.500, casi todo Instagram.",
    ]:
        prompt = messages(transcript, None)
        counted = sum(len(ENCODING.encode_ordinary(message["content"])) for message in prompt)
        assert counted <= estimated_tokens(prompt) <= 2 * counted
