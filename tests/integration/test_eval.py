"""`streamproc eval` as a user runs it: real PostgreSQL, and a Chat Completions server whose
answers are known, so every score is known."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Final

import pytest

from streamproc.classify.lexicon import LEXICON_VERSION
from streamproc.classify.openai.prompt import PROMPT_VERSION
from tests.fakes.chat_completions import FakeChatCompletions, Valid
from tests.integration.conftest import Stack

# How the LLM classifier names itself in command output.
OPENAI: Final = f"openai gpt-4o-mini/{PROMPT_VERSION}"

pytestmark = pytest.mark.integration

# What the fake model answers for every meeting.
ANSWER: dict[str, Any] = {
    "business_sector": "mining",
    "company_size": "large",
    "region": "latam_south",
    "lead_source": "event",
    "vambe_product": "axis",
    "use_case": "real_time_reporting",
    "primary_pain_point": "lack_visibility",
    "urgency": True,
    "decision_maker_role": "coo",
    "purchase_stage": "discovery",
    "language": "es",
    "lost_client_bad_meeting": False,
    "sentiment": "positive",
    "confidence_score": 0.9,
    "key_topics": ["minería", "reportes"],
    "action_items": ["Enviar propuesta"],
    "next_steps": "Enviar propuesta.",
    "summary": "Una minera quiere reportes en tiempo real.",
}
# Three meetings; the answer is right for sector on the first two, lead source on the first.
LABELS = [
    {"business_sector": "mining", "lead_source": "event", "urgency": True},
    {"business_sector": "mining", "lead_source": "referral"},
    {"business_sector": "retail", "lead_source": "seo", "urgency": False},
]
TRANSCRIPTS = [
    "Cliente: Somos una minera del norte de Chile; los conocimos en una feria.",
    "Cliente: Operamos dos faenas de cobre. Nos recomendó un colega.",
    "Cliente: Tenemos 12 tiendas de ropa. Los encontramos buscando en Google.",
]


def write_jsonl(path: Path) -> Path:
    lines = [
        json.dumps({"id": f"m{number}", "transcript": transcript, "labels": labels})
        for number, (transcript, labels) in enumerate(zip(TRANSCRIPTS, LABELS, strict=True))
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_csv(path: Path) -> Path:
    publish_columns = ["Nombre", "Correo Electronico", "Numero de Telefono", "Fecha de la Reunion"]
    publish_columns += ["Vendedor asignado", "closed", "Transcripcion"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*publish_columns, "business_sector", "lead_source", "urgency"])
        for transcript, labels in zip(TRANSCRIPTS, LABELS, strict=True):
            urgency = {True: "sí", False: "no"}.get(labels.get("urgency"), "")  # type: ignore[arg-type]
            meta = ["Cliente", "c@example.com", "", "2026-01-05", "Ana", "0", transcript]
            writer.writerow([*meta, labels["business_sector"], labels["lead_source"], urgency])
    return path


def run_eval(stack: Stack, llm: FakeChatCompletions, *arguments: str) -> str:
    llm.default = Valid(ANSWER)
    result = stack.cli(
        "eval",
        *arguments,
        OPENAI_API_KEY="sk-test",
        OPENAI_BASE_URL=llm.base_url,
        STREAMPROC_LLM_MAX_ATTEMPTS="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("writer", [write_jsonl, write_csv], ids=["jsonl", "csv"])
def test_a_classifier_with_known_answers_gets_the_expected_scores(
    stack: Stack, llm: FakeChatCompletions, tmp_path: Path, writer: Any
) -> None:
    stack.cli("migrate")
    path = writer(tmp_path / ("labelled.csv" if writer is write_csv else "labelled.jsonl"))

    report = run_eval(stack, llm, str(path), "--classifier", "openai", "--no-store")

    name = OPENAI
    # sector: mining, mining right, retail wrong -> 2/3; macro-F1: mining 2*2/(2+3), retail 0
    assert f"| business_sector | 0.667 (2/3) | {(0.8 + 0) / 2:.3f} |" in report
    # lead source: 1/3; event labelled once, answered 3 times, right once: F1 2/4; others 0
    assert "| lead_source | 0.333 (1/3) | 0.167 |" in report
    # urgency (labelled twice): true right, false wrong -> 1/2; true 2/3, false 0 -> 1/3
    assert "| urgency | 0.500 (1/2) | 0.333 |" in report
    assert "| region | — | — |" in report
    # All three meetings at confidence 0.9; 4 of their 8 labelled fields right.
    assert "| 0.8–1.0 | 3 | 0.90 | 0.500 |" in report
    assert f"## lead_source: labels (rows) against {name}'s answers" in report
    assert "| seo |  |  | 1 |" in report  # columns: referral, seo, event
    assert len(llm.completions()) == 3


async def test_two_classifiers_side_by_side_and_each_run_is_stored(
    stack: Stack, llm: FakeChatCompletions, tmp_path: Path
) -> None:
    stack.cli("migrate")
    path = write_jsonl(tmp_path / "labelled.jsonl")
    out = tmp_path / "report"

    report = run_eval(
        stack,
        llm,
        str(path),
        "--classifier",
        "offline",
        "--classifier",
        "openai",
        "--out",
        str(out),
    )
    again = run_eval(stack, llm, str(path), "--classifier", "openai")

    assert f"| field | offline lexicon/{LEXICON_VERSION} accuracy |" in report
    assert f"| {OPENAI} accuracy |" in report
    assert (out / "report.md").read_text(encoding="utf-8").strip() in report
    charts = sorted(path.name for path in out.glob("*.png"))
    assert charts == sorted(
        ["accuracy.png", "reliability.png"]
        + [
            f"confusion-{name}-{field}.png"
            for name in (
                f"offline-lexicon-{LEXICON_VERSION}",
                f"openai-gpt-4o-mini-{PROMPT_VERSION}",
            )
            for field in ("business_sector", "lead_source")
        ]
    ), "a matrix per classifier and labelled field (no pain point is labelled)"
    for chart in out.glob("*.png"):
        assert chart.read_bytes().startswith(b"\x89PNG"), chart
    assert "earlier on this data" in again
    connection = await stack.database()
    try:
        rows = await connection.fetch(
            "SELECT * FROM evaluation_runs WHERE dataset = 'labelled.jsonl' ORDER BY evaluated_at"
        )
    finally:
        await connection.close()
    assert [row["classifier_name"] for row in rows[-3:]] == ["offline", "openai", "openai"]
    openai_run = rows[-1]
    assert openai_run["classifier_version"] == PROMPT_VERSION
    assert openai_run["meetings"] == 3
    assert openai_run["failed_meetings"] == 0
    assert openai_run["mean_accuracy"] == pytest.approx((2 / 3 + 1 / 3 + 1 / 2) / 3)
    assert openai_run["calibration_error"] == pytest.approx(0.4)
    scores = json.loads(openai_run["scores"])
    assert scores["fields"]["business_sector"]["correct"] == 2
    assert ["retail", "mining", 1] in scores["confusions"]["business_sector"]


async def test_without_the_charts_extra_the_report_and_the_run_are_kept(
    stack: Stack, tmp_path: Path
) -> None:
    """matplotlib missing: report.md is written and the run stored; the hint is installable."""
    stack.cli("migrate")
    path = write_jsonl(tmp_path / "labelled-without-charts.jsonl")
    blocked = tmp_path / "no-matplotlib" / "matplotlib"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('not installed (test)')\n")
    out = tmp_path / "report"

    result = stack.cli("eval", str(path), "--out", str(out), PYTHONPATH=str(blocked.parent))

    assert result.returncode == 2, result.stdout + result.stderr
    assert "pip install 'streamproc[charts]'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# Evaluation of")
    connection = await stack.database()
    try:
        stored = await connection.fetchval(
            "SELECT count(*) FROM evaluation_runs WHERE dataset = $1", path.name
        )
    finally:
        await connection.close()
    assert stored == 1


def test_meetings_the_llm_fails_on_are_reported_not_scored(
    stack: Stack, llm: FakeChatCompletions, tmp_path: Path
) -> None:
    stack.cli("migrate")
    path = write_jsonl(tmp_path / "labelled.jsonl")
    llm.script(Valid(ANSWER), Valid({**ANSWER, "business_sector": "space_tourism"}))
    llm.default = Valid(ANSWER)

    result = stack.cli(
        "eval",
        str(path),
        "--classifier",
        "openai",
        "--no-store",
        "--concurrency",
        "1",
        OPENAI_API_KEY="sk-test",
        OPENAI_BASE_URL=llm.base_url,
        STREAMPROC_LLM_MAX_ATTEMPTS="1",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "openai failed on m1: AnswerOutOfSchema" in result.stdout
    assert f"{OPENAI} failed on 1 meeting(s): not scored." in result.stdout
    assert "| business_sector | 0.500 (1/2) |" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"id": "a", "transcript": "Hola", "labels": {"business_sector": "mars"}}',
            "not in the taxonomy",
        ),
        ("Transcripcion,colour\nHola,red\n", "no label column"),
    ],
)
def test_a_bad_labelled_file_is_refused_with_its_line(
    stack: Stack, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / ("bad.csv" if content.startswith("Transcripcion") else "bad.jsonl")
    path.write_text(content + "\n", encoding="utf-8")

    result = stack.cli("eval", str(path), "--no-store")

    assert result.returncode == 2
    assert message in result.stdout
    assert f"{path.name}:1" in result.stdout.replace("\n", "")
