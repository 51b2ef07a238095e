"""Every setting of streamproc, read from environment variables (the README's table lists them)."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit, urlunsplit

from pydantic import (
    AliasChoices,
    Field,
    NonNegativeFloat,
    PositiveInt,
    SecretStr,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError


class ClassifierKind(StrEnum):
    OFFLINE = "offline"
    OPENAI = "openai"


class KafkaSecurityProtocol(StrEnum):
    PLAINTEXT = "PLAINTEXT"
    SSL = "SSL"
    SASL_PLAINTEXT = "SASL_PLAINTEXT"
    SASL_SSL = "SASL_SSL"


class KafkaSaslMechanism(StrEnum):
    PLAIN = "PLAIN"
    SCRAM_SHA_256 = "SCRAM-SHA-256"
    SCRAM_SHA_512 = "SCRAM-SHA-512"


class LogLevel(StrEnum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class ConfigurationErrorPolicy(StrEnum):
    """What a worker does while the LLM API refuses its key, permission or model."""

    WAIT = "wait"  # stop consuming: meetings wait unacked, retried until the API accepts again
    OFFLINE = "offline"  # classify offline meanwhile, each result marked as a fallback


class FallbackPolicy(StrEnum):
    """What happens to a meeting the LLM fails on for good (after its attempts)."""

    OFFLINE = "offline"  # classify offline, marked as a fallback with the LLM error recorded
    DEAD_LETTER = "dead_letter"  # unusable answers go to classifications.failed


# Meetings in flight per classification slot by default: while one meeting is stored and
# published, the next is decoded and looked up, ready for the slot (bench/RESULTS.md: the LLM
# path at concurrency 50 went from 0.89 to 0.97 of the ideal C/L).
IN_FLIGHT_PER_CLASSIFICATION: Final = 2

# The host of OpenAI's own API: a model served elsewhere may have no price.
OPENAI_HOST: Final = "openai.com"
# USD per million tokens (input, output), from OpenAI's published prices. Add yours with
# STREAMPROC_LLM_PRICES, e.g. '{"llama3.1:8b": [0, 0]}' for a local server.
DEFAULT_PRICES: Final[dict[str, tuple[float, float]]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    """One place for configuration: the CLI, the worker and the tests all build this class."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:9092",
        validation_alias=_env("KAFKA_BOOTSTRAP_SERVERS"),
        description="comma-separated broker addresses",
    )
    # TLS and SASL for Kafka; PostgreSQL TLS goes in DATABASE_URL (?sslmode=verify-full) and Redis
    # AUTH/TLS in REDIS_URL (redis://:password@host or rediss://).
    kafka_security_protocol: KafkaSecurityProtocol = Field(
        KafkaSecurityProtocol.PLAINTEXT,
        validation_alias=_env("KAFKA_SECURITY_PROTOCOL"),
        description=(
            "`PLAINTEXT`, `SSL`, `SASL_PLAINTEXT` or `SASL_SSL` (all Kafka clients: worker, "
            "`topics`, `publish`)"
        ),
    )
    kafka_sasl_mechanism: KafkaSaslMechanism = Field(
        KafkaSaslMechanism.PLAIN,
        validation_alias=_env("KAFKA_SASL_MECHANISM"),
        description="`PLAIN`, `SCRAM-SHA-256` or `SCRAM-SHA-512`",
    )
    kafka_sasl_username: str | None = Field(
        None, validation_alias=_env("KAFKA_SASL_USERNAME"), description="required with SASL"
    )
    kafka_sasl_password: SecretStr | None = Field(
        None,
        validation_alias=_env("KAFKA_SASL_PASSWORD"),
        description="required with SASL; a secret, never logged",
    )
    kafka_ssl_cafile: str | None = Field(
        None,
        validation_alias=_env("KAFKA_SSL_CAFILE"),
        description="CA bundle to verify the brokers (default: the system's)",
    )
    kafka_ssl_certfile: str | None = Field(
        None,
        validation_alias=_env("KAFKA_SSL_CERTFILE"),
        description="client certificate for mutual TLS",
    )
    kafka_ssl_keyfile: str | None = Field(
        None, validation_alias=_env("KAFKA_SSL_KEYFILE"), description="its private key"
    )
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:5432/postgres",
        validation_alias=_env("DATABASE_URL"),
        description="PostgreSQL connection URL; TLS with `?sslmode=verify-full`",
    )
    redis_url: str = Field(
        "redis://127.0.0.1:6379/0",
        validation_alias=_env("REDIS_URL"),
        description=(
            "Redis URL for the task table; AUTH as `redis://:password@host:6379/0`, TLS with "
            "`rediss://`"
        ),
    )

    classifier: ClassifierKind = Field(
        ClassifierKind.OFFLINE,
        validation_alias=_env("STREAMPROC_CLASSIFIER"),
        description="which classifier: `offline` (lexicon rules, no key) or `openai` (see below)",
    )
    topics_file: Path = Field(
        Path("topics.yaml"),
        validation_alias=_env("STREAMPROC_TOPICS_FILE"),
        description="the topics file (relative to the working directory)",
    )
    consumer_group: str = Field(
        "streamproc",
        validation_alias=_env("STREAMPROC_CONSUMER_GROUP"),
        description="Kafka consumer group (and Faust app id)",
    )

    # How many meetings one worker classifies at once (LLM calls in flight). More may be in
    # flight in all (`max_in_flight`), which bounds memory; an offset is committed only once
    # every earlier meeting of its partition is done.
    concurrency: PositiveInt = Field(
        16,
        validation_alias=_env("STREAMPROC_CONCURRENCY"),
        description="classifications one worker runs at once (LLM calls in flight)",
    )
    in_flight_limit: PositiveInt | None = Field(
        None,
        validation_alias=_env("STREAMPROC_MAX_IN_FLIGHT"),
        description=(
            "meetings one worker holds at once (fetched, not yet acknowledged), which bounds "
            "memory; unset, twice the concurrency, so the next meetings are looked up, stored and "
            "published while the slots classify; at least the concurrency"
        ),
    )
    max_transcript_chars: PositiveInt = Field(
        200_000,
        validation_alias=_env("STREAMPROC_MAX_TRANSCRIPT_CHARS"),
        description="longer transcripts are dead-lettered (`transcript_too_long`)",
    )
    # Producers refuse records above this. It must exceed the input topic's max.message.bytes by
    # the room our error headers need, so a dead letter always carries the original record whole.
    max_message_bytes: PositiveInt = Field(
        8_912_896,
        validation_alias=_env("STREAMPROC_MAX_MESSAGE_BYTES"),
        description=(
            "largest record produced: the input topic's `max.message.bytes` plus room for error "
            "headers (= the dead-letter topic's limit)"
        ),
    )
    task_ttl_seconds: PositiveInt = Field(
        7 * 24 * 3600,
        validation_alias=_env("STREAMPROC_TASK_TTL_SECONDS"),
        description="how long a task stays in Redis after its last update",
    )
    postgres_pool_size: PositiveInt = Field(
        10,
        validation_alias=_env("STREAMPROC_PG_POOL_SIZE"),
        description="PostgreSQL connections per worker",
    )

    web_host: str = Field(
        "127.0.0.1",
        validation_alias=_env("STREAMPROC_WEB_HOST"),
        description="address of the worker's HTTP server (`0.0.0.0` in containers)",
    )
    web_port: int = Field(
        6066,
        ge=1,
        le=65535,
        validation_alias=_env("STREAMPROC_WEB_PORT"),
        description="port of `/health` and `/metrics`",
    )

    # Kafka's group protocol: a dead worker's partitions move after the session timeout.
    # Short values speed up failover and restarts; the heartbeat must be well below the timeout.
    session_timeout_seconds: float = Field(
        10.0,
        gt=0,
        validation_alias=_env("STREAMPROC_SESSION_TIMEOUT_SECONDS"),
        description="consumer-group session timeout: how fast a dead worker's partitions move",
    )
    heartbeat_interval_seconds: float = Field(
        3.0,
        gt=0,
        validation_alias=_env("STREAMPROC_HEARTBEAT_INTERVAL_SECONDS"),
        description="consumer-group heartbeat; well below the session timeout",
    )
    # Backoff for transient failures (Postgres, Redis or broker unavailable): an event is retried,
    # never dead-lettered for being slow.
    retry_initial_seconds: float = Field(
        0.2,
        gt=0,
        validation_alias=_env("STREAMPROC_RETRY_INITIAL_SECONDS"),
        description="first backoff after a transient failure (Postgres/Redis/broker down)",
    )
    retry_max_seconds: float = Field(
        10.0,
        gt=0,
        validation_alias=_env("STREAMPROC_RETRY_MAX_SECONDS"),
        description="backoff ceiling; transient failures are retried without limit",
    )
    # How long the broker may hold a consumer's fetch when no record is waiting. Apache Kafka
    # answers as soon as one arrives; the embedded broker only when the wait ends, so this adds
    # up to its value to each meeting's latency there (the quick start and tests use 100).
    fetch_max_wait_ms: int = Field(
        500,
        ge=1,
        le=30_000,
        validation_alias=_env("STREAMPROC_FETCH_MAX_WAIT_MS"),
        description=(
            "longest wait of a consumer fetch; the embedded broker adds it to latency (quick start:"
            " 100)"
        ),
    )
    # On SIGTERM a worker stops fetching and lets in-flight meetings finish for up to this long;
    # the rest are abandoned unacked and redelivered. Keep it below the orchestrator's kill delay
    # (compose's stop_grace_period, Kubernetes' terminationGracePeriodSeconds).
    shutdown_grace_seconds: NonNegativeFloat = Field(
        20.0,
        validation_alias=_env("STREAMPROC_SHUTDOWN_GRACE_SECONDS"),
        description="on SIGTERM, how long in-flight meetings may finish; the rest are redelivered",
    )
    log_level: LogLevel = Field(
        LogLevel.INFO,
        validation_alias=_env("STREAMPROC_LOG_LEVEL"),
        description="`debug`, `info`, `warning`, `error`",
    )
    # Required as `Authorization: Bearer <token>` by every write endpoint when set: set it when
    # the worker's port is reachable beyond the machine.
    api_token: SecretStr | None = Field(
        None,
        validation_alias=_env("STREAMPROC_API_TOKEN"),
        description=(
            "when set, every write endpoint (feedback) requires `Authorization: Bearer <token>`; "
            "set it when the worker's port is reachable beyond the machine. Writes always need "
            "`Content-Type: application/json` and are refused cross-origin"
        ),
    )

    # --- the LLM classifier (STREAMPROC_CLASSIFIER=openai) ---
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=_env("OPENAI_API_KEY"),
        description="required with `openai`; any non-empty value for a local server without keys",
    )
    openai_model: str = Field(
        "gpt-4o-mini",
        validation_alias=_env("OPENAI_MODEL"),
        description="model name; stored with every result",
    )
    # Any OpenAI-compatible server: vLLM, Ollama, llama.cpp server, a gateway.
    openai_base_url: str | None = Field(
        None,
        validation_alias=_env("OPENAI_BASE_URL"),
        description=(
            "OpenAI's API when unset; or any OpenAI-compatible server, e.g. "
            "`http://localhost:11434/v1` (Ollama), vLLM, llama.cpp, a gateway"
        ),
    )
    llm_timeout_seconds: float = Field(
        30.0, gt=0, validation_alias=_env("STREAMPROC_LLM_TIMEOUT_SECONDS"), description="per call"
    )
    llm_max_attempts: PositiveInt = Field(
        4,
        validation_alias=_env("STREAMPROC_LLM_MAX_ATTEMPTS"),
        description="calls per meeting before the fallback policy applies",
    )
    llm_retry_initial_seconds: float = Field(
        1.0,
        gt=0,
        validation_alias=_env("STREAMPROC_LLM_RETRY_INITIAL_SECONDS"),
        description=(
            "backoff before the 2nd attempt; doubles each time, full jitter; `Retry-After` is a "
            "floor"
        ),
    )
    llm_retry_max_seconds: float = Field(
        30.0,
        gt=0,
        validation_alias=_env("STREAMPROC_LLM_RETRY_MAX_SECONDS"),
        description="backoff ceiling",
    )
    # A classification answer is ~300 tokens; the cap stops a model looping inside a free-text
    # field from billing thousands of tokens.
    llm_max_output_tokens: PositiveInt = Field(
        1000,
        validation_alias=_env("STREAMPROC_LLM_MAX_OUTPUT_TOKENS"),
        description="`max_tokens` per call; an answer cut there is an error (`llm_truncated`)",
    )
    llm_max_transcript_tokens: PositiveInt = Field(
        8000,
        validation_alias=_env("STREAMPROC_LLM_MAX_TRANSCRIPT_TOKENS"),
        description=(
            "longer transcripts are cut, keeping the beginning and end; the cut is recorded"
        ),
    )
    # Defaults are gpt-4o-mini's lowest paid tier; set yours so bursts queue instead of 429.
    llm_requests_per_minute: PositiveInt = Field(
        500,
        validation_alias=_env("STREAMPROC_LLM_REQUESTS_PER_MINUTE"),
        description="client-side budget shared by all of a worker's concurrent classifications",
    )
    llm_tokens_per_minute: PositiveInt = Field(
        200_000,
        validation_alias=_env("STREAMPROC_LLM_TOKENS_PER_MINUTE"),
        description=(
            "client-side token budget (prompt + `max_tokens` reserved, unused part refunded)"
        ),
    )
    llm_fallback: FallbackPolicy = Field(
        FallbackPolicy.OFFLINE,
        validation_alias=_env("STREAMPROC_LLM_FALLBACK"),
        description=(
            "when the LLM fails for good: `offline` (classify offline, marked as fallback with the "
            "error) or `dead_letter`"
        ),
    )
    llm_on_configuration_error: ConfigurationErrorPolicy = Field(
        ConfigurationErrorPolicy.WAIT,
        validation_alias=_env("STREAMPROC_LLM_ON_CONFIGURATION_ERROR"),
        description=(
            "while the API refuses the key, its permission or the model (HTTP 401, 403, 404): "
            "`wait` (stop consuming; meetings wait unacked and are retried, `/ready` answers 503 "
            "with the reason) or `offline` (classify offline meanwhile, marked as fallback). Either"
            " way: one ERROR log and `streamproc_llm_configuration_error` = 1"
        ),
    )
    llm_daily_budget_usd: NonNegativeFloat | None = Field(
        None,
        validation_alias=_env("STREAMPROC_LLM_DAILY_BUDGET_USD"),
        description=(
            "once today's (UTC) spend reaches it, meetings are classified offline until midnight"
        ),
    )
    # OpenAI bills Batch API requests at half the live price.
    llm_batch_price_factor: float = Field(
        0.5,
        ge=0,
        le=1,
        validation_alias=_env("STREAMPROC_LLM_BATCH_PRICE_FACTOR"),
        description="Batch API answers (`reclassify --batch`) cost this share of the live price",
    )
    llm_prices: dict[str, tuple[NonNegativeFloat, NonNegativeFloat]] = Field(
        default_factory=lambda: dict(DEFAULT_PRICES),
        validation_alias=_env("STREAMPROC_LLM_PRICES"),
        description=(
            'JSON `{"model": [usd_per_million_input, usd_per_million_output]}`, added to the '
            "built-in table"
        ),
    )

    @field_validator("llm_prices", mode="after")
    @classmethod
    def _prices_extend_the_defaults(
        cls, prices: dict[str, tuple[float, float]]
    ) -> dict[str, tuple[float, float]]:
        return {**DEFAULT_PRICES, **prices}

    @model_validator(mode="after")
    def _kafka_sasl_has_credentials(self) -> Settings:
        if self.kafka_security_protocol in (
            KafkaSecurityProtocol.SASL_PLAINTEXT,
            KafkaSecurityProtocol.SASL_SSL,
        ) and not (self.kafka_sasl_username and self.kafka_sasl_password):
            raise ValueError(
                f"KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol.value} needs "
                "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"
            )
        return self

    @model_validator(mode="after")
    def _llm_settings_are_complete(self) -> Settings:
        """Refuse to start an LLM worker that would fail on its first meeting, or bill blindly."""
        if self.classifier is ClassifierKind.OPENAI:
            problem = self.llm_settings_problem()
            if problem:
                raise ValueError(f"STREAMPROC_CLASSIFIER=openai: {problem}")
        return self

    def llm_settings_problem(self) -> str | None:
        """Why the OpenAI classifier cannot run with these settings, if it cannot."""
        if self.openai_api_key is None or not self.openai_api_key.get_secret_value().strip():
            return "OPENAI_API_KEY is not set"
        if self.openai_model not in self.llm_prices and not self.self_hosted_llm:
            return (
                f"no price for model {self.openai_model!r}: add it to STREAMPROC_LLM_PRICES "
                '(JSON, USD per million input and output tokens, e.g. {"my-model": [0, 0]})'
            )
        return None

    @model_validator(mode="after")
    def _in_flight_covers_the_concurrency(self) -> Settings:
        if self.in_flight_limit is not None and self.in_flight_limit < self.concurrency:
            raise ValueError(
                f"STREAMPROC_MAX_IN_FLIGHT={self.in_flight_limit} is below "
                f"STREAMPROC_CONCURRENCY={self.concurrency}: classification slots would stay idle"
            )
        return self

    @property
    def max_in_flight(self) -> int:
        """Meetings one worker holds at once (unacked, in memory): the backpressure bound."""
        if self.in_flight_limit is not None:
            return self.in_flight_limit
        return IN_FLIGHT_PER_CLASSIFICATION * self.concurrency

    @property
    def self_hosted_llm(self) -> bool:
        """OPENAI_BASE_URL names a server other than OpenAI's (vLLM, llama.cpp, a gateway)."""
        if self.openai_base_url is None:
            return False
        host = urlsplit(self.openai_base_url).hostname or ""
        return not (host == OPENAI_HOST or host.endswith("." + OPENAI_HOST))

    def price_per_million(self) -> tuple[float, float]:
        """The model's price; a model without one on a server other than OpenAI's costs 0 (the
        worker warns at start-up: `unpriced_model_warning`)."""
        return self.llm_prices.get(self.openai_model, (0.0, 0.0))

    def unpriced_model_warning(self) -> str | None:
        if self.openai_model in self.llm_prices:
            return None
        return (
            f"no price for model {self.openai_model!r} at {redact_url(self.openai_base_url or '')}:"
            " its calls are "
            "recorded at 0 USD and the daily budget never triggers; set STREAMPROC_LLM_PRICES "
            "to count them"
        )


def describe_settings_error(error: SettingsError) -> str:
    """A value pydantic-settings could not even parse (JSON of a dict field), named by its
    environment variable, without echoing the value."""
    message = str(error)
    field = re.search(r'field "(\w+)"', message)
    if field is None or field.group(1) not in Settings.model_fields:
        return message
    alias = Settings.model_fields[field.group(1)].validation_alias
    name = alias.choices[0] if isinstance(alias, AliasChoices) else str(alias)
    return f"{str(name).upper()} is not valid JSON: {error.__cause__ or message}"


# Query parameters whose values are secrets, by a part of their name (libpq's `password`,
# `sslpassword`; `api-key`, `access_token`...).
_SECRET_PARAMETER: Final = re.compile(r"pass|pwd|secret|token|key|auth|credential", re.IGNORECASE)


def redact_url(url: str) -> str:
    """The URL with every secret in it replaced by `***`: the password of its user info and the
    values of secret-looking query parameters. For printing and logging only."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        user_info, _, host = netloc.rpartition("@")
        netloc = f"{user_info.split(':', 1)[0]}:***@{host}"
    query = "&".join(
        f"{name}=***" if separator and _SECRET_PARAMETER.search(name) else pair
        for pair in parts.query.split("&")
        if pair
        for name, separator, _value in [pair.partition("=")]
    )
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def settings_markdown() -> str:
    """docs/settings.md: every setting with its variable, default and meaning, from this class
    (`streamproc generate` writes it; a test fails when it is stale)."""
    core: list[str] = []
    llm: list[str] = []
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        assert isinstance(alias, AliasChoices)
        name = str(alias.choices[0])
        default = field.default_factory if field.default_factory else field.default
        row = f"| `{name}` | {_shown_default(default)} |"
        row += f" {field.description} |"
        (llm if name.startswith(("OPENAI_", "STREAMPROC_LLM_")) else core).append(row)
    header = ["| variable | default | meaning |", "|---|---|---|"]
    return "\n".join(
        [
            "# Settings",
            "",
            "Every setting is an environment variable, read by one pydantic-settings class",
            "(`streamproc/settings.py`); this page is generated from it (`streamproc generate`).",
            "A bad value stops every command with one line naming the variable, and exit 2.",
            "",
            *header,
            *core,
            "",
            "## The LLM classifier (`STREAMPROC_CLASSIFIER=openai`)",
            "",
            *header,
            *llm,
            "",
        ]
    )


def _shown_default(default: object) -> str:
    if default is None:
        return "(none)"
    if callable(default):  # a table built by a factory (the prices)
        return "see `settings.py`"
    if isinstance(default, StrEnum):
        return f"`{default.value}`"
    if isinstance(default, float) and default.is_integer():
        return f"`{int(default)}`"
    return f"`{default}`"
