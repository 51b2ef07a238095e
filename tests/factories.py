"""Valid events for tests, varied by a number so each is distinct.

The number fixes the event_id, and the integration tests share one PostgreSQL: each test uses its
own range of numbers, or a replayed id would find another test's stored classification.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from streamproc.events import MeetingCreated

TRANSCRIPTS = (
    "Vendedor: Gracias por su tiempo. Cliente: Soy el gerente de operaciones de una cadena de "
    "farmacias en Chile con 80 sucursales. Nos recomendó un colega. Tenemos el soporte saturado "
    "por WhatsApp y necesitamos un bot integrado con nuestro ERP antes de fin de mes.",
    "Seller: Thanks for joining. Client: I'm the CFO of a logistics company in Texas, about 300 "
    "employees. We found you on LinkedIn. Our reporting is slow, we want real-time dashboards. "
    "No rush, maybe next quarter.",
    "Vendedor: ¿Cómo nos conoció? Cliente: Por un anuncio en Instagram. Somos una tienda online "
    "pequeña en México y gastamos demasiado en publicidad sin saber qué campaña convierte.",
)


def meeting_document(number: int, **overrides: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "event_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"test-event-{number}")),
        "schema_version": 1,
        "occurred_at": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
        "meeting": {
            "meeting_id": f"meeting-{number}",
            "client": {"name": f"Cliente {number}", "email": f"c{number}@example.com"},
            "seller": "Ana Pérez",
            "meeting_date": date(2025, 12, 1).isoformat(),
            "closed": number % 3 == 0,
            "transcript": TRANSCRIPTS[number % len(TRANSCRIPTS)],
        },
    }
    document.update(overrides)
    return document


def meeting_event(number: int, **overrides: Any) -> MeetingCreated:
    return MeetingCreated.model_validate(meeting_document(number, **overrides))
