"""The Redis task table: task_id -> status, meeting, timestamps, error and result, with a TTL.

Statuses only move forward (pending < processing < failed < completed), enforced atomically by a
Lua script, so a redelivered or late update can never turn a completed task back to processing.
`failed` ranks below `completed` because a dead letter replayed after a fix may still complete.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Sequence
from enum import StrEnum
from typing import Any, Final

import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from streamproc.events import utc_now
from streamproc.store.calls import dependency_call
from streamproc.store.coalesce import Coalescer

KEY_PREFIX: Final = "streamproc:task:"
TRANSIENT_ERRORS: Final = (RedisConnectionError, RedisTimeoutError, OSError)


class TaskStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    FAILED = "failed"
    COMPLETED = "completed"


STATUS_RANK: Final = {status: rank for rank, status in enumerate(TaskStatus)}

# KEYS[1]: the task hash. ARGV: status, rank, now, ttl, then field/value pairs to set.
# Returns 1 when the update was applied, 0 when the task already holds a later status.
_ADVANCE_SCRIPT: Final = """
local current = redis.call('HGET', KEYS[1], 'status_rank')
if current and tonumber(current) > tonumber(ARGV[2]) then
  return 0
end
if redis.call('HEXISTS', KEYS[1], 'created_at') == 0 then
  redis.call('HSET', KEYS[1], 'created_at', ARGV[3])
end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'status_rank', ARGV[2], 'updated_at', ARGV[3])
for i = 5, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
"""


class TaskTable:
    """Task statuses for producers and the `status` command to poll."""

    def __init__(self, client: aioredis.Redis, ttl_seconds: int) -> None:
        self._client = client
        self._ttl_seconds = ttl_seconds
        # Updates of meetings in flight share round trips: one pipeline per batch.
        self._updates: Coalescer[tuple[str, list[str]], int] = Coalescer(self._advance_batch)

    @classmethod
    def from_url(cls, redis_url: str, ttl_seconds: int) -> TaskTable:
        client = aioredis.Redis.from_url(
            redis_url, decode_responses=True, socket_timeout=5, socket_connect_timeout=5
        )
        return cls(client, ttl_seconds)

    @classmethod
    @contextlib.asynccontextmanager
    async def opened(cls, redis_url: str, ttl_seconds: int) -> AsyncIterator[TaskTable]:
        tasks = cls.from_url(redis_url, ttl_seconds)
        try:
            yield tasks
        finally:
            await tasks.close()

    async def close(self) -> None:
        await self._client.aclose()

    async def ping(self) -> None:
        await call_redis("ping", self._client.ping())

    async def advance(self, task_id: str, status: TaskStatus, **fields: str) -> bool:
        """Move a task to `status` unless it is already further along; True if applied."""
        arguments: list[str] = [
            status.value,
            str(STATUS_RANK[status]),
            utc_now().isoformat(),
            str(self._ttl_seconds),
        ]
        for name, value in fields.items():
            arguments.extend((name, value))
        return bool(await self._updates.submit((KEY_PREFIX + task_id, arguments)))

    async def _advance_batch(self, updates: Sequence[tuple[str, list[str]]]) -> list[int]:
        async def send() -> list[int]:
            # EVAL, not EVALSHA: a Redis restart empties its script cache, and redis-py's
            # pipeline would otherwise ask SCRIPT EXISTS before every batch (an extra round trip).
            async with self._client.pipeline(transaction=False) as pipeline:
                for key, arguments in updates:
                    pipeline.eval(_ADVANCE_SCRIPT, 1, key, *arguments)
                applied: list[int] = await pipeline.execute()
                return applied

        applied: list[int] = await call_redis("advance_task", send())
        return applied

    async def mark_pending(self, task_id: str, meeting_id: str, event_id: str) -> bool:
        return await self.advance(
            task_id, TaskStatus.PENDING, meeting_id=meeting_id, event_id=event_id
        )

    async def mark_processing(self, task_id: str, meeting_id: str, event_id: str) -> bool:
        return await self.advance(
            task_id, TaskStatus.PROCESSING, meeting_id=meeting_id, event_id=event_id
        )

    async def mark_completed(self, task_id: str, result_json: str, result_ref: str) -> bool:
        """`result_json` is the completed event as published: stored as is, not re-encoded."""
        return await self.advance(
            task_id,
            TaskStatus.COMPLETED,
            result=result_json,
            result_ref=result_ref,
            error="",
        )

    async def mark_failed(self, task_id: str, error: str, **fields: str) -> bool:
        return await self.advance(task_id, TaskStatus.FAILED, error=error, **fields)

    async def get(self, task_id: str) -> dict[str, Any] | None:
        """The task as a plain document (result decoded), or None when unknown or expired."""
        stored: dict[str, str] = await call_redis(
            "get_task", self._client.hgetall(KEY_PREFIX + task_id)
        )
        if not stored:
            return None
        document: dict[str, Any] = {
            key: value for key, value in stored.items() if key != "status_rank" and value != ""
        }
        document["task_id"] = task_id
        if "result" in document:
            document["result"] = json.loads(document["result"])
        return document


async def call_redis(operation: str, awaitable: Awaitable[Any]) -> Any:
    """Await one Redis call, timed; connection-level failures become `TransientError`."""

    async def call() -> Any:
        return await awaitable

    return await dependency_call("redis", operation, call, TRANSIENT_ERRORS)
