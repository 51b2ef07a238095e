"""Client-side rate limiting: requests-per-minute and tokens-per-minute budgets for the LLM.

Shared by every concurrent classification of a worker, so a burst of meetings queues here instead
of hammering the API into 429s. Each budget is a schedule (GCRA, the "virtual scheduling" form of a
leaky bucket): a call may start once the previous calls' share of the budget has elapsed. So in any
window of T seconds at most budget × T/60 is spent, plus the single call that opened the window:
calls are spread evenly rather than sent in a burst that the API would answer with 429s.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Final

from streamproc import metrics

SECONDS_PER_MINUTE: Final = 60.0


class Schedule:
    """When the next unit of one budget may be spent."""

    def __init__(self, per_minute: float, clock: Callable[[], float]) -> None:
        self._seconds_per_unit = SECONDS_PER_MINUTE / per_minute
        self._clock = clock
        self._next_start = clock()

    def earliest_start(self) -> float:
        return max(self._next_start, self._clock())

    def spend(self, start: float, units: float) -> None:
        self._next_start = max(self._next_start, start) + units * self._seconds_per_unit

    def refund(self, units: float) -> None:
        """Give back units reserved but not used, without moving the schedule into the past."""
        self._next_start = max(self._clock(), self._next_start - units * self._seconds_per_unit)


class RateLimiter:
    """Waits until both the request and the token budget allow one more call."""

    def __init__(
        self,
        requests_per_minute: float,
        tokens_per_minute: float,
        model: str,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._requests = Schedule(requests_per_minute, clock)
        self._tokens = Schedule(tokens_per_minute, clock)
        self._clock = clock
        self._sleep = sleep
        self._model = model

    async def acquire(self, tokens: int) -> None:
        """Reserve one request and `tokens` (the prompt plus the most the answer may use)."""
        # No await between reading and advancing the schedules: calls get their slots in the
        # order they ask, and a large request cannot be overtaken forever by small ones.
        start = max(self._requests.earliest_start(), self._tokens.earliest_start())
        self._requests.spend(start, 1)
        self._tokens.spend(start, tokens)
        wait = start - self._clock()
        if wait > 0:
            metrics.LLM_RATE_LIMIT_WAIT_SECONDS.labels(model=self._model).inc(wait)
            await self._sleep(wait)

    def refund(self, tokens: int) -> None:
        """Return tokens a call reserved but did not use (its answer was shorter than the cap)."""
        if tokens > 0:
            self._tokens.refund(tokens)
