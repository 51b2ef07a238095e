"""Why `OrderedAckWindow` exists: faust's own commit logic, run on the acks concurrency produces.

If faust is fixed one day this test fails, telling us the window may no longer be needed.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from faust.transport.consumer import Consumer
from faust.types import TP
from intervaltree import IntervalTree

PARTITION = TP("meetings.created", 0)


def offset_faust_would_commit(committed: int, acked: list[int]) -> int | None:
    consumer = SimpleNamespace(
        _acked=defaultdict(list, {PARTITION: list(acked)}),
        _acked_index=defaultdict(set, {PARTITION: set(acked)}),
        _gap=defaultdict(IntervalTree),
        _committed_offset=defaultdict(lambda: None, {PARTITION: committed}),
    )
    result: int | None = Consumer._new_offset(consumer, PARTITION)
    return result


def test_faust_commits_past_an_event_still_in_flight() -> None:
    # Offsets 10, 11 and 12 in flight (10 is the next to commit); 11 and 12 finish first.
    assert offset_faust_would_commit(committed=10, acked=[11, 12]) == 13
    # A crash now restarts at 13: offset 10 would never be processed again.


def test_acks_released_in_order_commit_only_what_is_done() -> None:
    # The window acks 10 only, and 11 and 12 once 10 is done.
    assert offset_faust_would_commit(committed=10, acked=[10]) == 11
    assert offset_faust_would_commit(committed=11, acked=[11, 12]) == 13
