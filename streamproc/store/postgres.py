"""PostgreSQL on the hot path: the asyncpg pool, migrations, idempotent writes by event_id."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any, Final, TypeVar

import asyncpg
import orjson

from streamproc.classify.base import ClassifierResult
from streamproc.errors import ConfigurationError
from streamproc.events import ClassifierInfo, MeetingCreated, TokenUsage, derive_completed_event_id
from streamproc.store.calls import dependency_call
from streamproc.store.coalesce import Coalescer
from streamproc.store.schema import TAXONOMY_COLUMNS
from streamproc.taxonomy import Classification

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE: Final = "streamproc.store.migrations"
# Any migration holds this advisory lock, so workers starting together apply each file once.
MIGRATION_LOCK_ID: Final = 0x5EED_0001

# Failures a later attempt may not meet: the server is down, restarting or unreachable.
TRANSIENT_ERRORS: Final = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    # Seen when the server stops mid-query: the connection's protocol state is left broken
    # ("cannot switch to state 12; another operation is in progress"). `_fetch` drops such a
    # connection, so the retry gets a fresh one.
    asyncpg.InternalClientError,
)

T = TypeVar("T")


@dataclass(frozen=True)
class StoredClassification:
    """A classification as committed: replays read it back instead of classifying again."""

    source_event_id: Any
    event_id: Any
    task_id: str
    meeting_id: str
    classification: Classification
    classifier: ClassifierInfo
    usage: TokenUsage | None
    classification_seconds: float
    source_occurred_at: datetime
    classified_at: datetime
    reused_from: Any = None  # the row whose result this one copies, made (and paid for) once


def migration_files() -> list[tuple[str, str]]:
    """(version, SQL) in the order they apply: file names sort by their numeric prefix."""
    folder = resources.files(MIGRATIONS_PACKAGE)
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".sql"))
    return [(name.removesuffix(".sql"), folder.joinpath(name).read_text("utf-8")) for name in names]


async def apply_migrations(connection: asyncpg.Connection) -> list[str]:
    """Apply every migration not yet recorded, each in its own transaction; return those applied."""
    applied: list[str] = []
    await connection.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK_ID)
    try:
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {
            row["version"]
            for row in await connection.fetch("SELECT version FROM schema_migrations")
        }
        for version, sql in migration_files():
            if version in done:
                continue
            async with connection.transaction():
                await connection.execute(sql)
                await connection.execute(
                    "INSERT INTO schema_migrations (version) VALUES ($1)", version
                )
            log.info("migration applied version=%s", version)
            applied.append(version)
    finally:
        await connection.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK_ID)
    return applied


async def pending_migrations(connection: asyncpg.Connection) -> list[str]:
    exists = await connection.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
    done = (
        {row["version"] for row in await connection.fetch("SELECT version FROM schema_migrations")}
        if exists
        else set()
    )
    return [version for version, _ in migration_files() if version not in done]


_CLASSIFICATION_COLUMNS: Final = (
    "source_event_id",
    "event_id",
    "task_id",
    "meeting_id",
    *TAXONOMY_COLUMNS,
    "classifier_name",
    "classifier_model",
    "classifier_version",
    "is_fallback",
    "fallback_reason",
    "transcript_truncated",
    "prompt_tokens",
    "completion_tokens",
    "cost_usd",
    "classification_seconds",
    "source_occurred_at",
    "transcript_sha256",
    "reused_from",
)

_MEETING_COLUMNS: Final = (
    "meeting_id",
    "client_name",
    "client_email",
    "client_phone",
    "seller",
    "meeting_date",
    "closed",
    "transcript",
    "language",
    "last_event_id",
    "last_occurred_at",
)


# One statement per batch, so one round trip and one implicit transaction: the meetings (newest
# event wins, so a redelivered older event never overwrites a newer one) and the classifications
# (keyed by the source event_id: a redelivery inserts nothing and returns no row). Rows travel as
# one JSON array per table, which PostgreSQL turns into typed rows.
_SAVE: Final = f"""
WITH upserted_meetings AS (
    INSERT INTO meetings ({", ".join(_MEETING_COLUMNS)})
    SELECT DISTINCT ON (meeting_id) {", ".join(_MEETING_COLUMNS)}
    FROM jsonb_populate_recordset(NULL::meetings, $1::jsonb)
    ORDER BY meeting_id, last_occurred_at DESC
    ON CONFLICT (meeting_id) DO UPDATE SET
        {", ".join(f"{c} = EXCLUDED.{c}" for c in _MEETING_COLUMNS[1:])}, updated_at = now()
    WHERE meetings.last_occurred_at <= EXCLUDED.last_occurred_at
)
INSERT INTO classifications ({", ".join(_CLASSIFICATION_COLUMNS)})
SELECT DISTINCT ON (source_event_id) {", ".join(_CLASSIFICATION_COLUMNS)}
FROM jsonb_populate_recordset(NULL::classifications, $2::jsonb)
ON CONFLICT (source_event_id) DO NOTHING
RETURNING {", ".join(_CLASSIFICATION_COLUMNS)}, classified_at
"""

_SELECT_CLASSIFICATIONS: Final = (
    f"SELECT {', '.join(_CLASSIFICATION_COLUMNS)}, classified_at "
    "FROM classifications WHERE source_event_id = ANY($1::uuid[])"
)

# Per wanted event: its own row if stored (a redelivery), else the first result the same
# classifier (name, model, version) made for the same meeting and transcript, not a fallback
# (the meeting published again under a new event_id), else nothing.
_SELECT_REUSABLE: Final = f"""
SELECT wanted.source_event_id AS wanted, found.*
FROM jsonb_to_recordset($1::jsonb) AS wanted(
    source_event_id uuid, meeting_id text, transcript_sha256 text,
    classifier_name text, classifier_model text, classifier_version text)
CROSS JOIN LATERAL (
    (SELECT {", ".join(_CLASSIFICATION_COLUMNS)}, classified_at, 0 AS preference
     FROM classifications c WHERE c.source_event_id = wanted.source_event_id)
    UNION ALL
    (SELECT {", ".join(_CLASSIFICATION_COLUMNS)}, classified_at, 1 AS preference
     FROM classifications c
     WHERE c.meeting_id = wanted.meeting_id AND c.transcript_sha256 = wanted.transcript_sha256
        AND c.classifier_name = wanted.classifier_name
        AND c.classifier_model = wanted.classifier_model
        AND c.classifier_version = wanted.classifier_version
        AND NOT c.is_fallback AND c.reused_from IS NULL
     ORDER BY c.classified_at LIMIT 1)
    ORDER BY preference LIMIT 1
) found
"""


def transcript_sha256(transcript: str) -> str:
    """What `transcript_sha256` holds; migration 007 computes the same in SQL."""
    return hashlib.sha256(transcript.encode()).hexdigest()


@dataclass(frozen=True)
class _Lookup:
    """A meeting about to be classified by `classifier`: is a result for it stored already?"""

    event: MeetingCreated
    classifier: ClassifierInfo

    def row(self) -> dict[str, object]:
        return {
            "source_event_id": self.event.event_id,
            "meeting_id": self.event.meeting.meeting_id,
            "transcript_sha256": transcript_sha256(self.event.meeting.transcript),
            "classifier_name": self.classifier.name,
            "classifier_model": self.classifier.model,
            "classifier_version": self.classifier.version,
        }


@dataclass(frozen=True)
class _Unsaved:
    event: MeetingCreated
    result: ClassifierResult
    classification_seconds: float
    reused_from: Any = None

    def meeting_row(self) -> dict[str, object]:
        meeting = self.event.meeting
        return {
            "meeting_id": meeting.meeting_id,
            "client_name": meeting.client.name,
            "client_email": meeting.client.email,
            "client_phone": meeting.client.phone,
            "seller": meeting.seller,
            "meeting_date": meeting.meeting_date,
            "closed": meeting.closed,
            "transcript": meeting.transcript,
            "language": meeting.language,
            "last_event_id": self.event.event_id,
            "last_occurred_at": self.event.occurred_at,
        }

    def classification_row(self) -> dict[str, object]:
        event, result, usage = self.event, self.result, self.result.usage
        return {
            "source_event_id": event.event_id,
            "event_id": derive_completed_event_id(event.event_id),
            "task_id": event.effective_task_id,
            "meeting_id": event.meeting.meeting_id,
            **{
                name: column_value(getattr(result.classification, name))
                for name in TAXONOMY_COLUMNS
            },
            "classifier_name": result.classifier.name,
            "classifier_model": result.classifier.model,
            "classifier_version": result.classifier.version,
            "is_fallback": result.classifier.fallback,
            "fallback_reason": result.classifier.fallback_reason,
            "transcript_truncated": result.classifier.transcript_truncated,
            "prompt_tokens": None if usage is None else usage.prompt_tokens,
            "completion_tokens": None if usage is None else usage.completion_tokens,
            "cost_usd": None if usage is None else usage.cost_usd,
            "classification_seconds": self.classification_seconds,
            "source_occurred_at": event.occurred_at,
            "transcript_sha256": transcript_sha256(event.meeting.transcript),
            "reused_from": self.reused_from,
        }


def _json_rows(rows: Iterable[dict[str, object]]) -> str:
    """UUIDs, dates and timestamps as their ISO text, which PostgreSQL parses back exactly.
    orjson: the stdlib encoder was ~2% of a worker's CPU on the LLM path."""
    return orjson.dumps(list(rows), default=str).decode()


def _stored_from_row(row: asyncpg.Record) -> StoredClassification:
    return StoredClassification(
        source_event_id=row["source_event_id"],
        event_id=row["event_id"],
        task_id=row["task_id"],
        meeting_id=row["meeting_id"],
        classification=Classification.model_validate(
            {name: row[name] for name in TAXONOMY_COLUMNS}
        ),
        classifier=ClassifierInfo(
            name=row["classifier_name"],
            model=row["classifier_model"],
            version=row["classifier_version"],
            fallback=row["is_fallback"],
            fallback_reason=row["fallback_reason"],
            transcript_truncated=row["transcript_truncated"],
        ),
        usage=None
        if row["prompt_tokens"] is None
        else TokenUsage(
            prompt_tokens=row["prompt_tokens"],
            completion_tokens=row["completion_tokens"],
            cost_usd=float(row["cost_usd"]),
        ),
        classification_seconds=row["classification_seconds"],
        source_occurred_at=row["source_occurred_at"],
        classified_at=row["classified_at"],
        reused_from=row["reused_from"],
    )


class ClassificationStore:
    """Meetings and their classifications; every write is idempotent on the source event_id."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        # Meetings in flight share round trips: one SELECT or one INSERT per batch.
        self._finds: Coalescer[Any, StoredClassification | None] = Coalescer(self._find_batch)
        self._reusables: Coalescer[_Lookup, StoredClassification | None] = Coalescer(
            self._find_reusable_batch
        )
        self._saves: Coalescer[_Unsaved, StoredClassification] = Coalescer(self._save_batch)

    @classmethod
    async def connect(cls, database_url: str, pool_size: int) -> ClassificationStore:
        pool = await postgres_call(
            "connect",
            # asyncpg's default reset on release also discards a connection that broke mid-query
            # (a server restart); skipping it returned such connections to the pool and the next
            # query failed with InternalClientError (found by the PostgreSQL-outage fault test).
            lambda: asyncpg.create_pool(database_url, min_size=1, max_size=pool_size),
        )
        return cls(pool)

    @classmethod
    @contextlib.asynccontextmanager
    async def opened(cls, database_url: str, pool_size: int) -> AsyncIterator[ClassificationStore]:
        store = await cls.connect(database_url, pool_size)
        try:
            yield store
        finally:
            await store.close()

    @property
    def pool(self) -> asyncpg.Pool:
        """For the other tables' adapters (the batch ledger): one pool per process."""
        return self._pool

    async def close(self) -> None:
        await self._pool.close()

    async def ensure_schema(self) -> list[str]:
        async with self._pool.acquire() as connection:
            return await apply_migrations(connection)

    async def verify_schema(self) -> None:
        async with self._pool.acquire() as connection:
            pending = await pending_migrations(connection)
        if pending:
            raise ConfigurationError(
                f"database migrations not applied: {', '.join(pending)}; run `streamproc migrate`"
            )

    async def find(self, source_event_id: Any) -> StoredClassification | None:
        return await self._finds.submit(source_event_id)

    async def find_reusable(
        self, event: MeetingCreated, classifier: ClassifierInfo
    ) -> StoredClassification | None:
        """The event's own stored result, else one `classifier` made for the same meeting and
        transcript under another event_id (returned as stored: its `source_event_id` differs)."""
        return await self._reusables.submit(_Lookup(event, classifier))

    async def save(
        self,
        event: MeetingCreated,
        result: ClassifierResult,
        classification_seconds: float,
        reused_from: Any = None,
    ) -> StoredClassification:
        """Store the meeting and its classification atomically.

        If the event was stored before (a redelivery that raced the first attempt), nothing
        changes and the first stored classification is returned, so every replay publishes the
        same completed event.
        """
        return await self._saves.submit(
            _Unsaved(event, result, classification_seconds, reused_from)
        )

    async def _find_batch(
        self, source_event_ids: Sequence[Any]
    ) -> list[StoredClassification | None]:
        found = await self._select(source_event_ids)
        return [found.get(source_event_id) for source_event_id in source_event_ids]

    async def _find_reusable_batch(
        self, lookups: Sequence[_Lookup]
    ) -> list[StoredClassification | None]:
        wanted = _json_rows(lookup.row() for lookup in lookups)
        rows = await postgres_call("find", lambda: self._fetch(_SELECT_REUSABLE, wanted))
        found = {row["wanted"]: _stored_from_row(row) for row in rows}
        return [found.get(lookup.event.event_id) for lookup in lookups]

    async def _save_batch(self, batch: Sequence[_Unsaved]) -> list[StoredClassification]:
        meetings = _json_rows(item.meeting_row() for item in batch)
        classifications = _json_rows(item.classification_row() for item in batch)
        rows = await postgres_call("save", lambda: self._fetch(_SAVE, meetings, classifications))
        stored = {row["source_event_id"]: _stored_from_row(row) for row in rows}
        earlier = [item.event.event_id for item in batch if item.event.event_id not in stored]
        if earlier:  # stored before: return the first result, unchanged
            stored.update(await self._select(earlier))
        return [stored[item.event.event_id] for item in batch]

    async def _select(self, source_event_ids: Sequence[Any]) -> dict[Any, StoredClassification]:
        rows = await postgres_call(
            "find", lambda: self._fetch(_SELECT_CLASSIFICATIONS, list(source_event_ids))
        )
        return {row["source_event_id"]: _stored_from_row(row) for row in rows}

    async def _fetch(self, query: str, *arguments: object) -> list[asyncpg.Record]:
        async with self._pool.acquire() as connection:
            try:
                rows: list[asyncpg.Record] = await connection.fetch(query, *arguments)
            except asyncpg.InternalClientError:
                connection.terminate()  # never hand a connection in a broken state back out
                raise
            return rows

    async def ping(self) -> None:
        await postgres_call("ping", lambda: self._pool.fetchval("SELECT 1"))


def column_value(value: object) -> object:
    """As stored: enums by their value; lists and scalars as they are."""
    return getattr(value, "value", value)


async def postgres_call(operation: str, call: Callable[[], Awaitable[T]]) -> T:
    """One PostgreSQL call, timed; connection-level failures become `TransientError`."""
    return await dependency_call("postgres", operation, call, TRANSIENT_ERRORS)
