"""Retrying transient failures with capped exponential backoff and full jitter."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from streamproc import metrics
from streamproc.errors import TransientError

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    initial_seconds: float
    max_seconds: float

    def delay(self, attempt: int) -> float:
        """Full jitter: spreads the retries of many stalled events over the whole window."""
        ceiling = min(self.max_seconds, self.initial_seconds * 2**attempt)
        return random.uniform(0, ceiling)


async def until_done(operation: Callable[[], Awaitable[T]], backoff: Backoff) -> T:
    """Run `operation` until it stops raising `TransientError`.

    No attempt limit: an event whose dependency is down waits (holding back its partition's
    commits) rather than being dead-lettered for being slow. Shutdown cancels the wait.
    """
    attempt = 0
    while True:
        try:
            return await operation()
        except TransientError as error:
            delay = backoff.delay(attempt)
            metrics.TRANSIENT_RETRIES.labels(dependency=error.dependency).inc()
            log.warning(
                "transient failure dependency=%s attempt=%d retry_in=%.2fs error=%s",
                error.dependency,
                attempt + 1,
                delay,
                error,
            )
            attempt += 1
            await asyncio.sleep(delay)
