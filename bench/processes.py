"""The measured processes: launch, sample their CPU while they run, read peak memory, stop.

CPU is sampled in a thread of the harness (a /proc read every interval), stamped with the wall
clock, so it can be cut at the Kafka timestamps that bound a run's measuring window.
"""

from __future__ import annotations

import bisect
import math
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import psutil  # type: ignore[import-untyped]

from streamproc.local.quickstart import start_worker, stop_worker

BENCH: Final = Path(__file__).resolve().parent
SAMPLE_SECONDS: Final = 0.02
SERVICE_SAMPLE_SECONDS: Final = 0.25
# Listing a process's children scans /proc (~4 ms): done this often, not at every sample.
CHILDREN_REFRESH_SECONDS: Final = 2.0


def launch_script(
    script: str, arguments: Sequence[str], environment: dict[str, str], log_path: Path
) -> subprocess.Popen[bytes]:
    """A helper script of bench/ as its own process, its output in `log_path`."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, str(BENCH / script), *arguments],
            env={**os.environ, **environment},
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def launch_worker(environment: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """`python -m streamproc worker`, exactly as production runs it."""
    return start_worker(environment, log_path)


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_of(pid: int) -> Callable[[], float]:
    """User+system CPU seconds of one process (all its threads); 0 once it is gone."""
    handle = psutil.Process(pid)

    def seconds() -> float:
        try:
            times = handle.cpu_times()
        except psutil.NoSuchProcess:
            return 0.0
        return float(times.user + times.system)

    return seconds


def cpu_of_tree(pid: int) -> Callable[[], float]:
    """A server that forks a process per connection (PostgreSQL): the parent, its live
    children, and the children it has already reaped. A child that lives and dies between two
    refreshes of the list is counted once reaped."""
    handle = psutil.Process(pid)
    children: list[psutil.Process] = []
    listed = -math.inf

    def seconds() -> float:
        nonlocal children, listed
        try:
            if time.monotonic() - listed > CHILDREN_REFRESH_SECONDS:
                children, listed = handle.children(), time.monotonic()
            times = handle.cpu_times()
            total = times.user + times.system + times.children_user + times.children_system
            for child in children:
                try:
                    child_times = child.cpu_times()
                except psutil.NoSuchProcess:
                    continue
                total += child_times.user + child_times.system
        except psutil.NoSuchProcess:
            return 0.0
        return float(total)

    return seconds


@dataclass
class CpuSampler:
    """CPU seconds of named sources, sampled in a thread until `stop`."""

    sources: Mapping[str, Callable[[], float]]
    interval: float
    samples_at: list[float] = field(default_factory=list)
    samples: list[dict[str, float]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._thread = threading.Thread(target=self._sample, name="cpu-sampler", daemon=True)
        self._thread.start()

    def now(self) -> dict[str, float]:
        return {name: seconds() for name, seconds in self.sources.items()}

    def _sample(self) -> None:
        while not self._stop.is_set():
            sample = self.now()
            # The sample first: a reader that finds a time always finds its sample.
            self.samples.append(sample)
            self.samples_at.append(time.time())
            self._stop.wait(self.interval)

    def at(self, wall_seconds: float) -> dict[str, float]:
        """CPU seconds per source at a wall-clock time, from the last sample before it."""
        index = bisect.bisect_right(self.samples_at, wall_seconds) - 1
        return self.samples[max(0, index)]

    def between(self, start: float, end: float) -> dict[str, float]:
        before, after = self.at(start), self.at(end)
        return {name: after[name] - before[name] for name in self.sources}

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass
class ProcessGroup:
    """Processes measured together: their summed CPU seconds over time, and their peaks."""

    processes: list[subprocess.Popen[bytes]]
    logs: list[Path]

    def __post_init__(self) -> None:
        sources = [cpu_of(process.pid) for process in self.processes]
        self.sampler = CpuSampler(
            {"measured": lambda: sum(seconds() for seconds in sources)}, SAMPLE_SECONDS
        )

    def cpu_at(self, wall_seconds: float) -> float:
        return self.sampler.at(wall_seconds)["measured"]

    def cpu_seconds(self) -> float:
        return self.sampler.now()["measured"]

    def peak_rss_mb(self) -> list[float]:
        return [peak_rss_mb(process.pid) for process in self.processes]

    def check(self) -> None:
        """Raise if a process ended: a crashed worker would otherwise look like a slow one."""
        for process, log in zip(self.processes, self.logs, strict=True):
            if process.poll() is not None:
                raise RuntimeError(f"pid {process.pid} exited ({process.returncode}); see {log}")

    def stop(self) -> None:
        self.sampler.stop()
        for process in self.processes:
            stop_worker(process, timeout=30)
