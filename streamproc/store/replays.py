"""The replay ledger in PostgreSQL: which dead letters were republished, by topic position."""

from __future__ import annotations

from collections.abc import Iterable

import asyncpg

from streamproc.store.postgres import postgres_call

Position = tuple[str, int, int]  # topic, partition, offset


class ReplayLedger:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def replayed(self, topic: str) -> set[Position]:
        rows = await postgres_call(
            "find_replayed",
            lambda: self._pool.fetch(
                'SELECT topic, partition, "offset" FROM replayed_dead_letters WHERE topic = $1',
                topic,
            ),
        )
        return {(row["topic"], row["partition"], row["offset"]) for row in rows}

    async def record(self, positions: Iterable[Position]) -> None:
        """After the broker acknowledged the replays: a crash before leaves them unrecorded, and
        replaying again is harmless (the worker reuses stored results)."""
        rows = list(positions)
        await postgres_call(
            "record_replayed",
            lambda: self._pool.executemany(
                'INSERT INTO replayed_dead_letters (topic, partition, "offset")'
                " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                rows,
            ),
        )
