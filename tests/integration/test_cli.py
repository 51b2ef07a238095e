"""The `streamproc` commands a user runs, as subprocesses against the real services."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from streamproc.local.devstack import free_port
from streamproc.local.quickstart import sample_file
from streamproc.local.sources import read_events
from tests.integration.conftest import REPO, Stack

pytestmark = pytest.mark.integration


def test_check_reports_every_connection_ok(stack: Stack) -> None:
    stack.cli("migrate")
    result = stack.cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all connections ok" in result.stdout
    assert result.stdout.count(" ok") >= 3


def test_check_names_the_connection_that_fails(stack: Stack) -> None:
    result = stack.cli("check", REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    assert result.returncode == 1
    redis_line = next(line for line in result.stdout.splitlines() if line.startswith("Redis"))
    assert "FAILED" in redis_line
    assert "1 connection(s) failed" in result.stdout


def test_worker_refuses_to_start_when_a_topic_is_missing(stack: Stack, tmp_path: Path) -> None:
    document = yaml.safe_load(stack.settings.topics_file.read_text("utf-8"))
    document["classifications_failed"]["name"] = "never.created"
    topics_file = tmp_path / "other-topics.yaml"
    topics_file.write_text(yaml.safe_dump(document), "utf-8")

    worker = stack.start_worker(STREAMPROC_TOPICS_FILE=str(topics_file))
    assert worker.process.wait(timeout=60) == 2
    assert "never.created: missing" in worker.log()


def test_worker_refuses_to_start_when_partitions_differ(stack: Stack, tmp_path: Path) -> None:
    document = yaml.safe_load(stack.settings.topics_file.read_text("utf-8"))
    document["meetings_created"]["partitions"] = 12
    topics_file = tmp_path / "other-topics.yaml"
    topics_file.write_text(yaml.safe_dump(document), "utf-8")

    worker = stack.start_worker(STREAMPROC_TOPICS_FILE=str(topics_file))
    applied = stack.cli("topics", "apply", STREAMPROC_TOPICS_FILE=str(topics_file))
    assert worker.process.wait(timeout=60) == 2
    for output in (worker.log(), applied.stdout):
        assert f"{topics_file} says 12" in output
        assert "only creates missing topics" in output, "not: run `topics apply` again"
    assert applied.returncode == 2


def test_status_names_a_malformed_task_id(stack: Stack) -> None:
    result = stack.cli("status", "not a task id")
    assert result.returncode == 2
    assert "malformed" in result.stdout + result.stderr


def test_publish_prints_task_ids_and_status_shows_the_result(stack: Stack) -> None:
    stack.start_worker()
    result = stack.cli("publish", str(sample_file()))
    assert result.returncode == 0, result.stdout + result.stderr
    events = read_events(sample_file())
    task_ids = re.findall(r"^([0-9a-f-]{36})\s+(m-[0-9a-f]+)$", result.stdout, re.MULTILINE)
    assert {task for task, _meeting in task_ids} == {e.effective_task_id for e in events}

    asyncio.run(stack.completed(until=len(events)))
    status = stack.cli("status", events[0].effective_task_id)
    assert status.returncode == 0, status.stdout
    assert '"status": "completed"' in status.stdout
    assert events[0].meeting.meeting_id in status.stdout
    assert '"business_sector"' in status.stdout


def test_status_of_an_unknown_task_says_so(stack: Stack) -> None:
    result = stack.cli("status", "no-such-task")
    assert result.returncode == 1
    assert "unknown" in result.stdout


def test_publish_refuses_a_file_with_bad_rows_and_publishes_nothing(
    stack: Stack, tmp_path: Path
) -> None:
    lines = sample_file().read_text("utf-8").splitlines(keepends=True)
    broken = tmp_path / "broken.csv"
    broken.write_text("".join(lines).replace(",1,", ",perhaps,", 1), "utf-8")
    result = stack.cli("publish", str(broken))
    assert result.returncode == 2
    assert "invalid row(s), nothing published" in result.stdout
    records = asyncio.run(stack.read(stack.topics.meetings_created.name, until=1, seconds=3))
    assert records == []


def test_reclassify_refuses_a_window_that_ends_before_it_starts(stack: Stack) -> None:
    result = stack.cli("reclassify", "--since", "2026-02-01", "--until", "2026-01-31")
    assert result.returncode == 2
    assert "Invalid value for --until: the date is before --since" in result.stdout + result.stderr


def test_quickstart_classifies_the_whole_sample(tmp_path: Path) -> None:
    """The README's first command, start to finish, on its own embedded services."""
    result = subprocess.run(
        [sys.executable, "-m", "streamproc", "quickstart"],
        env={**os.environ, "STREAMPROC_DEVSTACK_DIR": str(tmp_path), "COLUMNS": "80"},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    total = len(read_events(sample_file()))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"{total}/{total} classified — all classified" in result.stdout
    assert "Meetings per business sector" in result.stdout
    # One whole line per meeting, piped at 80 columns too.
    results = re.findall(r"^\s*\d+/\d+ m-[0-9a-f]+ .* confianza \d\.\d\d$", result.stdout, re.M)
    assert len(results) == total
    # The worker's pace, from its completion times: never this command's printing.
    assert f"the worker completed the other {total - 1} in " in result.stdout
    assert "(first to last completion)" in result.stdout


@pytest.mark.parametrize("form", ["--file", "--file="])
def test_the_quickstart_script_reads_a_relative_file_from_where_it_is_run(
    tmp_path: Path, form: str
) -> None:
    """scripts/env.sh moves to the repository; a relative --file is still the caller's, and a
    missing one is reported before any service starts."""
    arguments = [form, "meetings.csv"] if form == "--file" else [form + "meetings.csv"]
    result = subprocess.run(
        [str(REPO / "scripts" / "quickstart"), *arguments],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "300"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert f"{tmp_path / 'meetings.csv'}: no such file" in output
    assert "Starting embedded broker" not in output
    assert "Traceback" not in output
