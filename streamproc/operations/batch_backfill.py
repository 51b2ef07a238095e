"""Classify many meetings through the OpenAI Batch API, at the batch price, instead of live calls.

The meetings are recorded in the ledger (PostgreSQL), written as one JSON Lines request each
(`custom_id` = the event_id, the same request body as a live call), uploaded, and the batch is
created; then the command polls until the batch ends. Each answer is validated and billed like a
live one, and goes through the same completion as the worker's: stored (keyed by the event_id),
the completed event published, the task completed. Requests the batch did not reach before it
expired go into the next batch; answers that fail validation, and requests the API refused, are
published to meetings.created for the workers' live path, which retries and applies the fallback
policy. A batch the API rejects as a whole is reported and its meetings left for the next run.

A restarted command first resumes the ledger's unfinished batches, so none is paid for twice:
each batch is created with the ledger's random token in its metadata, so one created just before
a crash, its id never recorded, is found among the API's recent batches and resumed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, Final, TypeVar

import orjson

from streamproc.classify.base import ClassifierResult
from streamproc.classify.openai.chat_api import (
    BATCH_ENDPOINT,
    BatchState,
    ChatAPIError,
    ChatCompletionsAPI,
    ChatMalformedAnswer,
    ChatRequestRejected,
)
from streamproc.classify.openai.fallback import SpendLedger
from streamproc.classify.openai.llm import LLMClassifier
from streamproc.errors import ClassificationRejected, StreamprocError, TransientError
from streamproc.events import MeetingCreated
from streamproc.retry import Backoff, until_done
from streamproc.settings import Settings
from streamproc.store.batches import (
    BatchLedger,
    LedgerBatch,
    LedgerState,
    PreparedBatch,
    SubmittedBatch,
)
from streamproc.store.postgres import ClassificationStore
from streamproc.store.spend import DailySpend
from streamproc.store.tasks import TaskTable
from streamproc.stream.pipeline import Completion
from streamproc.stream.producer import publish_meetings
from streamproc.stream.publishing import KafkaPublisher
from streamproc.stream.topics import Topics

log = logging.getLogger(__name__)

T = TypeVar("T")

# The Batch API takes at most 50,000 requests and 200 MB per input file.
MAX_REQUESTS_PER_BATCH: Final = 50_000
MAX_BATCH_FILE_BYTES: Final = 190 * 1024 * 1024
# Answers stored at once: the store batches concurrent saves into one statement.
STORE_CONCURRENCY: Final = 200
EXPIRED: Final = "batch_expired"
# The metadata key of the ledger's token in each batch created.
METADATA_KEY: Final = "streamproc_batch"


class BatchRejected(StreamprocError):
    """The Batch API refused a request of ours (file, batch): retrying the same cannot help."""


class BudgetSpent(StreamprocError):
    """Today's LLM budget is spent: no new batch is submitted."""


@dataclass
class BackfillOutcome:
    """What a run did; `failed` holds why each batch the API rejected as a whole was rejected."""

    batches: list[str] = field(default_factory=list)
    resumed: int = 0
    stored: int = 0
    expired: int = 0
    live: list[str] = field(default_factory=list)  # meeting_ids sent to the live path
    failed: list[str] = field(default_factory=list)
    cost_usd: float = 0.0


@dataclass(frozen=True)
class BatchLine:
    """One line of a batch's output or error file."""

    custom_id: str
    status_code: int | None
    body: Any
    error_code: str | None

    @classmethod
    def parse(cls, line: str) -> BatchLine:
        document = orjson.loads(line)
        response = document.get("response") or {}
        error = document.get("error") or {}
        return cls(
            custom_id=str(document.get("custom_id")),
            status_code=response.get("status_code"),
            body=response.get("body"),
            error_code=error.get("code"),
        )


@dataclass
class _SortedAnswers:
    """A batch's meetings by what happens to them next."""

    stored: list[tuple[MeetingCreated, ClassifierResult]] = field(default_factory=list)
    live: list[MeetingCreated] = field(default_factory=list)
    expired: list[MeetingCreated] = field(default_factory=list)
    cost_usd: float = 0.0  # usable or not, every answer is paid for

    def counts(self) -> dict[str, Any]:
        return {
            "stored": len(self.stored),
            "live": len(self.live),
            "expired": len(self.expired),
            "cost_usd": round(self.cost_usd, 8),
        }


class BatchBackfill:
    def __init__(
        self,
        *,
        api: ChatCompletionsAPI,
        classifier: LLMClassifier,
        ledger: BatchLedger,
        completion: Completion,
        tasks: TaskTable,
        send_live: Callable[[Sequence[MeetingCreated]], Awaitable[None]],
        spend: SpendLedger | None,
        daily_budget_usd: float | None,
        backoff: Backoff,
        poll_seconds: float,
        max_requests: int = MAX_REQUESTS_PER_BATCH,
        max_file_bytes: int = MAX_BATCH_FILE_BYTES,
        report: Callable[[str], None] = log.info,
    ) -> None:
        self._api = api
        self._classifier = classifier
        self._ledger = ledger
        self._completion = completion
        self._tasks = tasks
        self._send_live = send_live
        self._spend = spend
        self._budget = daily_budget_usd
        self._backoff = backoff
        self._poll_seconds = poll_seconds
        self._max_requests = max_requests
        self._max_file_bytes = max_file_bytes
        self._report = report

    async def run(self, events: Sequence[MeetingCreated]) -> BackfillOutcome:
        """Resume the ledger's unfinished batches, submit `events`, and ingest every batch; the
        requests a batch did not reach go into the next, until none is left."""
        outcome = BackfillOutcome()
        running = await self._ledger.unfinished()
        outcome.resumed = len(running)
        pending = list(events)
        while running or pending:
            requests = ((event, self._request_line(event)) for event in pending)
            for group in batch_files(requests, self._max_requests, self._max_file_bytes):
                prepared = await self._ledger.prepare([event for event, _ in group])
                running.append(await self._submit(prepared, group))
            leftovers = await asyncio.gather(*(self._finish(batch, outcome) for batch in running))
            running, pending = [], [event for left in leftovers for event in left]
        return outcome

    def _request_line(self, event: MeetingCreated) -> bytes:
        """The meeting's line of a batch's input file: its live request, keyed by event_id."""
        request = self._classifier.prepare(event.meeting.transcript, event.meeting.language)
        line = {"custom_id": str(event.event_id), "method": "POST", "url": BATCH_ENDPOINT}
        return orjson.dumps({**line, "body": request.body}) + b"\n"

    async def _submit(
        self, batch: PreparedBatch, requests: Sequence[tuple[MeetingCreated, bytes]]
    ) -> SubmittedBatch:
        events = [event for event, _ in requests]
        if self._budget is not None and self._spend is not None:
            spent = await self._spend.today()
            if spent >= self._budget:
                raise BudgetSpent(
                    f"today's LLM budget is spent ({spent:.2f} of {self._budget:.2f} USD); "
                    f"{len(events)} meeting(s) left prepared for the next run"
                )
        content = b"".join(line for _, line in requests)
        name = f"streamproc-batch-{batch.row_id}.jsonl"
        try:
            file_id = await self._call(lambda: self._api.upload_batch_file(name, content))
            created = await self._call(
                lambda: self._api.create_batch(file_id, {METADATA_KEY: str(batch.token)})
            )
        except BatchRejected as error:
            await self._ledger.finish(batch, LedgerState.FAILED, "rejected", {"error": str(error)})
            raise
        self._report(f"batch {created.batch_id}: {len(events)} meeting(s) submitted")
        return await self._record(batch, created.batch_id, events)

    async def _resume_prepared(
        self, batch: PreparedBatch, events: Sequence[MeetingCreated]
    ) -> SubmittedBatch:
        """Submit a batch prepared before a restart, unless the API already has it (the command
        stopped between creating it and recording its id)."""
        found = await self._call(lambda: self._api.find_batch(METADATA_KEY, str(batch.token)))
        if found is None:
            return await self._submit(batch, [(e, self._request_line(e)) for e in events])
        self._report(f"batch {found.batch_id}: created before a restart, resumed")
        return await self._record(batch, found.batch_id, events)

    async def _record(
        self, batch: PreparedBatch, batch_id: str, events: Sequence[MeetingCreated]
    ) -> SubmittedBatch:
        submitted = await self._ledger.submitted(batch, batch_id)
        await asyncio.gather(
            *(self._completion.retry(partial(self._processing, e)) for e in events)
        )
        return submitted

    async def _finish(self, batch: LedgerBatch, outcome: BackfillOutcome) -> list[MeetingCreated]:
        """Wait for the batch to end and ingest it; returns the meetings it did not reach."""
        events = await self._ledger.events(batch)
        if isinstance(batch, PreparedBatch):
            batch = await self._resume_prepared(batch, events)
        outcome.batches.append(batch.batch_id)
        try:
            state = await self._wait(batch.batch_id)
        except BatchRejected as error:  # e.g. 404: not this API's batch (OPENAI_BASE_URL changed)
            state = BatchState(batch.batch_id, "unknown", None, None, (str(error),), 0, 0)
        if state.status in ("failed", "unknown"):
            reason = "; ".join(state.errors) or "no reason given"
            outcome.failed.append(f"batch {state.batch_id} {state.status}: {reason}")
            await self._ledger.finish(batch, LedgerState.FAILED, state.status, {"errors": reason})
            return []
        sorted_out = self._sort(batch, events, await self._answers(state))
        seconds = (datetime.now(UTC) - batch.submitted_at).total_seconds()
        for chunk in _chunks(sorted_out.stored, STORE_CONCURRENCY):
            await asyncio.gather(
                *(self._complete(event, result, seconds) for event, result in chunk)
            )
        if sorted_out.live:
            await self._send_live(sorted_out.live)
        if sorted_out.cost_usd and self._spend is not None:
            await self._spend.add(sorted_out.cost_usd)
        await self._ledger.finish(batch, LedgerState.INGESTED, state.status, sorted_out.counts())
        outcome.stored += len(sorted_out.stored)
        outcome.expired += len(sorted_out.expired)
        outcome.live += [event.meeting.meeting_id for event in sorted_out.live]
        outcome.cost_usd += sorted_out.cost_usd
        self._report(
            f"batch {state.batch_id} {state.status}: {len(sorted_out.stored)} stored, "
            f"{len(sorted_out.live)} to the live path, {len(sorted_out.expired)} not reached"
        )
        return sorted_out.expired

    async def _answers(self, state: BatchState) -> list[BatchLine]:
        """The lines of the batch's output and error files; an unreadable line is skipped (its
        request then counts as not reached, and goes into the next batch)."""
        lines = []
        for file_id in (state.output_file_id, state.error_file_id):
            if file_id is None:
                continue
            content = await self._call(partial(self._api.file_content, file_id))
            for text in content.decode("utf-8", errors="replace").splitlines():
                try:
                    lines.append(BatchLine.parse(text))
                except (ValueError, AttributeError) as error:
                    log.warning("batch %s: unreadable line skipped: %s", state.batch_id, error)
        return lines

    def _sort(
        self, batch: SubmittedBatch, events: Sequence[MeetingCreated], lines: Sequence[BatchLine]
    ) -> _SortedAnswers:
        by_id = {str(event.event_id): event for event in events}
        sorted_out = _SortedAnswers()
        for line in lines:
            event = by_id.pop(line.custom_id, None)
            if event is None:
                log.warning(
                    "batch %s: unknown or repeated custom_id=%s", batch.batch_id, line.custom_id
                )
            elif line.error_code == EXPIRED:
                sorted_out.expired.append(event)
            elif line.status_code == 200:
                self._validate(event, line, sorted_out)
            else:
                log.warning(
                    "batch request failed, sent to the live path: event_id=%s status=%s error=%s",
                    line.custom_id,
                    line.status_code,
                    line.error_code,
                )
                sorted_out.live.append(event)
        sorted_out.expired += by_id.values()  # no line at all: not reached either
        return sorted_out

    def _validate(self, event: MeetingCreated, line: BatchLine, sorted_out: _SortedAnswers) -> None:
        request = self._classifier.prepare(event.meeting.transcript, event.meeting.language)
        try:
            result = self._classifier.batch_result(request, line.body)
        except ClassificationRejected as error:
            sorted_out.cost_usd += error.usage.cost_usd if error.usage else 0.0
            log.warning(
                "batch answer unusable, sent to the live path: event_id=%s: %s",
                line.custom_id,
                error,
            )
            sorted_out.live.append(event)
            return
        sorted_out.cost_usd += result.usage.cost_usd if result.usage else 0.0
        sorted_out.stored.append((event, result))

    async def _processing(self, event: MeetingCreated) -> bool:
        return await self._tasks.mark_processing(
            event.effective_task_id, event.meeting.meeting_id, str(event.event_id)
        )

    async def _complete(
        self, event: MeetingCreated, result: ClassifierResult, seconds: float
    ) -> None:
        stored = await self._completion.store(event, result, seconds)
        await self._completion.announce(stored, event, classified_now=False)

    async def _wait(self, batch_id: str) -> BatchState:
        """Poll until the batch ends, reporting each change of status or progress."""
        started = time.monotonic()
        reported: tuple[str, int, int] | None = None
        while True:
            state = await self._call(lambda: self._api.batch(batch_id))
            if state.finished:
                return state
            progress = (state.status, state.answered, state.total)
            if progress != reported:
                reported = progress
                self._report(
                    f"batch {batch_id}: {state.status}, {state.answered} of {state.total} "
                    f"answered after {time.monotonic() - started:.0f} s"
                )
            await asyncio.sleep(self._poll_seconds)

    async def _call(self, call: Callable[[], Awaitable[T]]) -> T:
        """A Batch API call: retried while the service is unavailable (429, 5xx, timeouts)."""

        async def attempt() -> T:
            try:
                return await call()
            except (ChatRequestRejected, ChatMalformedAnswer) as error:
                raise BatchRejected(str(error)) from error
            except ChatAPIError as error:
                raise TransientError("openai", f"{type(error).__name__}: {error}") from error

        return await until_done(attempt, self._backoff)


def batch_files(
    requests: Iterable[tuple[T, bytes]], max_requests: int, max_bytes: int
) -> Iterator[list[tuple[T, bytes]]]:
    """Consecutive groups of requests within the API's limits per input file (a single line over
    `max_bytes` still forms a group of its own, which the API then refuses, reported as such)."""
    group: list[tuple[T, bytes]] = []
    size = 0
    for request in requests:
        if group and (len(group) == max_requests or size + len(request[1]) > max_bytes):
            yield group
            group, size = [], 0
        group.append(request)
        size += len(request[1])
    if group:
        yield group


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def backfill(
    settings: Settings,
    topics: Topics,
    store: ClassificationStore,
    events: Sequence[MeetingCreated],
    poll_seconds: float,
    report: Callable[[str], None],
) -> BackfillOutcome:
    """Open what a backfill needs beside `store`, run it, close them."""
    from streamproc.stream.app import build_llm_classifier

    classifier = build_llm_classifier(settings)
    api_key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    api = ChatCompletionsAPI(
        settings.openai_base_url, api_key, settings.llm_timeout_seconds, max_connections=4
    )
    backoff = Backoff(settings.retry_initial_seconds, settings.retry_max_seconds)
    spend = DailySpend.from_url(settings.redis_url, settings.consumer_group)

    async def send_live(events: Sequence[MeetingCreated]) -> None:
        await publish_meetings(settings, topics, events, on_published=lambda _: None)

    try:
        async with (
            TaskTable.opened(settings.redis_url, settings.task_ttl_seconds) as tasks,
            KafkaPublisher.opened(settings) as publisher,
        ):
            completion = Completion(
                topics=topics, store=store, tasks=tasks, publisher=publisher, backoff=backoff
            )
            run = BatchBackfill(
                api=api,
                classifier=classifier,
                ledger=BatchLedger(store.pool),
                completion=completion,
                tasks=tasks,
                send_live=send_live,
                spend=spend,
                daily_budget_usd=settings.llm_daily_budget_usd,
                backoff=backoff,
                poll_seconds=poll_seconds,
                report=report,
            )
            return await run.run(events)
    finally:
        await asyncio.gather(api.close(), classifier.close(), spend.close())
