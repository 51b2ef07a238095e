"""How long a record waits for a consumer that is already polling, by `fetch_max_wait_ms`.

    .venv/bin/python bench/fetch_wait.py [--waits 10,100,500,1500] [--messages 30]

A broker should answer a waiting fetch as soon as data arrives; the embedded one (tansu) does
not always, so the wait a client allows shows up as latency. Faust fixes it at 1500 ms
(faust/transport/drivers/aiokafka.py), aiokafka's default is 500 ms. One record every 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import uvloop
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from streamproc.local.devstack import Broker

INTERVAL_SECONDS = 0.1


async def latencies(bootstrap: str, wait_ms: int, messages: int) -> list[float]:
    """Milliseconds from each record's CreateTime to its arrival at a polling consumer."""
    topic = f"fetch-wait-{wait_ms}"
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0)
    await producer.start()
    await (await producer.send(topic, b"create the topic"))
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", fetch_max_wait_ms=wait_ms
    )
    await consumer.start()
    await consumer.getmany(timeout_ms=2000)
    seen: list[float] = []

    async def read() -> None:
        while len(seen) < messages:
            for batch in (await consumer.getmany(timeout_ms=1000)).values():
                seen.extend(time.time() * 1000 - record.timestamp for record in batch)

    reading = asyncio.ensure_future(read())
    try:
        for _ in range(messages):
            await producer.send(topic, b"x")
            await asyncio.sleep(INTERVAL_SECONDS)
        await asyncio.wait_for(reading, timeout=30)
    finally:
        reading.cancel()
        await consumer.stop()
        await producer.stop()
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--waits", default="10,100,500,1500")
    parser.add_argument("--messages", type=int, default=30)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="streamproc-fetch-wait-") as folder:
        broker = Broker(Path(folder))
        broker.start()
        try:
            for wait_ms in (int(value) for value in arguments.waits.split(",")):
                values = uvloop.run(
                    latencies(broker.bootstrap_servers, wait_ms, arguments.messages)
                )
                print(
                    f"fetch_max_wait_ms={wait_ms}: p50 {statistics.median(values):.0f} ms, "
                    f"max {max(values):.0f} ms ({len(values)} records)"
                )
        finally:
            broker.stop()


if __name__ == "__main__":
    main()
