"""How fast one worker drains a backlog: embedded services, N meetings published first, one worker.

Usage (after ./scripts/test or ./scripts/quickstart created .venv):
    .venv/bin/python bench/worker_throughput.py --meetings 5000 --concurrency 16

Prints start-up time (worker launch to first completed event), processing rate (first to last
completed event) and the worker's CPU time per meeting. Everything runs on 127.0.0.1 and stops.
Meetings are the bundled sample's transcripts (60-215 words), each published under a new id.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path

import psutil
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streamproc.devstack import LocalServices, free_port
from streamproc.events import MeetingCreated, utc_now
from streamproc.quickstart import LOCAL_BROKER_ENVIRONMENT, sample_file, start_worker, stop_worker
from streamproc.settings import Settings
from streamproc.sources import read_events
from streamproc.stream.topics import TopicAdmin, Topics

REPO = Path(__file__).resolve().parents[1]


def backlog(count: int) -> list[MeetingCreated]:
    templates = read_events(sample_file())
    return [
        MeetingCreated(
            event_id=uuid.uuid4(),
            occurred_at=utc_now(),
            meeting=templates[number % len(templates)].meeting.model_copy(
                update={"meeting_id": f"bench-{number}"}
            ),
        )
        for number in range(count)
    ]


async def measure(
    settings: Settings, environment: dict[str, str], meetings: int, root: Path
) -> None:
    topics = Topics.load(settings.topics_file)
    async with TopicAdmin(settings.kafka_bootstrap_servers) as admin:
        await admin.apply(topics)
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers, linger_ms=10)
    await producer.start()
    deliveries = [
        await producer.send(
            topics.meetings_created.name,
            key=event.meeting.meeting_id.encode(),
            value=event.model_dump_json().encode(),
        )
        for event in backlog(meetings)
    ]
    await asyncio.gather(*deliveries)
    await producer.stop()

    consumer = AIOKafkaConsumer(
        topics.classifications_completed.name,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    worker = start_worker(environment, root / "worker.log")
    launched = time.monotonic()
    first: float | None = None
    received = 0
    try:
        while received < meetings and time.monotonic() - launched < 600:
            for records in (await consumer.getmany(timeout_ms=200)).values():
                first = first or time.monotonic()
                received += len(records)
        finished = time.monotonic()
        cpu = psutil.Process(worker.pid).cpu_times()
    finally:
        await consumer.stop()
        stop_worker(worker)
    if first is None or received < meetings:
        raise SystemExit(f"only {received}/{meetings} completed; see {root / 'worker.log'}")
    processing = finished - first
    print(
        f"meetings={meetings} concurrency={settings.concurrency} "
        f"startup_s={first - launched:.1f} processing_s={processing:.2f} "
        f"meetings_per_s={(received - 1) / processing:.0f} "
        f"worker_cpu_ms_per_meeting={(cpu.user + cpu.system) * 1000 / meetings:.2f} "
        "(worker CPU includes its ~2-3 s start-up)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="streamproc-bench-") as folder:
        root = Path(folder)
        services = LocalServices(root)
        environment = {
            **services.start(),
            **LOCAL_BROKER_ENVIRONMENT,
            "STREAMPROC_TOPICS_FILE": str(REPO / "topics.yaml"),
            "STREAMPROC_WEB_PORT": str(free_port()),
            "STREAMPROC_CONCURRENCY": str(arguments.concurrency),
            "STREAMPROC_LOG_LEVEL": "warning",
        }
        try:
            settings = Settings.model_validate({**os.environ, **environment})
            asyncio.run(measure(settings, environment, arguments.meetings, root))
        finally:
            services.stop()


if __name__ == "__main__":
    main()
