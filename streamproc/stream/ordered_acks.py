"""Bounded concurrency with per-partition ordered acknowledgements.

Faust commits the highest run of consecutive acked offsets it sees, even when that run does not
start at the committed offset: with several events of one partition in flight, a later event
finishing first could commit past an earlier one still running, and a crash then loses it.
This window acks the events of each partition strictly in offset order, so a committed offset
never passes an event whose effects are not durable.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from streamproc.errors import LeftForRedelivery

Event = TypeVar("Event")


@dataclass
class _Entry(Generic[Event]):
    event: Event
    done: bool = False


class OrderedAckWindow(Generic[Event]):
    """Runs up to `limit` events at once; `ack` is called per partition in submission order.

    `submit` blocks while `limit` events are in flight: that is the backpressure that keeps
    memory flat however long the backlog. An event whose work raises is never acked (nor is any
    later event of its partition); the error is handed to `on_fatal` and re-raised by `submit`,
    unless it is `LeftForRedelivery`. After `close`, `submit` starts nothing more: it waits until
    its caller is cancelled.
    """

    def __init__(
        self,
        limit: int,
        ack: Callable[[Event], object],
        on_fatal: Callable[[BaseException], object],
    ) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._ack = ack
        self._on_fatal = on_fatal
        self._pending: defaultdict[Hashable, deque[_Entry[Event]]] = defaultdict(deque)
        self._running: set[asyncio.Task[None]] = set()
        self._failure: BaseException | None = None
        self._closed = False

    async def submit(
        self, partition: Hashable, event: Event, work: Callable[[], Awaitable[None]]
    ) -> None:
        self._raise_if_failed()
        await self._slots.acquire()
        self._raise_if_failed()
        if self._closed:
            self._slots.release()
            await asyncio.get_running_loop().create_future()  # until the agent is cancelled
        entry = _Entry(event)
        self._pending[partition].append(entry)
        task = asyncio.create_task(self._run(partition, entry, work))
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    @property
    def closed(self) -> bool:
        """True once `close` began: work not yet started may give up (`LeftForRedelivery`)."""
        return self._closed

    async def close(self, grace_seconds: float | None = None) -> int:
        """Start nothing new; let in-flight events finish for up to `grace_seconds` (None: no
        limit), then abandon the rest, unacked, to be redelivered. Returns how many were abandoned.
        """
        self._closed = True
        clock = asyncio.get_running_loop().time
        deadline = None if grace_seconds is None else clock() + grace_seconds
        while self._running:
            timeout = None if deadline is None else deadline - clock()
            if timeout is not None and timeout <= 0:
                break
            await asyncio.wait(set(self._running), timeout=timeout)
        abandoned = len(self._running)
        await self.cancel()
        return abandoned

    async def cancel(self) -> None:
        """Abandon in-flight work: unacked events are redelivered after a restart."""
        for task in self._running:
            task.cancel()
        while self._running:
            await asyncio.wait(set(self._running))

    async def _run(
        self, partition: Hashable, entry: _Entry[Event], work: Callable[[], Awaitable[None]]
    ) -> None:
        try:
            await work()
        except asyncio.CancelledError:
            raise
        except LeftForRedelivery:
            return
        except Exception as error:  # noqa: BLE001 - any escape here is fatal by design
            if self._failure is None:
                self._failure = error
                self._on_fatal(error)
            return
        finally:
            self._slots.release()
        entry.done = True
        self._release_acks(partition)

    def _release_acks(self, partition: Hashable) -> None:
        # Synchronous on purpose: no other task can interleave, so acks leave in order.
        queue = self._pending[partition]
        while queue and queue[0].done:
            self._ack(queue.popleft().event)
        if not queue:
            del self._pending[partition]

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            raise self._failure
