"""Settings come from the environment, and docs/settings.md documents every one of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from streamproc.cli import app
from streamproc.settings import Settings, redact_url, settings_markdown

SETTINGS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def environment_names() -> list[str]:
    names = []
    for field in Settings.model_fields.values():
        alias = field.validation_alias
        names.append(alias.choices[0])  # type: ignore[union-attr]
    return names


def test_the_settings_page_is_generated_from_the_settings_class() -> None:
    """docs/settings.md lists every variable with its default and meaning, as settings.py has
    them: edit the class, then run `streamproc generate`."""
    assert SETTINGS_PAGE.read_text("utf-8") == settings_markdown(), (
        "docs/settings.md is stale: run `streamproc generate`"
    )
    page = SETTINGS_PAGE.read_text("utf-8")
    for name in environment_names():
        assert f"\n| `{name}` | " in page, f"{name} is missing from docs/settings.md"
    assert "| `STREAMPROC_CONCURRENCY` | `16` | " in page
    assert "| `STREAMPROC_LLM_PRICES` | see `settings.py` | " in page


def test_settings_read_the_documented_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092")
    monkeypatch.setenv("STREAMPROC_CONCURRENCY", "3")
    monkeypatch.setenv("STREAMPROC_CLASSIFIER", "offline")
    settings = Settings()
    assert settings.kafka_bootstrap_servers == "k1:9092,k2:9092"
    assert settings.concurrency == 3


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STREAMPROC_CONCURRENCY", "0"),
        ("STREAMPROC_CLASSIFIER", "gpt"),
        ("STREAMPROC_WEB_PORT", "x"),
    ],
)
def test_invalid_settings_are_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=name):
        Settings()


def test_meetings_in_flight_default_to_twice_the_concurrency_and_never_fall_below_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("STREAMPROC_CONCURRENCY", "5")
    assert Settings().max_in_flight == 10
    monkeypatch.setenv("STREAMPROC_MAX_IN_FLIGHT", "7")
    assert Settings().max_in_flight == 7
    monkeypatch.setenv("STREAMPROC_MAX_IN_FLIGHT", "4")
    with pytest.raises(ValidationError, match="STREAMPROC_MAX_IN_FLIGHT=4 is below"):
        Settings()


LLM_VARIABLES = ("STREAMPROC_CLASSIFIER", "OPENAI_API_KEY", "OPENAI_MODEL", "STREAMPROC_LLM_PRICES")


@pytest.fixture
def no_llm_settings(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in LLM_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_openai_classifier_needs_a_key_and_a_priced_model(
    no_llm_settings: pytest.MonkeyPatch,
) -> None:
    monkeypatch = no_llm_settings
    monkeypatch.setenv("STREAMPROC_CLASSIFIER", "openai")
    with pytest.raises(ValidationError, match="OPENAI_API_KEY is not set"):
        Settings()
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_MODEL", "my-model")
    with pytest.raises(ValidationError, match="no price for model 'my-model'"):
        Settings()
    monkeypatch.setenv("STREAMPROC_LLM_PRICES", '{"my-model": [0, 0]}')
    assert Settings().llm_settings_problem() is None


@pytest.mark.parametrize(
    ("base_url", "refused"),
    [
        ("http://127.0.0.1:8080/v1", False),
        ("https://llm.internal.example/v1", False),
        ("https://api.openai.com/v1", True),
        (None, True),
    ],
)
def test_an_unpriced_model_on_another_server_costs_zero_with_a_warning(
    no_llm_settings: pytest.MonkeyPatch, base_url: str | None, refused: bool
) -> None:
    monkeypatch = no_llm_settings
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_MODEL", "qwen2.5-1.5b-instruct")
    if base_url is not None:
        monkeypatch.setenv("OPENAI_BASE_URL", base_url)
    problem = Settings().llm_settings_problem()
    assert (problem is not None) is refused
    if not refused:
        settings = Settings()
        assert settings.price_per_million() == (0.0, 0.0)
        assert "recorded at 0 USD" in (settings.unpriced_model_warning() or "")


def test_an_offline_worker_may_lack_the_llm_settings_commands_report_why(
    no_llm_settings: pytest.MonkeyPatch,
) -> None:
    monkeypatch = no_llm_settings
    monkeypatch.setenv("OPENAI_MODEL", "my-model")
    settings = Settings()
    assert settings.llm_settings_problem() == "OPENAI_API_KEY is not set"
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert "no price for model 'my-model'" in (Settings().llm_settings_problem() or "")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://app:hunter2@db:5432/x", "postgresql://app:***@db:5432/x"),
        (
            "postgresql://app@db/x?sslmode=require&password=hunter2",
            "postgresql://app@db/x?sslmode=require&password=***",
        ),
        ("redis://:hunter2@cache:6379/0", "redis://:***@cache:6379/0"),
        ("https://gw.example/v1?api-key=hunter2&x=1", "https://gw.example/v1?api-key=***&x=1"),
        ("redis://cache:6379/0", "redis://cache:6379/0"),
    ],
)
def test_secrets_in_urls_are_redacted(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_check_prints_no_secret(no_llm_settings: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(
        app,
        ["check"],
        env={
            "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1",
            "DATABASE_URL": "postgresql://app@127.0.0.1:1/x?password=hunter2",
            "REDIS_URL": "redis://:hunter3@127.0.0.1:1/0",
            "COLUMNS": "200",
        },
    )
    assert "password=***" in result.output
    assert "hunter" not in result.output
