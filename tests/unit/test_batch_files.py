"""A backfill's requests split into input files the Batch API accepts (count and size limits)."""

from __future__ import annotations

from streamproc.operations.batch_backfill import batch_files


def sizes(groups: list[list[tuple[int, bytes]]]) -> list[list[int]]:
    return [[len(line) for _, line in group] for group in groups]


def test_a_file_holds_at_most_the_request_limit() -> None:
    requests = [(number, b"x" * 10) for number in range(5)]

    groups = list(batch_files(requests, max_requests=2, max_bytes=1_000))

    assert [[number for number, _ in group] for group in groups] == [[0, 1], [2, 3], [4]]


def test_a_file_stays_within_the_byte_limit_and_keeps_the_order() -> None:
    requests = list(enumerate([b"a" * 40, b"b" * 40, b"c" * 30, b"d" * 50, b"e" * 10]))

    groups = list(batch_files(requests, max_requests=100, max_bytes=100))

    assert sizes(groups) == [[40, 40], [30, 50, 10]]
    assert [number for group in groups for number, _ in group] == [0, 1, 2, 3, 4]


def test_a_line_over_the_byte_limit_goes_alone_for_the_api_to_refuse() -> None:
    requests = list(enumerate([b"a" * 10, b"b" * 500, b"c" * 10]))

    assert sizes(list(batch_files(requests, max_requests=100, max_bytes=100))) == [
        [10],
        [500],
        [10],
    ]


def test_no_requests_no_file() -> None:
    assert list(batch_files([], max_requests=10, max_bytes=100)) == []
