"""Client CPU per Chat Completions call: the OpenAI SDK (default HTTP stack, and its aiohttp
transport) against streamproc's own client, all talking to the fake server in its own process.

Usage (after ./scripts/test created .venv; the SDK comes with the test extra):
    .venv/bin/python bench/chat_clients.py [--calls 2000] [--concurrency 100] [--latency 0.05]

Each client sends the LLM classifier's real request (prompt and JSON schema) and validates the
answer with pydantic, `--concurrency` calls at a time; after 50 warm-up calls it times `--calls`
calls and prints calls/s and the process's user+system CPU per call. One process per client, so
none inherits another's imports or connections.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Final

import uvloop
from fake_llm import launch, request_body
from workload import transcripts

from streamproc.classify.openai.chat_api import ChatCompletionsAPI
from streamproc.taxonomy import Classification

CLIENTS: Final = ("openai-sdk", "openai-sdk-aiohttp", "streamproc")
WARM_UP_CALLS: Final = 50


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


Call = Callable[[str], Awaitable[None]]
Close = Callable[[], Awaitable[None]]


def sdk_client(base_url: str, aiohttp_transport: bool) -> tuple[Call, Close]:
    import openai

    http_client = openai.DefaultAioHttpClient() if aiohttp_transport else None
    client = openai.AsyncOpenAI(
        api_key="sk-bench", base_url=base_url, max_retries=0, http_client=http_client
    )

    async def call(transcript: str) -> None:
        response = await client.chat.completions.create(**request_body(transcript))
        Classification.model_validate_json(response.choices[0].message.content or "")

    return call, client.close


def own_client(base_url: str, concurrency: int) -> tuple[Call, Close]:
    client = ChatCompletionsAPI(base_url, "sk-bench", 30.0, max_connections=concurrency)

    async def call(transcript: str) -> None:
        answer = await client.complete(request_body(transcript))
        Classification.model_validate_json(answer.content or "")

    return call, client.close


async def measure(client: str, base_url: str, calls: int, concurrency: int) -> str:
    if client == "streamproc":
        call, close = own_client(base_url, concurrency)
    else:
        call, close = sdk_client(base_url, aiohttp_transport=client == "openai-sdk-aiohttp")
    try:
        return await timed_calls(call, calls, concurrency, client)
    finally:
        await close()


async def timed_calls(call: Call, calls: int, concurrency: int, client: str) -> str:
    texts = transcripts(200, seed=3)
    slots = asyncio.Semaphore(concurrency)

    async def one(number: int) -> None:
        async with slots:
            await call(texts[number % len(texts)])

    await asyncio.gather(*(one(number) for number in range(WARM_UP_CALLS)))
    cpu_before, started = cpu_seconds(), time.monotonic()
    await asyncio.gather(*(one(number) for number in range(calls)))
    cpu, elapsed = cpu_seconds() - cpu_before, time.monotonic() - started
    return f"| {client} | {calls / elapsed:,.0f} | {1000 * cpu / calls:.2f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.05, help="fake delay, seconds")
    parser.add_argument("--client", choices=CLIENTS, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.client:  # one measurement, in a fresh process
        line = uvloop.run(
            measure(options.client, options.base_url, options.calls, options.concurrency)
        )
        print(line, flush=True)
        return
    fake, base_url = launch(options.latency, Path("/tmp/streamproc-bench-chat-clients.log"))
    try:
        print(f"{options.calls} calls, {options.concurrency} at once, delay {options.latency} s")
        print("| client | calls/s | client CPU ms/call |\n|---|--:|--:|", flush=True)
        for client in CLIENTS:
            arguments = ["--client", client, "--base-url", base_url]
            arguments += ["--calls", str(options.calls), "--concurrency", str(options.concurrency)]
            subprocess.run([sys.executable, __file__, *arguments], check=True)
    finally:
        fake.terminate()
        fake.wait()


if __name__ == "__main__":
    main()
