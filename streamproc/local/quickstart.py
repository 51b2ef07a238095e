"""The quick start: embedded services, a real worker process, the bundled sample, live results.

Everything runs on loopback under one folder that is removed at the end (unless kept).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Final

from aiokafka import AIOKafkaConsumer
from rich.console import Console
from rich.table import Table

from streamproc.events import ClassificationCompleted, MeetingCreated
from streamproc.local.devstack import LocalServices, free_port
from streamproc.local.sources import read_events
from streamproc.settings import Settings
from streamproc.stream.kafka_security import client_options
from streamproc.stream.producer import publish_meetings
from streamproc.stream.topics import TopicAdmin, Topics

# The embedded broker holds group joins for half the session timeout: short values make a worker
# ready in ~4 s instead of ~30 s (measured; see the README's notes on the embedded broker).
LOCAL_BROKER_ENVIRONMENT: Final = {
    "STREAMPROC_SESSION_TIMEOUT_SECONDS": "4",
    "STREAMPROC_HEARTBEAT_INTERVAL_SECONDS": "1",
    # tansu holds a waiting fetch for its whole wait (bench/fetch_wait.py: p50 4 ms at 100 ms).
    "STREAMPROC_FETCH_MAX_WAIT_MS": "100",
}


def sample_file() -> Path:
    return Path(str(resources.files("streamproc.samples").joinpath("meetings.csv")))


def start_worker(environment: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """The worker as its own process, exactly as `streamproc worker` runs in production."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "streamproc", "worker"],
            env={**os.environ, **environment},
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def stop_worker(process: subprocess.Popen[bytes], timeout: float = 30.0) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


async def _run(
    console: Console,
    settings: Settings,
    topics: Topics,
    path: Path,
    events: list[MeetingCreated],
    wait_seconds: float,
) -> int:
    expected = {event.event_id for event in events}
    consumer = AIOKafkaConsumer(
        topics.classifications_completed.name,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **client_options(settings),
    )
    await consumer.start()
    received: dict[object, ClassificationCompleted] = {}
    first_result_at = 0.0
    try:
        console.print(f"Publishing {len(events)} meetings from {path} …")
        started = time.monotonic()
        await publish_meetings(settings, topics, events, on_published=lambda _event: None)
        deadline = started + wait_seconds
        while len(received) < len(expected) and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    completed = ClassificationCompleted.model_validate_json(record.value or b"")
                    if completed.source_event_id in expected and completed.event_id not in received:
                        first_result_at = first_result_at or time.monotonic()
                        received[completed.event_id] = completed
                        _print_one(console, len(received), len(expected), completed)
        finished = time.monotonic()
    finally:
        await consumer.stop()
    _print_summary(
        console, list(received.values()), len(expected), (first_result_at or finished) - started
    )
    return 0 if len(received) == len(expected) else 1


def _print_one(
    console: Console, index: int, total: int, completed: ClassificationCompleted
) -> None:
    result = completed.classification
    console.print(
        f"[dim]{index:>3}/{total}[/] {completed.meeting_id}  "
        f"[bold]{result.business_sector}[/] · {result.vambe_product} · {result.primary_pain_point}"
        f" · {result.sentiment} · confianza {result.confidence_score:.2f}",
        soft_wrap=True,  # one line per meeting, also when piped
    )


def _print_summary(
    console: Console,
    received: list[ClassificationCompleted],
    expected: int,
    startup: float,
) -> None:
    by_sector = Counter(str(item.classification.business_sector) for item in received)
    table = Table(title="Meetings per business sector")
    table.add_column("business_sector")
    table.add_column("meetings", justify="right")
    for sector, count in by_sector.most_common():
        table.add_row(sector, str(count))
    console.print(table)
    verdict = "[green]all classified[/]" if len(received) == expected else "[red]some missing[/]"
    console.print(f"{len(received)}/{expected} classified — {verdict}")
    console.print(f"first result {startup:.1f} s after publishing (worker start-up included)")
    # The worker's own pace, from its completion times (each completed event's occurred_at);
    # not this command's, which only prints results as they arrive.
    completions = sorted(item.occurred_at for item in received)
    span = (completions[-1] - completions[0]).total_seconds() if completions else 0.0
    if len(received) > 1 and span > 0:
        rate = (len(received) - 1) / span
        console.print(
            f"the worker completed the other {len(received) - 1} in {span:.2f} s "
            f"(first to last completion): {rate:.0f} meetings/s"
        )


def run_quickstart(console: Console, path: Path | None, root: Path, timeout: float) -> int:
    # The file first: a missing or invalid one is reported before any service starts.
    path = path or sample_file()
    events = read_events(path)
    services = LocalServices(root)
    console.print(f"Starting embedded broker, PostgreSQL and Redis under {root} …")
    environment = {
        **services.start(),
        **LOCAL_BROKER_ENVIRONMENT,
        "STREAMPROC_WEB_PORT": str(free_port()),
    }
    worker: subprocess.Popen[bytes] | None = None
    try:
        settings = Settings.model_validate({**os.environ, **environment})
        topics = Topics.load(settings.topics_file)
        asyncio.run(_apply_topics(settings, topics))
        worker = start_worker(environment, root / "worker.log")
        console.print(
            f"Worker started (log: {root / 'worker.log'}, metrics: "
            f"http://127.0.0.1:{settings.web_port}/metrics)"
        )
        return asyncio.run(_run(console, settings, topics, path, events, timeout))
    finally:
        if worker is not None:
            stop_worker(worker)
        services.stop()


async def _apply_topics(settings: Settings, topics: Topics) -> None:
    async with TopicAdmin.from_settings(settings) as admin:
        await admin.apply(topics)
