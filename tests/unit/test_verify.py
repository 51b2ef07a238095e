"""The consistency rules of `streamproc verify`, over plain data (no services)."""

from __future__ import annotations

from dataclasses import replace

from streamproc.operations.verify import (
    CONFLICTING,
    MISSING,
    PUBLISHED_NOT_STORED,
    STORED_NOT_PUBLISHED,
    TASKS_MISSING,
    TASKS_NOT_FINAL,
    UNREADABLE_COMPLETED,
    Completed,
    Input,
    Observations,
    compare,
)


def completed(source: str, payload: str = "{}") -> Completed:
    return Completed(event_id=f"done-{source}", source_event_id=source, payload=payload)


def consistent_world() -> Observations:
    """Two inputs completed, one valid-JSON input dead-lettered, one undecodable dead-lettered."""
    return Observations(
        inputs=[
            Input((0, 0), "e1", "t1"),
            Input((0, 1), "e2", "t2"),
            Input((1, 0), "e3", "t3"),
            Input((1, 1), None, None),
        ],
        completed=[completed("e1"), completed("e2"), completed("e1")],
        unreadable_completed=[],
        dead_lettered=frozenset({(1, 0), (1, 1)}),
        stored=frozenset({"e1", "e2"}),
        tasks={"t1": "completed", "t2": "completed", "t3": "failed"},
    )


def test_a_consistent_world_reports_counts_and_no_problem() -> None:
    report = compare(consistent_world())

    assert report.consistent
    assert (report.inputs, report.completed, report.dead_lettered) == (4, 2, 2)


def test_an_input_neither_completed_nor_dead_lettered_is_missing_by_id_or_offset() -> None:
    world = consistent_world()
    world = replace(
        world,
        inputs=[*world.inputs, Input((2, 7), "e4", "t4"), Input((2, 8), None, None)],
        tasks={**world.tasks, "t4": "pending"},
    )

    report = compare(world)

    assert not report.consistent
    assert report.problems[MISSING] == ["2/8", "e4"]
    # a task still pending for an input nobody finished is reported as missing, not as stuck
    assert report.problems[TASKS_NOT_FINAL] == []


def test_a_replayed_dead_letter_that_completed_is_not_missing() -> None:
    world = consistent_world()
    replayed = replace(
        world,
        inputs=[*world.inputs, Input((3, 0), "e3", "t3")],
        completed=[*world.completed, completed("e3")],
        stored=world.stored | {"e3"},
        tasks={**world.tasks, "t3": "completed"},
    )

    report = compare(replayed)

    assert report.consistent, report.problems
    assert (report.inputs, report.completed, report.dead_lettered) == (5, 3, 2)


def test_postgres_and_the_completed_topic_must_agree() -> None:
    world = consistent_world()

    report = compare(replace(world, stored=frozenset({"e1", "e3"})))

    assert report.problems[PUBLISHED_NOT_STORED] == ["e2"]
    assert report.problems[STORED_NOT_PUBLISHED] == ["e3"]


def test_identical_duplicates_are_fine_but_different_payloads_conflict() -> None:
    world = consistent_world()

    report = compare(replace(world, completed=[*world.completed, completed("e2", '{"x": 1}')]))

    assert report.problems[CONFLICTING] == ["done-e2"]
    assert report.completed == 2


def test_unreadable_completed_events_are_named_by_position() -> None:
    report = compare(replace(consistent_world(), unreadable_completed=[(3, 9)]))

    assert report.problems[UNREADABLE_COMPLETED] == ["3/9"]


def test_a_finished_input_with_a_pending_or_processing_task_is_stuck() -> None:
    world = consistent_world()

    report = compare(replace(world, tasks={"t1": "processing", "t2": "pending", "t3": "failed"}))

    assert report.problems[TASKS_NOT_FINAL] == ["t1", "t2"]


def test_tasks_absent_from_redis_are_missing() -> None:
    world = consistent_world()

    report = compare(replace(world, tasks={"t1": "completed", "t2": None}))

    assert report.problems[TASKS_MISSING] == ["t2", "t3"]
