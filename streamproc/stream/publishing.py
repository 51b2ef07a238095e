"""Publishing to the topics: the `Publisher` port the pipeline sends through, the worker's
implementation on Faust's producer, and the one the commands use on their own producer. Both
return only once the broker acknowledged the record; a send the broker may accept later raises
`TransientError`."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Protocol

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError, KafkaError, KafkaTimeoutError

from streamproc.errors import TransientError
from streamproc.settings import Settings
from streamproc.stream.kafka_security import client_options

if TYPE_CHECKING:
    import faust


class Publisher(Protocol):
    """Sends one record and returns once the broker has acknowledged it."""

    async def publish(
        self, topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]
    ) -> None: ...


@contextlib.contextmanager
def kafka_errors_as_transient() -> Iterator[None]:
    """A send the broker may accept later raises `TransientError`; any other error as it is
    (e.g. a record over the broker's size limit: retrying cannot help)."""
    try:
        yield
    except (KafkaTimeoutError, KafkaConnectionError) as error:
        raise TransientError("kafka", f"{type(error).__name__}: {error}") from error
    except KafkaError as error:
        if error.retriable:
            raise TransientError("kafka", f"{type(error).__name__}: {error}") from error
        raise


def command_producer(settings: Settings) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        linger_ms=10,
        max_request_size=settings.max_message_bytes,
        acks="all",
        **client_options(settings),
    )


class FaustPublisher:
    """Publishes through the app's producer and waits for the broker's acknowledgement."""

    def __init__(self, app: faust.App) -> None:
        self._app = app

    async def publish(
        self, topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]
    ) -> None:
        with kafka_errors_as_transient():
            await self._app.producer.send_and_wait(topic, key, value, None, None, headers)


class KafkaPublisher:
    """The pipeline's `Publisher` outside a worker: waits for the broker's acknowledgement."""

    def __init__(self, producer: AIOKafkaProducer) -> None:
        self._producer = producer

    @classmethod
    @contextlib.asynccontextmanager
    async def opened(cls, settings: Settings) -> AsyncIterator[KafkaPublisher]:
        producer = command_producer(settings)
        await producer.start()
        try:
            yield cls(producer)
        finally:
            await producer.stop()

    async def publish(
        self, topic: str, key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]]
    ) -> None:
        with kafka_errors_as_transient():
            await self._producer.send_and_wait(topic, value, key=key, headers=headers)
