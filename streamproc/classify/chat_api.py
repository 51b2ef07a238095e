"""A lean client for the two endpoints streamproc calls: `POST /chat/completions`, `GET /models`.

Why not the OpenAI SDK: measured against the same local server at 100 concurrent calls, the SDK
spent 4.95 ms of CPU per call on its default HTTP stack (3.64 ms on its aiohttp transport), this
client 0.48 ms (`bench/chat_clients.py`); at hundreds of meetings per second that is the worker.
Every HTTP outcome becomes one of the exceptions below; what to retry is the caller's decision.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Final

import aiohttp

DEFAULT_BASE_URL: Final = "https://api.openai.com/v1"
USER_AGENT: Final = "streamproc"
# How much of an error body is kept in an exception's message.
MAX_ERROR_CHARS: Final = 300


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
            document = json.loads(body)
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
                f"not a Chat Completions answer ({type(error).__name__}): {_excerpt(body)}"
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
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
        }
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._max_connections = max_connections
        self._proxy = proxy_for(self._base_url)
        self._session: aiohttp.ClientSession | None = None

    async def complete(self, request: dict[str, Any]) -> ChatAnswer:
        body = await self._call("POST", "/chat/completions", json.dumps(request).encode())
        return ChatAnswer.from_body(body)

    async def models(self) -> list[str]:
        body = await self._call("GET", "/models", None)
        try:
            return [str(model["id"]) for model in json.loads(body)["data"]]
        except (ValueError, KeyError, TypeError) as error:
            raise ChatMalformedAnswer(f"not a model list: {_excerpt(body)}") from error

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _call(self, method: str, path: str, data: bytes | None) -> bytes:
        session = self._open_session()
        try:
            async with session.request(
                method, self._base_url + path, data=data, proxy=self._proxy
            ) as response:
                body = await response.read()
                status, headers = response.status, response.headers
        except TimeoutError as error:
            raise ChatTimeout(f"no answer within {self._timeout.total} s") from error
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


def _error_message(body: bytes) -> str:
    """The `error.message` of an OpenAI-style error body, else the start of the body."""
    try:
        message = json.loads(body)["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return _excerpt(body)
    return str(message)[:MAX_ERROR_CHARS]


def _excerpt(body: bytes) -> str:
    return body[:MAX_ERROR_CHARS].decode("utf-8", errors="replace") or "(empty body)"


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"expected text, got {type(value).__name__}")


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None
