"""The LLM with its safety nets: the fallback policy for failures and the optional daily budget.

- Budget spent: every meeting is classified offline until the UTC day ends, marked as a fallback
  with reason `daily_budget_exhausted`, logged at ERROR once and exported as a gauge.
- The LLM fails for good, policy `offline`: the meeting is classified offline, marked as a fallback
  with the LLM's error as the reason; what the failed attempts cost is still recorded.
- Policy `dead_letter`: an unusable answer goes to the dead-letter topic; an unavailable service
  (429, 5xx, timeouts) is retried by the pipeline with backoff, never dead-lettered for being slow.
- The API refuses the key, its permission or the model (401, 403, 404): a configuration error,
  logged at ERROR once, exported as a gauge and reported by /ready until a call succeeds. By
  default the meeting waits (the pipeline retries it, so nothing is stored and the worker stops
  consuming); `STREAMPROC_LLM_ON_CONFIGURATION_ERROR=offline` classifies offline meanwhile.
"""

from __future__ import annotations

import logging
from typing import Protocol

from streamproc import metrics
from streamproc.classify.base import Classifier, ClassifierResult
from streamproc.errors import (
    ClassificationRejected,
    LLMMisconfigured,
    LLMUnavailable,
    TransientError,
)
from streamproc.events import ClassifierInfo, TokenUsage
from streamproc.settings import ConfigurationErrorPolicy, FallbackPolicy
from streamproc.taxonomy import Language

log = logging.getLogger(__name__)

BUDGET_EXHAUSTED = "daily_budget_exhausted"


class SpendLedger(Protocol):
    async def add(self, usd: float) -> float: ...

    async def today(self) -> float: ...


class GuardedClassifier:
    """Wraps the LLM classifier with the fallback policy and the daily budget."""

    def __init__(
        self,
        primary: Classifier,
        fallback: Classifier,
        policy: FallbackPolicy,
        daily_budget_usd: float | None,
        spend: SpendLedger,
        on_configuration_error: ConfigurationErrorPolicy = ConfigurationErrorPolicy.WAIT,
    ) -> None:
        self._primary = primary
        self._fallback = fallback
        self._policy = policy
        self._budget = daily_budget_usd
        self._spend = spend
        self._on_configuration_error = on_configuration_error
        self._budget_exhausted = False
        # The API's last refusal of the key, permission or model; None once a call succeeds.
        self.configuration_error: str | None = None

    @property
    def info(self) -> ClassifierInfo:
        return self._primary.info

    async def classify(self, transcript: str, language: Language | None) -> ClassifierResult:
        if await self._over_budget():
            return await self._fall_back(transcript, language, BUDGET_EXHAUSTED, usage=None)
        try:
            result = await self._primary.classify(transcript, language)
        except LLMMisconfigured as error:
            self._misconfigured(error)
            if self._on_configuration_error is ConfigurationErrorPolicy.WAIT:
                raise
            return await self._fall_back(
                transcript, language, f"llm_configuration_error: {error}", usage=None
            )
        except (ClassificationRejected, LLMUnavailable) as error:
            await self._record(error.usage)
            if self._policy is FallbackPolicy.DEAD_LETTER:
                raise
            log.warning(
                "llm failed, classifying offline reason=%s error=%s", error.error_type, error
            )
            return await self._fall_back(
                transcript, language, f"{error.error_type}: {error}", error.usage
            )
        await self._record(result.usage)
        if self.configuration_error is not None:
            log.warning("the LLM API accepts the configuration again")
            self.configuration_error = None
            metrics.LLM_CONFIGURATION_ERROR.set(0)
        return result

    def _misconfigured(self, error: LLMMisconfigured) -> None:
        if self.configuration_error is None:
            what = (
                "meetings wait unacked until it is fixed"
                if self._on_configuration_error is ConfigurationErrorPolicy.WAIT
                else "classifying offline until it is fixed"
            )
            log.error(
                "LLM CONFIGURATION ERROR (check OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL):"
                " %s; %s",
                error,
                what,
            )
        self.configuration_error = str(error)
        metrics.LLM_CONFIGURATION_ERROR.set(1)

    async def _over_budget(self) -> bool:
        if self._budget is None:
            return False
        exhausted = await self._spend.today() >= self._budget
        if exhausted and not self._budget_exhausted:
            log.error(
                "LLM DAILY BUDGET SPENT (%.2f USD): classifying offline until the UTC day ends",
                self._budget,
            )
        self._budget_exhausted = exhausted
        metrics.LLM_BUDGET_EXHAUSTED.set(int(exhausted))
        return exhausted

    async def _record(self, usage: TokenUsage | None) -> None:
        """Add to today's spend. The cost is stored with the result in Postgres either way, so a
        Redis outage here must not fail (and re-bill) a classification already paid for."""
        if usage is None or usage.cost_usd <= 0:
            return
        try:
            await self._spend.add(usage.cost_usd)
        except TransientError as error:
            log.error("daily spend not recorded (budget may be undercounted): %s", error)

    async def _fall_back(
        self, transcript: str, language: Language | None, reason: str, usage: TokenUsage | None
    ) -> ClassifierResult:
        metrics.LLM_FALLBACKS.labels(reason=reason.split(":", 1)[0]).inc()
        result = await self._fallback.classify(transcript, language)
        marked = result.classifier.model_copy(
            update={"fallback": True, "fallback_reason": reason[:500]}
        )
        return ClassifierResult(result.classification, marked, usage)
