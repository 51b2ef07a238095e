"""The Chat Completions client against the local server over real HTTP: every outcome it maps."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import pytest

from streamproc.classify.openai.chat_api import (
    BATCH_ENDPOINT,
    BatchState,
    ChatCompletionsAPI,
    ChatConnectionError,
    ChatMalformedAnswer,
    ChatRateLimited,
    ChatRequestRejected,
    ChatServerError,
    ChatTimeout,
)
from streamproc.classify.openai.prompt import messages, response_format
from streamproc.local.devstack import free_port
from streamproc.taxonomy import Classification
from tests.fakes.chat_completions import (
    BatchFails,
    Delay,
    FakeChatCompletions,
    NotAnAnswer,
    Refusal,
    Status,
    Truncated,
)

REQUEST = {
    "model": "gpt-4o-mini",
    "messages": messages("Cliente: somos una clínica dental en Lima.", None),
    "response_format": response_format(),
    "max_tokens": 1000,
    "temperature": 0,
}


@pytest.fixture
async def api(llm: FakeChatCompletions) -> AsyncIterator[ChatCompletionsAPI]:
    client = ChatCompletionsAPI(llm.base_url, "sk-test", timeout_seconds=2.0, max_connections=4)
    yield client
    await client.close()


async def test_an_answer_is_read_with_its_usage(
    api: ChatCompletionsAPI, llm: FakeChatCompletions
) -> None:
    answer = await api.complete(REQUEST)

    assert answer.finish_reason == "stop"
    assert answer.refusal is None
    Classification.model_validate_json(answer.content or "")
    assert (answer.prompt_tokens or 0) > 0
    assert (answer.completion_tokens or 0) > 0
    (request,) = llm.completions()
    assert request.body == json.loads(json.dumps(REQUEST))
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.headers["content-type"] == "application/json"


async def test_refusals_and_cut_answers_reach_the_caller_as_such(
    api: ChatCompletionsAPI, llm: FakeChatCompletions
) -> None:
    llm.script(Refusal("no puedo"), Truncated())

    refused = await api.complete(REQUEST)
    cut = await api.complete(REQUEST)

    assert (refused.content, refused.refusal) == (None, "no puedo")
    assert cut.finish_reason == "length"
    assert cut.completion_tokens == REQUEST["max_tokens"]


async def test_429_carries_the_servers_retry_after(
    api: ChatCompletionsAPI, llm: FakeChatCompletions
) -> None:
    llm.script(Status(429, retry_after=1.5), Status(429))

    with pytest.raises(ChatRateLimited) as advised:
        await api.complete(REQUEST)
    with pytest.raises(ChatRateLimited) as unadvised:
        await api.complete(REQUEST)

    assert advised.value.retry_after == 1.5
    assert "Rate limit reached" in str(advised.value)
    assert unadvised.value.retry_after is None


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_keep_their_status(
    api: ChatCompletionsAPI, llm: FakeChatCompletions, status: int
) -> None:
    llm.script(Status(status, retry_after=2))

    with pytest.raises(ChatServerError) as raised:
        await api.complete(REQUEST)

    assert (raised.value.status, raised.value.retry_after) == (status, 2.0)


@pytest.mark.parametrize(
    ("status", "message"), [(400, "Invalid request."), (401, "Incorrect API key provided.")]
)
async def test_client_errors_are_rejections_with_the_servers_message(
    api: ChatCompletionsAPI, llm: FakeChatCompletions, status: int, message: str
) -> None:
    llm.script(Status(status))

    with pytest.raises(ChatRequestRejected) as raised:
        await api.complete(REQUEST)

    assert raised.value.status == status
    assert str(raised.value) == f"HTTP {status}: {message}"


async def test_an_error_body_that_is_not_json_is_quoted(
    api: ChatCompletionsAPI, llm: FakeChatCompletions
) -> None:
    llm.script(Status(502, body={"unexpected": "shape"}))

    with pytest.raises(ChatServerError) as raised:
        await api.complete(REQUEST)

    assert str(raised.value) == 'HTTP 502: {"unexpected": "shape"}'


async def test_a_200_that_is_not_a_completion_is_malformed(
    api: ChatCompletionsAPI, llm: FakeChatCompletions
) -> None:
    llm.script(NotAnAnswer())

    with pytest.raises(ChatMalformedAnswer, match="Gateway says hello"):
        await api.complete(REQUEST)


async def test_a_slow_answer_times_out(llm: FakeChatCompletions) -> None:
    llm.script(Delay(1.0))
    client = ChatCompletionsAPI(llm.base_url, "sk-test", timeout_seconds=0.3, max_connections=1)
    try:
        with pytest.raises(ChatTimeout):
            await client.complete(REQUEST)
    finally:
        await client.close()


async def test_an_unreachable_server_is_a_connection_error() -> None:
    client = ChatCompletionsAPI(
        f"http://127.0.0.1:{free_port()}/v1", "sk-test", timeout_seconds=2.0, max_connections=1
    )
    try:
        with pytest.raises(ChatConnectionError):
            await client.complete(REQUEST)
    finally:
        await client.close()


async def test_calls_beyond_the_pool_wait_for_a_connection(llm: FakeChatCompletions) -> None:
    """Six calls of 0.3 s through two connections take three rounds, not one."""
    llm.default = Delay(0.3)
    client = ChatCompletionsAPI(llm.base_url, "sk-test", timeout_seconds=5.0, max_connections=2)
    started = time.monotonic()
    try:
        await asyncio.gather(*(client.complete(REQUEST) for _ in range(6)))
    finally:
        await client.close()

    assert time.monotonic() - started >= 0.85
    arrivals = sorted(request.received_at for request in llm.completions())
    assert arrivals[2] - arrivals[0] >= 0.25  # the third call waited for a free connection


async def test_models_lists_what_the_server_serves(api: ChatCompletionsAPI) -> None:
    assert await api.models() == ["gpt-4o-mini"]


async def test_the_environments_proxy_carries_the_calls(
    llm: FakeChatCompletions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API address is unreachable; only through HTTP_PROXY (the local server) can it answer."""
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", llm.base_url.removesuffix("/v1"))
    unreachable = f"http://127.0.0.1:{free_port()}/v1"
    client = ChatCompletionsAPI(unreachable, "sk-test", timeout_seconds=2.0, max_connections=1)
    try:
        answer = await client.complete(REQUEST)
    finally:
        await client.close()

    assert answer.finish_reason == "stop"
    (request,) = llm.completions()
    assert request.headers["host"] == unreachable.removeprefix("http://").removesuffix("/v1")


async def test_a_batch_goes_from_upload_to_answers(
    api: ChatCompletionsAPI, llm: FakeChatCompletions
) -> None:
    line = {"custom_id": "m-1", "method": "POST", "url": BATCH_ENDPOINT, "body": REQUEST}
    file_id = await api.upload_batch_file("requests.jsonl", (json.dumps(line) + "\n").encode())

    created = await api.create_batch(file_id, {"streamproc_batch": "7"})
    states = [await api.batch(created.batch_id) for _ in range(3)]

    assert (created.status, created.finished) == ("validating", False)
    assert [state.status for state in states] == ["in_progress", "finalizing", "completed"]
    assert [(state.answered, state.total) for state in states] == [(0, 1), (0, 1), (1, 1)]
    assert states[-1].finished
    assert states[-1].output_file_id is not None
    [answer] = (await api.file_content(states[-1].output_file_id)).decode().splitlines()
    assert json.loads(answer)["custom_id"] == "m-1"
    [batch] = [batch for batch in llm.batches() if batch["id"] == created.batch_id]
    assert batch["metadata"] == {"streamproc_batch": "7"}
    assert batch["endpoint"] == BATCH_ENDPOINT


async def test_a_batch_failing_validation_says_why(
    api: ChatCompletionsAPI, llm: FakeChatCompletions
) -> None:
    llm.script_batches(BatchFails("line 1 is not JSON"))
    file_id = await api.upload_batch_file("requests.jsonl", b"{}\n")
    created = await api.create_batch(file_id, {})

    failed = await api.batch(created.batch_id)

    assert (failed.status, failed.finished) == ("failed", True)
    assert failed.errors == ("line 1 is not JSON",)


async def test_an_unknown_batch_or_file_is_a_rejection(api: ChatCompletionsAPI) -> None:
    with pytest.raises(ChatRequestRejected, match="404: No such batch"):
        await api.batch("batch_unknown")
    with pytest.raises(ChatRequestRejected, match="404: No such file"):
        await api.file_content("file-unknown")


def test_a_body_that_is_not_a_batch_is_malformed() -> None:
    with pytest.raises(ChatMalformedAnswer, match="not a batch"):
        BatchState.from_body(b'{"object": "list"}')


async def test_a_batch_is_found_by_its_metadata(api: ChatCompletionsAPI) -> None:
    file_id = await api.upload_batch_file("requests.jsonl", b"{}\n")
    created = await api.create_batch(file_id, {"streamproc_batch": "token-1"})
    await api.create_batch(file_id, {"streamproc_batch": "token-2"})

    found = await api.find_batch("streamproc_batch", "token-1")
    missing = await api.find_batch("streamproc_batch", "token-3")

    assert found is not None
    assert found.batch_id == created.batch_id
    assert missing is None
