"""aiokafka hands the fetch wait our transport sets to the fetcher it starts (a private path:
this fails if a new aiokafka stops doing so)."""

from __future__ import annotations

import pytest

from streamproc.local.devstack import LocalServices
from streamproc.settings import Settings
from streamproc.stream.app import faust_app

pytestmark = pytest.mark.integration


async def test_the_started_consumer_fetches_with_the_configured_wait(
    services: LocalServices,
) -> None:
    settings = Settings.model_validate(
        {**services.environment(), "STREAMPROC_FETCH_MAX_WAIT_MS": "123"}
    )
    app = faust_app(settings)
    consumer = app.consumer._new_consumer_thread()._create_worker_consumer(app.transport)

    await consumer.start()
    try:
        assert consumer._fetcher._fetch_max_wait_ms == 123
    finally:
        await consumer.stop()
