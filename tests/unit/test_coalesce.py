"""Group commit: calls made while a flush runs share the next one; results and errors go to each."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from streamproc.store.coalesce import Coalescer


class Recorder:
    """A flush that records its batches and waits for the test to release each one."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.release = asyncio.Event()
        self.fail_with: Exception | None = None

    async def flush(self, items: Sequence[int]) -> list[int]:
        self.batches.append(list(items))
        await self.release.wait()
        if self.fail_with is not None:
            raise self.fail_with
        return [item * 10 for item in items]


async def test_calls_of_one_loop_turn_share_a_flush_and_get_their_own_results() -> None:
    recorder = Recorder()
    recorder.release.set()
    coalescer: Coalescer[int, int] = Coalescer(recorder.flush)

    results = await asyncio.gather(*(coalescer.submit(item) for item in range(5)))

    assert results == [0, 10, 20, 30, 40]
    assert recorder.batches == [[0, 1, 2, 3, 4]]


async def test_calls_made_during_a_flush_form_the_next_batch() -> None:
    recorder = Recorder()
    coalescer: Coalescer[int, int] = Coalescer(recorder.flush)
    first = asyncio.create_task(coalescer.submit(1))
    await asyncio.sleep(0.01)
    later = [asyncio.create_task(coalescer.submit(item)) for item in (2, 3, 4)]
    await asyncio.sleep(0.01)
    assert recorder.batches == [[1]], "one flush at a time"

    recorder.release.set()

    assert await first == 10
    assert await asyncio.gather(*later) == [20, 30, 40]
    assert recorder.batches == [[1], [2, 3, 4]]


async def test_batches_are_capped() -> None:
    recorder = Recorder()
    recorder.release.set()
    coalescer: Coalescer[int, int] = Coalescer(recorder.flush, max_batch=2)

    assert await asyncio.gather(*(coalescer.submit(item) for item in range(5))) == [
        0,
        10,
        20,
        30,
        40,
    ]
    assert recorder.batches == [[0, 1], [2, 3], [4]]


async def test_a_failed_flush_fails_every_call_in_it_and_the_next_batch_still_runs() -> None:
    recorder = Recorder()
    recorder.fail_with = ConnectionError("down")
    recorder.release.set()
    coalescer: Coalescer[int, int] = Coalescer(recorder.flush)

    outcomes = await asyncio.gather(
        *(coalescer.submit(item) for item in range(3)), return_exceptions=True
    )
    assert [type(outcome) for outcome in outcomes] == [ConnectionError] * 3

    recorder.fail_with = None
    assert await coalescer.submit(7) == 70


async def test_a_wrong_number_of_results_is_an_error_not_a_hang() -> None:
    async def short(items: Sequence[int]) -> list[int]:
        return [1]

    coalescer: Coalescer[int, int] = Coalescer(short)
    with pytest.raises(ValueError, match="shorter"):
        await asyncio.wait_for(asyncio.gather(coalescer.submit(1), coalescer.submit(2)), 1)


async def test_a_cancelled_call_is_left_out_of_later_batches() -> None:
    recorder = Recorder()
    coalescer: Coalescer[int, int] = Coalescer(recorder.flush)
    first = asyncio.create_task(coalescer.submit(1))
    await asyncio.sleep(0.01)
    abandoned = asyncio.create_task(coalescer.submit(2))
    kept = asyncio.create_task(coalescer.submit(3))
    await asyncio.sleep(0.01)
    abandoned.cancel()
    recorder.release.set()

    assert await first == 10
    assert await kept == 30
    assert recorder.batches == [[1], [3]]
