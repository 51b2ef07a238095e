"""Real services for the integration tests: one broker, PostgreSQL and Redis per test session.

Each test gets its own topics (a topics.yaml with unique names) and consumer group, so tests share
the services without seeing each other's events. Workers run as real `streamproc worker` processes.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streamproc.events import MeetingCreated
from streamproc.local.devstack import LocalServices, free_port
from streamproc.local.quickstart import LOCAL_BROKER_ENVIRONMENT, stop_worker
from streamproc.settings import Settings
from streamproc.store.tasks import TaskTable
from streamproc.stream.topics import TopicAdmin, Topics
from tests.conftest import running_services

REPO = Path(__file__).resolve().parents[2]
TEST_PARTITIONS = 4
# Short LLM backoffs keep the suite fast; tests still assert their bounds from request logs.
FAST_LLM_RETRIES = {
    "STREAMPROC_LLM_RETRY_INITIAL_SECONDS": "0.05",
    "STREAMPROC_LLM_RETRY_MAX_SECONDS": "0.2",
    "STREAMPROC_LLM_TIMEOUT_SECONDS": "1",
    "STREAMPROC_LLM_MAX_ATTEMPTS": "3",
}


@pytest.fixture(scope="session")
def services() -> Iterator[LocalServices]:
    with running_services("services") as local:
        yield local


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log_path: Path
    web_port: int

    def get(self, path: str) -> tuple[int, str]:
        """GET from the worker's web server over real HTTP."""
        return self.request(path)

    def post(
        self, path: str, body: bytes, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        return self.request(path, body, headers)

    def request(
        self, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        """GET (or POST `body` as JSON, unless `headers` say otherwise) to the worker's web
        server over real HTTP."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.web_port}{path}",
            data=body,
            headers={
                **({"Content-Type": "application/json"} if body is not None else {}),
                **(headers or {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def wait_until_ready(self, seconds: float = 60.0) -> None:
        """Until /ready answers 200: web server up, broker, PostgreSQL and Redis connected."""
        deadline = time.monotonic() + seconds
        while True:
            assert self.process.poll() is None, f"worker exited:\n{self.log()[-3000:]}"
            try:
                if self.get("/ready")[0] == 200:
                    return
            except urllib.error.URLError:
                pass  # not listening yet
            assert time.monotonic() < deadline, f"worker not ready:\n{self.log()[-3000:]}"
            time.sleep(0.3)

    def metric(self, sample: str) -> float:
        """One sample of the worker's own /metrics endpoint (0 when absent)."""
        status, text = self.get("/metrics")
        assert status == 200, text
        for line in text.splitlines():
            if line.startswith(sample + " "):
                return float(line.rsplit(" ", 1)[1])
        return 0.0


@dataclass
class Stack:
    """One test's view of the services: its topics, its settings, and helpers to drive them."""

    environment: dict[str, str]
    settings: Settings
    topics: Topics
    folder: Path
    workers: list[Worker] = field(default_factory=list)

    def start_worker(self, **overrides: str) -> Worker:
        number = len(self.workers)
        log_path = self.folder / f"worker-{number}.log"
        web_port = free_port()
        environment = {
            **os.environ,
            **self.environment,
            "STREAMPROC_WEB_PORT": str(web_port),
            **overrides,
        }
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "streamproc", "worker"],
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.folder,
            )
        worker = Worker(process, log_path, web_port)
        self.workers.append(worker)
        return worker

    def start_llm_worker(self, base_url: str, **overrides: str) -> Worker:
        """A worker with the OpenAI classifier pointed at `base_url` (a local fake server)."""
        return self.start_worker(
            STREAMPROC_CLASSIFIER="openai",
            OPENAI_API_KEY="sk-test",
            OPENAI_BASE_URL=base_url,
            **{**FAST_LLM_RETRIES, **overrides},
        )

    def cli(self, *arguments: str, **overrides: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "streamproc", *arguments],
            env=self._cli_environment(overrides),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=self.folder,
        )

    def start_cli(self, *arguments: str, **overrides: str) -> subprocess.Popen[bytes]:
        """A command left running (its output discarded), e.g. to be killed midway."""
        return subprocess.Popen(
            [sys.executable, "-m", "streamproc", *arguments],
            env=self._cli_environment(overrides),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=self.folder,
        )

    def _cli_environment(self, overrides: dict[str, str]) -> dict[str, str]:
        return {**os.environ, **self.environment, "COLUMNS": "200", **overrides}

    async def publish_raw(
        self, records: Sequence[tuple[bytes | None, bytes | None]], topic: str | None = None
    ) -> None:
        """Publish with a plain aiokafka producer, as an outside team would."""
        producer = AIOKafkaProducer(
            bootstrap_servers=self.settings.kafka_bootstrap_servers,
            max_request_size=self.settings.max_message_bytes,
            linger_ms=5,
        )
        await producer.start()
        try:
            deliveries = [
                await producer.send(topic or self.topics.meetings_created.name, key=k, value=v)
                for k, v in records
            ]
            await asyncio.gather(*deliveries)
        finally:
            await producer.stop()

    async def publish(self, events: Sequence[MeetingCreated]) -> None:
        await self.publish_raw(
            [(e.meeting.meeting_id.encode(), e.model_dump_json().encode()) for e in events]
        )

    async def read(
        self, topic: str, until: int, seconds: float = 90.0, quiet: float = 0.0
    ) -> list[Any]:
        """Records of a topic from the beginning, until `until` arrived (then `quiet` s more)."""
        return await self.read_until(topic, lambda records: len(records) >= until, seconds, quiet)

    async def read_until(
        self,
        topic: str,
        done: Callable[[list[Any]], bool],
        seconds: float = 90.0,
        quiet: float = 0.0,
    ) -> list[Any]:
        """Records of a topic from the beginning until `done` holds, then `quiet` seconds more."""
        consumer = AIOKafkaConsumer(
            topic,
            bootstrap_servers=self.settings.kafka_bootstrap_servers,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            max_partition_fetch_bytes=16 * 1024 * 1024,
            fetch_max_bytes=64 * 1024 * 1024,
        )
        await consumer.start()
        records: list[Any] = []
        try:
            deadline = time.monotonic() + seconds
            quiet_until: float | None = None
            while time.monotonic() < deadline:
                batches = await consumer.getmany(timeout_ms=200)
                for batch in batches.values():
                    records.extend(batch)
                if quiet_until is None and done(records):
                    quiet_until = time.monotonic() + quiet
                if quiet_until is not None and time.monotonic() >= quiet_until:
                    break
        finally:
            await consumer.stop()
        return records

    async def completed(self, until: int, **kwargs: Any) -> list[dict[str, Any]]:
        records = await self.read(self.topics.classifications_completed.name, until, **kwargs)
        return [json.loads(record.value) for record in records]

    async def database(self) -> asyncpg.Connection:
        return await asyncpg.connect(self.settings.database_url)

    def task_table(self) -> TaskTable:
        return TaskTable.from_url(self.settings.redis_url, 3600)

    def stop_workers(self) -> None:
        """SIGTERM every worker this stack started (killed if still up after 15 s)."""
        for worker in self.workers:
            stop_worker(worker.process, timeout=15)


async def new_stack(services: LocalServices, folder: Path, group_prefix: str) -> Stack:
    """A stack with its own topics (a topics.yaml with unique names) and consumer group."""
    suffix = uuid.uuid4().hex[:8]
    document = yaml.safe_load((REPO / "topics.yaml").read_text("utf-8"))
    for spec in document.values():
        spec["name"] = f"{spec['name']}.{suffix}"
        spec["partitions"] = TEST_PARTITIONS
    topics_file = folder / "topics.yaml"
    topics_file.write_text(yaml.safe_dump(document), "utf-8")
    environment = {
        **services.environment(),
        **LOCAL_BROKER_ENVIRONMENT,
        "STREAMPROC_TOPICS_FILE": str(topics_file),
        "STREAMPROC_CONSUMER_GROUP": f"{group_prefix}-{suffix}",
        "STREAMPROC_RETRY_MAX_SECONDS": "1",
    }
    settings = Settings.model_validate(environment)
    topics = Topics.load(topics_file)
    async with TopicAdmin.from_settings(settings) as admin:
        await admin.apply(topics)
    return Stack(environment, settings, topics, folder)


@pytest.fixture
async def stack(services: LocalServices, tmp_path: Path) -> AsyncIterator[Stack]:
    test_stack = await new_stack(services, tmp_path, "streamproc-test")
    yield test_stack
    test_stack.stop_workers()
