"""The LLM classifier: OpenAI Chat Completions with a strict JSON schema, retries and cost.

Works with any OpenAI-compatible server (`OPENAI_BASE_URL`). Every answer is validated again with
pydantic; nothing outside the taxonomy is ever returned. Each call is rate limited, bounded in time
and in output tokens, and retried with exponential backoff and full jitter (honouring Retry-After)
up to the configured number of attempts. Then the last error is raised: `LLMUnavailable` if the
service never answered usably (429, 5xx, timeouts), otherwise the answer's own error type.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass
from typing import Any, Final, Protocol

import bpe_openai
import orjson
from pydantic import ValidationError

from streamproc import metrics
from streamproc.classify.base import ClassifierResult
from streamproc.classify.openai.chat_api import (
    ChatAnswer,
    ChatCompletionsAPI,
    ChatConnectionError,
    ChatMalformedAnswer,
    ChatRateLimited,
    ChatRequestRejected,
    ChatServerError,
    ChatTimeout,
)
from streamproc.classify.openai.prompt import (
    PROMPT_VERSION,
    fit_transcript,
    messages,
    response_format,
)
from streamproc.classify.openai.repair import repair_bounds
from streamproc.errors import (
    AnswerFiltered,
    AnswerOutOfSchema,
    AnswerRefused,
    AnswerTruncated,
    ClassificationRejected,
    LLMMisconfigured,
    LLMUnavailable,
    RequestRejected,
)
from streamproc.events import ClassifierInfo, TokenUsage, describe_validation_error
from streamproc.settings import Settings
from streamproc.taxonomy import Classification, Language

log = logging.getLogger(__name__)

# Statuses that say the key, its permissions or the model are wrong: a configuration error.
CONFIGURATION_STATUSES: Final = frozenset({401, 403, 404})
# Tokens the chat format adds around each message; only used to reserve rate-limit budget.
MESSAGE_OVERHEAD_TOKENS: Final = 4
# The rate-limit reservation counts a token per this many characters of prompt instead of running
# the tokenizer (~0.35 ms per 2 KiB transcript, the largest CPU cost of a call): Spanish and
# English prompts measure about 4 characters per token, so it over-reserves, and the answer's
# usage refunds the difference. The API's own limiter is reported to estimate from characters too.
CHARACTERS_PER_TOKEN_ESTIMATE: Final = 3
# Used for models the tokenizer package does not know (local models): counts are then estimates.
FALLBACK_ENCODING: Final = "o200k_base"


@dataclass(frozen=True)
class Pricing:
    input_per_million: float
    output_per_million: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (
            prompt_tokens * self.input_per_million + completion_tokens * self.output_per_million
        ) / 1_000_000


@dataclass(frozen=True)
class PreparedRequest:
    body: dict[str, Any]  # the Chat Completions request, as sent live or written to a batch
    truncated: bool  # the transcript was cut to the token budget
    reserved_tokens: int  # what the rate limiter holds until the answer says what it used


@dataclass
class _Bill:
    """Tokens and cost of every attempt for one meeting: failed answers are billed too."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0

    def usage(self) -> TokenUsage:
        return TokenUsage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            cost_usd=round(self.cost_usd, 8),
        )


class _RetryableCall(Exception):
    """One attempt failed in a way another attempt may not; carries what to wait and why."""

    def __init__(self, outcome: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.retry_after = retry_after


def estimated_tokens(prompt: list[dict[str, str]]) -> int:
    """At least the prompt's tokens for natural-language text; see CHARACTERS_PER_TOKEN_ESTIMATE."""
    return sum(
        -(-len(message["content"]) // CHARACTERS_PER_TOKEN_ESTIMATE) + MESSAGE_OVERHEAD_TOKENS
        for message in prompt
    )


def encoding_for(model: str) -> Any:
    try:
        return bpe_openai.encoding_for_model(model)
    except bpe_openai.UnsupportedModelError:
        log.warning("no tokenizer for model=%s; token counts use %s", model, FALLBACK_ENCODING)
        return bpe_openai.get_encoding(FALLBACK_ENCODING)


class Limiter(Protocol):
    """Requests and tokens per minute, shared by a worker's classifications (`rate_limit.py`)."""

    async def acquire(self, tokens: int) -> None: ...

    def refund(self, tokens: int) -> None: ...


@dataclass(frozen=True)
class LLMOptions:
    """The settings the LLM classifier reads, and nothing else of them."""

    model: str
    max_attempts: int
    retry_initial_seconds: float
    retry_max_seconds: float
    max_output_tokens: int
    max_transcript_tokens: int
    batch_price_factor: float
    price_per_million: tuple[float, float]

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMOptions:
        return cls(
            model=settings.openai_model,
            max_attempts=settings.llm_max_attempts,
            retry_initial_seconds=settings.llm_retry_initial_seconds,
            retry_max_seconds=settings.llm_retry_max_seconds,
            max_output_tokens=settings.llm_max_output_tokens,
            max_transcript_tokens=settings.llm_max_transcript_tokens,
            batch_price_factor=settings.llm_batch_price_factor,
            price_per_million=settings.price_per_million(),
        )


class LLMClassifier:
    def __init__(self, options: LLMOptions, client: ChatCompletionsAPI, limiter: Limiter) -> None:
        self._options = options
        self._client = client
        self._limiter = limiter
        self._model = options.model
        self._pricing = Pricing(*options.price_per_million)
        self._encoding = encoding_for(self._model)

    @classmethod
    def from_settings(cls, settings: Settings, limiter: Limiter) -> LLMClassifier:
        api_key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
        client = ChatCompletionsAPI(
            settings.openai_base_url,
            api_key,
            settings.llm_timeout_seconds,
            max_connections=settings.concurrency,
        )
        unpriced = settings.unpriced_model_warning()
        if unpriced:
            log.warning(unpriced)
        return cls(LLMOptions.from_settings(settings), client, limiter)

    @property
    def info(self) -> ClassifierInfo:
        return ClassifierInfo(name="openai", model=self._model, version=PROMPT_VERSION)

    async def check(self) -> None:
        """A cheap call that proves the endpoint, the key and the model (`streamproc check`)."""
        served = await self._client.models()
        if self._model not in served:
            shown = ", ".join(served[:10]) or "none"
            raise RequestRejected(f"model {self._model!r} is not served here (served: {shown})")

    async def close(self) -> None:
        await self._client.close()

    def prepare(self, transcript: str, language: Language | None) -> PreparedRequest:
        """The Chat Completions request for one meeting: the same live and in a batch."""
        fitted = fit_transcript(transcript, self._encoding, self._options.max_transcript_tokens)
        prompt = messages(fitted.text, language)
        body = {
            "model": self._model,
            "messages": prompt,
            "response_format": response_format(),
            "max_tokens": self._options.max_output_tokens,
            "temperature": 0,
        }
        reserved = self._options.max_output_tokens + estimated_tokens(prompt)
        return PreparedRequest(body, fitted.truncated, reserved)

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult:
        request = self.prepare(transcript, language)
        bill = _Bill()
        last: _RetryableCall | ClassificationRejected | None = None
        for attempt in range(self._options.max_attempts):
            if attempt:
                await self._back_off(attempt, last)
            await self._limiter.acquire(request.reserved_tokens)
            try:
                classification = await self._attempt(request, bill)
            except RequestRejected as error:  # the same request cannot succeed: no retry
                raise error.with_usage(bill.usage()) from error
            except (_RetryableCall, ClassificationRejected) as error:
                last = error
                continue
            return ClassifierResult(classification, self._info(request), bill.usage())
        raise self._final_error(last, bill)

    def batch_result(self, request: PreparedRequest, answer: Any) -> ClassifierResult:
        """One meeting's answer from a batch (its decoded body), validated and billed like a live
        answer, at the batch price. Raises `ClassificationRejected` (with what it cost) for an
        unusable one."""
        bill = _Bill()
        try:
            parsed = ChatAnswer.from_document(answer)
            if parsed.prompt_tokens is not None and parsed.completion_tokens is not None:
                self._bill(bill, parsed.prompt_tokens, parsed.completion_tokens, batch=True)
            classification = self._parse(parsed)
        except ChatMalformedAnswer as error:
            self._count("out_of_schema")
            raise AnswerOutOfSchema(str(error)) from error
        except ClassificationRejected as error:
            raise error.with_usage(bill.usage()) from error
        return ClassifierResult(classification, self._info(request), bill.usage())

    def _info(self, request: PreparedRequest) -> ClassifierInfo:
        return self.info.model_copy(update={"transcript_truncated": request.truncated})

    async def _attempt(self, request: PreparedRequest, bill: _Bill) -> Classification:
        try:
            answer = await self._client.complete(request.body)
        except ChatRateLimited as error:
            self._count("rate_limited")
            raise _RetryableCall("rate_limited", str(error), error.retry_after) from error
        except ChatTimeout as error:
            self._count("timeout")
            raise _RetryableCall("timeout", "no answer within the timeout") from error
        except ChatConnectionError as error:
            self._count("connection_error")
            raise _RetryableCall("connection_error", str(error)) from error
        except ChatServerError as error:
            self._count("server_error")
            raise _RetryableCall(
                "server_error", f"HTTP {error.status}", error.retry_after
            ) from error
        except ChatRequestRejected as error:
            self._count("rejected")
            if error.status in CONFIGURATION_STATUSES:
                raise LLMMisconfigured(error.status, error.message) from error
            raise RequestRejected(str(error)) from error
        except ChatMalformedAnswer as error:
            self._count("out_of_schema")
            raise AnswerOutOfSchema(str(error)) from error

        if answer.prompt_tokens is not None and answer.completion_tokens is not None:
            self._bill(bill, answer.prompt_tokens, answer.completion_tokens)
            self._limiter.refund(
                request.reserved_tokens - answer.prompt_tokens - answer.completion_tokens
            )
        return self._parse(answer)

    def _parse(self, answer: ChatAnswer) -> Classification:
        if answer.refusal:
            self._count("refused")
            raise AnswerRefused(f"the model refused: {answer.refusal[:200]}")
        if answer.finish_reason == "length":
            self._count("truncated")
            raise AnswerTruncated(
                f"the answer reached max_tokens={self._options.max_output_tokens}"
            )
        if answer.finish_reason == "content_filter":
            self._count("filtered")
            raise AnswerFiltered("the answer was stopped by the content filter")
        try:
            classification = Classification.model_validate_json(answer.content or "")
        except ValidationError as error:
            classification = self._repaired(answer.content or "", error)
        self._count("ok")
        return classification

    def _repaired(self, content: str, error: ValidationError) -> Classification:
        """The answer with only our bounds repaired (`repair.py`), or `AnswerOutOfSchema` when
        its meaning is unusable (so the call is retried)."""
        try:
            repaired, repairs = repair_bounds(orjson.loads(content))
            if not repairs:
                raise error
            classification = Classification.model_validate(repaired)
        except (orjson.JSONDecodeError, ValidationError):
            self._count("out_of_schema")
            raise AnswerOutOfSchema(describe_validation_error(error)) from error
        for repair in repairs:
            metrics.LLM_ANSWERS_REPAIRED.labels(model=self._model, repair=repair.value).inc()
        return classification

    async def _back_off(
        self, attempt: int, last: _RetryableCall | ClassificationRejected | None
    ) -> None:
        """Full jitter, capped; a Retry-After from the server is a floor, never cut short."""
        ceiling = min(
            self._options.retry_max_seconds,
            self._options.retry_initial_seconds * 2 ** (attempt - 1),
        )
        delay = random.uniform(0, ceiling)
        retry_after = getattr(last, "retry_after", None)
        if retry_after is not None:
            delay = max(delay, retry_after)
        outcome = last.outcome if isinstance(last, _RetryableCall) else _outcome_of(last)
        metrics.LLM_RETRIES.labels(model=self._model, outcome=outcome).inc()
        log.info("llm retry attempt=%d outcome=%s wait=%.2fs", attempt + 1, outcome, delay)
        await asyncio.sleep(delay)

    def _final_error(
        self, last: _RetryableCall | ClassificationRejected | None, bill: _Bill
    ) -> ClassificationRejected | LLMUnavailable:
        if isinstance(last, ClassificationRejected):
            return last.with_usage(bill.usage())
        reason = f"{last.outcome}: {last}" if last else "no attempt made"
        return LLMUnavailable(
            f"{self._options.max_attempts} attempt(s) failed, the last with {reason}",
            bill.usage(),
        )

    def _bill(
        self, bill: _Bill, prompt_tokens: int, completion_tokens: int, batch: bool = False
    ) -> None:
        cost = self._pricing.cost(prompt_tokens, completion_tokens)
        if batch:
            cost *= self._options.batch_price_factor
        bill.prompt_tokens += prompt_tokens
        bill.completion_tokens += completion_tokens
        bill.cost_usd += cost
        metrics.LLM_TOKENS.labels(model=self._model, kind="prompt").inc(prompt_tokens)
        metrics.LLM_TOKENS.labels(model=self._model, kind="completion").inc(completion_tokens)
        metrics.LLM_COST_USD.labels(model=self._model).inc(cost)

    def _count(self, outcome: str) -> None:
        metrics.LLM_REQUESTS.labels(model=self._model, outcome=outcome).inc()


def _outcome_of(error: ClassificationRejected | None) -> str:
    return error.error_type.removeprefix("llm_") if error else "unknown"
