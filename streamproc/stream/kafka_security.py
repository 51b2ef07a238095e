"""TLS and SASL for every Kafka client streamproc opens (the Faust app and plain aiokafka clients).

One translation from settings, so the worker, `topics apply`, `publish` and the quick start reach a
secured cluster the same way.
"""

from __future__ import annotations

import ssl
from typing import Any, Protocol

from faust.auth import SASLCredentials, SSLCredentials
from pydantic import SecretStr

from streamproc.settings import KafkaSaslMechanism, KafkaSecurityProtocol

_WITH_TLS = (KafkaSecurityProtocol.SSL, KafkaSecurityProtocol.SASL_SSL)
_WITH_SASL = (KafkaSecurityProtocol.SASL_PLAINTEXT, KafkaSecurityProtocol.SASL_SSL)


class KafkaSecuritySettings(Protocol):
    """The settings this module reads (`Settings` has them), so it needs nothing else."""

    @property
    def kafka_security_protocol(self) -> KafkaSecurityProtocol: ...
    @property
    def kafka_sasl_mechanism(self) -> KafkaSaslMechanism: ...
    @property
    def kafka_sasl_username(self) -> str | None: ...
    @property
    def kafka_sasl_password(self) -> SecretStr | None: ...
    @property
    def kafka_ssl_cafile(self) -> str | None: ...
    @property
    def kafka_ssl_certfile(self) -> str | None: ...
    @property
    def kafka_ssl_keyfile(self) -> str | None: ...


def ssl_context(settings: KafkaSecuritySettings) -> ssl.SSLContext | None:
    """A verifying TLS context (system CAs, or KAFKA_SSL_CAFILE), with a client cert if given."""
    if settings.kafka_security_protocol not in _WITH_TLS:
        return None
    context = ssl.create_default_context(cafile=settings.kafka_ssl_cafile)
    if settings.kafka_ssl_certfile:
        context.load_cert_chain(settings.kafka_ssl_certfile, settings.kafka_ssl_keyfile)
    return context


def client_options(settings: KafkaSecuritySettings) -> dict[str, Any]:
    """Keyword arguments for aiokafka's producer, consumer and admin client."""
    protocol = settings.kafka_security_protocol
    options: dict[str, Any] = {"security_protocol": protocol.value}
    context = ssl_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if protocol in _WITH_SASL:
        options["sasl_mechanism"] = settings.kafka_sasl_mechanism.value
        options["sasl_plain_username"] = settings.kafka_sasl_username
        options["sasl_plain_password"] = _password(settings)
    return options


def faust_credentials(settings: KafkaSecuritySettings) -> SASLCredentials | SSLCredentials | None:
    protocol = settings.kafka_security_protocol
    context = ssl_context(settings)
    if protocol in _WITH_SASL:
        return SASLCredentials(
            username=settings.kafka_sasl_username,
            password=_password(settings),
            ssl_context=context,
            mechanism=settings.kafka_sasl_mechanism.value,
        )
    if context is not None:
        return SSLCredentials(context)
    return None


def _password(settings: KafkaSecuritySettings) -> str | None:
    secret = settings.kafka_sasl_password
    return secret.get_secret_value() if secret is not None else None
