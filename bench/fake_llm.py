"""The test suite's fake Chat Completions server, in its own process, answering after a delay.

    python bench/fake_llm.py SECONDS    → prints its base_url on stdout, serves until SIGTERM

In its own process (and on uvloop) so that serving hundreds of concurrent requests takes no CPU
from the process that measures. `measure_fake` checks what the fake alone can do.
"""

from __future__ import annotations

import asyncio
import select
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import aiohttp
import uvloop

from streamproc.classify.openai.prompt import messages, response_format

REPO: Final = Path(__file__).resolve().parents[1]
START_TIMEOUT_SECONDS: Final = 20.0
# The fake logs every request with its body; forgetting them keeps its memory bounded.
CLEAR_EVERY_SECONDS: Final = 1.0


def serve(seconds: float) -> None:
    sys.path.insert(0, str(REPO))  # tests/ is not an installed package
    from tests.fakes.chat_completions import Delay, FakeChatCompletions

    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())  # the fake's own loop is uvloop
    stop_signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)  # the server thread inherits it
    fake = FakeChatCompletions()
    fake.default = Delay(seconds)
    with fake:
        print(fake.base_url, flush=True)
        while signal.sigtimedwait(stop_signals, CLEAR_EVERY_SECONDS) is None:
            fake.clear()


def launch(seconds: float, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start the server process; returns it and its base_url."""
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, __file__, str(seconds)],
            stdout=subprocess.PIPE,
            stderr=log,
        )
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_SECONDS)
    line = process.stdout.readline().decode().strip() if ready else ""
    if line.startswith("http://127.0.0.1:"):
        return process, line
    process.kill()
    process.wait()
    raise RuntimeError(f"the fake LLM server did not start; see {log_path}")


@dataclass(frozen=True)
class FakeCapacity:
    """Answers per second the fake alone gave `concurrency` clients in a closed loop."""

    concurrency: int
    requests: int
    rate: float


def request_body(transcript: str) -> dict[str, Any]:
    """What the LLM classifier sends: the real prompt and JSON schema."""
    return {
        "model": "gpt-4o-mini",
        "messages": messages(transcript, None),
        "response_format": response_format(),
        "max_tokens": 1000,
        "temperature": 0,
    }


async def measure_fake(
    base_url: str, concurrency: int, seconds: float, transcript: str
) -> FakeCapacity:
    """`concurrency` clients in a closed loop against the fake for about `seconds`.

    Each client's rate is its requests over the time to its own last answer, so the requests
    still running at the deadline neither count nor dilute the rate.
    """
    body = request_body(transcript)
    url = f"{base_url}/chat/completions"
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        loop = asyncio.get_running_loop()
        started = loop.time()

        async def client() -> tuple[int, float]:
            done = 0
            while loop.time() < started + seconds:
                async with session.post(url, json=body) as response:
                    await response.read()
                    response.raise_for_status()
                done += 1
            return done, loop.time() - started

        counts = await asyncio.gather(*(client() for _ in range(concurrency)))
    requests = sum(done for done, _elapsed in counts)
    rate = sum(done / elapsed for done, elapsed in counts)
    return FakeCapacity(concurrency, requests, rate)


if __name__ == "__main__":
    serve(float(sys.argv[1]))
