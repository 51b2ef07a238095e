"""`streamproc check`: one probe per dependency, each with a verdict and never a traceback."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Final

from streamproc.errors import describe_error
from streamproc.settings import ClassifierKind, Settings, redact_url
from streamproc.store.postgres import ClassificationStore
from streamproc.store.tasks import TaskTable
from streamproc.stream.topics import TopicAdmin, Topics

# A probe that takes longer than this is a failure: the dependency is as good as down.
PROBE_TIMEOUT_SECONDS: Final = 15.0


@dataclass(frozen=True)
class Verdict:
    name: str
    target: str  # what was probed, secrets redacted
    problem: str | None  # None: it answered


async def check_connections(settings: Settings) -> list[Verdict]:
    """The broker (and the topics), PostgreSQL (and its migrations), Redis, and the LLM when it
    is the classifier."""
    verdicts = [
        Verdict("Kafka broker", settings.kafka_bootstrap_servers, await _probe(_broker(settings))),
        Verdict("PostgreSQL", redact_url(settings.database_url), await _probe(_postgres(settings))),
        Verdict("Redis", redact_url(settings.redis_url), await _probe(_redis(settings))),
    ]
    if settings.classifier is ClassifierKind.OPENAI:
        base_url = redact_url(settings.openai_base_url) if settings.openai_base_url else "OpenAI"
        target = f"{base_url} {settings.openai_model}"
        verdicts.append(Verdict("LLM", target, await _probe(_llm(settings))))
    return verdicts


async def _probe(check: Awaitable[None]) -> str | None:
    try:
        await asyncio.wait_for(check, timeout=PROBE_TIMEOUT_SECONDS)
    except TimeoutError:
        return f"no answer within {PROBE_TIMEOUT_SECONDS:g} s"
    except Exception as error:  # noqa: BLE001 - the verdict reports any failure, whatever its type
        return describe_error(error)
    return None


async def _broker(settings: Settings) -> None:
    async with TopicAdmin.from_settings(settings) as admin:
        await admin.verify(Topics.load(settings.topics_file))


async def _postgres(settings: Settings) -> None:
    async with ClassificationStore.opened(settings.database_url, pool_size=1) as store:
        await store.ping()
        await store.verify_schema()


async def _redis(settings: Settings) -> None:
    async with TaskTable.opened(settings.redis_url, settings.task_ttl_seconds) as tasks:
        await tasks.ping()


async def _llm(settings: Settings) -> None:
    from streamproc.stream.app import build_llm_classifier

    llm = build_llm_classifier(settings)
    try:
        await llm.check()
    finally:
        await llm.close()
