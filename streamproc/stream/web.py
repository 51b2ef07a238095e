"""HTTP views on the worker's web server (faust's): health, readiness, stats, tasks, metrics,
and the feedback a person gives on a classification.

JSON everywhere but /metrics. Views read the worker's state (feedback also stores a correction);
none blocks an event's processing.
"""

from __future__ import annotations

import asyncio
import hmac
import platform
import re
import time
import uuid
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Protocol
from urllib.parse import urlsplit

from faust.web import View
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from pydantic import ValidationError

from streamproc import metrics
from streamproc.errors import describe_error
from streamproc.events import ID_PATTERN, describe_validation_error
from streamproc.feedback import Feedback
from streamproc.store.postgres import column_value

if TYPE_CHECKING:
    import faust


class StoreView(Protocol):
    """What readiness needs of the classification store."""

    async def ping(self) -> None: ...


class CorrectionsView(Protocol):
    """Where people's corrections go (`store/reporting.py`)."""

    async def add_feedback(
        self, feedback_id: Any, meeting_id: str, feedback: Feedback
    ) -> dict[str, Any] | None: ...


class TasksView(Protocol):
    """What the views need of the task table."""

    async def ping(self) -> None: ...

    async def get(self, task_id: str) -> dict[str, Any] | None: ...


class LLMView(Protocol):
    """The LLM's safety nets, as far as readiness is concerned."""

    configuration_error: str | None


class WorkerConnections(Protocol):
    """The adapters a running worker holds (`stream/app.py`'s `Connections`): the views depend
    on this, not on the app that wires them, so the two modules do not import each other."""

    @property
    def store(self) -> StoreView: ...

    @property
    def reports(self) -> CorrectionsView: ...

    @property
    def tasks(self) -> TasksView: ...

    @property
    def llm(self) -> LLMView | None: ...


# Each readiness probe waits at most this long for a dependency, so a hung one reads as down.
PROBE_TIMEOUT_SECONDS: Final = 2.0
THROUGHPUT_WINDOW_SECONDS: Final = 60.0


@dataclass
class WorkerState:
    """What the views report; the agent and a timer keep it current."""

    classifier: str
    started_at: float = field(default_factory=time.time)
    connections: WorkerConnections | None = None
    # (monotonic time, meetings finished so far), sampled by the stats timer; the first sample
    # is the start, so the first minute's throughput counts from it.
    samples: deque[tuple[float, float]] = field(default_factory=deque)
    lag: dict[str, dict[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sample()

    def sample(self) -> None:
        now = time.monotonic()
        self.samples.append((now, finished_total()))
        # Keep one sample at least a window old as the baseline.
        while len(self.samples) > 2 and self.samples[1][0] <= now - THROUGHPUT_WINDOW_SECONDS:
            self.samples.popleft()

    def throughput_per_second(self) -> float:
        if len(self.samples) < 2:
            return 0.0
        (first_time, first_count), (last_time, last_count) = self.samples[0], self.samples[-1]
        elapsed = last_time - first_time
        return (last_count - first_count) / elapsed if elapsed > 0 else 0.0


def total(name: str) -> float:
    """Sum of a counter over all its label values, read from the process's registry."""
    return sum(
        sample.value
        for family in REGISTRY.collect()
        if family.name == name.removesuffix("_total")
        for sample in family.samples
        if sample.name == name
    )


def finished_total() -> float:
    return total("streamproc_events_completed_total") + total(
        "streamproc_events_dead_lettered_total"
    )


class Refusal(NamedTuple):
    status: int
    reason: str


def refuse_write(headers: Mapping[str, str], host: str, api_token: str | None) -> Refusal | None:
    """Why a write request must be refused, or None.

    Cross-site request forgery: a web page an operator has open may POST to the worker, but
    only as a "simple" request (text/plain, form data) or with its own Origin; JSON only and
    same-origin only leave it none. The bearer token is for a port exposed beyond localhost.
    """
    if api_token is not None:
        given = headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {api_token}".encode()):
            return Refusal(401, "needs Authorization: Bearer <STREAMPROC_API_TOKEN>")
    content_type = headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if content_type != "application/json":
        return Refusal(415, f"Content-Type must be application/json, not {content_type or 'none'}")
    origin = headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc != host:
        return Refusal(403, f"cross-origin request from {origin[:100]} refused")
    if headers.get("Sec-Fetch-Site") == "cross-site":
        return Refusal(403, "cross-site request refused")
    return None


def register_views(app: faust.App, state: WorkerState, api_token: str | None = None) -> None:
    metrics.BUILD_INFO.info(
        {"version": _version(), "python": platform.python_version(), "classifier": state.classifier}
    )

    async def readiness() -> dict[str, str]:
        """'ok' or the reason, per dependency."""
        checks: dict[str, str] = {}
        connections = state.connections
        probes = {
            "kafka": _broker_probe(app),
            "postgres": connections.store.ping() if connections else None,
            "redis": connections.tasks.ping() if connections else None,
        }
        for name, probe in probes.items():
            if probe is None:
                checks[name] = "not connected yet"
                continue
            try:
                await asyncio.wait_for(probe, PROBE_TIMEOUT_SECONDS)
                checks[name] = "ok"
            except TimeoutError:
                checks[name] = f"no answer within {PROBE_TIMEOUT_SECONDS:g} s"
            except Exception as error:  # noqa: BLE001 - any failure means not ready; say which
                checks[name] = describe_error(error)[:300]
        if connections and connections.llm:
            checks["llm"] = connections.llm.configuration_error or "ok"
        return checks

    @app.page("/health")
    async def health(web: Any, request: Any) -> Any:
        """Liveness: the worker's event loop answers."""
        return web.json({"status": "ok"})

    @app.page("/ready")
    async def ready(web: Any, request: Any) -> Any:
        """Readiness: broker, PostgreSQL and Redis reachable, and the LLM API accepting the
        key and model when there is one; 503 naming what is not."""
        checks = await readiness()
        healthy = all(value == "ok" for value in checks.values())
        return web.json(
            {"status": "ready" if healthy else "not ready", "checks": checks},
            status=200 if healthy else 503,
        )

    @app.page("/api/v1/workers/health")
    async def workers_health(web: Any, request: Any) -> Any:
        checks = await readiness()
        healthy = all(value == "ok" for value in checks.values())
        return web.json(
            {
                "status": "healthy" if healthy else "unhealthy",
                "checks": checks,
                "classifier": state.classifier,
                "uptime_seconds": round(time.time() - state.started_at, 1),
            },
            status=200 if healthy else 503,
        )

    @app.page("/api/v1/workers/stats")
    async def workers_stats(web: Any, request: Any) -> Any:
        return web.json(
            {
                "events_consumed": total("streamproc_events_consumed_total"),
                "events_completed": total("streamproc_events_completed_total"),
                "events_dead_lettered": total("streamproc_events_dead_lettered_total"),
                "events_in_flight": REGISTRY.get_sample_value("streamproc_events_in_flight"),
                "throughput_per_second_last_minute": round(state.throughput_per_second(), 2),
                "classifier": state.classifier,
                "consumer_lag": state.lag,
                "uptime_seconds": round(time.time() - state.started_at, 1),
            }
        )

    @app.page("/api/v1/tasks/{task_id}")
    async def task(web: Any, request: Any, task_id: str) -> Any:
        if not re.fullmatch(ID_PATTERN, task_id):
            return web.json({"error": "invalid task id"}, status=400)
        if state.connections is None:
            return web.json({"error": "worker starting"}, status=503)
        found = await state.connections.tasks.get(task_id)
        if found is None:
            return web.json({"error": f"unknown task {task_id}"}, status=404)
        return web.json(found)

    @app.page("/api/v1/meetings/{meeting_id}/feedback")
    class FeedbackView(View):
        """A person's correction of the meeting's latest classification, stored beside it."""

        async def post(self, request: Any, meeting_id: str) -> Any:
            refusal = refuse_write(request.headers, request.host, api_token)
            if refusal is not None:
                return self.json({"error": refusal.reason}, status=refusal.status)
            if not re.fullmatch(ID_PATTERN, meeting_id):
                return self.json({"error": "invalid meeting id"}, status=400)
            try:
                given = Feedback.model_validate_json(await request.read())
            except ValidationError as error:
                return self.json({"error": describe_validation_error(error)}, status=422)
            if state.connections is None:
                return self.json({"error": "worker starting"}, status=503)
            feedback_id = uuid.uuid4()
            model = await state.connections.reports.add_feedback(feedback_id, meeting_id, given)
            if model is None:
                return self.json(
                    {"error": f"no classification of meeting {meeting_id}"}, status=404
                )
            values = given.corrected()
            corrected = [
                name for name, value in values.items() if model[name] != column_value(value)
            ]
            for name in corrected:
                metrics.FEEDBACK_CORRECTIONS.labels(field=name).inc()
            return self.json(
                {
                    "feedback_id": str(feedback_id),
                    "meeting_id": meeting_id,
                    "source_event_id": str(model["source_event_id"]),
                    "corrected": corrected,
                    "confirmed": [name for name in values if name not in corrected],
                },
                status=201,
            )

    @app.page("/metrics")
    async def metrics_view(web: Any, request: Any) -> Any:
        # The exposition content type carries a charset, which aiohttp refuses as `content_type`.
        return web.bytes(generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})


def _broker_probe(app: faust.App) -> Any:
    """A metadata request on the producer's connection: cheap, and proves the broker answers."""
    faust_producer: Any = app.producer
    producer = faust_producer._ensure_producer()  # faust exposes no public client handle
    return producer.client.fetch_all_metadata()


def _version() -> str:
    try:
        return version("streamproc")
    except PackageNotFoundError:
        return "unknown"
