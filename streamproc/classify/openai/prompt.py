"""The LLM's instructions and answer schema, both derived from the taxonomy, and the transcript cut.

Pure: no I/O. A new category or value in `taxonomy.py` reaches the prompt and the strict JSON schema
without edits here. Change the wording and you must bump `PROMPT_VERSION`: it is stored with every
result, so results from different prompts can be told apart.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, Protocol, get_origin

from pydantic import BaseModel

from streamproc.taxonomy import (
    MAX_CONFIDENCE,
    MIN_CONFIDENCE,
    PRODUCT_DESCRIPTIONS,
    Classification,
    Language,
    list_bounds,
)

PROMPT_VERSION: Final = "prompt-4"
SCHEMA_NAME: Final = "meeting_classification"
TRUNCATION_MARKER: Final = "\n[… transcripción recortada …]\n"
# Share of the token budget kept from the beginning; the rest comes from the end, where
# commitments and next steps usually are.
HEAD_SHARE: Final = 0.6

_VALUE_HINTS: Final[dict[StrEnum, str]] = {
    product: text for product, text in PRODUCT_DESCRIPTIONS.items()
}


def answer_schema(model: type[BaseModel] = Classification) -> dict[str, Any]:
    """A strict-mode JSON schema: every field required, no extra keys, enums spelled out.

    The bounds (`minimum`/`maximum`, `minItems`/`maxItems`) are keywords OpenAI's strict mode
    accepts, and grammar-based servers (llama.cpp) enforce while decoding, so a small model
    cannot break them; pydantic checks them again on the answer. A closed list's rules for
    choosing (`SECTOR_RULES`...) are in the system prompt only: every request pays for them, so
    they are sent once (~280 tokens).
    """
    properties: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        annotation: Any = field.annotation
        description = field.description or ""
        if isinstance(annotation, type) and issubclass(annotation, StrEnum):
            schema: dict[str, Any] = {"type": "string", "enum": [m.value for m in annotation]}
            description = ""
        elif annotation is bool:
            schema = {"type": "boolean"}
        elif annotation is float:
            schema = {"type": "number", "minimum": MIN_CONFIDENCE, "maximum": MAX_CONFIDENCE}
        elif get_origin(annotation) is list:
            minimum, maximum = list_bounds(name)
            schema = {
                "type": "array",
                "items": {"type": "string"},
                "minItems": minimum,
                "maxItems": maximum,
            }
        elif annotation is str:
            schema = {"type": "string"}
        else:
            raise TypeError(f"no JSON schema for field {name}: {annotation!r}")
        if description.strip():
            schema["description"] = description.strip()
        properties[name] = schema
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


@functools.cache
def response_format(model: type[BaseModel] = Classification) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": SCHEMA_NAME, "strict": True, "schema": answer_schema(model)},
    }


@functools.cache
def system_prompt(model: type[BaseModel] = Classification) -> str:
    """The rules of the seed system, and every category with its allowed values."""
    lines = [
        "Eres un analista de ventas de Vambe. Clasificas la transcripción de una reunión de venta.",
        "Reglas:",
        "- Para cada categoría elige EXACTAMENTE UNO de los valores permitidos, escrito tal cual.",
        "- Nunca devuelvas null ni inventes valores; si la evidencia es escasa, elige el valor "
        "más probable y baja confidence_score.",
        f"- confidence_score entre {MIN_CONFIDENCE} y {MAX_CONFIDENCE}: cuánta evidencia "
        "explícita hay en la transcripción.",
        "- key_topics, action_items, next_steps y summary van en español, aunque la reunión "
        "sea en inglés; summary en una o dos oraciones; next_steps es el siguiente paso acordado.",
        "- Responde solo con el objeto JSON del esquema.",
        "",
        "Categorías y valores permitidos:",
    ]
    for name, field in model.model_fields.items():
        annotation: Any = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, StrEnum):
            values = ", ".join(_describe_value(member) for member in annotation)
            lines.append(f"- {name}: {values}. {field.description or ''}".rstrip())
        elif annotation is bool:
            lines.append(f"- {name}: true o false. {field.description or ''}".rstrip())
        elif get_origin(annotation) is list:
            minimum, maximum = list_bounds(name)
            lines.append(f"- {name}: lista de {minimum} a {maximum} textos breves en español.")
    return "\n".join(lines)


def _describe_value(member: StrEnum) -> str:
    hint = _VALUE_HINTS.get(member)
    return f"{member.value} ({hint})" if hint else member.value


def user_message(transcript: str, language: Language | None) -> str:
    hint = f"Idioma declarado de la reunión: {language.value}.\n" if language else ""
    return f"{hint}Transcripción de la reunión:\n<<<\n{transcript}\n>>>"


def messages(transcript: str, language: Language | None) -> list[dict[str, str]]:
    """Only the transcript (and a declared language) reaches the model: no labels, no contacts."""
    return [
        {"role": "system", "content": system_prompt()},
        {"role": "user", "content": user_message(transcript, language)},
    ]


class Encoding(Protocol):
    def encode_ordinary(self, text: str) -> list[int]: ...

    def decode(self, tokens: list[int]) -> str: ...


@dataclass(frozen=True)
class FittedTranscript:
    text: str
    truncated: bool


def fit_transcript(transcript: str, encoding: Encoding, max_tokens: int) -> FittedTranscript:
    """Cut a transcript to `max_tokens`, keeping its beginning and end around a visible marker."""
    # A token stands for at least one byte: no more bytes than the budget fits without counting.
    if len(transcript.encode()) <= max_tokens:
        return FittedTranscript(transcript, False)
    tokens = encoding.encode_ordinary(transcript)
    if len(tokens) <= max_tokens:
        return FittedTranscript(transcript, False)
    head = int(max_tokens * HEAD_SHARE)
    tail = max_tokens - head
    text = encoding.decode(tokens[:head]) + TRUNCATION_MARKER + encoding.decode(tokens[-tail:])
    return FittedTranscript(text, True)
