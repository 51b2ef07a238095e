"""Group commit: concurrent calls to a dependency share one round trip.

Each meeting is handled by its own task, one call at a time; a `Coalescer` turns the calls that
meetings in flight make at about the same moment into one batch call (one multi-row statement,
one Redis pipeline). At low load a batch holds one call and adds no delay; under load a batch
holds whatever arrived during the previous round trip, so the cost per meeting falls as load rises.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Coalescer(Generic[Item, Result]):
    """`submit(item)` returns `flush`'s result for that item; `flush` gets every item submitted
    while the previous flush ran (at most `max_batch`) and returns one result per item, in order.

    A failed flush fails each of its calls with the same exception: callers retry as they would
    a single call. Only one flush runs at a time, so a batch never competes with its successor.
    """

    def __init__(
        self,
        flush: Callable[[Sequence[Item]], Awaitable[Sequence[Result]]],
        max_batch: int = 500,
    ) -> None:
        self._flush = flush
        self._max_batch = max_batch
        self._waiting: list[tuple[Item, asyncio.Future[Result]]] = []
        self._runner: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> Result:
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._runner is None:
            self._runner = asyncio.create_task(self._run())
        return await future

    async def _run(self) -> None:
        try:
            await asyncio.sleep(0)  # calls made in this turn of the event loop join the batch
            while self._waiting:
                batch = [entry for entry in self._waiting[: self._max_batch] if not entry[1].done()]
                del self._waiting[: self._max_batch]
                if batch:
                    await self._flush_batch(batch)
        finally:
            self._runner = None

    async def _flush_batch(self, batch: list[tuple[Item, asyncio.Future[Result]]]) -> None:
        try:
            results = await self._flush([item for item, _ in batch])
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():  # a caller cancelled meanwhile (e.g. shutdown) gets nothing
                    future.set_result(result)
        except Exception as error:  # noqa: BLE001 - handed to every caller, who decides
            for _, future in batch:
                if not future.done():
                    future.set_exception(error)
