"""The benchmark's workload: realistic meetings, per-run topics, publishing, reading the results.

Every run gets its own topics and fresh event ids, so no run sees another's records and no worker
finds a stored classification to reuse (a redelivery shortcut that would skip the real work).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import random
import re
import statistics
import time
import uuid
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Final

import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from aiokafka.structs import RecordMetadata

from streamproc.events import Client, Meeting, MeetingCreated, utc_now
from streamproc.stream.topics import TopicAdmin, Topics

REPO: Final = Path(__file__).resolve().parents[1]
TRANSCRIPTS_FILE: Final = REPO / "tests" / "data" / "labelled_dev.jsonl"
# The real input's format: short client monologues (58-130 words), as written.
MONOLOGUES_FILE: Final = REPO / "tests" / "data" / "monologues_dev.jsonl"
# The file's first 40 meetings (ids dev-NN): the workload measured in RESULTS.md, unchanged when
# the labelled set grows.
WORKLOAD_IDS: Final = "dev-"
MIN_WORDS: Final = 60
MAX_WORDS: Final = 1000
# Word counts are log-normal around a 300-word median, clipped to [MIN_WORDS, MAX_WORDS].
MEDIAN_WORDS: Final = 300
WORDS_SIGMA: Final = 0.6
SELLERS: Final = ("Ana Pérez", "Tomás Rojas", "Valentina Soto")
MAX_MESSAGE_BYTES: Final = 8 * 1024 * 1024


@dataclass(frozen=True)
class Record:
    """One meetings.created record, serialised once so publishing costs only the send."""

    event_id: str
    key: bytes
    value: bytes


def transcripts(count: int, seed: int) -> list[str]:
    """Spanish transcripts of MIN_WORDS..MAX_WORDS words: the labelled dev set's transcripts
    concatenated in a seeded random order and cut at a seeded word count."""
    rng = random.Random(seed)
    documents = [
        json.loads(line)
        for line in TRANSCRIPTS_FILE.read_text("utf-8").splitlines()
        if line.strip()
    ]
    sources = [
        document["transcript"] for document in documents if document["id"].startswith(WORKLOAD_IDS)
    ]
    # Words with their trailing whitespace, so a cut keeps the speakers' line breaks.
    words = [re.findall(r"\S+\s*", source.strip() + "\n") for source in sources]
    result: list[str] = []
    for _ in range(count):
        wanted = rng.lognormvariate(math.log(MEDIAN_WORDS), WORDS_SIGMA)
        wanted = round(min(MAX_WORDS, max(MIN_WORDS, wanted)))
        taken: list[str] = []
        for index in itertools.cycle(rng.sample(range(len(words)), len(words))):
            taken.extend(words[index])
            if len(taken) >= wanted:
                break
        result.append("".join(taken[:wanted]).strip())
    return result


def monologues(count: int, seed: int) -> list[str]:
    """`count` client monologues drawn at random (seeded, with replacement) from the dev set."""
    rng = random.Random(seed)
    sources = [
        json.loads(line)["transcript"]
        for line in MONOLOGUES_FILE.read_text("utf-8").splitlines()
        if line.strip()
    ]
    return [rng.choice(sources) for _ in range(count)]


def word_stats(texts: Sequence[str]) -> dict[str, float]:
    counts = [len(text.split()) for text in texts]
    sizes = [len(text.encode()) for text in texts]
    return {
        "count": len(counts),
        "mean": statistics.fmean(counts),
        "median": statistics.median(counts),
        "min": min(counts),
        "max": max(counts),
        "mean_bytes": statistics.fmean(sizes),
    }


def records(texts: Sequence[str], prefix: str) -> list[Record]:
    """Valid MeetingCreated events for the texts, each with its own event_id and meeting_id."""
    occurred = utc_now()
    result: list[Record] = []
    for number, text in enumerate(texts):
        event = MeetingCreated(
            event_id=uuid.uuid4(),
            occurred_at=occurred,
            meeting=Meeting(
                meeting_id=f"{prefix}-{number}",
                client=Client(name=f"Cliente {number}", email=f"c{number}@example.com"),
                seller=SELLERS[number % len(SELLERS)],
                meeting_date=date(2026, 1, 1) + timedelta(days=number % 300),
                closed=number % 3 == 0,
                transcript=text,
            ),
        )
        result.append(
            Record(
                str(event.event_id),
                event.meeting.meeting_id.encode(),
                event.model_dump_json().encode(),
            )
        )
    return result


async def create_topics(bootstrap: str, folder: Path, suffix: str) -> tuple[Path, Topics]:
    """topics.yaml's topics (same partitions and configs) under names unique to one run."""
    document = yaml.safe_load((REPO / "topics.yaml").read_text("utf-8"))
    for spec in document.values():
        spec["name"] = f"{spec['name']}.{suffix}"
    path = folder / f"topics-{suffix}.yaml"
    path.write_text(yaml.safe_dump(document), "utf-8")
    topics = Topics.load(path)
    async with TopicAdmin(bootstrap) as admin:
        await admin.apply(topics)
    return path, topics


async def delete_topics(bootstrap: str, topics: Topics) -> None:
    """Drop a finished run's topics: the embedded broker keeps every record in memory."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        with contextlib.suppress(KafkaError):
            await admin.delete_topics([spec.name for spec in topics.all()])
    finally:
        await admin.close()


def _producer(bootstrap: str, linger_ms: int) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap, linger_ms=linger_ms, max_request_size=MAX_MESSAGE_BYTES
    )


def _keys(
    batch: Sequence[Record], delivered: Sequence[RecordMetadata], by_position: bool
) -> list[str]:
    """How the outputs will name each record: its event_id, or (the floors) partition:offset."""
    if by_position:
        return [f"{metadata.partition}:{metadata.offset}" for metadata in delivered]
    return [record.event_id for record in batch]


async def publish_backlog(
    bootstrap: str,
    topic: str,
    batch: Sequence[Record],
    by_position: bool = False,
    partitions: int | None = None,
) -> tuple[set[str], float]:
    """Publish as fast as the producer batches; returns the records' keys and the seconds it
    took. With `partitions`, record i goes to partition i % partitions (the warm-up)."""
    producer = _producer(bootstrap, linger_ms=10)
    await producer.start()
    started = time.monotonic()
    try:
        deliveries = [
            await producer.send(
                topic,
                key=record.key,
                value=record.value,
                partition=None if partitions is None else number % partitions,
            )
            for number, record in enumerate(batch)
        ]
        delivered = await asyncio.gather(*deliveries)
    finally:
        await producer.stop()
    return set(_keys(batch, delivered, by_position)), time.monotonic() - started


async def group_members(bootstrap: str, group: str) -> int:
    """Members of a consumer group once it is stable (0 while it is still forming)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    await admin.start()
    try:
        described = await admin.describe_consumer_groups([group])
    finally:
        await admin.close()
    _error, _group, state, _protocol_type, _protocol, members = described[0].groups[0][:6]
    return len(members) if state == "Stable" else 0


@dataclass(frozen=True)
class Paced:
    """What an open-loop publication achieved: each record's CreateTime (ms), keyed as the
    outputs identify it, and the real rate."""

    sent_ms: dict[str, int]
    seconds: float

    @property
    def rate(self) -> float:
        return len(self.sent_ms) / self.seconds if self.seconds > 0 else 0.0


async def publish_paced(
    bootstrap: str, topic: str, batch: Sequence[Record], rate: float, by_position: bool = False
) -> Paced:
    """Send record i at start + i/rate whatever the consumer does (open loop), each stamped
    with the wall clock at its send. No linger: a record must not wait in our own buffer.
    Keyed by event_id, or by partition:offset (`by_position`, as the floors' outputs say)."""
    producer = _producer(bootstrap, linger_ms=0)
    await producer.start()
    loop = asyncio.get_running_loop()
    stamps: list[int] = []
    deliveries: list[asyncio.Future[RecordMetadata]] = []
    try:
        started = loop.time()
        for number, record in enumerate(batch):
            delay = started + number / rate - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            stamp = int(time.time() * 1000)
            stamps.append(stamp)
            deliveries.append(
                await producer.send(topic, key=record.key, value=record.value, timestamp_ms=stamp)
            )
        seconds = loop.time() - started
        delivered = await asyncio.gather(*deliveries)
    finally:
        await producer.stop()
    keys = _keys(batch, delivered, by_position)
    return Paced(dict(zip(keys, stamps, strict=True)), seconds)


def source_event_id(value: bytes) -> tuple[str, bool]:
    """The input event a classifications.completed record answers, and whether the fallback
    classifier made it (with the LLM, a fallback is an offline result: cheaper, not the same)."""
    completed = json.loads(value)
    return str(completed["source_event_id"]), bool(completed["classifier"]["fallback"])


def raw_value(value: bytes) -> tuple[str, bool]:
    """The floors' outputs carry the input's partition:offset as their value."""
    return value.decode(), False


@dataclass
class OutputReader:
    """Reads one output topic from its start and keeps each id's first CreateTime (ms), and
    which ids the fallback classifier answered."""

    bootstrap: str
    topic: str
    identify: Callable[[bytes], tuple[str, bool]]
    seen: dict[str, int] = field(default_factory=dict)
    fallbacks: set[str] = field(default_factory=set)
    records: int = 0
    _consumer: AIOKafkaConsumer | None = None

    async def __aenter__(self) -> OutputReader:
        self._consumer = AIOKafkaConsumer(
            self.topic,
            bootstrap_servers=self.bootstrap,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            max_partition_fetch_bytes=16 * 1024 * 1024,
            fetch_max_bytes=64 * 1024 * 1024,
        )
        await self._consumer.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._consumer is not None:
            await self._consumer.stop()

    @property
    def duplicates(self) -> int:
        return self.records - len(self.seen)

    async def wait(self, keys: Set[str], seconds: float, check: Callable[[], None]) -> None:
        """Read until every key was seen; raise after `seconds`, or when `check` finds that a
        measured process died."""
        assert self._consumer is not None
        deadline = time.monotonic() + seconds
        while not (len(self.seen) >= len(keys) and self.seen.keys() >= keys):
            if time.monotonic() > deadline:
                missing = len(set(keys) - self.seen.keys())
                raise TimeoutError(f"{missing} of {len(keys)} records not done in {seconds} s")
            check()
            for batch in (await self._consumer.getmany(timeout_ms=100)).values():
                for record in batch:
                    self.records += 1
                    key, fallback = self.identify(record.value or b"")
                    self.seen.setdefault(key, record.timestamp)
                    if fallback:
                        self.fallbacks.add(key)
