"""The Batch API ledger in PostgreSQL: which meetings are in which batch, and how each ended.

A batch's meetings are recorded before it is created and deleted once its answers are stored, so a
command restarted at any point resumes the batches it has instead of paying for them again.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import asyncpg

from streamproc.events import MeetingCreated
from streamproc.store.postgres import ClassificationStore, postgres_call


class LedgerState(StrEnum):
    PREPARED = "prepared"  # meetings recorded; the batch is not created yet
    SUBMITTED = "submitted"  # the API has it
    INGESTED = "ingested"  # its answers are stored
    FAILED = "failed"  # the API rejected it; its meetings are free to go into another batch


@dataclass(frozen=True)
class PreparedBatch:
    row_id: int
    token: uuid.UUID  # the batch's metadata: how it is found if its id was never recorded


@dataclass(frozen=True)
class SubmittedBatch:
    row_id: int
    batch_id: str
    submitted_at: datetime


LedgerBatch = PreparedBatch | SubmittedBatch


class BatchLedger:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def prepare(self, events: Sequence[MeetingCreated]) -> PreparedBatch:
        """Record a batch's meetings, before anything is sent."""

        async def insert() -> PreparedBatch:
            async with self._pool.acquire() as connection, connection.transaction():
                row = await connection.fetchrow(
                    "INSERT INTO llm_batches (state, requests) VALUES ('prepared', $1)"
                    " RETURNING id, token",
                    len(events),
                )
                await connection.executemany(
                    "INSERT INTO llm_batch_items (batch, event_id, event) VALUES ($1, $2, $3)",
                    [(row["id"], event.event_id, event.model_dump_json()) for event in events],
                )
                return PreparedBatch(row["id"], row["token"])

        return await postgres_call("prepare_batch", insert)

    async def submitted(self, batch: PreparedBatch, batch_id: str) -> SubmittedBatch:
        submitted_at: datetime = await postgres_call(
            "submit_batch",
            lambda: self._pool.fetchval(
                "UPDATE llm_batches SET state = 'submitted', batch_id = $2, submitted_at = now()"
                " WHERE id = $1 RETURNING submitted_at",
                batch.row_id,
                batch_id,
            ),
        )
        return SubmittedBatch(batch.row_id, batch_id, submitted_at)

    async def unfinished(self) -> list[LedgerBatch]:
        """Prepared or submitted batches, oldest first: what a restarted command resumes."""
        rows = await postgres_call(
            "find_unfinished_batches",
            lambda: self._pool.fetch(
                "SELECT id, token, state, batch_id, submitted_at FROM llm_batches"
                " WHERE state IN ('prepared', 'submitted') ORDER BY id"
            ),
        )
        return [
            PreparedBatch(row["id"], row["token"])
            if row["batch_id"] is None
            else SubmittedBatch(row["id"], row["batch_id"], row["submitted_at"])
            for row in rows
        ]

    async def events(self, batch: LedgerBatch) -> list[MeetingCreated]:
        rows = await postgres_call(
            "find_batch_events",
            lambda: self._pool.fetch(
                "SELECT event FROM llm_batch_items WHERE batch = $1 ORDER BY event_id",
                batch.row_id,
            ),
        )
        return [MeetingCreated.model_validate_json(row["event"]) for row in rows]

    async def listing(self, finished: int) -> list[dict[str, Any]]:
        """Every unfinished batch and the `finished` most recently finished, newest first."""
        rows = await postgres_call(
            "list_batches",
            lambda: self._pool.fetch(
                "(SELECT * FROM llm_batches WHERE state IN ('prepared', 'submitted'))"
                " UNION ALL (SELECT * FROM llm_batches WHERE state IN ('ingested', 'failed')"
                " ORDER BY id DESC LIMIT $1) ORDER BY id DESC",
                finished,
            ),
        )
        return [dict(row) for row in rows]

    async def pending_event_ids(self) -> set[uuid.UUID]:
        """Events in a batch not finished yet: not to be submitted again."""
        rows = await postgres_call(
            "find_batched_events",
            lambda: self._pool.fetch(
                "SELECT item.event_id FROM llm_batch_items item"
                " JOIN llm_batches batch ON batch.id = item.batch"
                " WHERE batch.state IN ('prepared', 'submitted')"
            ),
        )
        return {row["event_id"] for row in rows}

    async def finish(
        self,
        batch: LedgerBatch,
        state: LedgerState,
        api_status: str,
        outcome: Mapping[str, Any],
    ) -> None:
        """Record how the batch ended and forget its meetings (their results are stored, or they
        went elsewhere), in one transaction."""

        async def update() -> None:
            async with self._pool.acquire() as connection, connection.transaction():
                await connection.execute(
                    "UPDATE llm_batches SET state = $2, api_status = $3, outcome = $4,"
                    " finished_at = now() WHERE id = $1",
                    batch.row_id,
                    state.value,
                    api_status,
                    json.dumps(outcome),
                )
                await connection.execute(
                    "DELETE FROM llm_batch_items WHERE batch = $1", batch.row_id
                )

        await postgres_call("finish_batch", update)


@dataclass(frozen=True)
class Unclassified:
    events: list[MeetingCreated]
    stored: int  # already classified (this event_id is stored)
    in_batches: int  # in an unfinished batch, which the run resumes


async def unclassified(
    store: ClassificationStore, events: Sequence[MeetingCreated]
) -> Unclassified:
    """The events a backfill should submit: neither stored nor in an unfinished batch."""
    batched = await BatchLedger(store.pool).pending_event_ids()
    found = await asyncio.gather(*(store.find(event.event_id) for event in events))
    stored = [event for event, earlier in zip(events, found, strict=True) if earlier is not None]
    todo = [
        event
        for event, earlier in zip(events, found, strict=True)
        if earlier is None and event.event_id not in batched
    ]
    return Unclassified(todo, len(stored), len(events) - len(stored) - len(todo))
