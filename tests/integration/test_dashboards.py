"""The Grafana dashboards show data: every panel's query returns something from real workers.

A query naming a metric, label or column that does not exist is not an error in Grafana, only an
empty chart. So real traffic goes through an LLM worker (against the fake Chat Completions server,
with 429s, 500s and bad answers) and an offline worker (whose Redis goes down for a while), a real
Prometheus scrapes both, and every Prometheus expression of operations.json must return data; every
SQL query of business.json must return rows from the real PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from streamproc.events import MeetingCreated, utc_now
from streamproc.local.devstack import Redis, free_port
from streamproc.local.quickstart import sample_file
from streamproc.local.sources import read_events
from streamproc.stream.topics import TopicAdmin, Topics
from tests.factories import meeting_document
from tests.fakes.chat_completions import FakeChatCompletions, InvalidJson, Status
from tests.integration.conftest import REPO, TEST_PARTITIONS, Stack

pytestmark = pytest.mark.integration

DASHBOARDS = REPO / "grafana" / "dashboards"
SCRAPE_INTERVAL = "1s"
# Grafana's variables, as Grafana would fill them in for a short time range.
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$__interval": "1m", "$__range": "5m"}
# How long the data may take to reach Prometheus (scrapes, then two samples per rate window).
DATA_TIMEOUT_SECONDS = 60.0
# Two sellers against closed = number % 3 == 0: neither closes every deal.
SELLERS = ("Bruno Díaz", "Carla Soto")
LLM_MEETINGS = 30
OUTAGE_MEETINGS = 3
OUTAGE_SECONDS = 3.0
# One record per dead-letter error type the dashboards must show.
BAD_RECORDS: list[tuple[bytes | None, bytes | None]] = [
    (b"bad-json", b"not json"),
    (b"bad-schema", b'{"event_id": "x"}'),
]
# A high budget: the gauge is exported (as 0) only when a budget is set.
LLM_WORKER_SETTINGS = {
    "STREAMPROC_LLM_DAILY_BUDGET_USD": "1000",
    # Tight enough that a burst queues in the client-side rate limiter, loose enough to be quick.
    "STREAMPROC_LLM_REQUESTS_PER_MINUTE": "1200",
    "STREAMPROC_LLM_TOKENS_PER_MINUTE": "2000000",
}


@dataclass
class Prometheus:
    """A real Prometheus on loopback, scraping the workers given to `start` every second."""

    binary: str
    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, web_ports: Sequence[int]) -> None:
        config = {
            "global": {"scrape_interval": SCRAPE_INTERVAL, "evaluation_interval": SCRAPE_INTERVAL},
            "scrape_configs": [
                {
                    "job_name": "streamproc",
                    "static_configs": [{"targets": [f"127.0.0.1:{port}" for port in web_ports]}],
                }
            ],
        }
        config_path = self.folder / "prometheus.yml"
        config_path.write_text(yaml.safe_dump(config), "utf-8")
        with (self.folder / "prometheus.log").open("ab") as log:
            self.process = subprocess.Popen(
                [
                    self.binary,
                    f"--config.file={config_path}",
                    f"--storage.tsdb.path={self.folder / 'data'}",
                    f"--web.listen-address=127.0.0.1:{self.port}",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while not self._ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                log_text = (self.folder / "prometheus.log").read_text("utf-8", errors="replace")
                pytest.fail(f"prometheus did not become ready:\n{log_text[-3000:]}")
            time.sleep(0.2)

    def _ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def query(self, expr: str) -> dict[str, Any]:
        """An instant query through the HTTP API; the API's JSON answer, errors included."""
        url = f"{self.url}/api/v1/query?{urllib.parse.urlencode({'query': expr})}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                answer: dict[str, Any] = json.loads(response.read())
        except urllib.error.HTTPError as error:  # 400/422: the answer names the problem
            answer = json.loads(error.read())
        return answer

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def prometheus(tmp_path: Path) -> Iterator[Prometheus]:
    binary = shutil.which("prometheus")
    if binary is None:
        pytest.fail(
            "the prometheus binary is missing: the dashboard tests run a real Prometheus "
            "(Debian/Ubuntu: apt-get install prometheus)"
        )
    folder = tmp_path / "prometheus"
    folder.mkdir()
    server = Prometheus(binary, folder)
    yield server
    server.stop()


def llm_meeting(number: int, run: str) -> MeetingCreated:
    """A factory meeting with fresh ids (the session's database is shared), occurring now."""
    document = meeting_document(
        number, event_id=str(uuid.uuid4()), occurred_at=utc_now().isoformat()
    )
    document["meeting"].update(
        meeting_id=f"dash-{run}-{number}", seller=SELLERS[number % len(SELLERS)]
    )
    return MeetingCreated.model_validate(document)


def sample_meetings(run: str) -> list[MeetingCreated]:
    """The bundled sample with fresh ids: varied sectors, sources and sellers for the charts."""
    return [
        event.model_copy(
            update={
                "event_id": uuid.uuid4(),
                "occurred_at": utc_now(),
                "meeting": event.meeting.model_copy(update={"meeting_id": f"sample-{run}-{n}"}),
            }
        )
        for n, event in enumerate(read_events(sample_file()))
    ]


async def own_topics(stack: Stack, folder: Path) -> Topics:
    """A second set of topics, so the offline worker gets meetings of its own."""
    document = yaml.safe_load((REPO / "topics.yaml").read_text("utf-8"))
    suffix = uuid.uuid4().hex[:8]
    for spec in document.values():
        spec["name"] = f"{spec['name']}.{suffix}"
        spec["partitions"] = TEST_PARTITIONS
    path = folder / "offline-topics.yaml"
    path.write_text(yaml.safe_dump(document), "utf-8")
    topics = Topics.load(path)
    async with TopicAdmin(stack.settings.kafka_bootstrap_servers) as admin:
        await admin.apply(topics)
    return topics


def records(events: Sequence[MeetingCreated]) -> list[tuple[bytes | None, bytes | None]]:
    return [(e.meeting.meeting_id.encode(), e.model_dump_json().encode()) for e in events]


async def until_present(prometheus: Prometheus, expr: str) -> None:
    """Wait until Prometheus has scraped a series, e.g. one a worker exports only on failure."""
    deadline = time.monotonic() + DATA_TIMEOUT_SECONDS
    while not (await asyncio.to_thread(prometheus.query, expr)).get("data", {}).get("result"):
        assert time.monotonic() < deadline, f"prometheus never returned {expr}"
        await asyncio.sleep(0.5)


async def run_traffic(
    stack: Stack,
    llm: FakeChatCompletions,
    prometheus: Prometheus,
    outage_redis: Redis,
    folder: Path,
) -> Sent:
    """Put through real workers everything the panels show, while Prometheus scrapes them.

    An LLM worker gets meetings with 429s, 500s and an invalid answer (retries, a fallback,
    tokens, cost, rate-limiter waits) plus bad records (dead letters). An offline worker, on its
    own topics and Redis, classifies the bundled sample, then loses its Redis for a while
    (transient retries, dependency errors) and recovers.
    """
    run = uuid.uuid4().hex[:8]
    offline_topics = await own_topics(stack, folder)
    stack.start_llm_worker(llm.base_url, **LLM_WORKER_SETTINGS)
    stack.start_worker(
        STREAMPROC_TOPICS_FILE=str(folder / "offline-topics.yaml"),
        STREAMPROC_CONSUMER_GROUP=f"streamproc-dashboards-offline-{run}",
        REDIS_URL=outage_redis.url,
    )
    prometheus.start([worker.web_port for worker in stack.workers])
    # Workers start before the traffic, as in production: their series are scraped at 0 first.
    await until_present(prometheus, "count(streamproc_events_completed_total) >= 3")

    samples = sample_meetings(run)
    offline_input = offline_topics.meetings_created.name
    offline_completed = offline_topics.classifications_completed.name
    await stack.publish_raw(records(samples), topic=offline_input)

    # Each kind of failure twice, the second after the first was scraped: rate() panels need
    # two samples that differ.
    for phase in range(2):
        # One meeting alone meets every failure: after its 3 attempts it falls back to offline.
        llm.script(Status(429, retry_after=0.2), Status(500), InvalidJson())
        await stack.publish([llm_meeting(phase, run)])
        await stack.publish_raw(BAD_RECORDS)
        completed = await stack.completed(until=phase + 1)
        assert all(item["classifier"]["fallback"] for item in completed), completed
        dead_letters = len(BAD_RECORDS) * (phase + 1)
        await until_present(
            prometheus, f"sum(streamproc_events_dead_lettered_total) >= {dead_letters}"
        )
        await until_present(prometheus, f"sum(streamproc_llm_fallbacks_total) >= {phase + 1}")

    llm.script(Status(429, retry_after=0.2), Status(500))
    await stack.publish([llm_meeting(n, run) for n in range(2, LLM_MEETINGS + 2)])
    corrected = (await stack.completed(until=LLM_MEETINGS + 2))[-1]
    # A reviewer corrects one meeting's sector (the business dashboard's corrections panel).
    answered = corrected["classification"]["business_sector"]
    feedback = {
        "author": "qa",
        "corrections": {"business_sector": OTHER_SECTOR[answered == "mining"]},
    }
    status, body = stack.workers[0].post(
        f"/api/v1/meetings/{corrected['meeting_id']}/feedback", json.dumps(feedback).encode()
    )
    assert status == 201, body
    await stack.read(stack.topics.classifications_failed.name, until=2 * len(BAD_RECORDS))
    await stack.read(offline_completed, until=len(samples))

    outage_redis.stop()
    late = sample_meetings(f"{run}-late")[:OUTAGE_MEETINGS]
    await stack.publish_raw(records(late), topic=offline_input)
    await until_present(prometheus, "streamproc_transient_retries_total")
    await asyncio.sleep(OUTAGE_SECONDS)  # retries keep failing while Prometheus scrapes
    outage_redis.start()  # the same port: the worker reconnects and finishes the late meetings
    await stack.read(offline_completed, until=len(samples) + OUTAGE_MEETINGS)
    return Sent(2 + LLM_MEETINGS + len(samples) + OUTAGE_MEETINGS, 2 * len(BAD_RECORDS))


@dataclass(frozen=True)
class Sent:
    """What the traffic put through, for the panels that count it."""

    completed: int
    dead_letters: int


# A sector other than the answer: mining, unless the answer was mining.
OTHER_SECTOR = {False: "mining", True: "retail"}


def panels(dashboard: str) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(title, panel, target) for every query of a dashboard, rows' nested panels included."""
    document = json.loads((DASHBOARDS / f"{dashboard}.json").read_text("utf-8"))
    pending = list(document["panels"])
    while pending:
        panel = pending.pop(0)
        pending.extend(panel.get("panels", []))
        for target in panel.get("targets", []):
            yield f"{panel['title']} [{target['refId']}]", panel, target


def promql(expr: str) -> str:
    for variable, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(variable, value)
    assert "$" not in expr, f"a Grafana variable the test does not fill in: {expr}"
    return expr


def problem(target: dict[str, Any], answer: dict[str, Any]) -> str | None:
    """Why an instant query's answer would be an empty (or broken) panel; None if it is fine.

    A misspelt label in `by (...)` still returns data, so the legend's labels must be present.
    """
    if answer.get("status") != "success":
        return f"{answer.get('errorType')}: {answer.get('error')}"
    result = answer["data"]["result"]
    if not result:
        return "no data"
    if all(math.isnan(float(series["value"][1])) for series in result):
        return "only NaN"
    legend_labels = set(re.findall(r"\{\{\s*(\w+)\s*\}\}", target.get("legendFormat", "")))
    missing = {label for series in result for label in legend_labels - series["metric"].keys()}
    if missing:
        return f"no label {sorted(missing)} for the legend"
    return None


def sql(query: str) -> str:
    """Expand the two Grafana macros the dashboards use over a generous window around now."""
    query = re.sub(
        r"\$__timeFilter\(\s*([^)]+?)\s*\)",
        r"\1 BETWEEN now() - interval '7 days' AND now() + interval '1 day'",
        query,
    )
    query = re.sub(
        r"\$__timeGroupAlias\(\s*([^,]+?)\s*,\s*'1h'\s*\)",
        r"date_trunc('hour', \1) AS time",
        query,
    )
    assert "$__" not in query, f"a Grafana macro the test does not expand: {query}"
    return query


@pytest.fixture
def outage_redis(tmp_path: Path) -> Iterator[Redis]:
    """The offline worker's own Redis, which the test stops and starts again."""
    redis = Redis(tmp_path / "outage-redis")
    redis.start()
    yield redis
    redis.stop()


async def test_every_panel_of_both_dashboards_shows_data(
    stack: Stack, prometheus: Prometheus, outage_redis: Redis, tmp_path: Path
) -> None:
    with FakeChatCompletions() as llm:
        sent = await run_traffic(stack, llm, prometheus, outage_redis, tmp_path)

    targets = {title: target for title, _panel, target in panels("operations")}
    assert len(targets) >= 20
    # Each panel must show data at some poll: rates need two scrapes after the traffic, and a
    # panel that is fine once must not be reported when its window later slides past the traffic.
    problems: dict[str, str] = {}
    deadline = time.monotonic() + DATA_TIMEOUT_SECONDS
    pending = set(targets)
    while pending and time.monotonic() < deadline:
        for title in sorted(pending):
            answer = await asyncio.to_thread(prometheus.query, promql(targets[title]["expr"]))
            if (why := problem(targets[title], answer)) is None:
                pending.discard(title)
            else:
                problems[title] = why
        await asyncio.sleep(1)
    assert not pending, "operations panels without data:\n" + "\n".join(
        f"  {title}: {problems[title]}\n    {targets[title]['expr']}" for title in sorted(pending)
    )
    # The counting panels count what was sent. increase() extrapolates past the samples it
    # has, so a small count may read a little high (4.4 for 4 was seen); a series missing its
    # first step reads lower (16 for 45, 0 for 2 before every series started at 0).
    for title, expected in (
        ("Meetings completed [A]", sent.completed),
        ("Dead letters [A]", sent.dead_letters),
    ):
        answer = await asyncio.to_thread(prometheus.query, promql(targets[title]["expr"]))
        shown = float(answer["data"]["result"][0]["value"][1])
        assert expected - 0.5 <= shown <= expected * 1.5, f"{title} shows {shown}, not {expected}"

    connection = await stack.database()
    try:
        first_rows = {
            title: await connection.fetchrow(sql(target["rawSql"]))
            for title, _panel, target in panels("business")
        }
    finally:
        await connection.close()
    assert [title for title, row in first_rows.items() if row is None] == [], "panels without rows"
    # A bar chart whose x field is not a column of its query shows an error instead of bars.
    for title, panel, _target in panels("business"):
        x_field = panel["options"].get("xField")
        row = first_rows[title]
        assert x_field is None or (row is not None and x_field in list(row.keys())), title
