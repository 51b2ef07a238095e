"""The offline classifier: valid, deterministic, sensible output for any text, without services."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streamproc.classify import lexicon
from streamproc.classify.lexicon import LEXICON_VERSION
from streamproc.classify.offline import ConfidenceCalibration, OfflineClassifier
from streamproc.evaluation.evaluate import (
    LabelledDataError,
    LabelledMeeting,
    load_labelled,
)
from streamproc.evaluation.scores import Scored, Scores, markdown, score
from streamproc.taxonomy import (
    EVALUATED_FIELDS,
    MAX_CONFIDENCE,
    MIN_CONFIDENCE,
    BusinessSector,
    Classification,
    CompanySize,
    DecisionMakerRole,
    Language,
    LeadSource,
    PainPoint,
    Region,
    Sentiment,
    UseCase,
    VambeProduct,
    enum_categories,
)

DATA = Path(__file__).resolve().parents[1] / "data"
# Mean accuracy over fields on the dialogue dev set (170 meetings, tuned on): 0.910 with lexicon 4
# (2026-11-26). A drop below the floor is a regression.
MIN_MEAN_ACCURACY = {"labelled_dev.jsonl": 0.89}
# Per-field floors on the sets never tuned on (issue 16).
# - The dialogue holdout (192): no field lower than lexicon 4's (meetings right of 192).
# - The client monologues' holdout (710: business types never in dev, three corpora): the scores
#   of 2026-12-08 (590, 689 and 676 of 710 right) less about 1%; the bar (0.92 / 0.96 /
#   0.95) is not met for sector yet (README).
HOLDOUT_FIELD_FLOORS = {
    "labelled_holdout.jsonl": {
        # 172 before the long-tail work of 2026-12-07, 175 on 2026-12-08.
        "business_sector": 172 / 192,
        "company_size": 166 / 192,
        "region": 161 / 192,
        "lead_source": 173 / 192,
        "vambe_product": 192 / 192,
        "use_case": 149 / 192,
        "primary_pain_point": 123 / 192,
        "urgency": 178 / 192,
        "decision_maker_role": 173 / 192,
        "purchase_stage": 124 / 192,
        "language": 192 / 192,
        "lost_client_bad_meeting": 182 / 192,
        "sentiment": 135 / 192,
    },
    "monologues_holdout.jsonl": {
        "business_sector": 583 / 710,
        "lead_source": 682 / 710,
        "urgency": 669 / 710,
        "language": 710 / 710,
    },
}
# Expected calibration error of confidence_score on each holdout set (0.034 on the dialogues with
# lexicon 4).
MAX_HOLDOUT_CALIBRATION_ERROR = 0.08

CLASSIFIER = OfflineClassifier()

SPANISH_RETAIL = """\
Vendedor: Hola Carla, gracias por la reunión. ¿Cómo llegaron a Vambe?
Cliente: Nos recomendó un colega que trabaja en otra cadena y le ha ido muy bien con ustedes.
Soy la jefa de operaciones de Zapaterías del Sur: tenemos 40 tiendas en Chile y somos unos
600 empleados.
Vendedor: ¿Cuál es el problema principal?
Cliente: El WhatsApp nos tiene colapsados. Entran miles de mensajes a la semana preguntando por
stock y tallas, y el equipo no da abasto: la gente espera horas por una respuesta.
Vendedor: Mercur responde esas consultas por WhatsApp y se integra con su inventario.
Cliente: Me encanta, es justo lo que necesitamos. Es urgente: el Cyber es en tres semanas y
tenemos que llegar con esto funcionando.
Vendedor: Perfecto, te envío la propuesta mañana y agendamos la revisión técnica.
"""

ENGLISH_FINTECH = """\
Seller: Thanks for the time, Mark. You found us at the fintech conference in Toronto, right?
Client: Yes, we met at your booth. I'm the CFO of Maple Lending, a fintech that offers personal
loans across Canada; we're about 300 employees.
Seller: What's the main challenge?
Client: Our problem is fraud. We see suspicious transactions every week and our analysts review
them by hand, so money laundering checks are slow and the regulator keeps asking for evidence.
Seller: Axis connects your core banking system and flags anomalous transactions in real time.
Client: Great, I love that it's integration only. There's no rush on our side, though; this is
for next year's budget.
Seller: Understood. We'll send the proposal and schedule a technical session with your team.
"""

VAGUE = "Hola, gracias por la reunión. Seguimos conversando. Saludos."


def classify(transcript: str, language: Language | None = None) -> Classification:
    return CLASSIFIER.classify_text(transcript, language)


@pytest.mark.parametrize(
    "transcript",
    [
        SPANISH_RETAIL,
        ENGLISH_FINTECH,
        VAGUE,
        "?",
        " ",
        "...!!!",
        "🙂🚀 " * 300,
        "e\u0301\u0301\u0301 \u200b\u200b ß İ ﬁ",
        "Vendedor: hola. Cliente: somos 1.200 empleados. Vendedor: te envío la propuesta.",
        "palabra " * 40_000,
        "Cliente:" * 5_000,
        "Vendedor: te envío la propuesta \ud800 mañana\x00.",
    ],
    ids=[
        "spanish",
        "english",
        "vague",
        "question-mark",
        "space",
        "punctuation",
        "emoji",
        "combining-marks",
        "inline-turns",
        "200-kb",
        "only-labels",
        "lone-surrogate",
    ],
)
def test_returns_a_valid_classification_for_any_text(transcript: str) -> None:
    result = classify(transcript)
    Classification.model_validate(result.model_dump())
    assert 1 <= len(result.key_topics) <= 5
    assert 1 <= len(result.action_items) <= 3


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1), st.sampled_from([None, Language.ES, Language.EN]))
def test_any_text_gives_taxonomy_values(transcript: str, language: Language | None) -> None:
    result = classify(transcript, language)
    for field, category in enum_categories().items():
        assert getattr(result, field) in set(category)
    assert 0.1 <= result.confidence_score <= 0.95


def test_same_input_gives_the_same_output() -> None:
    first = classify(SPANISH_RETAIL).model_dump()
    assert classify(SPANISH_RETAIL).model_dump() == first
    assert OfflineClassifier().classify_text(SPANISH_RETAIL, None).model_dump() == first


def test_async_classify_matches_the_synchronous_method() -> None:
    result = asyncio.run(CLASSIFIER.classify(ENGLISH_FINTECH, None))
    assert result.classification == classify(ENGLISH_FINTECH)
    assert result.classifier == CLASSIFIER.info
    assert result.usage is None


def test_info_names_the_lexicon_version() -> None:
    info = CLASSIFIER.info
    assert (info.name, info.model, info.version, info.fallback) == (
        "offline",
        "lexicon",
        LEXICON_VERSION,
        False,
    )


def test_detects_spanish_and_english() -> None:
    assert classify(SPANISH_RETAIL).language is Language.ES
    assert classify(ENGLISH_FINTECH).language is Language.EN


def test_a_language_hint_is_trusted() -> None:
    assert classify(SPANISH_RETAIL, Language.EN).language is Language.EN


def test_a_clearly_evidenced_spanish_meeting() -> None:
    result = classify(SPANISH_RETAIL)
    assert result.business_sector is BusinessSector.RETAIL
    assert result.company_size is CompanySize.LARGE
    assert result.region is Region.LATAM_SOUTH
    assert result.lead_source is LeadSource.REFERRAL
    assert result.vambe_product is VambeProduct.MERCUR
    assert result.use_case is UseCase.CONVERSATIONAL_SUPPORT
    assert result.primary_pain_point is PainPoint.SATURATED_SUPPORT
    assert result.decision_maker_role is DecisionMakerRole.HEAD_OPS
    assert result.urgency is True
    assert result.sentiment is Sentiment.POSITIVE
    assert result.lost_client_bad_meeting is False


def test_a_clearly_evidenced_english_meeting() -> None:
    result = classify(ENGLISH_FINTECH)
    assert result.business_sector is BusinessSector.FINANCIAL_SERVICES
    assert result.company_size is CompanySize.LARGE
    assert result.region is Region.NORTH_AMERICA
    assert result.lead_source is LeadSource.EVENT
    assert result.vambe_product is VambeProduct.AXIS
    assert result.use_case is UseCase.FRAUD_DETECTION
    assert result.primary_pain_point is PainPoint.REGULATORY_COMPLIANCE
    assert result.decision_maker_role is DecisionMakerRole.CFO
    assert result.urgency is False
    assert result.sentiment is Sentiment.POSITIVE


@pytest.mark.parametrize(
    ("statement", "role"),
    [
        ("Soy el gerente general de la empresa.", DecisionMakerRole.CEO),
        ("Yo soy la directora de marketing.", DecisionMakerRole.CMO),
        ("I'm the CTO here.", DecisionMakerRole.CTO),
        ("Soy fundador de una pyme de muebles.", DecisionMakerRole.FOUNDER),
        ("I run data and analytics for the group.", DecisionMakerRole.HEAD_DATA),
    ],
)
def test_the_role_comes_from_how_the_client_introduces_themself(
    statement: str, role: DecisionMakerRole
) -> None:
    transcript = f"Vendedor: Cuéntame de ti.\nCliente: {statement}"
    assert classify(transcript).decision_maker_role is role


@pytest.mark.parametrize(
    ("monologue", "sector"),
    [
        # "para" introduces customers, yet the company named before it is the client's own.
        ("Somos una startup de seguros para ciclistas en Lima.", BusinessSector.INSURANCE),
        # What a business does, after "una", names it when no head noun came first.
        (
            "Soy el encargado de una parrilla en Rosario con veinte mesas.",
            BusinessSector.FOOD_BEVERAGES,
        ),
        (
            "Tengo una empresa de limpieza de fosas sépticas y la empecé con un camión.",
            BusinessSector.UTILITIES,
        ),
        # An English head's complement starts after the article: a bakery, not a shop.
        ("I own a pastry shop in Denver with my brother.", BusinessSector.FOOD_BEVERAGES),
        # Plural businesses are customers or objects, unless the client says "somos".
        ("Somos concesionarios de dos marcas de autos en Quito.", BusinessSector.AUTOMOTIVE),
        # A public body keeps its sector whatever it oversees.
        ("Trabajo en la dirección general de aguas de la provincia.", BusinessSector.GOVERNMENT),
        # A maker of what no table names is a manufacturer.
        ("Fabricamos pinceles y brochas en Puebla, somos veinte.", BusinessSector.MANUFACTURING),
        # A longer phrase of what they do beats the business type inside it ("óptica").
        ("Operamos fibra óptica en el norte del país.", BusinessSector.TELECOM),
        # Doings in the first person singular.
        ("Crío cuyes en Cajamarca con mi familia.", BusinessSector.AGROINDUSTRY),
        # A shop of anything that sells only online is e-commerce.
        (
            "Fundé una tienda de repuestos para cafeteras que vende solo por internet.",
            BusinessSector.ECOMMERCE,
        ),
    ],
)
def test_the_clients_own_business_decides_the_sector(
    monologue: str, sector: BusinessSector
) -> None:
    assert classify(f"{monologue} Un colega me recomendó Vambe.").business_sector is sector


@pytest.mark.parametrize(
    ("statement", "sector"),
    [
        ("Trabajamos en el rubro automotriz.", BusinessSector.AUTOMOTIVE),
        # "seguro automotriz" (insurance) takes its words: "automotriz" does not count again.
        ("Trabajamos en seguro automotriz.", BusinessSector.INSURANCE),
    ],
)
def test_the_longest_cue_phrase_takes_its_words(statement: str, sector: BusinessSector) -> None:
    transcript = f"Vendedor: Cuéntame de la empresa.\nCliente: {statement}"
    assert classify(transcript).business_sector is sector


@pytest.mark.parametrize(
    "transcript",
    [
        "Cliente: No hay apuro, lo vemos con calma el próximo año.",
        "Cliente: No es urgente para nosotros.",
        "Client: There's no rush and no deadline on our side.",
        "Client: This is not urgent at all.",
    ],
)
def test_negated_urgency_is_not_urgency(transcript: str) -> None:
    assert classify(transcript).urgency is False


@pytest.mark.parametrize(
    "transcript",
    [
        "Cliente: Es urgente, lo necesitamos funcionando antes del 15 de marzo.",
        "Client: We need this as soon as possible, our deadline is June 1st.",
    ],
)
def test_deadlines_are_urgency(transcript: str) -> None:
    assert classify(transcript).urgency is True


def test_confusion_with_the_meeting_is_a_bad_meeting() -> None:
    transcript = (
        "Vendedor: Le muestro la arquitectura completa.\n"
        "Cliente: No entiendo qué me está ofreciendo, la verdad salgo más confundida. "
        "Esto fue una pérdida de tiempo."
    )
    result = classify(transcript)
    assert result.lost_client_bad_meeting is True
    assert result.sentiment is Sentiment.NEGATIVE


def test_evidence_raises_confidence() -> None:
    assert classify(SPANISH_RETAIL).confidence_score > classify(VAGUE).confidence_score + 0.2
    assert classify(VAGUE).confidence_score == pytest.approx(0.1)


def test_free_text_is_spanish_and_within_limits_for_an_english_meeting() -> None:
    result = classify(ENGLISH_FINTECH)
    texts = [*result.key_topics, *result.action_items, result.next_steps, result.summary]
    assert all("proposal" not in text and "schedule" not in text for text in texts)
    assert "Enviar la propuesta comercial con precios" in result.action_items
    assert result.summary.startswith("Reunión de")
    assert all(len(text) <= 200 for text in [*result.key_topics, *result.action_items])
    assert len(result.next_steps) <= 600
    assert len(result.summary) <= 600


def test_spanish_commitments_are_quoted_as_action_items() -> None:
    result = classify(SPANISH_RETAIL)
    assert any("te envío la propuesta" in item for item in result.action_items)
    assert "propuesta" in result.next_steps


def test_without_a_commitment_the_next_step_says_so() -> None:
    assert "No se identificó un próximo paso" in classify(VAGUE).next_steps


def test_every_category_has_a_lexicon_entry_and_default_for_each_value() -> None:
    covered = set(lexicon.CATEGORY_LEXICONS) | {Language, Sentiment}
    assert covered == set(enum_categories().values())
    for category, category_lexicon in lexicon.CATEGORY_LEXICONS.items():
        assert set(category_lexicon.entries) == set(category)
        assert category_lexicon.default in set(category)
        for entry in category_lexicon.entries.values():
            assert entry.cues
            assert 0 < len(entry.label) <= 200
    assert set(lexicon.LANGUAGE_LABELS) == set(Language)
    assert set(lexicon.SENTIMENT_LABELS) == set(Sentiment)


LABELLED = [
    LabelledMeeting(
        id="retail",
        transcript=SPANISH_RETAIL,
        labels={"business_sector": BusinessSector.RETAIL, "urgency": True},
    ),
    LabelledMeeting(
        id="fintech",
        transcript=ENGLISH_FINTECH,
        labels={"business_sector": BusinessSector.MINING, "language": Language.EN},
    ),
]


def offline_scores(records: list[LabelledMeeting]) -> Scores:
    """What `streamproc eval` computes for the offline classifier (no language hint either)."""
    return score([Scored(m.labels, CLASSIFIER.classify_text(m.transcript, None)) for m in records])


def test_evaluation_counts_each_labelled_field() -> None:
    scores = offline_scores(LABELLED)
    assert {field.field for field in scores.fields} == set(EVALUATED_FIELDS)
    sector = scores.field("business_sector")
    assert (sector.correct, sector.total) == (1, 2)
    assert (scores.field("urgency").correct, scores.field("urgency").total) == (1, 1)
    assert (scores.field("language").correct, scores.field("language").total) == (1, 1)
    assert scores.field("region").total == 0
    assert scores.mean_accuracy == pytest.approx((0.5 + 1 + 1) / 3)


def test_load_labelled_reads_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "labelled.jsonl"
    record = {"id": "a", "transcript": "Hola", "labels": {"region": "europe", "urgency": False}}
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    [meeting] = load_labelled(path)
    assert meeting.labels == {"region": Region.EUROPE, "urgency": False}


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        json.dumps({"id": "a", "transcript": "Hola", "labels": {"region": "mars"}}),
        json.dumps({"id": "a", "transcript": "Hola", "labels": {"colour": "red"}}),
        json.dumps({"id": "a", "transcript": "", "labels": {}}),
        json.dumps({"id": "a", "transcript": "Hola", "labels": {"urgency": "yes"}}),
    ],
)
def test_load_labelled_rejects_invalid_lines(tmp_path: Path, line: str) -> None:
    path = tmp_path / "labelled.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(LabelledDataError, match=r"labelled\.jsonl:1"):
        load_labelled(path)


@pytest.mark.parametrize("file_name", sorted(MIN_MEAN_ACCURACY))
def test_labelled_set_accuracy_does_not_regress(file_name: str) -> None:
    scores = offline_scores(load_labelled(DATA / file_name))
    assert scores.mean_accuracy >= MIN_MEAN_ACCURACY[file_name], markdown([("offline", scores)])


@pytest.mark.parametrize("file_name", sorted(HOLDOUT_FIELD_FLOORS))
def test_confidence_is_calibrated_on_the_sets_never_tuned_on(file_name: str) -> None:
    """Fitted on the dev sets only: 0.015 (dialogues) and 0.006 (monologues) on 2026-12-07."""
    scores = offline_scores(load_labelled(DATA / file_name))
    assert scores.calibration_error <= MAX_HOLDOUT_CALIBRATION_ERROR, markdown(
        [("offline", scores)]
    )


def test_calibration_starts_at_the_minimum_without_evidence_and_is_continuous() -> None:
    calibration = ConfidenceCalibration(intercept=0.4, slope=0.7, knee=0.3)

    assert calibration.score(0.0) == MIN_CONFIDENCE
    assert calibration.score(0.15) == pytest.approx((MIN_CONFIDENCE + 0.61) / 2, abs=0.001)
    assert calibration.score(0.3) == pytest.approx(0.61)
    assert calibration.score(0.5) == pytest.approx(0.75)
    assert calibration.score(1.0) == MAX_CONFIDENCE


@pytest.mark.parametrize("file_name", sorted(HOLDOUT_FIELD_FLOORS))
def test_no_field_falls_below_its_floor_on_the_sets_never_tuned_on(file_name: str) -> None:
    scores = offline_scores(load_labelled(DATA / file_name))
    floors = HOLDOUT_FIELD_FLOORS[file_name]
    below = {
        name: round(scores.field(name).accuracy, 3)
        for name, floor in floors.items()
        if scores.field(name).accuracy < floor - 1e-9
    }
    assert not below, markdown([("offline", scores)])
