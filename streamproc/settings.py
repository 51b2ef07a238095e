"""Every setting of streamproc, read from environment variables (the README's table lists them)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import AliasChoices, Field, PositiveInt
from pydantic_settings import BaseSettings, SettingsConfigDict


class ClassifierKind(StrEnum):
    OFFLINE = "offline"


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


class Settings(BaseSettings):
    """One place for configuration: the CLI, the worker and the tests all build this class."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    kafka_bootstrap_servers: str = Field(
        "127.0.0.1:9092", validation_alias=_env("KAFKA_BOOTSTRAP_SERVERS")
    )
    database_url: str = Field(
        "postgresql://postgres@127.0.0.1:5432/postgres", validation_alias=_env("DATABASE_URL")
    )
    redis_url: str = Field("redis://127.0.0.1:6379/0", validation_alias=_env("REDIS_URL"))

    classifier: ClassifierKind = Field(
        ClassifierKind.OFFLINE, validation_alias=_env("STREAMPROC_CLASSIFIER")
    )
    topics_file: Path = Field(Path("topics.yaml"), validation_alias=_env("STREAMPROC_TOPICS_FILE"))
    consumer_group: str = Field("streamproc", validation_alias=_env("STREAMPROC_CONSUMER_GROUP"))

    # How many meetings one worker classifies at once. In-flight work (and so memory) is bounded
    # by it; an offset is committed only once every earlier meeting of its partition is done.
    concurrency: PositiveInt = Field(16, validation_alias=_env("STREAMPROC_CONCURRENCY"))
    max_transcript_chars: PositiveInt = Field(
        200_000, validation_alias=_env("STREAMPROC_MAX_TRANSCRIPT_CHARS")
    )
    # Producers refuse records above this. It must exceed the input topic's max.message.bytes by
    # the room our error headers need, so a dead letter always carries the original record whole.
    max_message_bytes: PositiveInt = Field(
        8_912_896, validation_alias=_env("STREAMPROC_MAX_MESSAGE_BYTES")
    )
    task_ttl_seconds: PositiveInt = Field(
        7 * 24 * 3600, validation_alias=_env("STREAMPROC_TASK_TTL_SECONDS")
    )
    postgres_pool_size: PositiveInt = Field(10, validation_alias=_env("STREAMPROC_PG_POOL_SIZE"))

    web_host: str = Field("127.0.0.1", validation_alias=_env("STREAMPROC_WEB_HOST"))
    web_port: int = Field(6066, ge=1, le=65535, validation_alias=_env("STREAMPROC_WEB_PORT"))

    # Kafka's group protocol: a dead worker's partitions move after the session timeout.
    # Short values speed up failover and restarts; the heartbeat must be well below the timeout.
    session_timeout_seconds: float = Field(
        10.0, gt=0, validation_alias=_env("STREAMPROC_SESSION_TIMEOUT_SECONDS")
    )
    heartbeat_interval_seconds: float = Field(
        3.0, gt=0, validation_alias=_env("STREAMPROC_HEARTBEAT_INTERVAL_SECONDS")
    )
    # Backoff for transient failures (Postgres, Redis or broker unavailable): an event is retried,
    # never dead-lettered for being slow.
    retry_initial_seconds: float = Field(
        0.2, gt=0, validation_alias=_env("STREAMPROC_RETRY_INITIAL_SECONDS")
    )
    retry_max_seconds: float = Field(
        10.0, gt=0, validation_alias=_env("STREAMPROC_RETRY_MAX_SECONDS")
    )
    log_level: str = Field("info", validation_alias=_env("STREAMPROC_LOG_LEVEL"))
