"""The deployment files hold together: Dockerfile, .dockerignore, docker-compose.yml, .env.example
and deploy/prometheus.yml, checked without Docker against each other and against the code (the
settings class, the CLI, the worker's HTTP port)."""

from __future__ import annotations

import json
import posixpath
import re
import shlex
import subprocess
import sys
import threading
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from streamproc.cli import app as cli_app
from streamproc.local.sources import read_events
from streamproc.settings import Settings

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"
ENV_EXAMPLE = REPO / ".env.example"
PROMETHEUS_FILE = REPO / "deploy" / "prometheus.yml"
GRAFANA_DIR = REPO / "grafana"

# The compose services that run the streamproc image.
STREAMPROC_SERVICES = ("topics", "worker", "publisher")
# Variables given to streamproc containers that are not settings of streamproc/settings.py, each
# with the reason it is there. None today: add one here only with its documentation.
COMPOSE_ONLY_VARIABLES: Mapping[str, str] = {}
# Variables of the Dockerfile's ENV that are for Python, pip or the shell, not for streamproc.
PLATFORM_VARIABLES = frozenset(
    {"PATH", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PIP_NO_CACHE_DIR"}
    | {"PIP_DISABLE_PIP_VERSION_CHECK"}
)
WORKER_PORT = 6066
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIAL", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Compose interpolation (${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR:+alt}, $$)


class MissingVariableError(Exception):
    pass


_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)"
    r"|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<operator>:?[-?+])(?P<argument>[^}]*))?\}"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


@dataclass(frozen=True)
class Reference:
    name: str
    required: bool


def references(text: str) -> Iterator[Reference]:
    for match in _VARIABLE.finditer(text):
        if match["escaped"]:
            continue
        operator = match["operator"] or ""
        yield Reference(match["braced"] or match["plain"], required=operator.endswith("?"))


def interpolate(text: str, environment: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        name = match["braced"] or match["plain"]
        operator, argument = match["operator"], match["argument"] or ""
        value = environment.get(name)
        if operator is None:
            return value or ""
        missing = not value if operator.startswith(":") else value is None
        if operator.endswith("-"):
            return argument if missing else str(value)
        if operator.endswith("?"):
            if missing:
                raise MissingVariableError(f"{name}: {argument}")
            return str(value)
        return "" if missing else argument  # ${VAR:+alternative}

    return _VARIABLE.sub(replace, text)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _interpolated(node: Any, environment: Mapping[str, str]) -> Any:
    if isinstance(node, str):
        return interpolate(node, environment)
    if isinstance(node, dict):
        return {key: _interpolated(value, environment) for key, value in node.items()}
    if isinstance(node, list):
        return [_interpolated(value, environment) for value in node]
    return node


# ---------------------------------------------------------------------------------------------
# The files


@cache
def raw_compose() -> dict[str, Any]:
    document = yaml.safe_load(COMPOSE_FILE.read_text("utf-8"))
    assert isinstance(document, dict), "docker-compose.yml is not a mapping"
    return document


@cache
def compose(dotenv: str = "example") -> dict[str, Any]:
    """The compose file as `docker compose` sees it with `cp .env.example .env` ("example"), or
    with a .env holding only the required variables, the rest left to the defaults ("minimal")."""
    return dict(_interpolated(raw_compose(), dotenv_values(dotenv)))


def dotenv_values(dotenv: str) -> dict[str, str]:
    if dotenv == "example":
        return env_example()
    assert dotenv == "minimal", dotenv
    required = {ref.name for t in _strings(raw_compose()) for ref in references(t) if ref.required}
    return {name: value for name, value in env_example().items() if name in required}


def services() -> dict[str, dict[str, Any]]:
    found = compose().get("services")
    assert isinstance(found, dict), "docker-compose.yml has no services"
    assert found, "docker-compose.yml has no services"
    return found


def service(name: str) -> dict[str, Any]:
    assert name in services(), f"docker-compose.yml has no service {name!r}"
    return services()[name]


def environment_of(definition: dict[str, Any]) -> dict[str, str | None]:
    """A service's environment; None for a name passed through from .env or the shell."""
    environment = definition.get("environment") or {}
    if isinstance(environment, list):
        pairs = (item.split("=", 1) if "=" in item else (item, None) for item in environment)
        return {name: value for name, value in pairs}
    return {name: None if value is None else str(value) for name, value in environment.items()}


def resolved_environment_of(definition: dict[str, Any], dotenv: str) -> dict[str, str]:
    """What the container gets: pass-through names take their .env value, or stay unset."""
    resolved = {}
    for name, value in environment_of(definition).items():
        if value is None:
            value = dotenv_values(dotenv).get(name)
        if value is not None:
            resolved[name] = value
    return resolved


def streamproc_image_names() -> set[str]:
    return {str(definition["image"]) for definition in services().values() if "build" in definition}


def runs_streamproc(definition: dict[str, Any]) -> bool:
    return "build" in definition or definition.get("image") in streamproc_image_names()


_ENV_LINE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>.*)$")
_COMMENTED_ENV_LINE = re.compile(r"^#\s*(?P<name>[A-Z_][A-Z0-9_]*)=")


@cache
def env_example() -> dict[str, str]:
    """The variables .env.example sets (quotes removed, as compose reads them)."""
    values: dict[str, str] = {}
    for number, line in enumerate(ENV_EXAMPLE.read_text("utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _ENV_LINE.match(stripped)
        assert match, f".env.example line {number} is not NAME=value: {line!r}"
        name, value = match["name"], match["value"]
        assert name not in values, f".env.example sets {name} twice"
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name] = value
    return values


def env_example_documented() -> set[str]:
    """Set variables plus optional ones shown commented out (`# NAME=example`)."""
    commented = {
        match["name"]
        for line in ENV_EXAMPLE.read_text("utf-8").splitlines()
        if (match := _COMMENTED_ENV_LINE.match(line.strip()))
    }
    return set(env_example()) | commented


@cache
def setting_names() -> frozenset[str]:
    names: set[str] = set()
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        choices = getattr(alias, "choices", None)
        assert choices, f"setting {name} has no environment variable alias"
        names.update(choice for choice in choices if isinstance(choice, str))
    return frozenset(names)


# --- the Dockerfile ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str
    line: int


@cache
def dockerfile() -> tuple[Instruction, ...]:
    """The instructions, with continuation lines joined and comments dropped."""
    instructions: list[Instruction] = []
    pending, start = "", 0
    for number, raw in enumerate(DOCKERFILE.read_text("utf-8").splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue  # comments and blank lines are dropped, also inside a continuation
        if not pending:
            start = number
        if stripped.endswith("\\"):
            pending += stripped[:-1].rstrip() + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip(), start))
        pending = ""
    assert not pending, "the Dockerfile ends inside a continuation line"
    return tuple(instructions)


def stages() -> list[list[Instruction]]:
    found: list[list[Instruction]] = []
    for instruction in dockerfile():
        if instruction.keyword == "FROM":
            found.append([])
        assert found, f"line {instruction.line}: {instruction.keyword} before the first FROM"
        found[-1].append(instruction)
    return found


def final_stage() -> list[Instruction]:
    return stages()[-1]


def instructions(keyword: str, stage: list[Instruction] | None = None) -> list[Instruction]:
    return [i for i in (dockerfile() if stage is None else stage) if i.keyword == keyword]


def exec_form(arguments: str) -> list[str]:
    parsed = json.loads(arguments)
    assert isinstance(parsed, list), arguments
    assert all(isinstance(item, str) for item in parsed), arguments
    return parsed


@dataclass(frozen=True)
class Copy:
    sources: tuple[str, ...]
    destination: str  # absolute, resolved against WORKDIR
    from_stage: str | None


def copies(stage: list[Instruction]) -> list[Copy]:
    workdir = "/"
    found = []
    for instruction in stage:
        if instruction.keyword == "WORKDIR":
            workdir = posixpath.join(workdir, instruction.arguments)
        if instruction.keyword not in {"COPY", "ADD"}:
            continue
        words = shlex.split(instruction.arguments)
        flags = [word for word in words if word.startswith("--")]
        paths = [word for word in words if not word.startswith("--")]
        if paths and paths[0].startswith("["):
            paths = exec_form(" ".join(paths))
        from_stage = next((f.split("=", 1)[1] for f in flags if f.startswith("--from=")), None)
        *sources, destination = paths
        absolute = posixpath.normpath(posixpath.join(workdir, destination))
        if destination.endswith("/"):
            absolute += "/"
        found.append(Copy(tuple(sources), absolute, from_stage))
    return found


def image_path_of(copy: Copy, source: str) -> str:
    if copy.destination.endswith("/"):
        return copy.destination + posixpath.basename(source.rstrip("/"))
    return copy.destination


def dockerfile_environment(stage: list[Instruction]) -> dict[str, str]:
    environment = {}
    for instruction in instructions("ENV", stage):
        for word in shlex.split(instruction.arguments):
            name, equals, value = word.partition("=")
            assert equals, f"line {instruction.line}: write ENV as NAME=value"
            environment[name] = value
    return environment


# --- .dockerignore (Docker's rules: last matching pattern wins, a match on a parent counts) -----


def _dockerignore_regex(pattern: str) -> re.Pattern[str]:
    out, index = "", 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**", index):
            index += 2
            if pattern.startswith("/", index):
                out, index = out + "(?:.*/)?", index + 1
            else:
                out += ".*"
            continue
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[":
            end = pattern.index("]", index)
            body = pattern[index + 1 : end]
            out += "[" + ("^" + body[1:] if body.startswith("!") else body) + "]"
            index = end
        else:
            out += re.escape(char)
        index += 1
    return re.compile(out)


@cache
def dockerignore() -> tuple[tuple[bool, re.Pattern[str]], ...]:
    rules = []
    for line in DOCKERIGNORE.read_text("utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        include = stripped.startswith("!")
        pattern = posixpath.normpath(stripped.removeprefix("!").strip().lstrip("/"))
        rules.append((include, _dockerignore_regex(pattern)))
    return tuple(rules)


def in_build_context(relative: str) -> bool:
    parts = relative.strip("/").split("/")
    candidates = ["/".join(parts[:count]) for count in range(1, len(parts) + 1)]
    excluded = False
    for include, regex in dockerignore():
        if any(regex.fullmatch(candidate) for candidate in candidates):
            excluded = not include
    return not excluded


# --- the CLI ------------------------------------------------------------------------------------


def cli_command(words: list[str]) -> tuple[list[str], Any, list[str]]:
    """Split `topics apply` / `publish FILE` into the subcommand path and its arguments."""
    command = typer.main.get_command(cli_app)
    path, rest = [], list(words)
    while _is_group(command) and rest and rest[0] in command.commands:
        command = command.commands[rest[0]]
        path.append(rest.pop(0))
    return path, command, rest


def _is_group(command: Any) -> bool:
    """Typer ships its own click: recognise a group by its subcommands, not by its class."""
    return isinstance(getattr(command, "commands", None), dict)


def command_words(definition: dict[str, Any]) -> list[str]:
    command = definition.get("command")
    assert command is not None, "a streamproc service must name its command"
    return shlex.split(command) if isinstance(command, str) else [str(word) for word in command]


# ---------------------------------------------------------------------------------------------
# docker-compose.yml


def test_compose_parses_and_every_service_has_an_image_or_a_build() -> None:
    for name, definition in services().items():
        assert isinstance(definition, dict), f"service {name} is not a mapping"
        assert "image" in definition or "build" in definition, f"{name}: no image and no build"


def test_the_streamproc_services_are_the_ones_checked_here() -> None:
    running_streamproc = {name for name, d in services().items() if runs_streamproc(d)}
    assert running_streamproc == set(STREAMPROC_SERVICES)


def test_every_image_is_pinned() -> None:
    for name, definition in raw_compose()["services"].items():
        if "build" in definition:
            continue
        image = str(definition["image"])
        repository, colon, tag = image.rpartition(":")
        assert colon, f"{name}: image {image} has no tag"
        assert "/" not in tag, f"{name}: image {image} has no tag"
        assert tag != "latest", f"{name}: pin {image} to a version"
        assert "$" not in image, f"{name}: pin {image} to a version"
        assert repository


def test_every_depends_on_target_exists_and_is_always_started() -> None:
    for name, definition in services().items():
        depends_on = definition.get("depends_on") or {}
        targets = depends_on if isinstance(depends_on, list) else list(depends_on)
        for target in targets:
            assert target in services(), f"{name} depends on {target}, which is not a service"
            assert target != name, f"{name} depends on itself"
            assert not services()[target].get("profiles"), (
                f"{name} depends on {target}, which only runs under a profile"
            )


def _conditions() -> Iterator[tuple[str, str, str]]:
    for name, definition in services().items():
        depends_on = definition.get("depends_on") or {}
        if isinstance(depends_on, dict):
            for target, options in depends_on.items():
                yield name, target, (options or {}).get("condition", "service_started")


def test_depends_on_conditions_are_known() -> None:
    known = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, target, condition in _conditions():
        assert condition in known, f"{name} -> {target}: unknown condition {condition}"


def test_services_waited_on_as_healthy_have_a_healthcheck() -> None:
    image_has_healthcheck = bool(instructions("HEALTHCHECK", final_stage()))
    waited_on = {target for _, target, c in _conditions() if c == "service_healthy"}
    assert waited_on, "nothing waits for a healthy service"
    for target in waited_on:
        healthcheck = services()[target].get("healthcheck")
        if healthcheck is not None:
            assert not healthcheck.get("disable"), f"{target}: waited on, healthcheck disabled"
            assert healthcheck.get("test"), f"{target}: healthcheck without a test"
        else:
            problem = f"others wait for {target} to be healthy, but it has no healthcheck"
            assert "build" in services()[target], problem
            assert image_has_healthcheck, problem


def test_services_waited_on_to_complete_are_one_shot() -> None:
    completed = {target for _, target, c in _conditions() if c == "service_completed_successfully"}
    assert "topics" in completed, "the worker must wait for `streamproc topics apply`"
    for target in completed:
        assert services()[target].get("restart", "no") == "no", (
            f"{target} is waited on to complete, so it must not restart"
        )


def test_the_worker_waits_for_topics_and_its_stores() -> None:
    depends_on = service("worker")["depends_on"]
    assert depends_on["topics"]["condition"] == "service_completed_successfully"
    for store in ("kafka", "postgres", "redis"):
        assert depends_on[store]["condition"] == "service_healthy", store
    assert service("topics")["depends_on"]["kafka"]["condition"] == "service_healthy"


def _bind_sources(definition: dict[str, Any]) -> Iterator[str]:
    for volume in definition.get("volumes") or []:
        if isinstance(volume, str):
            source = volume.split(":", 1)[0]
        elif volume.get("type", "volume") == "bind":
            source = str(volume["source"])
        else:
            continue
        if source.startswith((".", "/", "~")):
            yield source


def _named_volumes(definition: dict[str, Any]) -> Iterator[str]:
    for volume in definition.get("volumes") or []:
        if isinstance(volume, str):
            source, separator, _ = volume.partition(":")
            if separator and not source.startswith((".", "/", "~")):
                yield source
        elif volume.get("type", "volume") == "volume" and volume.get("source"):
            yield str(volume["source"])


def _is_grafana_path(source: str) -> bool:
    return (REPO / source).resolve().is_relative_to(GRAFANA_DIR)


def test_every_build_context_and_bind_mount_exists() -> None:
    for name, definition in services().items():
        build = definition.get("build")
        if build is not None:
            context = REPO / (build if isinstance(build, str) else build.get("context", "."))
            assert context.is_dir(), f"{name}: build context {context} is missing"
            dockerfile_name = "Dockerfile" if isinstance(build, str) else build["dockerfile"]
            assert (context / dockerfile_name).is_file(), f"{name}: no {dockerfile_name}"
        for source in _bind_sources(definition):
            assert not source.startswith(("/", "~")), f"{name}: {source} is outside the repo"
            if _is_grafana_path(source):
                continue  # test_grafana_mounts_exist
            assert (REPO / source).exists(), f"{name} mounts {source}, which does not exist"


def test_grafana_mounts_exist() -> None:
    grafana_sources = [
        source
        for definition in services().values()
        for source in _bind_sources(definition)
        if _is_grafana_path(source)
    ]
    assert grafana_sources, "grafana's provisioning and dashboards are not mounted"
    if not GRAFANA_DIR.exists():
        pytest.skip("grafana/ is not in the repository yet")
    for source in grafana_sources:
        assert (REPO / source).is_dir(), f"{source} is mounted but missing"


def test_grafana_provisioning_reads_only_variables_grafana_gets() -> None:
    if not GRAFANA_DIR.exists():
        pytest.skip("grafana/ is not in the repository yet")
    grafana = environment_of(service("grafana"))
    provisioning = sorted((GRAFANA_DIR / "provisioning").rglob("*.y*ml"))
    assert provisioning, "grafana/provisioning has no YAML files"
    for path in provisioning:
        document = yaml.safe_load(path.read_text("utf-8"))
        for reference in {ref.name for text in _strings(document) for ref in references(text)}:
            assert reference in grafana, f"{path.name} reads ${reference}, not given to grafana"
    mounted = {str(v).split(":")[1] for v in service("grafana")["volumes"]}
    for path in sorted((GRAFANA_DIR / "provisioning" / "dashboards").glob("*.y*ml")):
        for provider in yaml.safe_load(path.read_text("utf-8")).get("providers", []):
            folder = provider["options"]["path"]
            assert folder in mounted, f"{path.name} loads dashboards from {folder}: not mounted"


def test_named_volumes_are_declared() -> None:
    declared = set(compose().get("volumes") or {})
    for name, definition in services().items():
        for volume in _named_volumes(definition):
            assert volume in declared, f"{name} uses volume {volume}, not declared at the top"


@pytest.mark.parametrize("name", STREAMPROC_SERVICES)
def test_streamproc_containers_get_only_settings_variables(name: str) -> None:
    allowed = setting_names() | set(COMPOSE_ONLY_VARIABLES)
    environment = environment_of(service(name))
    assert environment, f"{name} gets no environment"
    unknown = set(environment) - allowed
    assert not unknown, f"{name} gets variables streamproc does not read: {sorted(unknown)}"


def test_the_image_sets_only_settings_and_platform_variables() -> None:
    unknown = set(dockerfile_environment(final_stage())) - setting_names() - PLATFORM_VARIABLES
    assert not unknown, f"the Dockerfile sets variables streamproc does not read: {unknown}"


@pytest.mark.parametrize("dotenv", ["example", "minimal"])
@pytest.mark.parametrize("name", STREAMPROC_SERVICES)
def test_streamproc_containers_get_valid_settings_pointing_at_the_services(
    name: str, dotenv: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in setting_names():
        monkeypatch.delenv(variable, raising=False)
    definition = compose(dotenv)["services"][name]
    container = {
        **dockerfile_environment(final_stage()),
        **resolved_environment_of(definition, dotenv),
    }
    for variable, value in container.items():
        if variable in setting_names():
            monkeypatch.setenv(variable, value)
    settings = Settings()

    for address in settings.kafka_bootstrap_servers.split(","):
        host, _, port = address.rpartition(":")
        assert host in services(), f"{name}: broker {address} is not a compose service"
        assert f"PLAINTEXT://{address}" in _kafka_environment()["KAFKA_ADVERTISED_LISTENERS"]
        assert _listener_ports()["PLAINTEXT"] == int(port)
    if name == "worker":
        assert re.match(r"postgresql://[^@/]+:[^@/]+@postgres:5432/\w+$", settings.database_url)
        assert settings.redis_url.startswith("redis://redis:6379/")
        assert settings.web_host == "0.0.0.0"
        assert settings.web_port == WORKER_PORT
        # Docker kills the worker this long after SIGTERM: the grace period must end first.
        kill_after = definition["stop_grace_period"]
        assert re.fullmatch(r"\d+s", kill_after), kill_after
        assert settings.shutdown_grace_seconds + 5 <= int(kill_after[:-1])
    if name == "publisher":
        assert settings.redis_url.startswith("redis://redis:6379/")


def test_every_interpolated_variable_is_in_env_example() -> None:
    referenced = {ref.name for text in _strings(raw_compose()) for ref in references(text)}
    missing = referenced - set(env_example())
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_passed_through_variables_are_documented_in_env_example() -> None:
    for name, definition in raw_compose()["services"].items():
        passed = {key for key, value in environment_of(definition).items() if value is None}
        missing = passed - env_example_documented()
        assert not missing, f"{name} passes through {sorted(missing)}, absent from .env.example"


def test_env_example_fills_every_required_variable_and_holds_no_key() -> None:
    required = {ref.name for t in _strings(raw_compose()) for ref in references(t) if ref.required}
    assert {"POSTGRES_PASSWORD", "GRAFANA_ADMIN_PASSWORD"} <= required
    for name in required:
        assert env_example().get(name), f".env.example must give {name} a local value"
    assert env_example().get("OPENAI_API_KEY") == "", "OPENAI_API_KEY must be empty in the example"
    assert "OPENAI_API_KEY" in environment_of(service("worker"))


def test_credentials_are_not_written_into_the_compose_file() -> None:
    for name, definition in raw_compose()["services"].items():
        for variable, value in environment_of(definition).items():
            if SECRET_NAME.search(variable) and value is not None:
                assert value.startswith("${"), f"{name}: {variable} is hard-coded"
        database_url = environment_of(definition).get("DATABASE_URL")
        if database_url is not None:
            assert "${POSTGRES_PASSWORD" in database_url, f"{name}: password in DATABASE_URL"


def _published_ports(definition: dict[str, Any]) -> Iterator[tuple[str | None, str]]:
    """(host ip, description) for every port binding of a service."""
    for port in definition.get("ports") or []:
        if isinstance(port, dict):
            yield port.get("host_ip"), str(port)
            continue
        text = str(port)
        parts = text.split("/", 1)[0].split(":")
        yield (parts[0] if len(parts) == 3 else None), text


def _host_bindings(definition: dict[str, Any]) -> dict[int, int]:
    """Published host port -> container port, for short-syntax bindings."""
    bindings = {}
    for port in definition.get("ports") or []:
        parts = str(port).split("/", 1)[0].split(":")
        if len(parts) >= 2:
            bindings[int(parts[-2])] = int(parts[-1])
    return bindings


def test_host_ports_are_bound_to_loopback_only() -> None:
    bound = 0
    for name, definition in services().items():
        for host_ip, description in _published_ports(definition):
            assert host_ip == "127.0.0.1", f"{name}: port {description} is not on 127.0.0.1"
            bound += 1
    assert bound >= 3, "kafka, prometheus and grafana should be reachable from the host"


def test_the_worker_can_be_scaled() -> None:
    worker = service("worker")
    for key in ("container_name", "ports", "hostname"):
        assert key not in worker, f"the worker sets {key}: `--scale worker=3` would conflict"
    assert "network_mode" not in worker
    assert "STREAMPROC_WEB_PORT" not in environment_of(worker), "Prometheus scrapes port 6066"
    assert not worker.get("profiles"), "the worker must start with `docker compose up`"


def test_the_publisher_runs_only_on_demand() -> None:
    assert "sample" in service("publisher").get("profiles", [])
    for name in ("kafka", "topics", "postgres", "redis", "worker", "prometheus", "grafana"):
        assert not service(name).get("profiles"), f"{name} must start with `docker compose up`"


def _streamproc_commands() -> list[tuple[str, list[str]]]:
    commands = [("Dockerfile CMD", exec_form(instructions("CMD", final_stage())[-1].arguments))]
    for name in STREAMPROC_SERVICES:
        commands.append((name, command_words(service(name))))
    return commands


def test_streamproc_services_keep_the_image_entrypoint() -> None:
    assert exec_form(instructions("ENTRYPOINT", final_stage())[-1].arguments) == ["streamproc"]
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["scripts"]["streamproc"] == "streamproc.cli:main"
    for name in STREAMPROC_SERVICES:
        assert "entrypoint" not in service(name), f"{name} replaces the streamproc entrypoint"


def test_the_commands_run_are_real_cli_commands() -> None:
    runner = CliRunner()
    for where, words in _streamproc_commands():
        path, command, arguments = cli_command(words)
        assert path, f"{where}: {words} is not a streamproc command"
        assert not _is_group(command), f"{where}: {words} names a command group"
        positional = [p for p in command.params if p.param_type_name == "argument"]
        assert len(arguments) == len(positional), f"{where}: {words} has the wrong arguments"
        result = runner.invoke(cli_app, [*path, "--help"])
        assert result.exit_code == 0, f"{where}: `streamproc {' '.join(path)} --help` failed"


def test_the_expected_commands_run() -> None:
    assert cli_command(command_words(service("worker")))[0] == ["worker"]
    assert cli_command(command_words(service("topics")))[0] == ["topics", "apply"]
    assert cli_command(command_words(service("publisher")))[0] == ["publish"]


def test_the_published_sample_is_in_the_image_and_readable() -> None:
    _, _, arguments = cli_command(command_words(service("publisher")))
    (sample,) = arguments
    copied = {
        image_path_of(copy, source): source
        for copy in copies(final_stage())
        if copy.from_stage is None
        for source in copy.sources
    }
    assert sample in copied, f"the publisher reads {sample}, which no COPY puts in the image"
    events = read_events(REPO / copied[sample])
    assert len(events) >= 40


def test_kafka_runs_kraft_without_auto_created_topics() -> None:
    environment = _kafka_environment()
    assert set(environment["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert environment["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert "CONTROLLER" in _listener_ports()
    image = str(service("kafka")["image"])
    assert re.fullmatch(r"apache/kafka:[34]\.\d+\.\d+", image), image
    test = " ".join(service("kafka")["healthcheck"]["test"])
    assert re.search(r"kafka-(broker-api-versions|topics)\.sh", test)


def test_kafka_advertises_a_host_listener_on_the_published_loopback_port() -> None:
    bindings = _host_bindings(service("kafka"))
    host_listeners = {
        listener: address
        for listener, address in _advertised().items()
        if address.startswith("127.0.0.1:")
    }
    assert host_listeners, "no listener for clients on the host"
    for listener, address in host_listeners.items():
        host_port = int(address.rpartition(":")[2])
        assert bindings.get(host_port) == _listener_ports()[listener], (
            f"{listener} is advertised as {address} but 127.0.0.1:{host_port} is not published "
            f"to its container port {_listener_ports()[listener]}"
        )


def _kafka_environment() -> dict[str, str]:
    return {k: v for k, v in environment_of(service("kafka")).items() if v is not None}


def _listener_ports() -> dict[str, int]:
    ports = {}
    for listener in _kafka_environment()["KAFKA_LISTENERS"].split(","):
        name, _, address = listener.partition("://")
        ports[name] = int(address.rpartition(":")[2])
    return ports


def _advertised() -> dict[str, str]:
    advertised = {}
    for listener in _kafka_environment()["KAFKA_ADVERTISED_LISTENERS"].split(","):
        name, _, address = listener.partition("://")
        advertised[name] = address
    return advertised


def test_postgres_and_redis_keep_data_and_report_health() -> None:
    postgres = service("postgres")
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert str(postgres["image"]).startswith("postgres:16")
    redis = service("redis")
    assert "redis-cli ping" in " ".join(redis["healthcheck"]["test"])
    assert str(redis["image"]).startswith("redis:7")


def test_grafana_gets_its_admin_password_and_the_postgres_credentials() -> None:
    grafana = raw_compose()["services"]["grafana"]
    environment = environment_of(grafana)
    password = environment.get("GF_SECURITY_ADMIN_PASSWORD") or ""
    assert password.startswith("${GRAFANA_ADMIN_PASSWORD:?"), "the password must come from .env"
    postgres = environment_of(raw_compose()["services"]["postgres"])
    for name in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"):
        assert environment.get(name) == postgres[name], f"grafana's {name} differs from postgres'"
    targets = {str(v).split(":")[1] for v in grafana["volumes"]}
    assert {"/etc/grafana/provisioning", "/var/lib/grafana/dashboards"} <= targets


# ---------------------------------------------------------------------------------------------
# deploy/prometheus.yml


@cache
def prometheus() -> dict[str, Any]:
    document = yaml.safe_load(PROMETHEUS_FILE.read_text("utf-8"))
    assert isinstance(document, dict)
    return document


def _job(name: str) -> dict[str, Any]:
    jobs = {job["job_name"]: job for job in prometheus()["scrape_configs"]}
    assert name in jobs, f"prometheus.yml has no job {name}"
    return jobs[name]


def test_prometheus_finds_every_worker_by_dns() -> None:
    assert prometheus()["global"]["scrape_interval"] == "5s"
    job = _job("streamproc")
    assert job.get("metrics_path", "/metrics") == "/metrics"
    (discovery,) = job["dns_sd_configs"]
    assert discovery["names"] == ["worker"]
    assert "worker" in services()
    assert discovery["type"] == "A"
    assert discovery["port"] == WORKER_PORT == Settings.model_fields["web_port"].default
    assert str(WORKER_PORT) in instructions("EXPOSE", final_stage())[-1].arguments.split()


def test_prometheus_scrapes_itself() -> None:
    targets = [t for c in _job("prometheus")["static_configs"] for t in c["targets"]]
    assert "localhost:9090" in targets


def test_compose_mounts_prometheus_yml_where_prometheus_reads_it() -> None:
    definition = raw_compose()["services"]["prometheus"]
    config = next(a for a in definition["command"] if a.startswith("--config.file="))
    target = config.split("=", 1)[1]
    assert f"./deploy/prometheus.yml:{target}:ro" in definition["volumes"]


# ---------------------------------------------------------------------------------------------
# Dockerfile and .dockerignore


def test_the_dockerfile_has_a_builder_and_a_slim_final_stage() -> None:
    froms = [i.arguments for i in instructions("FROM")]
    assert len(froms) >= 2, "build in one stage, run in another"
    assert all(f.split()[0] == "python:3.11-slim" for f in froms), froms
    assert re.search(r"\bAS \w+", froms[0], re.IGNORECASE), "name the builder stage"
    assert any(c.from_stage for c in copies(final_stage())), "the final stage copies the build"


def test_the_image_runs_as_a_fixed_non_root_user() -> None:
    users = instructions("USER", final_stage())
    assert users, "the final stage never leaves root"
    user = users[-1].arguments.split(":")[0]
    assert user not in {"root", "0"}, "the final USER is root"
    assert user.isdigit(), "use a fixed numeric UID"
    assert int(user) >= 1000, "use a UID outside the system range"
    runs = [i for i in final_stage() if i.keyword == "RUN"]
    assert any(f"--uid {user}" in i.arguments for i in runs), "the UID is not created"


def test_the_image_serves_health_on_all_interfaces() -> None:
    environment = dockerfile_environment(final_stage())
    assert environment["STREAMPROC_WEB_HOST"] == "0.0.0.0"
    assert environment.get("STREAMPROC_WEB_PORT", str(WORKER_PORT)) == str(WORKER_PORT)
    assert str(WORKER_PORT) in instructions("EXPOSE", final_stage())[-1].arguments.split()
    topics_file = environment["STREAMPROC_TOPICS_FILE"]
    copied = {image_path_of(c, s): s for c in copies(final_stage()) for s in c.sources}
    assert copied.get(topics_file) == "topics.yaml", "STREAMPROC_TOPICS_FILE is not topics.yaml"


def _healthcheck_command() -> list[str]:
    (healthcheck,) = instructions("HEALTHCHECK", final_stage())
    _options, separator, command = healthcheck.arguments.partition("CMD ")
    assert separator, "HEALTHCHECK needs a CMD"
    words = exec_form(command)
    assert words[0] == "python", "slim images have no curl: use python"
    assert "urllib" in command
    assert "/health" in command
    assert str(WORKER_PORT) in command
    return [sys.executable, *words[1:]]


@pytest.fixture
def health_server() -> Iterator[Callable[[int], tuple[int, list[str]]]]:
    servers: list[ThreadingHTTPServer] = []

    def start(status: int) -> tuple[int, list[str]]:
        requested: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requested.append(self.path)
                body = b'{"status": "ok"}' if self.path == "/health" else b"{}"
                self.send_response(status if self.path == "/health" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server.server_address[1], requested

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("status", "healthy"), [(200, True), (503, False)])
def test_the_healthcheck_command_reports_the_workers_health(
    status: int, healthy: bool, health_server: Callable[[int], tuple[int, list[str]]]
) -> None:
    port, requested = health_server(status)
    result = subprocess.run(
        _healthcheck_command(),
        env={"STREAMPROC_WEB_PORT": str(port)},
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert (result.returncode == 0) is healthy, result.stderr.decode()
    assert requested == ["/health"]


def test_the_healthcheck_command_fails_when_nothing_listens() -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as unused:
        port = unused.server_address[1]  # closed again before the check runs
    result = subprocess.run(
        _healthcheck_command(),
        env={"STREAMPROC_WEB_PORT": str(port)},
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert result.returncode != 0


def test_the_image_installs_no_test_or_local_extras() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    extras = pyproject["project"]["optional-dependencies"]
    assert {"test", "local"} <= set(extras)
    extra_packages = {
        re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower()
        for requirements in extras.values()
        for requirement in requirements
    } - {"streamproc"}
    runs = " ".join(i.arguments for i in instructions("RUN")).lower()
    for extra in extras:
        assert not re.search(rf"\[[^\]]*\b{extra}\b[^\]]*\]", runs), f"installs the {extra} extra"
    for package in extra_packages:
        assert not re.search(rf"(?<![\w-]){re.escape(package)}(?![\w-])", runs), package
    assert "pip install" in runs


def test_every_copy_source_exists_and_is_in_the_build_context() -> None:
    stage_names = {
        i.arguments.split()[-1] for i in instructions("FROM") if " as " in i.arguments.lower()
    }
    checked = 0
    for stage in stages():
        for copy in copies(stage):
            if copy.from_stage is not None:
                assert copy.from_stage in stage_names, f"COPY --from={copy.from_stage}: no stage"
                continue
            for source in copy.sources:
                assert not any(c in source for c in "*?["), f"COPY {source}: name files exactly"
                assert (REPO / source).exists(), f"COPY {source}: not in the repository"
                assert in_build_context(source), f"COPY {source}: excluded by .dockerignore"
                checked += 1
    assert checked >= 3


def test_the_build_context_leaves_out_secrets_and_local_state() -> None:
    for path in (".env", ".git/config", ".venv/bin/python", ".devstack/x", "tests/unit/x.py"):
        assert not in_build_context(path), f"{path} would be sent to the Docker build"
    for path in (".pytest_cache/x", ".mypy_cache/x", ".ruff_cache/x", "streamproc-data/v1"):
        assert not in_build_context(path), f"{path} would be sent to the Docker build"
    for path in ("streamproc/__pycache__/cli.cpython-311.pyc", "bench/harness.py"):
        assert not in_build_context(path), f"{path} would be sent to the Docker build"
    for path in ("pyproject.toml", "README.md", "topics.yaml", "streamproc/cli.py"):
        assert in_build_context(path), f"{path} is needed by the build"
    assert in_build_context("streamproc/store/migrations/001_initial.sql")


def test_no_secret_is_baked_into_the_image() -> None:
    for instruction in instructions("ENV") + instructions("ARG"):
        for word in shlex.split(instruction.arguments):
            name = word.partition("=")[0]
            assert not SECRET_NAME.search(name), f"line {instruction.line}: {name} in the image"
            assert name not in {"DATABASE_URL", "REDIS_URL"}, f"line {instruction.line}: {name}"
