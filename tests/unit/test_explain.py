"""`streamproc explain`: the sentences that decided, the cues that fired, and why each value won."""

from __future__ import annotations

import subprocess
import sys

from streamproc.classify.explain import render
from streamproc.classify.offline import Explanation, FieldReason, OfflineClassifier

# The real input's shape: one client speaking, the company in the first sentence, the discovery
# sentence with a colleague who runs another kind of business.
MONOLOGUE = (
    "Soy la dueña de una clínica dental en Lima y somos doce personas. "
    "Un colega que tiene una agencia de viajes me recomendó Vambe el mes pasado. "
    "Nuestros pacientes escriben por WhatsApp para agendar y la recepción no da abasto."
)


def field(explanation: Explanation, name: str) -> FieldReason:
    return next(reason for reason in explanation.fields if reason.field == name)


def test_it_names_the_business_sentence_and_the_cue_that_decided_the_sector() -> None:
    explanation = OfflineClassifier().explain(MONOLOGUE)

    assert explanation.business_type == "clinica dental"
    assert explanation.business_sentence == 0
    assert explanation.business_introduced
    sector = field(explanation, "business_sector")
    assert sector.value == "healthcare"
    assert not sector.defaulted
    deciding = max(sector.cues, key=lambda cue: cue.weight)
    assert (deciding.words, deciding.sentence, deciding.value) == (
        "clinica dental",
        0,
        "healthcare",
    )
    assert deciding.why == "own business type, introduced"
    # The recommender's travel agency is not the client's sector.
    assert "tourism_hospitality" not in dict(sector.totals)


def test_it_names_the_discovery_sentence_and_its_cues() -> None:
    explanation = OfflineClassifier().explain(MONOLOGUE)

    assert explanation.discovery_sentences == (1,)
    lead = field(explanation, "lead_source")
    assert lead.value == "referral"
    assert {cue.sentence for cue in lead.cues} == {1}
    assert "me recomendo" in {cue.words for cue in lead.cues}
    assert lead.totals[0][0] == "referral"


def test_a_field_without_evidence_says_it_took_the_default() -> None:
    explanation = OfflineClassifier().explain("Hola, gracias por la reunión. Saludos.")

    assert explanation.business_type is None
    assert field(explanation, "business_sector").defaulted
    text = render(explanation, ["business_sector"])
    assert "(no business type named: sector from the whole text)" in text
    assert "business_sector: software_saas (default: no evidence)" in text


def explain_command(*options: str, transcript: str) -> subprocess.CompletedProcess[str]:
    """`streamproc explain -` in a process of its own, the transcript on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "streamproc", "explain", "-", *options],
        input=transcript,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_command_reads_standard_input_and_prints_the_chosen_fields() -> None:
    completed = explain_command("--field", "business_sector", transcript=MONOLOGUE)

    assert completed.returncode == 0, completed.stderr

    lines = completed.stdout.splitlines()
    assert lines[1].startswith("  [1] Soy la dueña de una clínica dental en Lima")
    assert lines[1].endswith('<- business: "clinica dental" (introduced)')
    assert lines[2].endswith("<- discovery")
    assert "business_sector: healthcare" in lines
    assert "lead_source:" not in completed.stdout
    assert any('"clinica dental" [1] own business type, introduced' in line for line in lines)


def test_the_command_refuses_an_unknown_field_and_an_empty_input() -> None:
    unknown = explain_command("--field", "colour", transcript=MONOLOGUE)
    empty = explain_command(transcript="  \n")

    assert unknown.returncode == 2
    assert "unknown field(s) ['colour']" in unknown.stderr
    assert empty.returncode == 2
    assert "holds no transcript" in empty.stderr
