"""A local OpenAI-compatible Chat Completions server whose every answer the test scripts.

The real API cannot be reached from the test machines, and a mock inside the worker would not
exercise the client's HTTP handling (status codes, Retry-After, timeouts). This is a real HTTP
server on 127.0.0.1, run in its own thread and event loop so it keeps answering while the test
blocks on a worker subprocess or runs its own loop.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Final

from aiohttp import web

COMPLETIONS_PATH = "/v1/chat/completions"
# What FollowsInjection looks for in a transcript: the injected answer follows it as JSON.
INJECTION_MARKER = "OVERRIDE:"
MODELS_PATH = "/v1/models"
FILES_PATH = "/v1/files"
BATCHES_PATH = "/v1/batches"
EXPIRED_MESSAGE = "This request could not be executed before the completion window expired."

# Seconds that stop() lets a pending handler (a Delay) run before it is cancelled.
_SHUTDOWN_GRACE = 0.1
_START_TIMEOUT = 10.0

_SPANISH_SENTENCE = "El cliente quiere automatizar la atención y ver sus ventas en tiempo real."
_SPANISH_TOPICS = ("tema uno", "tema dos")

# Error bodies shaped like the API's own, by status; others fall back to a generic server error.
_ERRORS: dict[int, tuple[str, str, str | None]] = {
    400: ("Invalid request.", "invalid_request_error", None),
    401: ("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
    403: ("You are not allowed to use this model.", "invalid_request_error", None),
    404: ("The model does not exist.", "invalid_request_error", "model_not_found"),
    429: ("Rate limit reached for requests.", "requests", "rate_limit_exceeded"),
    500: ("The server had an error while processing your request.", "server_error", None),
    502: ("Bad gateway.", "server_error", None),
    503: ("The engine is currently overloaded.", "server_error", None),
}


class Behaviour:
    """How the fake answers one request; `name` is what the request log records."""

    @property
    def name(self) -> str:
        return type(self).__name__


@dataclass(frozen=True)
class Valid(Behaviour):
    """200 with a classification: the given one, or one built from the request's JSON schema."""

    classification: dict[str, Any] | None = None


@dataclass(frozen=True)
class Status(Behaviour):
    """An HTTP error status with an OpenAI-shaped error body and optional Retry-After."""

    status: int
    body: dict[str, Any] | None = None
    retry_after: float | None = None

    @property
    def name(self) -> str:
        return f"Status({self.status})"


@dataclass(frozen=True)
class Delay(Behaviour):
    """Wait, then answer as `then`; longer than the client's timeout, the client gives up."""

    seconds: float
    then: Behaviour = field(default_factory=Valid)

    @property
    def name(self) -> str:
        return f"Delay({self.then.name})"


@dataclass(frozen=True)
class InvalidJson(Behaviour):
    """200 whose content is chatter, not JSON."""


@dataclass(frozen=True)
class NotAnAnswer(Behaviour):
    """200 whose body is not a Chat Completions object (a misbehaving gateway's HTML page)."""


@dataclass(frozen=True)
class Truncated(Behaviour):
    """200 cut off by max_tokens: finish_reason "length", content a JSON prefix."""


@dataclass(frozen=True)
class OutOfSchema(Behaviour):
    """200 with valid JSON whose `field` holds a value the schema does not allow."""

    field: str = "business_sector"
    value: object = "space_tourism"


@dataclass(frozen=True)
class FollowsInjection(Behaviour):
    """A gullible model: 200 with its answer overridden by the JSON object that follows
    `OVERRIDE:` in the user's message, as if a prompt injection in the transcript had worked."""


@dataclass(frozen=True)
class Refusal(Behaviour):
    """200 where the model refused: content null, message.refusal set."""

    message: str = "I'm sorry, I can't help with that."


@dataclass(frozen=True)
class ContentFilter(Behaviour):
    """200 stopped by the content filter: finish_reason "content_filter", content null."""


class BatchOutcome:
    """How the fake's next batches end; each GET of a batch moves it one status on."""


@dataclass(frozen=True)
class BatchCompletes(BatchOutcome):
    """validating → in_progress → finalizing → completed; each request answered as the chat
    script (or `default`) says, non-200 answers going to the error file."""


@dataclass(frozen=True)
class BatchExpires(BatchOutcome):
    """validating → in_progress → expired: the first `answered` requests are answered, the rest
    are in the error file as `batch_expired`."""

    answered: int


@dataclass(frozen=True)
class BatchFails(BatchOutcome):
    """validating → failed, with this validation error and no output."""

    message: str = "The input file is not valid JSONL."


_BATCH_STEPS: dict[type[BatchOutcome], tuple[str, ...]] = {
    BatchCompletes: ("in_progress", "finalizing", "completed"),
    BatchExpires: ("in_progress", "expired"),
    BatchFails: ("failed",),
}


@dataclass(frozen=True)
class LoggedRequest:
    """One request as received; header names are lower-cased since HTTP ignores their case."""

    path: str
    received_at: float
    headers: dict[str, str]
    body: dict[str, Any] | None
    outcome: str


class FakeChatCompletions:
    """The server, its script of behaviours and its request log; safe to use from any thread.

    `default` is what chat-completions requests get once the script is empty; `batch_outcome`
    what new batches get once the batch script is empty.
    """

    def __init__(self) -> None:
        self.default: Behaviour = Valid()
        self.batch_outcome: BatchOutcome = BatchCompletes()
        self._files: dict[str, tuple[str, bytes]] = {}  # id -> (purpose, content)
        self._batches: dict[str, dict[str, Any]] = {}
        self._batch_plans: dict[str, tuple[BatchOutcome, list[str]]] = {}  # outcome, steps left
        self._lock = threading.Lock()
        self._script: deque[Behaviour] = deque()
        self._batch_script: deque[BatchOutcome] = deque()
        self._log: list[LoggedRequest] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> FakeChatCompletions:
        """Serve on a free port; returns once the port accepts connections."""
        if self._thread is not None:
            raise RuntimeError("FakeChatCompletions is already running")
        loop = asyncio.new_event_loop()
        thread = threading.Thread(
            target=loop.run_forever, name="fake-chat-completions", daemon=True
        )
        thread.start()
        self._loop, self._thread = loop, thread
        try:
            future = asyncio.run_coroutine_threadsafe(self._open(), loop)
            self._runner, self._port = future.result(timeout=_START_TIMEOUT)
        except BaseException:
            self._close_loop()
            raise
        return self

    def stop(self) -> None:
        """Stop serving; requests still pending (a Delay) are cut off. Safe to call twice."""
        if self._loop is None:
            return
        if self._runner is not None:
            closing = asyncio.run_coroutine_threadsafe(self._close(self._runner), self._loop)
            closing.result(timeout=_START_TIMEOUT)
            self._runner = None
        self._close_loop()

    def __enter__(self) -> FakeChatCompletions:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """What to pass as the SDK's base_url."""
        if self._port is None:
            raise RuntimeError("FakeChatCompletions is not running")
        return f"http://127.0.0.1:{self._port}/v1"

    # -- script and log -------------------------------------------------------------------------

    def script(self, *behaviours: Behaviour) -> None:
        """Queue behaviours for the next chat-completions requests, first in first out."""
        with self._lock:
            self._script.extend(behaviours)

    def script_batches(self, *outcomes: BatchOutcome) -> None:
        """Queue outcomes for the next batches created, first in first out."""
        with self._lock:
            self._batch_script.extend(outcomes)

    @property
    def requests(self) -> list[LoggedRequest]:
        """Every request received so far, oldest first (a copy)."""
        with self._lock:
            return list(self._log)

    def completions(self) -> list[LoggedRequest]:
        """Only the chat-completions requests."""
        return [logged for logged in self.requests if logged.path == COMPLETIONS_PATH]

    def clear(self) -> None:
        """Forget the log and any behaviours or batch outcomes still scripted (not the defaults);
        batches and files stay."""
        with self._lock:
            self._log.clear()
            self._script.clear()
            self._batch_script.clear()

    # -- server ---------------------------------------------------------------------------------

    async def _open(self) -> tuple[web.AppRunner, int]:
        app = web.Application()
        app.router.add_post(COMPLETIONS_PATH, self._chat_completions)
        app.router.add_get(MODELS_PATH, self._models)
        app.router.add_post(FILES_PATH, self._upload)
        app.router.add_get(FILES_PATH + "/{file_id}/content", self._file_content)
        app.router.add_post(BATCHES_PATH, self._create_batch)
        app.router.add_get(BATCHES_PATH, self._list_batches)
        app.router.add_get(BATCHES_PATH + "/{batch_id}", self._batch)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=_SHUTDOWN_GRACE)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        return runner, int(runner.addresses[0][1])

    @staticmethod
    async def _close(runner: web.AppRunner) -> None:
        """Stop listening, then cancel handlers still sleeping in a Delay so none is left behind."""
        await runner.cleanup()
        leftovers = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)

    def _close_loop(self) -> None:
        assert self._loop is not None
        assert self._thread is not None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=_START_TIMEOUT)
        self._loop.close()
        self._loop, self._thread, self._port = None, None, None

    async def _models(self, request: web.Request) -> web.Response:
        body = await _read_json(request)
        with self._lock:
            self._log.append(_logged(request, body, "ModelList"))
        model = {"id": "gpt-4o-mini", "object": "model", "created": 0, "owned_by": "system"}
        return web.json_response({"object": "list", "data": [model]}, headers=_request_id())

    async def _chat_completions(self, request: web.Request) -> web.StreamResponse:
        body = await _read_json(request)
        # One lock for both, so the log's order is the order behaviours were served in; logged
        # on arrival, so a request the client gave up on is still counted.
        with self._lock:
            behaviour = self._script.popleft() if self._script else self.default
            self._log.append(_logged(request, body, behaviour.name))
        while isinstance(behaviour, Delay):
            await asyncio.sleep(behaviour.seconds)
            behaviour = behaviour.then
        return _respond(behaviour, body or {})

    # -- the Batch API: files and batches --------------------------------------------------------

    def batches(self) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(batch) for batch in self._batches.values()]

    async def _upload(self, request: web.Request) -> web.Response:
        form = await request.post()
        upload, purpose = form.get("file"), form.get("purpose")
        if not isinstance(upload, web.FileField) or purpose != "batch":
            return _error(Status(400, body={"error": {"message": "file and purpose=batch needed"}}))
        content = upload.file.read()
        file_id = f"file-{uuid.uuid4().hex[:24]}"
        with self._lock:
            self._files[file_id] = ("batch", content)
            self._log.append(_logged(request, None, "FileUpload"))
        document = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": upload.filename,
            "purpose": "batch",
        }
        return web.json_response(document, headers=_request_id())

    async def _file_content(self, request: web.Request) -> web.Response:
        with self._lock:
            stored = self._files.get(request.match_info["file_id"])
        if stored is None:
            return _error(Status(404, body={"error": {"message": "No such file."}}))
        return web.Response(body=stored[1], content_type="application/octet-stream")

    async def _create_batch(self, request: web.Request) -> web.Response:
        body = await _read_json(request) or {}
        with self._lock:
            self._log.append(_logged(request, body, "BatchCreate"))
            if body.get("input_file_id") not in self._files:
                return _error(Status(400, body={"error": {"message": "Unknown input_file_id."}}))
            batch_id = f"batch_{uuid.uuid4().hex[:24]}"
            now = int(time.time())
            self._batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": body.get("endpoint"),
                "errors": None,
                "input_file_id": body["input_file_id"],
                "completion_window": body.get("completion_window"),
                "status": "validating",
                "output_file_id": None,
                "error_file_id": None,
                "created_at": now,
                "expires_at": now + 24 * 3600,
                "request_counts": {"total": 0, "completed": 0, "failed": 0},
                "metadata": body.get("metadata"),
            }
            outcome = self._batch_script.popleft() if self._batch_script else self.batch_outcome
            self._batch_plans[batch_id] = (outcome, list(_BATCH_STEPS[type(outcome)]))
            return web.json_response(self._batches[batch_id], headers=_request_id())

    async def _list_batches(self, request: web.Request) -> web.Response:
        """Newest first, at most `limit` (default 20), as the API pages them."""
        limit = int(request.query.get("limit", "20"))
        with self._lock:
            self._log.append(_logged(request, None, "BatchList"))
            newest = list(reversed(self._batches.values()))
        page = newest[:limit]
        document = {
            "object": "list",
            "data": page,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None,
            "has_more": len(newest) > limit,
        }
        return web.json_response(document, headers=_request_id())

    async def _batch(self, request: web.Request) -> web.Response:
        batch_id = request.match_info["batch_id"]
        with self._lock:
            batch = self._batches.get(batch_id)
            if batch is None:
                return _error(Status(404, body={"error": {"message": "No such batch."}}))
            outcome, steps = self._batch_plans[batch_id]
            if steps:
                batch["status"] = steps.pop(0)
                batch[f"{batch['status']}_at"] = int(time.time())
                if batch["status"] == "in_progress":  # the input file has been read
                    content = self._files[batch["input_file_id"]][1]
                    batch["request_counts"]["total"] = len(content.splitlines())
                if batch["status"] in ("completed", "expired", "failed"):
                    self._finish_batch(batch, outcome)
            return web.json_response(batch, headers=_request_id())

    def _finish_batch(self, batch: dict[str, Any], outcome: BatchOutcome) -> None:
        """Answer the batch's requests into an output and an error file (lock held)."""
        if isinstance(outcome, BatchFails):
            batch["errors"] = {
                "object": "list",
                "data": [{"code": "invalid_json_line", "message": outcome.message, "line": 1}],
            }
            return
        lines = self._files[batch["input_file_id"]][1].decode().splitlines()
        requests = [json.loads(line) for line in lines if line.strip()]
        answered = outcome.answered if isinstance(outcome, BatchExpires) else len(requests)
        output, errors = [], []
        for number, item in enumerate(requests):
            line: dict[str, Any] = {"id": f"batch_req_{uuid.uuid4().hex[:24]}"}
            line["custom_id"] = item.get("custom_id")
            if number >= answered:
                line["response"] = None
                line["error"] = {"code": "batch_expired", "message": EXPIRED_MESSAGE}
                errors.append(line)
                continue
            behaviour = self._script.popleft() if self._script else self.default
            while isinstance(behaviour, Delay):  # no waiting inside a batch
                behaviour = behaviour.then
            self._log.append(
                LoggedRequest(
                    COMPLETIONS_PATH,
                    time.monotonic(),
                    {},
                    item.get("body"),
                    f"Batch({behaviour.name})",
                )
            )
            response = _respond(behaviour, item.get("body") or {})
            assert isinstance(response.body, bytes)
            line["response"] = {
                "status_code": response.status,
                "request_id": response.headers["x-request-id"],
                "body": json.loads(response.body),
            }
            line["error"] = None
            (output if response.status == 200 else errors).append(line)
        batch["request_counts"] = {
            "total": len(requests),
            "completed": len(output),
            "failed": len(errors),
        }
        for key, found in (("output_file_id", output), ("error_file_id", errors)):
            if found:
                file_id = f"file-{uuid.uuid4().hex[:24]}"
                content = "".join(json.dumps(line) + "\n" for line in found).encode()
                self._files[file_id] = ("batch_output", content)
                batch[key] = file_id


async def _read_json(request: web.Request) -> dict[str, Any] | None:
    """The body as a JSON object, or None when there is none (a GET) or it is not one."""
    if not request.can_read_body:
        return None
    try:
        parsed = json.loads(await request.read())
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _logged(request: web.Request, body: dict[str, Any] | None, outcome: str) -> LoggedRequest:
    headers = {name.lower(): value for name, value in request.headers.items()}
    return LoggedRequest(request.path, time.monotonic(), headers, body, outcome)


# -- responses (pure functions of the behaviour and the request body) -----------------------------


def _request_id() -> dict[str, str]:
    """The API tags every response; the SDK puts it in error messages."""
    return {"x-request-id": f"req_{uuid.uuid4().hex}"}


# The JSON-schema keywords OpenAI's strict mode accepts (its Structured Outputs guide); a
# request using any other is answered 400, as the API does.
STRICT_SCHEMA_KEYWORDS: Final = frozenset(
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "const",
        "anyOf", "$ref", "$defs", "definitions", "description", "title", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minItems", "maxItems",
    }
)  # fmt: skip


def strict_schema_problem(schema: object, path: str = "schema") -> str | None:
    """Why OpenAI's strict mode would refuse this schema node, if it would."""
    if not isinstance(schema, dict):
        return None
    unknown = sorted(set(schema) - STRICT_SCHEMA_KEYWORDS)
    if unknown:
        return f"{path}: keyword {unknown[0]!r} is not permitted in strict mode"
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is not False:
            return f"{path}: 'additionalProperties' must be false"
        if sorted(schema.get("required", [])) != sorted(properties):
            return f"{path}: every property must be required"
    children = [
        *((f"{path}.{name}", node) for name, node in schema.get("properties", {}).items()),
        *((f"{path}.$defs.{name}", node) for name, node in schema.get("$defs", {}).items()),
        *((f"{path}.anyOf", node) for node in schema.get("anyOf", [])),
    ]
    if "items" in schema:
        children.append((f"{path}.items", schema["items"]))
    return next(
        (problem for child, node in children if (problem := strict_schema_problem(node, child))),
        None,
    )


def _respond(behaviour: Behaviour, request: dict[str, Any]) -> web.Response:
    if isinstance(behaviour, Status):
        return _error(behaviour)
    json_schema = (request.get("response_format") or {}).get("json_schema") or {}
    problem = json_schema.get("strict") and strict_schema_problem(json_schema.get("schema"))
    if problem:
        return _error(
            Status(400, {"error": {"message": f"Invalid schema: {problem}", "type": "invalid"}})
        )
    if isinstance(behaviour, NotAnAnswer):
        return web.Response(
            text="<html><body>Gateway says hello</body></html>", content_type="text/html"
        )
    built = _classification_for(request)
    if isinstance(behaviour, Valid):
        chosen = built if behaviour.classification is None else behaviour.classification
        return _completion(request, json.dumps(chosen, ensure_ascii=False))
    if isinstance(behaviour, InvalidJson):
        return _completion(request, 'Claro, aquí está: {"business_sector": ')
    if isinstance(behaviour, Truncated):
        text = json.dumps(built, ensure_ascii=False)
        return _completion(request, text[: len(text) // 2], finish_reason="length")
    if isinstance(behaviour, OutOfSchema):
        wrong = {**built, behaviour.field: behaviour.value}
        return _completion(request, json.dumps(wrong, ensure_ascii=False))
    if isinstance(behaviour, FollowsInjection):
        injected = {**built, **_injection_in(request)}
        return _completion(request, json.dumps(injected, ensure_ascii=False))
    if isinstance(behaviour, Refusal):
        return _completion(request, None, refusal=behaviour.message)
    if isinstance(behaviour, ContentFilter):
        return _completion(request, None, finish_reason="content_filter")
    raise TypeError(f"unknown behaviour {behaviour!r}")


def _error(behaviour: Status) -> web.Response:
    message, kind, code = _ERRORS.get(
        behaviour.status, (f"HTTP {behaviour.status}.", "server_error", None)
    )
    body = behaviour.body or {
        "error": {"message": message, "type": kind, "param": None, "code": code}
    }
    headers = _request_id()
    if behaviour.retry_after is not None:
        headers["retry-after"] = f"{behaviour.retry_after:g}"
        headers["retry-after-ms"] = str(round(behaviour.retry_after * 1000))
    return web.json_response(body, status=behaviour.status, headers=headers)


def _completion(
    request: dict[str, Any],
    content: str | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
) -> web.Response:
    prompt_tokens = max(1, sum(len(_text_of(m)) for m in request.get("messages", [])) // 4)
    completion_tokens = len(content or refusal or "") // 4
    if finish_reason == "length":
        # A real cut-off spends the whole budget the request allowed.
        budget = request.get("max_completion_tokens") or request.get("max_tokens")
        completion_tokens = budget if isinstance(budget, int) else completion_tokens
    message = {"role": "assistant", "content": content, "refusal": refusal}
    choice = {"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}
    completion = {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "unknown"),
        "choices": [choice],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
    return web.json_response(completion, headers=_request_id())


def _text_of(message: object) -> str:
    """A message's text, whether content is a string or a list of parts."""
    content = message.get("content") if isinstance(message, dict) else None
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return content if isinstance(content, str) else ""


def _injection_in(request: dict[str, Any]) -> dict[str, Any]:
    """The JSON object after `OVERRIDE:` in the user messages ({} when there is none)."""
    for message in request.get("messages", []):
        text = _text_of(message)
        if message.get("role") != "user" or INJECTION_MARKER not in text:
            continue
        start = text.index(INJECTION_MARKER) + len(INJECTION_MARKER)
        injected, _end = json.JSONDecoder().raw_decode(text[start:].lstrip())
        return injected if isinstance(injected, dict) else {}
    return {}


def _classification_for(request: dict[str, Any]) -> dict[str, Any]:
    """An object that satisfies the request's json_schema response_format ({} without one)."""
    response_format = request.get("response_format")
    if not isinstance(response_format, dict):
        return {}
    schema = (response_format.get("json_schema") or {}).get("schema")
    if not isinstance(schema, dict):
        return {}
    built = _value_for(schema, schema)
    return built if isinstance(built, dict) else {}


def _value_for(schema: dict[str, Any], root: dict[str, Any], item: int | None = None) -> object:
    """A plausible value for one JSON-schema node; `item` is the position inside a list."""
    if "$ref" in schema:
        return _value_for(_resolve(schema["$ref"], root), root, item)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        not_null = [option for option in options if option.get("type") != "null"]
        return _value_for((not_null or options)[0], root, item)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        properties = schema.get("properties", {})
        return {name: _value_for(sub, root) for name, sub in properties.items()}
    if kind == "array":
        items = schema.get("items", {"type": "string"})
        return [_value_for(items, root, i) for i in range(len(_SPANISH_TOPICS))]
    if kind == "boolean":
        return False
    if kind == "number":
        return 0.5
    if kind == "integer":
        return 1
    if kind == "null":
        return None
    return _SPANISH_SENTENCE if item is None else _SPANISH_TOPICS[item]


def _resolve(ref: str, root: dict[str, Any]) -> dict[str, Any]:
    """Follow a local reference such as "#/$defs/Region"."""
    if not ref.startswith("#/"):
        raise ValueError(f"only local $ref is supported, got {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return dict(node)
