"""Every `streamproc` command the README shows exists, with the options it shows."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from streamproc.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_commands() -> list[list[str]]:
    """The arguments of each `streamproc ...` line of the README's code blocks."""
    blocks = re.findall(r"```(?:bash|console)\n(.*?)```", README.read_text("utf-8"), re.S)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip().removeprefix("$ ")
            if line.startswith("streamproc "):
                commands.append(shlex.split(line)[1:])
    return commands


def test_the_readme_shows_commands() -> None:
    assert len(readme_commands()) >= 8


@pytest.mark.parametrize("arguments", readme_commands(), ids=" ".join)
def test_a_readme_command_and_its_options_exist(arguments: list[str]) -> None:
    words = [word for word in arguments if not word.startswith("-")]
    command = words[:2] if words[:1] == ["topics"] else words[:1]
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for option in (word.split("=", 1)[0] for word in arguments if word.startswith("--")):
        assert option in result.output, f"{option} is not an option of {' '.join(command)}"
