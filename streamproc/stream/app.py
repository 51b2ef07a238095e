"""The one place that wires adapters into the Faust app: settings → app, agent, views."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import faust
from faust.exceptions import ConsumerNotStarted
from mode.supervisors import CrashingSupervisor

from streamproc import metrics
from streamproc.classify.base import Classifier
from streamproc.classify.offline import OfflineClassifier
from streamproc.classify.openai.fallback import BUDGET_EXHAUSTED, GuardedClassifier
from streamproc.classify.openai.repair import Repair
from streamproc.errors import ClassificationRejected, PermanentEventError, error_types
from streamproc.retry import Backoff
from streamproc.settings import ClassifierKind, Settings
from streamproc.store.postgres import ClassificationStore
from streamproc.store.reporting import ReportingStore
from streamproc.store.spend import DailySpend
from streamproc.store.tasks import TaskTable
from streamproc.stream.kafka_security import faust_credentials
from streamproc.stream.ordered_acks import OrderedAckWindow
from streamproc.stream.pipeline import MeetingPipeline
from streamproc.stream.publishing import FaustPublisher
from streamproc.stream.records import InputRecord
from streamproc.stream.topics import Topics
from streamproc.stream.transport import Transport
from streamproc.stream.web import WorkerState, register_views
from streamproc.taxonomy import EVALUATED_FIELDS

if TYPE_CHECKING:
    from streamproc.classify.openai.llm import LLMClassifier

log = logging.getLogger(__name__)

# How often lag and throughput are sampled for /api/v1/workers/stats and the lag gauge.
STATS_INTERVAL_SECONDS: Final = 5.0


@dataclass
class Connections:
    """Every adapter a worker holds open, created and closed together."""

    store: ClassificationStore
    reports: ReportingStore  # people's corrections, on the store's pool
    tasks: TaskTable
    classifier: Classifier
    closers: list[Callable[[], Awaitable[None]]]
    llm: GuardedClassifier | None = None  # the LLM with its safety nets, when configured

    @classmethod
    async def open(cls, settings: Settings) -> Connections:
        store = await ClassificationStore.connect(
            settings.database_url, settings.postgres_pool_size
        )
        tasks = TaskTable.from_url(settings.redis_url, settings.task_ttl_seconds)
        closers: list[Callable[[], Awaitable[None]]] = [store.close, tasks.close]
        offline = OfflineClassifier()
        if settings.classifier is not ClassifierKind.OPENAI:
            return cls(store, ReportingStore(store.pool), tasks, offline, closers)
        llm = build_llm_classifier(settings)
        spend = DailySpend.from_url(settings.redis_url, settings.consumer_group)
        closers += [llm.close, spend.close]
        guarded = GuardedClassifier(
            llm,
            offline,
            settings.llm_fallback,
            settings.llm_daily_budget_usd,
            spend,
            settings.llm_on_configuration_error,
        )
        return cls(store, ReportingStore(store.pool), tasks, guarded, closers, guarded)

    async def close(self) -> None:
        for close in self.closers:
            await close()


def build_llm_classifier(settings: Settings) -> LLMClassifier:
    # Imported here: the tokenizer and its tables take ~1 s of CPU to load, which an
    # offline worker (and every restart after a failover) would pay for nothing.
    from streamproc.classify.openai.llm import LLMClassifier
    from streamproc.classify.openai.rate_limit import RateLimiter

    limiter = RateLimiter(
        settings.llm_requests_per_minute, settings.llm_tokens_per_minute, settings.openai_model
    )
    return LLMClassifier.from_settings(settings, limiter)


def broker_urls(bootstrap_servers: str) -> list[str]:
    return [
        f"kafka://{server.strip()}" for server in bootstrap_servers.split(",") if server.strip()
    ]


def input_record(event: Any) -> InputRecord:
    message = event.message
    headers = message.headers or ()
    if isinstance(headers, dict):
        headers = headers.items()
    return InputRecord(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        timestamp_ms=None if message.timestamp is None else int(message.timestamp * 1000),
        key=message.key,
        value=message.value,
        headers=tuple((str(name), bytes(value or b"")) for name, value in headers),
    )


class GracefulApp(faust.App):
    """A faust.App that lets in-flight meetings finish, within a grace period, before it stops.

    Faust's own stop waits for every fetched event to be acked, with no time limit; a worker
    stuck on a dependency would then ignore SIGTERM until it is killed.
    """

    in_flight: OrderedAckWindow[Any] | None = None
    grace_seconds: float = 0.0
    fetch_max_wait_ms: int = 500

    def _new_transport(self) -> Transport:
        return Transport(self.conf.broker_consumer, self)

    async def on_stop(self) -> None:
        if self.in_flight is not None:
            with suppress(ConsumerNotStarted):
                self.consumer.pause_partitions(self.consumer.assignment())
            log.info("stopping: finishing in-flight meetings (up to %.0f s)", self.grace_seconds)
            abandoned = await self.in_flight.close(self.grace_seconds)
            if abandoned:
                log.warning("abandoned %d in-flight meetings: they will be redelivered", abandoned)
            # What is left unacked (abandoned, or fetched and never started) is redelivered, so
            # faust must only commit what is acked, not wait for the rest.
            self.conf.stream_wait_empty = False
        await super().on_stop()


def faust_app(settings: Settings) -> GracefulApp:
    """The Faust app with the worker's settings and nothing else: the benchmark's Faust floor
    runs a pass-through agent on it, so both pay the same framework costs."""
    app = GracefulApp(
        settings.consumer_group,
        broker=broker_urls(settings.kafka_bootstrap_servers),
        broker_credentials=faust_credentials(settings),
        key_serializer="raw",
        value_serializer="raw",
        # streamproc owns its topics (topics.yaml); faust must not create or alter any.
        topic_allow_declare=False,
        topic_disable_leader=True,
        # A new consumer group starts from the oldest retained meeting, not only new ones.
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=settings.session_timeout_seconds,
        broker_heartbeat_interval=settings.heartbeat_interval_seconds,
        # A little lingering batches the completed events of concurrent meetings (measured ~2x).
        producer_linger=0.01,
        producer_max_request_size=settings.max_message_bytes,
        consumer_max_fetch_size=max(4 * 1024 * 1024, settings.max_message_bytes),
        # An unexpected error stops the worker, so no offset is committed past the event.
        agent_supervisor=CrashingSupervisor,
        # Faust keeps table state there; streamproc has no tables, so keep it out of the cwd.
        datadir=str(Path(tempfile.gettempdir()) / "streamproc-faust"),
        web_bind=settings.web_host,
        web_host=settings.web_host,
        web_port=settings.web_port,
    )
    app.fetch_max_wait_ms = settings.fetch_max_wait_ms
    return app


def initialise_metrics(settings: Settings) -> None:
    """Every series this worker can export, at 0 before the first meeting (`metrics.initialise`)."""
    llm = settings.classifier is ClassifierKind.OPENAI
    dependencies = {
        "postgres": ("find", "save", "ping"),
        "redis": ("advance_task", "ping", *(("add_spend", "get_spend") if llm else ())),
        "kafka": (),
        **({"llm": ()} if llm else {}),
    }
    metrics.initialise(
        classifiers=(
            ClassifierKind.OFFLINE.value,
            *((ClassifierKind.OPENAI.value,) if llm else ()),
        ),
        dead_letter_error_types=error_types(PermanentEventError),
        dependency_operations=dependencies,
        feedback_fields=EVALUATED_FIELDS,
        llm_model=settings.openai_model if llm else None,
        llm_fallback_reasons=(
            *error_types(ClassificationRejected),
            "llm_unavailable",
            "llm_configuration_error",
            BUDGET_EXHAUSTED,
        ),
        llm_repairs=[repair.value for repair in Repair],
    )


def create_app(settings: Settings, topics: Topics) -> faust.App:
    initialise_metrics(settings)
    app = faust_app(settings)
    source = app.topic(topics.meetings_created.name, key_type=bytes, value_type=bytes)
    backoff = Backoff(settings.retry_initial_seconds, settings.retry_max_seconds)
    state = WorkerState(classifier=settings.classifier.value)
    crashing: list[asyncio.Task[None]] = []

    def crash(error: BaseException) -> None:
        log.error("fatal error in pipeline, stopping worker: %r", error)
        crashing.append(asyncio.ensure_future(app.crash(error)))

    window: OrderedAckWindow[Any] = OrderedAckWindow(
        settings.max_in_flight, ack=lambda event: event.ack(), on_fatal=crash
    )
    app.in_flight, app.grace_seconds = window, settings.shutdown_grace_seconds

    @app.agent(source, concurrency=1)
    async def classify_meetings(stream: Any) -> None:
        connections = state.connections = await Connections.open(settings)
        pipeline = MeetingPipeline(
            topics=topics,
            classifier=connections.classifier,
            store=connections.store,
            tasks=connections.tasks,
            publisher=FaustPublisher(app),
            backoff=backoff,
            max_transcript_chars=settings.max_transcript_chars,
            classifications_at_once=settings.concurrency,
            stopping=lambda: window.closed,
        )
        try:
            async for event in stream.noack().events():
                record = input_record(event)
                await window.submit(
                    (record.topic, record.partition), event, partial(pipeline.handle, record)
                )
        finally:
            # Unfinished meetings are not acked: they are redelivered to whoever owns them next.
            await window.cancel()
            state.connections = None
            await connections.close()

    @app.timer(interval=STATS_INTERVAL_SECONDS)  # type: ignore[untyped-decorator]
    async def sample_progress() -> None:
        state.sample()
        state.lag = await consumer_lag(app)

    api_token = settings.api_token.get_secret_value() if settings.api_token else None
    register_views(app, state, api_token)
    return app


async def consumer_lag(app: faust.App) -> dict[str, dict[str, int]]:
    """Per assigned partition, every one of them: end offset minus the group's committed offset,
    or minus the log start when the group never committed there (a partition stuck on its first
    meeting still shows its lag). Exported as a gauge too."""
    consumer = app.consumer
    assigned = sorted(consumer.assignment())
    if not assigned:
        metrics.CONSUMER_LAG.clear()
        return {}
    # Faust seeds it from the group's committed offsets at each assignment, then keeps it current
    # with every commit (`app.monitor` only knows the commits made since the last rebalance).
    committed: Mapping[Any, int | None] = consumer._committed_offset  # type: ignore[attr-defined]
    never_committed = [partition for partition in assigned if committed.get(partition) is None]
    log_starts = await consumer.earliest_offsets(*never_committed) if never_committed else {}
    ends = await consumer.highwaters(*assigned)
    lag: dict[str, dict[str, int]] = {}
    metrics.CONSUMER_LAG.clear()  # partitions moved to another worker stop being reported
    for partition in assigned:
        done = committed.get(partition)
        start = done if done is not None else log_starts.get(partition)
        end = ends.get(partition)
        if start is None or end is None:
            continue  # the broker did not answer for it this time
        records = max(0, end - start)
        lag.setdefault(partition.topic, {})[str(partition.partition)] = records
        metrics.CONSUMER_LAG.labels(topic=partition.topic, partition=str(partition.partition)).set(
            records
        )
    return lag
