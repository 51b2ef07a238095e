"""The ordered ack window: the guarantee that makes concurrency > 1 safe to commit."""

from __future__ import annotations

import asyncio

import pytest

from streamproc.errors import LeftForRedelivery
from streamproc.stream.ordered_acks import OrderedAckWindow


class Gate:
    """Work that finishes only when the test says so."""

    def __init__(self) -> None:
        self.opened: dict[int, asyncio.Event] = {}

    def work(self, offset: int, fail: bool = False):  # type: ignore[no-untyped-def]
        event = self.opened.setdefault(offset, asyncio.Event())

        async def run() -> None:
            await event.wait()
            if fail:
                raise RuntimeError(f"bug at {offset}")

        return run

    def open(self, offset: int) -> None:
        self.opened.setdefault(offset, asyncio.Event()).set()


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_a_later_event_finishing_first_is_not_acked_before_an_earlier_one() -> None:
    acked: list[tuple[str, int]] = []
    window: OrderedAckWindow[tuple[str, int]] = OrderedAckWindow(
        8, ack=acked.append, on_fatal=lambda error: None
    )
    gate = Gate()
    for offset in range(4):
        await window.submit("p0", ("p0", offset), gate.work(offset))

    gate.open(2)
    gate.open(3)
    await settle()
    assert acked == [], "offsets 2 and 3 must wait for 0 and 1"

    gate.open(0)
    await settle()
    assert acked == [("p0", 0)]

    gate.open(1)
    await settle()
    assert acked == [("p0", 0), ("p0", 1), ("p0", 2), ("p0", 3)]
    await window.close()


async def test_partitions_do_not_wait_for_each_other() -> None:
    acked: list[tuple[str, int]] = []
    window: OrderedAckWindow[tuple[str, int]] = OrderedAckWindow(
        8, ack=acked.append, on_fatal=lambda error: None
    )
    gate = Gate()
    await window.submit("p0", ("p0", 0), gate.work(0))
    await window.submit("p1", ("p1", 0), gate.work(100))
    gate.open(100)
    await settle()
    assert acked == [("p1", 0)]
    gate.open(0)
    await window.close()
    assert acked == [("p1", 0), ("p0", 0)]


async def test_submit_blocks_at_the_limit_until_a_slot_frees() -> None:
    window: OrderedAckWindow[int] = OrderedAckWindow(
        2, ack=lambda event: None, on_fatal=lambda error: None
    )
    gate = Gate()
    await window.submit("p", 0, gate.work(0))
    await window.submit("p", 1, gate.work(1))
    third = asyncio.create_task(window.submit("p", 2, gate.work(2)))
    await settle()
    assert not third.done(), "a third event must wait while two are in flight"
    gate.open(1)
    await settle()
    assert third.done()
    gate.open(0)
    gate.open(2)
    await window.close()


async def test_a_failed_event_is_never_acked_nor_anything_after_it() -> None:
    acked: list[int] = []
    fatal: list[BaseException] = []
    window: OrderedAckWindow[int] = OrderedAckWindow(8, ack=acked.append, on_fatal=fatal.append)
    gate = Gate()
    await window.submit("p", 0, gate.work(0))
    await window.submit("p", 1, gate.work(1, fail=True))
    await window.submit("p", 2, gate.work(2))
    for offset in (0, 1, 2):
        gate.open(offset)
    await settle()
    assert acked == [0]
    assert [str(error) for error in fatal] == ["bug at 1"]
    with pytest.raises(RuntimeError, match="bug at 1"):
        await window.submit("p", 3, gate.work(3))


async def test_cancel_abandons_unfinished_work_without_acking_it() -> None:
    acked: list[int] = []
    window: OrderedAckWindow[int] = OrderedAckWindow(
        4, ack=acked.append, on_fatal=lambda error: None
    )
    gate = Gate()
    await window.submit("p", 0, gate.work(0))
    await window.submit("p", 1, gate.work(1))
    gate.open(0)
    await settle()
    await window.cancel()
    assert acked == [0]


async def test_close_lets_in_flight_work_finish_and_starts_nothing_new() -> None:
    acked: list[int] = []
    window: OrderedAckWindow[int] = OrderedAckWindow(
        4, ack=acked.append, on_fatal=lambda error: None
    )
    gate = Gate()
    await window.submit("p", 0, gate.work(0))
    closing = asyncio.create_task(window.close(grace_seconds=5))
    await settle()
    late = asyncio.create_task(window.submit("p", 1, gate.work(1)))
    gate.open(1)
    await settle()
    assert not closing.done(), "close waits for the event in flight"
    gate.open(0)
    assert await closing == 0
    assert acked == [0], "an event submitted after close is never started nor acked"
    assert not late.done(), "a submit after close waits to be cancelled"
    late.cancel()


async def test_close_abandons_what_is_still_running_when_the_grace_period_ends() -> None:
    acked: list[int] = []
    window: OrderedAckWindow[int] = OrderedAckWindow(
        4, ack=acked.append, on_fatal=lambda error: None
    )
    gate = Gate()
    for offset in range(3):
        await window.submit("p", offset, gate.work(offset))
    gate.open(0)
    assert await window.close(grace_seconds=0.05) == 2
    gate.open(1)
    gate.open(2)
    await settle()
    assert acked == [0]


async def test_work_left_for_redelivery_is_not_acked_nor_fatal() -> None:
    acked: list[tuple[str, int]] = []
    fatal: list[BaseException] = []
    window: OrderedAckWindow[tuple[str, int]] = OrderedAckWindow(
        4, ack=acked.append, on_fatal=fatal.append
    )

    async def give_up() -> None:
        raise LeftForRedelivery

    async def finish() -> None:
        return None

    assert not window.closed
    await window.submit("p0", ("p0", 0), give_up)
    await window.submit("p0", ("p0", 1), finish)
    await window.submit("p1", ("p1", 0), finish)
    await settle()
    assert acked == [("p1", 0)], "p0's later event must not be acked past the one left"
    assert fatal == []
    assert await window.close(grace_seconds=1) == 0
    assert window.closed
