"""Fixtures shared by the integration and fault suites."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.chat_completions import BatchCompletes, FakeChatCompletions, Valid


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
