"""Topics from `topics.yaml`: load, create what is missing, and verify what exists.

The worker verifies before it starts: a topic created by a broker's auto-create with a different
partition count would silently change which worker owns which meeting.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, Final

import yaml
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import KafkaError, TopicAlreadyExistsError
from pydantic import BaseModel, ConfigDict, Field, PositiveInt, PrivateAttr, ValidationError

from streamproc.errors import ConfigurationError
from streamproc.settings import Settings
from streamproc.stream.kafka_security import client_options

# Configs we compare with the broker; others in topics.yaml are applied at creation only.
VERIFIED_CONFIGS: Final = ("cleanup.policy", "retention.ms")


class TopicSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9._-]{1,249}$")
    partitions: PositiveInt
    replication_factor: PositiveInt = 1
    config: dict[str, str] = Field(default_factory=dict)


class Topics(BaseModel):
    """The three topics, by role."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    meetings_created: TopicSpec
    classifications_completed: TopicSpec
    classifications_failed: TopicSpec
    # The file they were read from, for messages.
    _source: Path = PrivateAttr(default=Path("topics.yaml"))

    @property
    def source(self) -> Path:
        return self._source

    def all(self) -> list[TopicSpec]:
        return [self.meetings_created, self.classifications_completed, self.classifications_failed]

    @classmethod
    def load(cls, path: Path) -> Topics:
        try:
            document = yaml.safe_load(path.read_text("utf-8"))
        except OSError as error:
            raise ConfigurationError(f"cannot read topics file {path}: {error}") from error
        except yaml.YAMLError as error:
            raise ConfigurationError(f"topics file {path} is not valid YAML: {error}") from error
        try:
            topics = cls.model_validate(document)
        except ValidationError as error:
            raise ConfigurationError(f"topics file {path} is invalid: {error}") from error
        topics._source = path
        return topics


class TopicAdmin:
    """Creates and verifies topics through the Kafka admin API."""

    def __init__(self, bootstrap_servers: str, **client_options: Any) -> None:
        self._admin = AIOKafkaAdminClient(
            bootstrap_servers=bootstrap_servers, request_timeout_ms=10_000, **client_options
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> TopicAdmin:
        return cls(settings.kafka_bootstrap_servers, **client_options(settings))

    async def __aenter__(self) -> TopicAdmin:
        try:
            await self._admin.start()
        except KafkaError as error:
            raise ConfigurationError(f"cannot reach the Kafka broker: {error}") from error
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._admin.close()

    async def apply(self, topics: Topics) -> list[str]:
        """Create missing topics, then verify all; returns the names created."""
        existing = set(await self._admin.list_topics())
        missing = [spec for spec in topics.all() if spec.name not in existing]
        created: list[str] = []
        if missing:
            # Another worker or `topics apply` may win the race; verification follows anyway.
            with contextlib.suppress(TopicAlreadyExistsError):
                await self._admin.create_topics(
                    [
                        NewTopic(
                            name=spec.name,
                            num_partitions=spec.partitions,
                            replication_factor=spec.replication_factor,
                            topic_configs=spec.config,
                        )
                        for spec in missing
                    ]
                )
            created = [spec.name for spec in missing]
        await self.verify(topics)
        return created

    async def verify(self, topics: Topics) -> None:
        """Raise `ConfigurationError` naming every topic that is missing or differs."""
        existing = set(await self._admin.list_topics())
        problems = [f"{spec.name}: missing" for spec in topics.all() if spec.name not in existing]
        present = [spec for spec in topics.all() if spec.name in existing]
        if present:
            descriptions = await self._admin.describe_topics([spec.name for spec in present])
            partitions = {
                description["topic"]: len(description["partitions"]) for description in descriptions
            }
            configs = await self._describe_configs([spec.name for spec in present])
            for spec in present:
                if partitions.get(spec.name) != spec.partitions:
                    problems.append(
                        f"{spec.name}: {partitions.get(spec.name)} partitions, "
                        f"{topics.source} says {spec.partitions}"
                    )
                for key in VERIFIED_CONFIGS:
                    wanted = spec.config.get(key)
                    actual = configs.get(spec.name, {}).get(key)
                    if wanted is not None and actual is not None and actual != wanted:
                        problems.append(
                            f"{spec.name}: {key}={actual}, {topics.source} says {wanted}"
                        )
        if problems:
            missing_only = all(problem.endswith(": missing") for problem in problems)
            advice = (
                "run `streamproc topics apply` to create them"
                if missing_only
                else "`topics apply` only creates missing topics: change the topic on the broker"
                f" or {topics.source} so they agree"
            )
            raise ConfigurationError(
                f"topics do not match {topics.source} ({advice}): " + "; ".join(problems)
            )

    async def _describe_configs(self, names: list[str]) -> dict[str, dict[str, str]]:
        responses = await self._admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, name) for name in names]
        )
        configs: dict[str, dict[str, str]] = {}
        for response in responses:
            for resource in response.resources:
                _error_code, _message, _type, name, entries = resource[:5]
                configs[name] = {entry[0]: entry[1] for entry in entries if entry[1] is not None}
        return configs
