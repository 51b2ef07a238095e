"""The `streamproc` command: run a worker, publish meetings, follow and check them, operate the
topics, the database and the dead letters, and evaluate the classifiers."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
from collections.abc import Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final

import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from streamproc.classify.base import Classifier
from streamproc.errors import (
    ConfigurationError,
    PermanentEventError,
    StreamprocError,
    error_types,
)
from streamproc.events import (
    ID_PATTERN,
    ClassificationCompleted,
    MeetingCreated,
    describe_validation_error,
)
from streamproc.local.devstack import default_root
from streamproc.settings import (
    ClassifierKind,
    Settings,
    describe_settings_error,
    settings_markdown,
)
from streamproc.store.postgres import ClassificationStore
from streamproc.store.schema import taxonomy_column_definitions
from streamproc.store.tasks import TaskTable
from streamproc.stream.producer import publish_meetings
from streamproc.stream.records import RECLASSIFICATION_HEADER
from streamproc.stream.topics import TopicAdmin, Topics
from streamproc.taxonomy import BusinessSector, Classification

if TYPE_CHECKING:
    from streamproc.operations.batch_backfill import BackfillOutcome

SCHEMAS_DIR: Final = Path("schemas")
SETTINGS_DOC: Final = Path("docs/settings.md")
EXIT_FAILED: Final = 1
EXIT_CONFIGURATION: Final = 2
VERIFY_SHOWN_IDS: Final = 5

# Plain help (no rich panels): flags show no value placeholder, and 80 columns stay readable.
app = typer.Typer(no_args_is_help=True, help=__doc__, add_completion=False, rich_markup_mode=None)
topics_app = typer.Typer(
    no_args_is_help=True,
    help="Create or verify the topics of topics.yaml.",
    rich_markup_mode=None,
)
app.add_typer(topics_app, name="topics")
console = Console()


def load_settings() -> Settings:
    """Settings from the environment; an invalid one stops here, named, without echoing values."""
    try:
        return Settings()
    except ValidationError as error:
        print_error(describe_validation_error(error), "invalid settings:")
        raise typer.Exit(EXIT_CONFIGURATION) from error
    except SettingsError as error:  # a value pydantic-settings cannot even parse (bad JSON)
        print_error(describe_settings_error(error), "invalid settings:")
        raise typer.Exit(EXIT_CONFIGURATION) from error


# `--poll-seconds` of the commands that can go through the Batch API.
BatchPollSeconds = Annotated[
    float, typer.Option(min=0.01, help="with --batch: how often to ask how a batch is doing")
]


def print_error(error: object, prefix: str = "error:") -> None:
    """The message as written: brackets in it ("streamproc[charts]") are not rich markup, and
    a long line is not wrapped (logs and pipes keep it whole)."""
    console.print(Text.assemble((f"{prefix} ", "red"), str(error)), soft_wrap=True)


def _run(coroutine: Callable[[], Coroutine[Any, Any, int | None]]) -> None:
    """Run a command's coroutine; a streamproc error becomes a clear message and exit code 2."""
    try:
        code: int | None = asyncio.run(coroutine())
    except StreamprocError as error:
        print_error(error)
        raise typer.Exit(EXIT_CONFIGURATION) from error
    if code:
        raise typer.Exit(code)


@app.command()
def worker() -> None:
    """Run a worker: consume meetings.created, classify, store, publish (configured by env vars)."""
    from streamproc.stream.worker import run_worker

    settings = load_settings()
    logging.basicConfig(
        level=settings.log_level.value.upper(),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    try:
        run_worker(settings)
    except StreamprocError as error:
        print_error(error, "worker not started:")
        raise typer.Exit(EXIT_CONFIGURATION) from error


@app.command()
def publish(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=".csv or .jsonl")],
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="a backlog: classify through the OpenAI Batch API at the batch price instead"
            " of publishing to meetings.created; skips meetings already classified",
        ),
    ] = False,
    poll_seconds: BatchPollSeconds = 60.0,
) -> None:
    """Publish meetings from a CSV (the seed's columns) or JSON Lines of meetings.created events."""
    settings = load_settings()

    async def publish_file() -> int:
        from streamproc.local.sources import read_events

        events = read_events(file)
        topics = Topics.load(settings.topics_file)
        if batch:
            return await _publish_through_batches(settings, topics, events, poll_seconds)
        with Progress(console=console) as progress:
            bar = progress.add_task("publishing", total=len(events))

            def published(event: MeetingCreated) -> None:
                progress.advance(bar)
                progress.console.print(f"{event.effective_task_id}  {event.meeting.meeting_id}")

            await publish_meetings(settings, topics, events, on_published=published)
        console.print(f"published {len(events)} meeting(s) to {topics.meetings_created.name}")
        return 0

    _run(publish_file)


async def _publish_through_batches(
    settings: Settings, topics: Topics, events: list[MeetingCreated], poll_seconds: float
) -> int:
    from streamproc.operations.batch_backfill import backfill
    from streamproc.store.batches import unclassified

    _require_openai_settings(settings)
    async with ClassificationStore.opened(settings.database_url, pool_size=4) as store:
        await store.verify_schema()
        todo = await unclassified(store, events)
        console.print(
            f"{len(todo.events)} meeting(s) to classify through the Batch API; "
            f"{todo.stored} already classified, {todo.in_batches} in unfinished batches"
        )
        for event in todo.events:
            console.print(f"{event.effective_task_id}  {event.meeting.meeting_id}")
        outcome = await backfill(settings, topics, store, todo.events, poll_seconds, console.print)
    _print_backfill(outcome)
    return _report_failed_batches(outcome.failed)


def _print_backfill(outcome: BackfillOutcome) -> None:
    console.print(
        f"batch API: {outcome.stored} stored, {len(outcome.live)} sent to the live "
        f"path, {outcome.expired} resubmitted after expiring, "
        f"{outcome.resumed} batch(es) resumed; cost {outcome.cost_usd:.4f} USD"
    )


@app.command()
def status(task_id: str) -> None:
    """Print a task's status and, once completed, its result."""
    if not re.fullmatch(ID_PATTERN, task_id):
        raise typer.BadParameter(
            "malformed: letters, digits and . _ : - only, 1 to 128 characters, no spaces",
            param_hint="TASK_ID",
        )
    settings = load_settings()

    async def show() -> int:
        async with TaskTable.opened(settings.redis_url, settings.task_ttl_seconds) as tasks:
            task = await tasks.get(task_id)
        if task is None:
            console.print(f"task {task_id}: unknown (never published, or expired after the TTL)")
            return EXIT_FAILED
        console.print_json(json.dumps(task, ensure_ascii=False))
        return 0

    _run(show)


@app.command()
def check() -> None:
    """Test the connections to the broker, PostgreSQL and Redis, with a verdict for each."""
    settings = load_settings()

    async def check_all() -> int:
        from streamproc.operations.check import check_connections

        verdicts = await check_connections(settings)
        for verdict in verdicts:
            problem = verdict.problem
            shown = "[green]ok[/]" if problem is None else f"[red]FAILED[/] {escape(problem)}"
            console.print(f"{verdict.name:<13} {escape(verdict.target):<40} {shown}")
        failed = sum(verdict.problem is not None for verdict in verdicts)
        console.print("all connections ok" if not failed else f"{failed} connection(s) failed")
        return EXIT_FAILED if failed else 0

    _run(check_all)


@topics_app.command("apply")
def topics_apply() -> None:
    """Create the topics that are missing, then verify every topic against topics.yaml."""
    settings = load_settings()

    async def apply() -> None:
        topics = Topics.load(settings.topics_file)
        async with TopicAdmin.from_settings(settings) as admin:
            created = await admin.apply(topics)
        for name in created:
            console.print(f"created {name}")
        console.print("topics match topics.yaml")

    _run(apply)


@topics_app.command("verify")
def topics_verify() -> None:
    """Verify the topics against topics.yaml without changing anything."""
    settings = load_settings()

    async def verify() -> None:
        topics = Topics.load(settings.topics_file)
        async with TopicAdmin.from_settings(settings) as admin:
            await admin.verify(topics)
        console.print("topics match topics.yaml")

    _run(verify)


@app.command()
def migrate() -> None:
    """Apply the database migrations that are not applied yet."""
    settings = load_settings()

    async def apply() -> None:
        async with ClassificationStore.opened(settings.database_url, pool_size=1) as store:
            applied = await store.ensure_schema()
        console.print(f"applied: {', '.join(applied)}" if applied else "database is up to date")

    _run(apply)


@app.command("eval")
def evaluate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(exists=True, dir_okay=False, help="labelled .jsonl or .csv file(s)"),
    ] = None,
    from_feedback: Annotated[
        bool,
        typer.Option(
            "--from-feedback", help="score on the meetings people corrected, labelled as corrected"
        ),
    ] = False,
    author: Annotated[
        str | None, typer.Option(help="with --from-feedback: only this reviewer's corrections")
    ] = None,
    classifier: Annotated[
        list[ClassifierKind] | None,
        typer.Option(help="offline (default) or openai; give two to compare them side by side"),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="also write report.md and PNG charts there (needs the charts extra)"),
    ] = None,
    store: Annotated[
        bool, typer.Option(help="record each classifier's scores in PostgreSQL (evaluation_runs)")
    ] = True,
    concurrency: Annotated[int, typer.Option(min=1, help="meetings classified at once")] = 8,
) -> None:
    """Score classifiers against human labels: accuracy, macro-F1, confusion, calibration."""
    settings = load_settings()
    kinds = list(dict.fromkeys(classifier or [ClassifierKind.OFFLINE]))

    async def run() -> int:
        from streamproc.evaluation import run as evaluation

        meetings, dataset = await evaluation.labelled_meetings(
            settings.database_url, files or [], from_feedback, author
        )
        runs: list[evaluation.EvaluationRun] = []
        for kind in kinds:
            chosen = await _classifier_for(kind, settings)
            try:
                scored, failures = await evaluation.evaluate(chosen, meetings, dataset, concurrency)
            finally:
                await _close_classifier(chosen)
            for meeting_id, error in failures.items():
                print_error(error, f"{kind.value} failed on {meeting_id}:")
            runs.append(scored)
        report = evaluation.report(runs, len(meetings))
        print(report)
        # The report and the stored runs first: the charts are an optional extra, and a run
        # that cannot draw them must not lose the rest.
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / "report.md").write_text(report, encoding="utf-8")
            console.print(f"wrote {out / 'report.md'}", markup=False)
        if store:
            earlier = await evaluation.store_runs(settings.database_url, runs)
            console.print(f"stored {len(runs)} run(s) in evaluation_runs")
            for row in earlier[-5:]:
                console.print(
                    f"  earlier on this data: {row['evaluated_at']:%Y-%m-%d %H:%M} "
                    f"{evaluation.run_name_of_row(row)} mean accuracy {row['mean_accuracy']:.3f}",
                    markup=False,
                )
        if out is not None:
            from streamproc.evaluation.charts import write_charts

            named = [(evaluation.run_name(run), run.scores) for run in runs]
            charts = write_charts(named, out)
            console.print(f"wrote {len(charts)} chart(s) to {out}", markup=False)
        return 0

    _run(run)


async def _classifier_for(kind: ClassifierKind, settings: Settings) -> Classifier:
    if kind is ClassifierKind.OFFLINE:
        from streamproc.classify.offline import OfflineClassifier

        return OfflineClassifier()
    _require_openai_settings(settings)
    from streamproc.stream.app import build_llm_classifier

    return build_llm_classifier(settings)


def _require_openai_settings(settings: Settings) -> None:
    problem = settings.llm_settings_problem()
    if problem:
        raise ConfigurationError(f"the openai classifier cannot run: {problem}")


async def _close_classifier(classifier: Classifier) -> None:
    close = getattr(classifier, "close", None)
    if close is not None:
        await close()


@app.command()
def explain(
    file: Annotated[str, typer.Argument(help="a transcript file, or - for standard input")],
    field: Annotated[
        list[str] | None, typer.Option(help="only this field (repeatable); all by default")
    ] = None,
) -> None:
    """Why the offline classifier answers what it does for one transcript: the sentences it
    found, the cues that fired with their weights, and each field's totals."""
    from streamproc.classify.explain import render
    from streamproc.classify.offline import OfflineClassifier

    try:
        transcript = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise typer.BadParameter(f"cannot read {file}: {error}", param_hint="FILE") from error
    if not transcript.strip():
        raise typer.BadParameter(f"{file} holds no transcript", param_hint="FILE")
    known = set(Classification.model_fields)
    unknown = sorted(set(field or ()) - known)
    if unknown:
        raise typer.BadParameter(f"unknown field(s) {unknown}", param_hint="--field")
    typer.echo(render(OfflineClassifier().explain(transcript), field or ()))


@app.command()
def reclassify(
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="only meetings held on or after this date"),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="only meetings held on or before this date"),
    ] = None,
    sector: Annotated[
        BusinessSector | None, typer.Option(help="only meetings whose current result has it")
    ] = None,
    classifier: Annotated[
        ClassifierKind | None,
        typer.Option(help="the classifier the workers run (default: STREAMPROC_CLASSIFIER)"),
    ] = None,
    wait_seconds: Annotated[
        float, typer.Option(min=0, help="how long to wait for the new results (0: do not wait)")
    ] = 600.0,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="classify through the OpenAI Batch API at the batch price instead of the workers'"
            " live calls; resumes unfinished batches first",
        ),
    ] = False,
    poll_seconds: BatchPollSeconds = 60.0,
) -> None:
    """Re-run stored meetings through the current classifier, via meetings.created (or the Batch
    API); earlier results are kept, the latest for a meeting's newest transcript is current. A
    meeting the same classifier version already classified is skipped; running it twice publishes
    nothing new."""
    if since and until and until < since:
        raise typer.BadParameter("the date is before --since", param_hint="--until")
    settings = load_settings()
    kind = classifier or settings.classifier
    if batch and kind is not ClassifierKind.OPENAI:
        raise typer.BadParameter("--batch needs the openai classifier", param_hint="--batch")

    async def run() -> int:
        from streamproc.operations.batch_backfill import backfill
        from streamproc.operations.reclassify import (
            Selection,
            plan,
            summary_lines,
            wait_for_changes,
        )

        chosen = await _classifier_for(kind, settings)
        info = chosen.info
        await _close_classifier(chosen)
        selection = Selection(
            since=since.date() if since else None,
            until=until.date() if until else None,
            sector=sector.value if sector else None,
        )
        topics = Topics.load(settings.topics_file)
        async with ClassificationStore.opened(settings.database_url, pool_size=4) as store:
            await store.verify_schema()
            work = await plan(store, selection, info)
            console.print(
                f"{len(work.events)} meeting(s) to reclassify with {info.name} "
                f"{info.model}/{info.version}; {work.already_done} already done, "
                f"{work.in_unfinished_batch} in unfinished batches"
            )
            failed_batches: list[str] = []
            if batch:  # resumes unfinished batches, even with nothing new to submit
                outcome = await backfill(
                    settings, topics, store, work.events, poll_seconds, console.print
                )
                failed_batches = outcome.failed
                _print_backfill(outcome)
            elif not work.events:
                console.print("nothing to reclassify")
            else:
                with Progress(console=console) as progress:
                    bar = progress.add_task("publishing", total=len(work.events))
                    await publish_meetings(
                        settings,
                        topics,
                        work.events,
                        on_published=lambda _: progress.advance(bar),
                        headers=[(RECLASSIFICATION_HEADER, b"1")],
                    )
            if not wait_seconds or not work.events:
                return _report_failed_batches(failed_batches)
            console.print(f"waiting up to {wait_seconds:.0f} s for the results …")
            changes = await wait_for_changes(store, work, wait_seconds)
        for line in summary_lines(work, changes):
            console.print(line)
        return _report_failed_batches(failed_batches) or (EXIT_FAILED if changes.missing else 0)

    _run(run)


def _report_failed_batches(failures: list[str]) -> int:
    for failure in failures:
        console.print(
            f"{failure}; its meetings were not classified: run again to retry",
            style="red",
            markup=False,
        )
    return EXIT_FAILED if failures else 0


@app.command()
def batches(
    finished: Annotated[
        int, typer.Option(min=0, help="also list this many of the latest finished batches")
    ] = 10,
) -> None:
    """List the Batch API batches: every unfinished one (a --batch command resumes them) and the
    latest finished, with what became of their meetings."""
    settings = load_settings()

    async def show() -> None:
        from streamproc.store.batches import BatchLedger

        async with ClassificationStore.opened(settings.database_url, pool_size=1) as store:
            await store.verify_schema()
            rows = await BatchLedger(store.pool).listing(finished)
        # Two short lines per batch, not a table: batch ids and outcomes do not fit 80 columns.
        for row in rows:
            submitted = row["submitted_at"]
            when = f"submitted {submitted:%Y-%m-%d %H:%M}" if submitted else "not submitted"
            api_status = f" (API: {row['api_status']})" if row["api_status"] else ""
            console.print(
                f"#{row['id']}  {row['state']}{api_status}  {row['requests']} meeting(s)  {when}",
                markup=False,
            )
            console.print(
                f"    {row['batch_id'] or 'no batch id yet'}; outcome: {row['outcome'] or '-'}",
                markup=False,
                soft_wrap=True,
            )
        if not rows:
            console.print("no Batch API batches")

    _run(show)


@app.command("replay-dlq")
def replay_dlq(
    error_type: Annotated[
        list[str] | None,
        typer.Option(help="Replay only dead letters of this streamproc.error.type (repeatable)"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be replayed; publish nothing")
    ] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Replay at most N dead letters")] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Also replay dead letters an earlier run replayed")
    ] = False,
) -> None:
    """Republish dead letters (original key, value, headers) to meetings.created after a fix.

    Reads classifications.failed from the beginning to its current end and skips what an earlier
    run replayed (recorded in PostgreSQL). A replayed event keeps its event_id, so the worker
    de-duplicates it: replaying the same dead letters twice stores and completes each meeting once.
    """
    from streamproc.operations.replay import UNKNOWN_ERROR_TYPE, replay_dead_letters
    from streamproc.operations.replay import error_type as type_of

    known = {*error_types(PermanentEventError), UNKNOWN_ERROR_TYPE}
    unknown = sorted(set(error_type or ()) - known)
    if unknown:
        raise typer.BadParameter(
            f"unknown error type(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}",
            param_hint="--error-type",
        )
    settings = load_settings()

    async def replay() -> None:
        topics = Topics.load(settings.topics_file)
        summary = await replay_dead_letters(
            settings, topics, set(error_type or ()), limit, dry_run, again
        )
        if dry_run:
            for record in summary.selected:
                key = "-" if record.key is None else record.key.decode("utf-8", "replace")
                console.print(
                    f"{record.partition}/{record.offset}  {type_of(record)}  {key}", markup=False
                )
        by_type = ", ".join(f"{name}={count}" for name, count in summary.by_error_type().items())
        console.print(
            f"selected {len(summary.selected)} dead letter(s) ({by_type or 'none'}); "
            f"{summary.already_replayed} replayed before (skipped; --again replays them)"
        )
        if dry_run:
            console.print(f"dry run: nothing published to {topics.meetings_created.name}")
        else:
            console.print(f"replayed {summary.replayed} to {topics.meetings_created.name}")

    _run(replay)


@app.command()
def verify(
    since_minutes: Annotated[
        float | None, typer.Option(min=0, help="Only records written in the last M minutes")
    ] = None,
) -> None:
    """Cross-check topics, PostgreSQL and Redis; exit 1 on anything missing, duplicated or stuck.

    Run it when the workers are idle: an event still in flight shows as missing.
    """
    from streamproc.operations.verify import CATEGORIES, compare, observe

    settings = load_settings()

    async def check_consistency() -> int:
        report = compare(await observe(settings, Topics.load(settings.topics_file), since_minutes))
        table = Table("check", "count", "first ids")
        table.add_row("inputs", str(report.inputs), "")
        table.add_row("completed (distinct)", str(report.completed), "")
        table.add_row("dead-lettered", str(report.dead_lettered), "")
        for category in CATEGORIES:
            ids = report.problems.get(category, [])
            style = "red" if ids else "green"
            table.add_row(category, f"[{style}]{len(ids)}[/]", ", ".join(ids[:VERIFY_SHOWN_IDS]))
        console.print(table)
        console.print("consistent" if report.consistent else "[red]INCONSISTENT[/]")
        return 0 if report.consistent else EXIT_FAILED

    _run(check_consistency)


@app.command()
def generate() -> None:
    """Write the JSON Schema files of the event contracts and docs/settings.md; print the
    taxonomy's column DDL."""
    SCHEMAS_DIR.mkdir(exist_ok=True)
    for path, document in event_schemas().items():
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
        console.print(f"wrote {path}")
    SETTINGS_DOC.write_text(settings_markdown(), "utf-8")
    console.print(f"wrote {SETTINGS_DOC}")
    console.print("-- taxonomy columns, for a new migration:")
    console.print(",\n".join(taxonomy_column_definitions()), markup=False, highlight=False)


@app.command()
def quickstart(
    file: Annotated[
        Path | None, typer.Option(help="Meetings to publish; default: the bundled sample")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for all results")] = 180.0,
) -> None:
    """Start embedded services and a worker, publish the sample, and show results as they arrive."""
    from streamproc.local.quickstart import run_quickstart

    root = default_root() / "quickstart"
    try:
        code = run_quickstart(console, file, root, timeout)
    except StreamprocError as error:
        print_error(error)
        raise typer.Exit(EXIT_CONFIGURATION) from error
    if code:
        raise typer.Exit(code)


def event_schemas() -> dict[Path, dict[str, Any]]:
    return {
        SCHEMAS_DIR / "meetings.created.v1.json": MeetingCreated.model_json_schema(),
        SCHEMAS_DIR
        / "classifications.completed.v1.json": ClassificationCompleted.model_json_schema(),
    }


def main() -> None:
    app()
