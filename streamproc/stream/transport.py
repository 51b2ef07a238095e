"""Faust's aiokafka transport with one change: the consumer's fetch wait is a setting.

Faust builds its consumer with `fetch_max_wait_ms=1500`, fixed. Apache Kafka answers a waiting
fetch as soon as a record arrives, so the wait costs nothing there; the embedded broker (tansu)
often holds the fetch until the wait ends, and every meeting then waits up to 1.5 s before a
worker sees it (measured by bench/fetch_wait.py). STREAMPROC_FETCH_MAX_WAIT_MS sets it.
"""

from __future__ import annotations

from typing import Any, ClassVar

import aiokafka
from faust.transport.drivers import aiokafka as faust_aiokafka


class _ConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> aiokafka.AIOKafkaConsumer:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka keeps the constructor argument here and hands it to its fetcher on start();
        # tests/unit/test_transport.py fails if a new aiokafka stops doing so.
        consumer._fetch_max_wait_ms = self.app.fetch_max_wait_ms  # type: ignore[attr-defined]
        return consumer


class _Consumer(faust_aiokafka.Consumer):
    def _new_consumer_thread(self) -> faust_aiokafka.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(faust_aiokafka.Transport):
    """Use through `GracefulApp`, which has the `fetch_max_wait_ms` this reads."""

    Consumer: ClassVar[type[faust_aiokafka.Consumer]] = _Consumer
