"""Kafka TLS/SASL settings become the same options for Faust and for plain aiokafka clients."""

from __future__ import annotations

import ssl

import pytest
from faust.auth import SASLCredentials, SSLCredentials
from pydantic import ValidationError

from streamproc.settings import Settings
from streamproc.stream.kafka_security import client_options, faust_credentials


def settings(**environment: str) -> Settings:
    return Settings.model_validate(environment)


def test_plaintext_adds_nothing() -> None:
    plain = settings()
    assert client_options(plain) == {"security_protocol": "PLAINTEXT"}
    assert faust_credentials(plain) is None


def test_tls_verifies_the_broker_certificate() -> None:
    tls = settings(KAFKA_SECURITY_PROTOCOL="SSL")
    options = client_options(tls)
    context = options["ssl_context"]
    assert options["security_protocol"] == "SSL"
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True
    assert isinstance(faust_credentials(tls), SSLCredentials)


def test_sasl_over_tls_carries_mechanism_and_credentials() -> None:
    secured = settings(
        KAFKA_SECURITY_PROTOCOL="SASL_SSL",
        KAFKA_SASL_MECHANISM="SCRAM-SHA-512",
        KAFKA_SASL_USERNAME="streamproc",
        KAFKA_SASL_PASSWORD="s3cret",
    )
    options = client_options(secured)
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "streamproc"
    assert options["sasl_plain_password"] == "s3cret"
    assert isinstance(options["ssl_context"], ssl.SSLContext)
    credentials = faust_credentials(secured)
    assert isinstance(credentials, SASLCredentials)
    assert credentials.protocol.value == "SASL_SSL"
    assert "s3cret" not in repr(secured)


def test_sasl_without_credentials_is_refused() -> None:
    with pytest.raises(ValidationError, match="KAFKA_SASL_USERNAME"):
        settings(KAFKA_SECURITY_PROTOCOL="SASL_PLAINTEXT")


def test_a_missing_ca_file_is_an_error_not_a_silent_default() -> None:
    with pytest.raises(FileNotFoundError):
        client_options(settings(KAFKA_SECURITY_PROTOCOL="SSL", KAFKA_SSL_CAFILE="/nonexistent.pem"))
