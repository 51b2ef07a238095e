"""Today's LLM spend, shared by every worker through Redis, for the optional daily budget."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

import redis.asyncio as aioredis

from streamproc.store.coalesce import Coalescer
from streamproc.store.tasks import call_redis

KEY_PREFIX: Final = "streamproc:llm-spend:"
# A day's total is kept a little longer than the day, for anyone looking back at yesterday.
KEY_TTL_SECONDS: Final = 3 * 24 * 3600


class DailySpend:
    """US dollars spent on the LLM today (UTC), summed across the workers of one consumer group.

    Keyed by group, so two deployments sharing a Redis keep separate budgets.
    """

    def __init__(self, client: aioredis.Redis, group: str) -> None:
        self._client = client
        self._prefix = f"{KEY_PREFIX}{group}:"
        # Costs of meetings finishing together are summed into one increment.
        self._adds: Coalescer[float, float] = Coalescer(self._add_batch)

    @classmethod
    def from_url(cls, redis_url: str, group: str) -> DailySpend:
        client = aioredis.Redis.from_url(redis_url, decode_responses=True, socket_timeout=5)
        return cls(client, group)

    def _today_key(self) -> str:
        return self._prefix + datetime.now(UTC).date().isoformat()

    async def close(self) -> None:
        await self._client.aclose()

    async def add(self, usd: float) -> float:
        """Record a cost; returns today's total including it."""
        return await self._adds.submit(usd)

    async def _add_batch(self, costs: Sequence[float]) -> list[float]:
        key = self._today_key()
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.incrbyfloat(key, sum(costs))
            pipe.expire(key, KEY_TTL_SECONDS)
            total, _ = await call_redis("add_spend", pipe.execute())
        return [float(total)] * len(costs)

    async def today(self) -> float:
        value: Any = await call_redis("get_spend", self._client.get(self._today_key()))
        return float(value or 0.0)
