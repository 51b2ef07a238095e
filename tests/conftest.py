"""Fixtures shared by the integration and fault suites."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from streamproc.local.devstack import LocalServices
from tests.fakes.chat_completions import BatchCompletes, FakeChatCompletions, Valid


@contextlib.contextmanager
def services_folder(name: str) -> Iterator[Path]:
    """A folder for embedded services, outside pytest's temporary root: each new pytest session
    on the machine resets that root to mode 0700, and PostgreSQL (run by pgserver as another
    user when we are root) then loses its data directory and aborts."""
    folder = Path(tempfile.mkdtemp(prefix=f"streamproc-{name}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def running_services(name: str) -> Iterator[LocalServices]:
    """Broker, PostgreSQL and Redis in a fresh `services_folder`, stopped on the way out."""
    with services_folder(name) as folder:
        local = LocalServices(folder)
        local.start()
        try:
            yield local
        finally:
            local.stop()


@pytest.fixture(scope="session")
def llm_server() -> Iterator[FakeChatCompletions]:
    with FakeChatCompletions() as server:
        yield server


@pytest.fixture
def llm(llm_server: FakeChatCompletions) -> FakeChatCompletions:
    """The local Chat Completions server, its log and script cleared, answering valid results."""
    llm_server.clear()
    llm_server.default = Valid()
    llm_server.batch_outcome = BatchCompletes()
    return llm_server
