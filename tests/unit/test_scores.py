"""Scores against labels, checked on small cases worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from streamproc.evaluation.scores import (
    Scored,
    macro_f1,
    markdown,
    reliability,
    score,
)
from streamproc.taxonomy import EVALUATED_FIELDS, BusinessSector, Classification, LeadSource

BASE: dict[str, Any] = {
    "business_sector": "retail",
    "company_size": "small",
    "region": "latam_south",
    "lead_source": "referral",
    "vambe_product": "mercur",
    "use_case": "conversational_support",
    "primary_pain_point": "saturated_support",
    "urgency": False,
    "decision_maker_role": "ceo",
    "purchase_stage": "discovery",
    "language": "es",
    "lost_client_bad_meeting": False,
    "sentiment": "neutral",
    "confidence_score": 0.5,
    "key_topics": ["uno", "dos"],
    "action_items": ["Enviar propuesta"],
    "next_steps": "Enviar propuesta.",
    "summary": "Resumen.",
}


def answer(**changes: Any) -> Classification:
    return Classification.model_validate({**BASE, **changes})


def test_macro_f1_averages_each_value_that_is_labelled_or_answered() -> None:
    # a: labelled 2, answered 3, right 2 -> F1 4/5; b: labelled 1, answered 0 -> 0;
    # c: labelled 1, answered 1, right 1 -> 1.
    pairs = [("a", "a"), ("a", "a"), ("b", "a"), ("c", "c")]
    assert macro_f1(pairs) == pytest.approx((0.8 + 0.0 + 1.0) / 3)
    assert macro_f1([]) == 0.0


def test_always_answering_the_commonest_value_is_accurate_but_scores_low_macro_f1() -> None:
    labels = [BusinessSector.RETAIL] * 8 + [BusinessSector.MINING, BusinessSector.EDUCATION]
    scored = [Scored({"business_sector": label}, answer()) for label in labels]

    sector = score(scored).field("business_sector")

    assert (sector.correct, sector.total, sector.accuracy) == (8, 10, 0.8)
    # retail: 2*8/(8+10) = 0.889; mining and education: 0
    assert sector.macro_f1 == pytest.approx((16 / 18) / 3)


def test_only_labelled_fields_count_and_the_mean_skips_unlabelled_ones() -> None:
    scored = [
        Scored({"lead_source": LeadSource.EVENT, "urgency": True}, answer(lead_source="event")),
        Scored({"lead_source": LeadSource.SEO}, answer(lead_source="sem_ads")),
    ]

    scores = score(scored)

    assert (scores.field("lead_source").correct, scores.field("lead_source").total) == (1, 2)
    assert (scores.field("urgency").correct, scores.field("urgency").total) == (0, 1)
    assert scores.field("region").total == 0
    assert scores.mean_accuracy == pytest.approx((0.5 + 0.0) / 2)
    # lead_source: seo and sem_ads each F1 0, event 1 -> 1/3; urgency: true 0, false 0 -> 0
    assert scores.mean_macro_f1 == pytest.approx((1 / 3 + 0.0) / 2)
    assert {field.field for field in scores.fields} == set(EVALUATED_FIELDS)


def test_the_confusion_matrix_counts_label_answer_pairs_in_taxonomy_order() -> None:
    scored = [
        Scored({"lead_source": LeadSource.SEO}, answer(lead_source="sem_ads")),
        Scored({"lead_source": LeadSource.SEO}, answer(lead_source="seo")),
        Scored({"lead_source": LeadSource.REFERRAL}, answer(lead_source="referral")),
    ]

    matrix = next(m for m in score(scored).confusions if m.field == "lead_source")

    assert matrix.values == ("referral", "seo", "sem_ads")
    assert matrix.counts[("seo", "sem_ads")] == 1
    assert matrix.counts[("seo", "seo")] == 1
    assert matrix.counts.get(("sem_ads", "seo"), 0) == 0


def test_reliability_bins_meetings_by_confidence_and_scores_their_fields() -> None:
    sure_and_right = Scored(
        {"urgency": False, "region": "latam_south"}, answer(confidence_score=0.9)
    )
    sure_and_wrong = Scored({"urgency": True, "region": "europe"}, answer(confidence_score=0.95))
    unsure = Scored({"urgency": True}, answer(confidence_score=0.1))

    bins = reliability([sure_and_right, sure_and_wrong, unsure], bins=2)

    assert [(b.low, b.high, b.meetings) for b in bins] == [(0.0, 0.5, 1), (0.5, 1.0, 2)]
    assert bins[0].accuracy == 0.0
    assert bins[1].mean_confidence == pytest.approx(0.925)
    assert bins[1].accuracy == pytest.approx(2 / 4)


def test_calibration_error_is_zero_when_confidence_matches_accuracy() -> None:
    half_right = Scored({"urgency": False, "region": "europe"}, answer(confidence_score=0.5))
    assert score([half_right]).calibration_error == 0.0

    overconfident = Scored({"urgency": True}, answer(confidence_score=0.9))
    assert score([overconfident]).calibration_error == pytest.approx(0.9)


def test_the_report_puts_classifiers_side_by_side() -> None:
    labels = {"business_sector": BusinessSector.MINING}
    first = score([Scored(labels, answer(business_sector="mining"))])
    second = score([Scored(labels, answer())])

    report = markdown([("offline", first), ("openai", second)])

    assert (
        "| field | offline accuracy | offline macro-F1 | openai accuracy | openai macro-F1 |"
        in report
    )
    assert "| business_sector | 1.000 (1/1) | 1.000 | 0.000 (0/1) | 0.000 |" in report
    assert (
        "| **mean over labelled fields** | **1.000** | **1.000** | **0.000** | **0.000** |"
        in report
    )
    assert "## business_sector: labels (rows) against openai's answers" in report
    # Columns in taxonomy order (retail, mining): mining was labelled, retail answered.
    assert "| mining | 1 |  |" in report
    assert "## lead_source:" not in report, "a field nobody labelled has no matrix"
