"""The worker's log level is the one configured, not DEBUG behind the user's back."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

from streamproc.settings import Settings
from streamproc.stream.app import faust_app
from streamproc.stream.worker import faust_worker


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restored_logging")
def test_at_warning_level_debug_records_are_not_built() -> None:
    settings = Settings.model_validate(
        {"STREAMPROC_LOG_LEVEL": "warning", "STREAMPROC_CONSUMER_GROUP": "logging-test"}
    )
    loop = asyncio.new_event_loop()
    try:
        worker = faust_worker(faust_app(settings), settings, loop)
        worker._setup_logging()  # what the worker does when it starts
    finally:
        loop.close()

    assert logging.getLogger().level == logging.WARNING
    assert not logging.getLogger("aiokafka.conn").isEnabledFor(logging.DEBUG)
