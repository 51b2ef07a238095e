"""Throughput, latency and cost of `streamproc worker`, next to what merely moving events costs.

    .venv/bin/python bench/harness.py [--meetings 3000] [--concurrency 1,16,64,256] [--workers 1,2]
    .venv/bin/python bench/harness.py --classifier openai --llm-latency 0.3 --concurrency 10,50,100
    .venv/bin/python bench/harness.py --transcripts monologues --concurrency 16

Starts its own broker, PostgreSQL and Redis on 127.0.0.1 in a temporary folder and stops them at
the end. Offline, each concurrency is compared with a bare aiokafka loop (the Kafka floor), a
pass-through agent on the worker's Faust app (the Faust floor) and the seed's design (two workers
handling one meeting at a time). With --classifier openai the worker calls a fake LLM that answers
after --llm-latency seconds, measured alone first. Writes report.md, results.json and PNG charts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import uvloop
from fake_llm import launch as launch_fake
from fake_llm import measure_fake
from processes import (
    SAMPLE_SECONDS,
    SERVICE_SAMPLE_SECONDS,
    CpuSampler,
    ProcessGroup,
    cpu_of,
    cpu_of_tree,
    launch_script,
    launch_worker,
)
from report import (
    FAUST_FLOOR,
    KAFKA_FLOOR,
    MISSING_CHARTS_EXTRA,
    FakeRun,
    Latency,
    Results,
    Run,
    charts_available,
    load_average,
    machine,
    markdown,
    write,
)
from workload import (
    REPO,
    OutputReader,
    create_topics,
    delete_topics,
    group_members,
    monologues,
    publish_backlog,
    publish_paced,
    raw_value,
    records,
    source_event_id,
    transcripts,
    word_stats,
)

from streamproc.local.devstack import LocalServices, free_port
from streamproc.local.quickstart import LOCAL_BROKER_ENVIRONMENT, stop_worker

Launcher = Callable[[dict[str, str], Path], subprocess.Popen[bytes]]
# The paced rate for a run, given its drain.
Pace = Callable[[Run], float]

# A drained worker waits this long before the paced load, so its last commits are done.
SETTLE_SECONDS: Final = 1.0
# Limits the LLM worker must not hit: the benchmark measures the worker, not the rate limiter.
UNLIMITED_LLM: Final = {
    "STREAMPROC_LLM_REQUESTS_PER_MINUTE": "100000000",
    "STREAMPROC_LLM_TOKENS_PER_MINUTE": "100000000000",
}


@dataclass(frozen=True)
class Options:
    meetings: int
    concurrency: list[int]
    workers: list[int]
    classifier: str
    transcripts: str
    llm_latency: float
    references: bool
    paced: bool
    paced_seconds: float
    paced_max: int
    rate: float | None
    floor_meetings: int
    floor_rate: float
    timeout: float
    fake_seconds: float
    seed: int
    out: Path
    log_level: str
    keep: bool

    @property
    def llm(self) -> bool:
        return self.classifier == "openai"


def parse(arguments: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--meetings", type=int, default=3000, help="N per drain (default 3000)")
    parser.add_argument(
        "--concurrency", default=None, help="comma-separated STREAMPROC_CONCURRENCY values"
    )
    parser.add_argument(
        "--workers", default="1", help="comma-separated worker processes in one group, e.g. 1,2"
    )
    parser.add_argument("--classifier", choices=("offline", "openai"), default="offline")
    parser.add_argument(
        "--transcripts",
        choices=("dialogues", "monologues"),
        default="dialogues",
        help="dialogues of 60-1,000 words, or the real input's short client monologues",
    )
    parser.add_argument("--llm-latency", type=float, default=0.3, help="fake LLM delay, seconds")
    parser.add_argument(
        "--no-references",
        dest="references",
        action="store_false",
        help="skip the Kafka floor, the Faust floor and the seed's design (offline only)",
    )
    parser.add_argument("--no-paced", dest="paced", action="store_false", help="skip latency runs")
    parser.add_argument("--paced-seconds", type=float, default=20.0)
    parser.add_argument("--paced-max", type=int, default=10_000, help="cap on paced meetings")
    parser.add_argument("--rate", type=float, default=None, help="paced rate (default: drain/2)")
    parser.add_argument(
        "--floor-meetings",
        type=int,
        default=30_000,
        help="the floors drain this many (the N meetings repeated): N alone lasts milliseconds",
    )
    parser.add_argument(
        "--floor-rate", type=float, default=100.0, help="the floors' paced rate, per second"
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="limit per wait, seconds")
    parser.add_argument("--fake-seconds", type=float, default=5.0, help="fake-alone measurement")
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument(
        "--out", type=Path, default=None, help="default: bench/results/CLASSIFIER[-workers-K]"
    )
    parser.add_argument("--log-level", default="warning", help="of the measured processes")
    parser.add_argument("--keep", action="store_true", help="keep the logs' temporary folder")
    parsed = parser.parse_args(arguments)
    default_concurrency = "10,50,100,500" if parsed.classifier == "openai" else "1,16,64,256"
    concurrency = [int(value) for value in (parsed.concurrency or default_concurrency).split(",")]
    workers = [int(value) for value in parsed.workers.split(",")]
    return Options(
        meetings=parsed.meetings,
        concurrency=concurrency,
        workers=workers,
        classifier=parsed.classifier,
        transcripts=parsed.transcripts,
        llm_latency=parsed.llm_latency,
        references=parsed.references and parsed.classifier == "offline",
        paced=parsed.paced,
        paced_seconds=parsed.paced_seconds,
        paced_max=parsed.paced_max,
        rate=parsed.rate,
        floor_meetings=max(parsed.meetings, parsed.floor_meetings),
        floor_rate=parsed.floor_rate,
        timeout=parsed.timeout,
        fake_seconds=parsed.fake_seconds,
        seed=parsed.seed,
        out=parsed.out or default_out(parsed.classifier, workers, parsed.transcripts),
        log_level=parsed.log_level,
        keep=parsed.keep,
    )


def default_out(classifier: str, workers: list[int], texts: str) -> Path:
    """One folder per kind of measurement, so one does not overwrite another."""
    suffix = "" if workers == [1] else "-workers-" + "-".join(map(str, workers))
    suffix += "-monologues" if texts == "monologues" else ""
    return REPO / "bench" / "results" / f"{classifier}{suffix}"


def one_meeting_at_a_time(environment: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """A worker as the seed's prefork process runs: one meeting in flight, start to finish."""
    return launch_worker({**environment, "STREAMPROC_MAX_IN_FLIGHT": "1"}, log_path)


def script(name: str) -> Launcher:
    return lambda environment, log: launch_script("floors.py", [name], environment, log)


@dataclass
class Bench:
    """One invocation: its services, its meetings, and the runs made on them."""

    options: Options
    services: LocalServices
    folder: Path
    texts: list[str]
    environment: dict[str, str]
    services_cpu: CpuSampler

    @property
    def bootstrap(self) -> str:
        return self.services.broker.bootstrap_servers

    def worker_pace(self, run: Run) -> float:
        """The project's target is stated at half the maximum rate."""
        return self.options.rate or run.rate / 2

    def floor_pace(self, run: Run) -> float:
        """The floors at a low, fixed load: the latency the broker and client alone add."""
        return self.options.floor_rate

    def cycled(self, count: int) -> list[str]:
        """`count` transcripts: the workload's, repeated as often as needed."""
        return [self.texts[number % len(self.texts)] for number in range(count)]

    async def run(
        self,
        name: str,
        launchers: Sequence[Launcher],
        concurrency: int | None = None,
        meetings: int | None = None,
        pace: Pace | None = None,
    ) -> Run:
        """Drain `meetings` (default N) with fresh topics and group; then, if `pace` says at
        what rate, measure latency under an open-loop load.

        One process starts on a published backlog. Several start first and the backlog is
        published once all of them consume: on the embedded broker a second member gets its
        partitions ~2 s after the first, which would otherwise count as lost throughput.
        """
        suffix = uuid.uuid4().hex[:8]
        topics_file, topics = await create_topics(self.bootstrap, self.folder, suffix)
        source = topics.meetings_created.name
        backlog = records(self.cycled(meetings or len(self.texts)), f"bench-{suffix}")
        floor = name in (KAFKA_FLOOR, FAUST_FLOOR)
        consumer_group = f"bench-{suffix}"
        environment = {
            **self.environment,
            "STREAMPROC_TOPICS_FILE": str(topics_file),
            "STREAMPROC_CONSUMER_GROUP": consumer_group,
            "STREAMPROC_CONCURRENCY": str(concurrency or 1),
        }
        ready_first = len(launchers) > 1
        keys: set[str] = set()
        publish_s = 0.0
        if not ready_first:
            keys, publish_s = await publish_backlog(self.bootstrap, source, backlog, floor)
        identify = raw_value if floor else source_event_id
        print(f"… {name} {len(launchers)}×{concurrency or 1}: draining {len(backlog)}", flush=True)
        async with OutputReader(
            self.bootstrap, topics.classifications_completed.name, identify
        ) as reader:
            launched = time.time()
            load = os.getloadavg()[0]
            logs = [self.folder / f"{suffix}-{number}.log" for number in range(len(launchers))]
            group = ProcessGroup(
                [
                    launch({**environment, "STREAMPROC_WEB_PORT": str(free_port())}, log)
                    for launch, log in zip(launchers, logs, strict=True)
                ],
                logs,
            )
            try:
                if ready_first:
                    partitions = topics.meetings_created.partitions
                    await self.until_consuming(reader, group, source, consumer_group, partitions)
                    keys, publish_s = await publish_backlog(self.bootstrap, source, backlog)
                await reader.wait(keys, self.options.timeout, group.check)
                await asyncio.sleep(3 * SAMPLE_SECONDS)  # a CPU sample after the last output
                run = self.drained(name, concurrency, group, reader, keys, launched)
                run.publish_s, run.load_average = publish_s, load
                if fallbacks := len(reader.fallbacks & keys):
                    run.notes.append(f"{fallbacks} of {len(keys)} classified by the fallback")
                if ready_first:
                    run.notes.append("backlog published once all processes consumed")
                if pace is not None and self.options.paced:
                    run.latency = await self.paced(reader, group, source, run, pace(run))
            finally:
                group.stop()
        await delete_topics(self.bootstrap, topics)
        print(f"  {run.rate:,.0f} meetings/s, {run.cpu_ms_per_meeting:.2f} CPU ms/meeting")
        return run

    def drained(
        self,
        name: str,
        concurrency: int | None,
        group: ProcessGroup,
        reader: OutputReader,
        keys: set[str],
        launched: float,
    ) -> Run:
        """The drain's numbers, over the window from the first to the last of its outputs."""
        stamps = sorted(reader.seen[key] for key in keys)
        first, last = stamps[0] / 1000, stamps[-1] / 1000
        intervals = len(keys) - 1
        return Run(
            name=name,
            concurrency=concurrency,
            workers=len(group.processes),
            meetings=len(keys),
            duplicates=reader.duplicates,
            startup_s=min(reader.seen.values()) / 1000 - launched,
            window_s=last - first,
            rate=intervals / (last - first),
            cpu_ms_per_meeting=(group.cpu_at(last) - group.cpu_at(first)) * 1000 / intervals,
            startup_cpu_s=group.cpu_at(first),
            total_cpu_s=group.cpu_seconds(),
            peak_rss_mb=group.peak_rss_mb(),
            services_cpu_ms={
                service: seconds * 1000 / intervals
                for service, seconds in self.services_cpu.between(first, last).items()
            },
        )

    async def until_consuming(
        self,
        reader: OutputReader,
        group: ProcessGroup,
        topic: str,
        consumer_group: str,
        partitions: int,
    ) -> None:
        """Wait until every process is a member of the group and every partition is consumed
        (one warm-up meeting per partition has completed)."""
        deadline = time.monotonic() + self.options.timeout
        while await group_members(self.bootstrap, consumer_group) < len(group.processes):
            group.check()
            if time.monotonic() > deadline:
                raise TimeoutError(f"{consumer_group}: not all processes joined")
            await asyncio.sleep(0.2)
        warm_up = records(self.cycled(partitions), f"warm-up-{uuid.uuid4().hex[:8]}")
        keys, _seconds = await publish_backlog(
            self.bootstrap, topic, warm_up, partitions=partitions
        )
        await reader.wait(keys, self.options.timeout, group.check)

    async def paced(
        self, reader: OutputReader, group: ProcessGroup, topic: str, run: Run, rate: float
    ) -> Latency:
        """Open-loop load on the idle process(es): latency per meeting from Kafka timestamps."""
        count = max(2, min(self.options.paced_max, round(rate * self.options.paced_seconds)))
        batch = records(self.cycled(count), f"paced-{uuid.uuid4().hex[:8]}")
        await asyncio.sleep(SETTLE_SECONDS)
        print(f"  paced: {count} meetings at {rate:,.1f}/s", flush=True)
        sent = await publish_paced(self.bootstrap, topic, batch, rate, by_position=run.floor)
        await reader.wait(sent.sent_ms.keys(), self.options.timeout, group.check)
        values = [reader.seen[key] - stamp for key, stamp in sent.sent_ms.items()]
        if sent.rate < 0.95 * rate:
            run.notes.append(f"publisher reached only {sent.rate:.0f}/s of {rate:.0f}/s")
        if fallbacks := len(reader.fallbacks & sent.sent_ms.keys()):
            run.notes.append(f"paced: {fallbacks} classified by the fallback")
        return Latency(target_rate=rate, rate=sent.rate, values_ms=values)


async def measure(bench: Bench, results: Results) -> None:
    options = bench.options
    if options.references:
        for name, floor in ((KAFKA_FLOOR, "kafka"), (FAUST_FLOOR, "faust")):
            run = await bench.run(
                name, [script(floor)], meetings=options.floor_meetings, pace=bench.floor_pace
            )
            results.runs.append(run)
    await measure_workers(bench, results)
    if options.references:
        seed_design = [one_meeting_at_a_time] * 2
        run = await bench.run("seed design", seed_design, 1, pace=bench.worker_pace)
        results.runs.append(run)


async def measure_workers(bench: Bench, results: Results) -> None:
    """`streamproc worker` at each number of processes and each concurrency."""
    for processes in bench.options.workers:
        for concurrency in bench.options.concurrency:
            launchers = [launch_worker] * processes
            run = await bench.run("streamproc", launchers, concurrency, pace=bench.worker_pace)
            results.runs.append(run)


async def measure_llm(bench: Bench, results: Results, base_url: str) -> None:
    """The fake alone at each concurrency, then the worker against it."""
    options = bench.options
    for concurrency in options.concurrency:
        capacity = await measure_fake(base_url, concurrency, options.fake_seconds, bench.texts[0])
        ideal = concurrency / options.llm_latency
        results.fake.append(FakeRun(concurrency, ideal, capacity.rate))
        print(f"fake alone C={concurrency}: {capacity.rate:,.0f}/s of {ideal:,.0f}/s ideal")
    bench.environment.update(
        {
            **UNLIMITED_LLM,
            "STREAMPROC_CLASSIFIER": "openai",
            "OPENAI_API_KEY": "sk-bench",
            "OPENAI_BASE_URL": base_url,
            "STREAMPROC_LLM_TIMEOUT_SECONDS": str(max(10.0, 10 * options.llm_latency)),
        }
    )
    await measure_workers(bench, results)


async def main_async(options: Options, results: Results, folder: Path, texts: list[str]) -> None:
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    services = LocalServices(folder)
    fake: subprocess.Popen[bytes] | None = None
    sampler: CpuSampler | None = None
    try:
        print(f"Starting broker, PostgreSQL and Redis under {folder} …", flush=True)
        services.start()
        sources = service_cpu(services)
        if options.llm:
            fake, base_url = launch_fake(options.llm_latency, folder / "fake-llm.log")
            sources["fake LLM"] = cpu_of(fake.pid)
        sampler = CpuSampler(sources, SERVICE_SAMPLE_SECONDS)
        environment = {
            **services.environment(),
            **LOCAL_BROKER_ENVIRONMENT,
            "STREAMPROC_LOG_LEVEL": options.log_level,
        }
        bench = Bench(options, services, folder, texts, environment, sampler)
        if options.llm:
            await measure_llm(bench, results, base_url)
        else:
            await measure(bench, results)
    finally:
        if sampler is not None:
            sampler.stop()
        if fake is not None:
            stop_worker(fake)
        services.stop()


def service_cpu(services: LocalServices) -> dict[str, Callable[[], float]]:
    """What shares the cores with the measured processes, to see who else was busy."""
    assert services.broker.process is not None
    assert services.redis.process is not None
    return {
        "broker": cpu_of(services.broker.process.pid),
        "PostgreSQL": cpu_of_tree(services.postgres.server.get_pid()),
        "Redis": cpu_of(services.redis.process.pid),
        "harness": cpu_of(os.getpid()),
    }


def main() -> None:
    options = parse(sys.argv[1:])
    if not charts_available():
        print(f"bench: {MISSING_CHARTS_EXTRA}", file=sys.stderr)
    workload = monologues if options.transcripts == "monologues" else transcripts
    texts = workload(options.meetings, options.seed)
    results = Results(
        command=shlex.join([".venv/bin/python", *sys.argv]),
        classifier=options.classifier,
        llm_latency=options.llm_latency if options.llm else None,
        word_stats=word_stats(texts),
        machine=machine(),
    )
    folder = Path(tempfile.mkdtemp(prefix="streamproc-bench-"))
    try:
        uvloop.run(main_async(options, results, folder, texts))
    except BaseException:
        print(f"failed: services' and processes' logs are kept under {folder}", file=sys.stderr)
        raise
    results.machine["load average at end (1, 5, 15 min)"] = load_average()
    if options.keep:
        print(f"logs kept under {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    written = write(results, options.out)
    print(markdown(results))
    print("Wrote", ", ".join(map(str, written)))


if __name__ == "__main__":
    main()
