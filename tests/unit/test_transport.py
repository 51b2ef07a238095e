"""The worker's consumer gets STREAMPROC_FETCH_MAX_WAIT_MS instead of Faust's fixed 1500 ms."""

from __future__ import annotations

import pytest

from streamproc.settings import Settings
from streamproc.stream.app import faust_app


@pytest.fixture
def settings() -> Settings:
    return Settings.model_validate(
        {"STREAMPROC_FETCH_MAX_WAIT_MS": "123", "STREAMPROC_CONSUMER_GROUP": "transport-test"}
    )


async def test_the_worker_consumer_is_built_with_the_configured_fetch_wait(
    settings: Settings,
) -> None:
    app = faust_app(settings)
    thread = app.consumer._new_consumer_thread()
    try:
        consumer = thread._create_worker_consumer(app.transport)
        try:
            assert consumer._fetch_max_wait_ms == 123
            assert consumer._group_id == "transport-test", "faust's other settings are kept"
        finally:
            await consumer.stop()
    finally:
        # Each consumer thread (the app's and this one) made an event loop it never ran: left
        # open, they were collected at interpreter exit with their self-pipes already closed.
        for never_started in (thread, app.consumer._thread):
            never_started.thread_loop.close()
