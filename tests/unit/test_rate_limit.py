"""The client-side rate limiter spreads calls so no minute exceeds its budgets."""

from __future__ import annotations

import asyncio
import itertools

from streamproc.classify.openai.rate_limit import RateLimiter


class ManualClock:
    """Time that moves only when the limiter sleeps: the schedule, without the waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def limiter_on(clock: ManualClock, requests: float, tokens: float) -> RateLimiter:
    return RateLimiter(requests, tokens, "m", clock=clock, sleep=clock.sleep)


async def start_times(limiter: RateLimiter, clock: ManualClock, sizes: list[int]) -> list[float]:
    started = []
    for size in sizes:
        await limiter.acquire(size)
        started.append(clock.now)
    return started


def within(times: list[float], window: float) -> int:
    """The most calls that started inside any window of `window` seconds."""
    return max(sum(1 for t in times if start <= t < start + window) for start in times)


async def test_requests_per_minute_hold_in_every_window() -> None:
    clock = ManualClock()
    limiter = limiter_on(clock, 60, 10_000_000)
    times = await start_times(limiter, clock, [10] * 200)
    assert within(times, 60.0) <= 60 + 1
    assert times[-1] - times[0] >= 199 * 1.0 - 1e-9


async def test_tokens_per_minute_hold_in_every_window() -> None:
    clock = ManualClock()
    limiter = limiter_on(clock, 10_000, 6000)
    sizes = [1000] * 30
    times = await start_times(limiter, clock, sizes)
    # 6000 tokens a minute at 1000 each: one call every 10 s, at most 6 (+1) in any minute.
    assert within(times, 60.0) <= 7
    assert min(b - a for a, b in itertools.pairwise(times)) >= 10.0 - 1e-9


async def test_unused_tokens_are_refunded() -> None:
    clock = ManualClock()
    limiter = limiter_on(clock, 10_000, 6000)
    await limiter.acquire(3000)
    limiter.refund(2500)  # the call used 500 of the 3000 it reserved
    times = await start_times(limiter, clock, [500])
    assert times == [1000.0 + 5.0]  # 500 tokens' share, not 3000's


async def test_calls_are_served_in_the_order_they_asked() -> None:
    limiter = RateLimiter(600, 10_000_000, "m")  # one call every 0.1 s
    order: list[int] = []

    async def call(number: int) -> None:
        await limiter.acquire(1)
        order.append(number)

    await asyncio.gather(*(call(number) for number in range(5)))
    assert order == [0, 1, 2, 3, 4]
