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
from typing import Any, Final

import bpe_openai
import openai
from openai import AsyncOpenAI
from pydantic import ValidationError

from streamproc import metrics
from streamproc.classify.base import ClassifierResult
from streamproc.classify.prompt import PROMPT_VERSION, fit_transcript, messages, response_format
from streamproc.errors import (
    AnswerFiltered,
    AnswerOutOfSchema,
    AnswerRefused,
    AnswerTruncated,
    ClassificationRejected,
    LLMUnavailable,
    RequestRejected,
)
from streamproc.events import ClassifierInfo, TokenUsage, describe_validation_error
from streamproc.settings import Settings
from streamproc.taxonomy import Classification, Language

log = logging.getLogger(__name__)

# Tokens the chat format adds around each message; only used to reserve rate-limit budget.
MESSAGE_OVERHEAD_TOKENS: Final = 4
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


def encoding_for(model: str) -> Any:
    try:
        return bpe_openai.encoding_for_model(model)
    except bpe_openai.UnsupportedModelError:
        log.warning("no tokenizer for model=%s; token counts use %s", model, FALLBACK_ENCODING)
        return bpe_openai.get_encoding(FALLBACK_ENCODING)


class LLMClassifier:
    def __init__(self, settings: Settings, client: AsyncOpenAI, limiter: Any) -> None:
        self._settings = settings
        self._client = client
        self._limiter = limiter
        self._model = settings.openai_model
        self._pricing = Pricing(*settings.price_per_million())
        self._encoding = encoding_for(self._model)

    @classmethod
    def from_settings(cls, settings: Settings, limiter: Any) -> LLMClassifier:
        api_key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        client = AsyncOpenAI(
            api_key=api_key,
            base_url=settings.openai_base_url,
            timeout=settings.llm_timeout_seconds,
            max_retries=0,  # retries are ours: they honour our budget and our metrics
        )
        return cls(settings, client, limiter)

    @property
    def info(self) -> ClassifierInfo:
        return ClassifierInfo(name="openai", model=self._model, version=PROMPT_VERSION)

    async def check(self) -> None:
        """A cheap call that proves the endpoint, the key and the model (`streamproc check`)."""
        served = [model.id async for model in self._client.models.list()]
        if self._model not in served:
            shown = ", ".join(served[:10]) or "none"
            raise RequestRejected(f"model {self._model!r} is not served here (served: {shown})")

    async def close(self) -> None:
        await self._client.close()

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult:
        fitted = fit_transcript(
            transcript, self._encoding, self._settings.llm_max_transcript_tokens
        )
        prompt = messages(fitted.text, language)
        reserved = self._settings.llm_max_output_tokens + sum(
            len(self._encoding.encode_ordinary(message["content"])) + MESSAGE_OVERHEAD_TOKENS
            for message in prompt
        )
        bill = _Bill()
        last: _RetryableCall | ClassificationRejected | None = None
        for attempt in range(self._settings.llm_max_attempts):
            if attempt:
                await self._back_off(attempt, last)
            await self._limiter.acquire(reserved)
            try:
                classification = await self._attempt(prompt, bill, reserved)
            except RequestRejected as error:
                error.usage = bill.usage()
                raise  # the same request cannot succeed: no retry
            except (_RetryableCall, ClassificationRejected) as error:
                last = error
                continue
            info = self.info.model_copy(update={"transcript_truncated": fitted.truncated})
            return ClassifierResult(classification, info, bill.usage())
        raise self._final_error(last, bill)

    async def _attempt(
        self, prompt: list[dict[str, str]], bill: _Bill, reserved: int
    ) -> Classification:
        try:
            # The prompt module stays free of SDK types, hence plain dicts for the typed params.
            response = await self._client.chat.completions.create(  # type: ignore[call-overload]
                model=self._model,
                messages=prompt,
                response_format=response_format(),
                max_tokens=self._settings.llm_max_output_tokens,
                temperature=0,
            )
        except openai.RateLimitError as error:
            self._count("rate_limited")
            raise _RetryableCall(
                "rate_limited", str(error), _retry_after(error.response)
            ) from error
        except openai.APITimeoutError as error:
            self._count("timeout")
            raise _RetryableCall("timeout", "no answer within the timeout") from error
        except openai.APIConnectionError as error:
            self._count("connection_error")
            raise _RetryableCall("connection_error", str(error)) from error
        except openai.APIStatusError as error:
            if error.status_code >= 500:
                self._count("server_error")
                raise _RetryableCall(
                    "server_error", f"HTTP {error.status_code}", _retry_after(error.response)
                ) from error
            self._count("rejected")
            raise RequestRejected(f"HTTP {error.status_code}: {error.message}") from error

        if response.usage is not None:
            self._bill(bill, response.usage.prompt_tokens, response.usage.completion_tokens)
            self._limiter.refund(reserved - response.usage.total_tokens)
        return self._parse(response)

    def _parse(self, response: Any) -> Classification:
        if not response.choices:
            self._count("out_of_schema")
            raise AnswerOutOfSchema("the answer has no choices")
        choice = response.choices[0]
        message = choice.message
        if getattr(message, "refusal", None):
            self._count("refused")
            raise AnswerRefused(f"the model refused: {str(message.refusal)[:200]}")
        if choice.finish_reason == "length":
            self._count("truncated")
            raise AnswerTruncated(
                f"the answer reached max_tokens={self._settings.llm_max_output_tokens}"
            )
        if choice.finish_reason == "content_filter":
            self._count("filtered")
            raise AnswerFiltered("the answer was stopped by the content filter")
        try:
            classification = Classification.model_validate_json(message.content or "")
        except ValidationError as error:
            self._count("out_of_schema")
            raise AnswerOutOfSchema(describe_validation_error(error)) from error
        self._count("ok")
        return classification

    async def _back_off(
        self, attempt: int, last: _RetryableCall | ClassificationRejected | None
    ) -> None:
        """Full jitter, capped; a Retry-After from the server is a floor, never cut short."""
        ceiling = min(
            self._settings.llm_retry_max_seconds,
            self._settings.llm_retry_initial_seconds * 2 ** (attempt - 1),
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
        error: ClassificationRejected | LLMUnavailable
        if isinstance(last, ClassificationRejected):
            error = last
        else:
            reason = f"{last.outcome}: {last}" if last else "no attempt made"
            error = LLMUnavailable(
                f"{self._settings.llm_max_attempts} attempt(s) failed, the last with {reason}"
            )
        error.usage = bill.usage()
        return error

    def _bill(self, bill: _Bill, prompt_tokens: int, completion_tokens: int) -> None:
        cost = self._pricing.cost(prompt_tokens, completion_tokens)
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


def _retry_after(response: Any) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms` or `Retry-After` in seconds)."""
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            continue  # an HTTP date: rare from these APIs; the backoff applies instead
    return None
