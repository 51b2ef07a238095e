"""A bad setting or a missing extra gives one clear line and exit 2, never a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from streamproc.cli import EXIT_CONFIGURATION, app, print_error
from streamproc.errors import ConfigurationError


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "STREAMPROC_LLM_PRICES",
            "not json",
            "invalid settings: STREAMPROC_LLM_PRICES is not valid JSON",
        ),
        (
            "STREAMPROC_LOG_LEVEL",
            "verbose",
            "invalid settings: STREAMPROC_LOG_LEVEL: Input should be 'debug', 'info',",
        ),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(variable: str, value: str, message: str) -> None:
    result = CliRunner().invoke(app, ["check"], env={variable: value, "COLUMNS": "200"})
    assert result.exit_code == EXIT_CONFIGURATION
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


def test_an_error_message_is_printed_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    """Rich must not read "[charts]" as markup: the hint has to be installable as printed."""
    print_error(ConfigurationError("PNG charts need matplotlib: pip install 'streamproc[charts]'"))
    assert "pip install 'streamproc[charts]'" in capsys.readouterr().out


def test_help_lists_every_command_and_a_flag_takes_no_value_placeholder() -> None:
    runner = CliRunner()
    overview = runner.invoke(app, ["--help"], env={"COLUMNS": "80"}).output
    names = [
        command.name or command.callback.__name__.replace("_", "-")
        for command in app.registered_commands
        if command.callback is not None
    ]
    assert {"reclassify", "batches", "generate", "explain"} <= set(names)
    for name in names:
        assert f"\n  {name} " in overview, name
    replay = runner.invoke(app, ["replay-dlq", "--help"], env={"COLUMNS": "80"}).output
    assert "--dry-run " in replay
    assert "<bool>" not in replay
    assert max(len(line) for line in overview.splitlines()) <= 80
