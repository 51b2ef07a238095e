"""A lean client for the OpenAI endpoints streamproc calls: chat completions, models, and the Batch
API (files and batches) for backfills at the batch price.

Why not the OpenAI SDK: measured against the same local server at 100 concurrent calls, the SDK
spent 4.95 ms of CPU per call on its default HTTP stack (3.64 ms on its aiohttp transport), this
client 0.48 ms (`bench/chat_clients.py`); at hundreds of meetings per second that is the worker.
Every HTTP outcome becomes one of the exceptions below; what to retry is the caller's decision.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Final

import aiohttp
import orjson

DEFAULT_BASE_URL: Final = "https://api.openai.com/v1"
USER_AGENT: Final = "streamproc"
# How much of an error body is kept in an exception's message.
MAX_ERROR_CHARS: Final = 300
# What a batch's requests call, in the API's own notation (the path, not our base URL).
BATCH_ENDPOINT: Final = "/v1/chat/completions"
BATCH_COMPLETION_WINDOW: Final = "24h"
# A batch is done changing once in one of these.
FINAL_BATCH_STATUSES: Final = frozenset({"completed", "expired", "failed", "cancelled"})
# Uploading or downloading a batch file (up to 200 MB) takes longer than one completion.
FILE_TRANSFER_TIMEOUT_SECONDS: Final = 600.0


class ChatAPIError(Exception):
    """The call did not produce an answer."""


class ChatRateLimited(ChatAPIError):
    """HTTP 429. `retry_after`: seconds the server asked for, when it said."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ChatServerError(ChatAPIError):
    """HTTP 5xx."""

    def __init__(self, status: int, message: str, retry_after: float | None) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.retry_after = retry_after


class ChatRequestRejected(ChatAPIError):
    """HTTP 4xx other than 429: the same request will be rejected again (key, model, body)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message


class ChatTimeout(ChatAPIError):
    """No complete answer within the timeout."""


class ChatConnectionError(ChatAPIError):
    """The server could not be reached, or dropped the connection."""


class ChatMalformedAnswer(ChatAPIError):
    """HTTP 200 whose body is not a Chat Completions object."""


@dataclass(frozen=True)
class ChatAnswer:
    """What streamproc reads from a completion: the first choice and the token usage."""

    content: str | None
    refusal: str | None
    finish_reason: str | None
    prompt_tokens: int | None
    completion_tokens: int | None

    @classmethod
    def from_body(cls, body: bytes) -> ChatAnswer:
        try:
            document = orjson.loads(body)
        except ValueError as error:
            raise ChatMalformedAnswer(f"not a Chat Completions answer: {_excerpt(body)}") from error
        return cls.from_document(document)

    @classmethod
    def from_document(cls, document: Any) -> ChatAnswer:
        """From a decoded answer: a live call's body, or a batch output line's `response.body`."""
        try:
            usage = document.get("usage") or {}
            choices = document["choices"]
            if not choices:
                raise ChatMalformedAnswer("the answer has no choices")
            choice = choices[0]
            message = choice.get("message") or {}
            return cls(
                content=_text(message.get("content")),
                refusal=_text(message.get("refusal")),
                finish_reason=_text(choice.get("finish_reason")),
                prompt_tokens=_count(usage.get("prompt_tokens")),
                completion_tokens=_count(usage.get("completion_tokens")),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ChatMalformedAnswer(
                f"not a Chat Completions answer ({type(error).__name__}): {_shown(document)}"
            ) from error


@dataclass(frozen=True)
class BatchState:
    """What streamproc reads from a batch object: where it is and where its answers are."""

    batch_id: str
    status: str
    output_file_id: str | None
    error_file_id: str | None
    errors: tuple[str, ...]  # why a batch failed validation
    answered: int  # requests completed or failed so far
    total: int  # 0 until the API has read the input file

    @property
    def finished(self) -> bool:
        return self.status in FINAL_BATCH_STATUSES

    @classmethod
    def from_body(cls, body: bytes) -> BatchState:
        try:
            return cls.from_document(orjson.loads(body))
        except ValueError as error:
            raise ChatMalformedAnswer(f"not a batch: {_excerpt(body)}") from error

    @classmethod
    def from_document(cls, document: Any) -> BatchState:
        try:
            errors = (document.get("errors") or {}).get("data") or []
            counts = document.get("request_counts") or {}
            return cls(
                batch_id=str(document["id"]),
                status=str(document["status"]),
                output_file_id=_text(document.get("output_file_id")),
                error_file_id=_text(document.get("error_file_id")),
                errors=tuple(str(error.get("message", error)) for error in errors),
                answered=int(counts.get("completed", 0)) + int(counts.get("failed", 0)),
                total=int(counts.get("total", 0)),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ChatMalformedAnswer(
                f"not a batch ({type(error).__name__}): {_shown(document)}"
            ) from error


class ChatCompletionsAPI:
    """One connection pool per worker, sized to its concurrency (one call per meeting at a time).

    The session is created on first use, inside the event loop that will use it.
    """

    def __init__(
        self, base_url: str | None, api_key: str, timeout_seconds: float, max_connections: int
    ) -> None:
        self._base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self._headers = {
            "Authorization": f"Bearer {api_key}",
            "User-Agent": USER_AGENT,
        }
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._max_connections = max_connections
        self._proxy = proxy_for(self._base_url)
        self._session: aiohttp.ClientSession | None = None

    async def complete(self, request: dict[str, Any]) -> ChatAnswer:
        body = await self._call("POST", "/chat/completions", _json(request))
        return ChatAnswer.from_body(body)

    async def models(self) -> list[str]:
        body = await self._call("GET", "/models", None)
        try:
            return [str(model["id"]) for model in orjson.loads(body)["data"]]
        except (ValueError, KeyError, TypeError) as error:
            raise ChatMalformedAnswer(f"not a model list: {_excerpt(body)}") from error

    async def upload_batch_file(self, name: str, content: bytes) -> str:
        """Upload a JSON Lines file of requests; returns its file id."""
        form = aiohttp.FormData()
        form.add_field("purpose", "batch")
        form.add_field("file", content, filename=name, content_type="application/jsonl")
        body = await self._call("POST", "/files", form, FILE_TRANSFER_TIMEOUT_SECONDS)
        try:
            return str(orjson.loads(body)["id"])
        except (ValueError, KeyError, TypeError) as error:
            raise ChatMalformedAnswer(f"not a file object: {_excerpt(body)}") from error

    async def create_batch(self, input_file_id: str, metadata: dict[str, str]) -> BatchState:
        request = {
            "input_file_id": input_file_id,
            "endpoint": BATCH_ENDPOINT,
            "completion_window": BATCH_COMPLETION_WINDOW,
            "metadata": metadata,
        }
        return BatchState.from_body(await self._call("POST", "/batches", _json(request)))

    async def find_batch(self, metadata_key: str, value: str) -> BatchState | None:
        """The batch created with this metadata, among the 100 most recent."""
        body = await self._call("GET", "/batches?limit=100", None)
        try:
            batches = orjson.loads(body)["data"]
            found = [
                batch
                for batch in batches
                if (batch.get("metadata") or {}).get(metadata_key) == value
            ]
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise ChatMalformedAnswer(f"not a batch list: {_excerpt(body)}") from error
        return BatchState.from_document(found[0]) if found else None

    async def batch(self, batch_id: str) -> BatchState:
        return BatchState.from_body(await self._call("GET", f"/batches/{batch_id}", None))

    async def file_content(self, file_id: str) -> bytes:
        return await self._call(
            "GET", f"/files/{file_id}/content", None, FILE_TRANSFER_TIMEOUT_SECONDS
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _call(
        self,
        method: str,
        path: str,
        data: bytes | aiohttp.FormData | None,
        timeout_seconds: float | None = None,
    ) -> bytes:
        session = self._open_session()
        timeout = (
            self._timeout if timeout_seconds is None else aiohttp.ClientTimeout(timeout_seconds)
        )
        # A form sets its own multipart content type.
        content_type = {"Content-Type": "application/json"} if isinstance(data, bytes) else None
        try:
            async with session.request(
                method,
                self._base_url + path,
                data=data,
                headers=content_type,
                proxy=self._proxy,
                timeout=timeout,
            ) as response:
                body = await response.read()
                status, headers = response.status, response.headers
        except TimeoutError as error:
            raise ChatTimeout(f"no answer within {timeout.total} s") from error
        except aiohttp.ClientError as error:
            raise ChatConnectionError(f"{type(error).__name__}: {error}") from error
        if status == 200:
            return body
        message = _error_message(body)
        if status == 429:
            raise ChatRateLimited(f"HTTP 429: {message}", retry_after(headers))
        if status >= 500:
            raise ChatServerError(status, message, retry_after(headers))
        raise ChatRequestRejected(status, message)

    def _open_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers=self._headers,
                timeout=self._timeout,
                connector=aiohttp.TCPConnector(limit=self._max_connections),
            )
        return self._session


def proxy_for(url: str) -> str | None:
    """The proxy the environment sets for `url` (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), read once:
    aiohttp's `trust_env` would read the environment and ~/.netrc again in a thread per request."""
    parts = urllib.parse.urlsplit(url)
    if urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return urllib.request.getproxies().get(parts.scheme)


def retry_after(headers: Any) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, or `Retry-After` in seconds)."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            continue  # an HTTP date: rare from these APIs; the caller's backoff applies instead
    return None


def _json(document: dict[str, Any]) -> bytes:
    return orjson.dumps(document)


def _error_message(body: bytes) -> str:
    """The `error.message` of an OpenAI-style error body, else the start of the body."""
    try:
        message = orjson.loads(body)["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return _excerpt(body)
    return str(message)[:MAX_ERROR_CHARS]


def _shown(document: Any) -> str:
    return orjson.dumps(document).decode()[:MAX_ERROR_CHARS]


def _excerpt(body: bytes) -> str:
    return body[:MAX_ERROR_CHARS].decode("utf-8", errors="replace") or "(empty body)"


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"expected text, got {type(value).__name__}")


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None
