"""The classification taxonomy: every category and allowed value, defined once.

Everything else is derived from this module: the database columns and their CHECK constraints
(`store/schema.py`), the JSON schema and prompt for the LLM, and the offline classifier's output.
To add a category: add an enum here and a field to `Classification`, then run
`streamproc generate` to refresh the migration and JSON schema files.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final

from annotated_types import MaxLen, MinLen
from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class BusinessSector(StrEnum):
    RETAIL = "retail"
    ECOMMERCE = "ecommerce"
    FINANCIAL_SERVICES = "financial_services"
    INSURANCE = "insurance"
    HEALTHCARE = "healthcare"
    PHARMACEUTICALS = "pharmaceuticals"
    ENERGY = "energy"
    UTILITIES = "utilities"
    TELECOM = "telecom"
    TRANSPORTATION_LOGISTICS = "transportation_logistics"
    TOURISM_HOSPITALITY = "tourism_hospitality"
    EDUCATION = "education"
    GOVERNMENT = "government"
    AGROINDUSTRY = "agroindustry"
    MANUFACTURING = "manufacturing"
    CONSTRUCTION = "construction"
    MINING = "mining"
    MEDIA_ENTERTAINMENT = "media_entertainment"
    SOFTWARE_SAAS = "software_saas"
    REAL_ESTATE = "real_estate"
    FOOD_BEVERAGES = "food_beverages"
    CPG = "cpg"
    AUTOMOTIVE = "automotive"
    NGO = "ngo"
    HUMAN_RESOURCES = "human_resources"


class CompanySize(StrEnum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
    ENTERPRISE = "enterprise"


class Region(StrEnum):
    LATAM_SOUTH = "latam_south"
    LATAM_NORTH = "latam_north"
    NORTH_AMERICA = "north_america"
    EUROPE = "europe"
    ASIA = "asia"
    AFRICA = "africa"
    OCEANIA = "oceania"


class LeadSource(StrEnum):
    REFERRAL = "referral"
    SEO = "seo"
    SEM_ADS = "sem_ads"
    EMAIL = "email"
    EVENT = "event"
    PARTNER = "partner"
    OUTBOUND_CALL = "outbound_call"
    COLD_EMAIL = "cold_email"
    LINKEDIN = "linkedin"
    INSTAGRAM = "instagram"
    FACEBOOK = "facebook"
    WEBCHAT = "webchat"
    PR = "pr"
    MARKETPLACE = "marketplace"


class VambeProduct(StrEnum):
    MERCUR = "mercur"
    IRIS = "iris"
    ADS = "ads"
    AXIS = "axis"


class UseCase(StrEnum):
    LEAD_SCORING = "lead_scoring"
    CUSTOMER_SEGMENTATION = "customer_segmentation"
    CHURN_PREDICTION = "churn_prediction"
    MARKETING_ATTRIBUTION = "marketing_attribution"
    CAMPAIGN_OPTIMIZATION = "campaign_optimization"
    DEMAND_FORECASTING = "demand_forecasting"
    VOICE_ANALYTICS = "voice_analytics"
    OPERATIONS_AUTOMATION = "operations_automation"
    REAL_TIME_REPORTING = "real_time_reporting"
    DW_MODERNIZATION = "dw_modernization"
    FRAUD_DETECTION = "fraud_detection"
    CONVERSATIONAL_SUPPORT = "conversational_support"


class PainPoint(StrEnum):
    LACK_VISIBILITY = "lack_visibility"
    SLOW_REPORTING = "slow_reporting"
    LOW_CONVERSION = "low_conversion"
    HIGH_CHURN = "high_churn"
    HIGH_ADVERTISING_COSTS = "high_advertising_costs"
    DIFFICULT_INTEGRATIONS = "difficult_integrations"
    REGULATORY_COMPLIANCE = "regulatory_compliance"
    DISPERSED_DATA = "dispersed_data"
    SATURATED_SUPPORT = "saturated_support"
    SCALABILITY = "scalability"


class DecisionMakerRole(StrEnum):
    CEO = "ceo"
    COO = "coo"
    CTO = "cto"
    CMO = "cmo"
    CIO = "cio"
    CFO = "cfo"
    HEAD_DATA = "head_data"
    HEAD_OPS = "head_ops"
    HEAD_SALES = "head_sales"
    PRODUCT_OWNER = "product_owner"
    IT_MANAGER = "it_manager"
    ANALYST = "analyst"
    FOUNDER = "founder"


class PurchaseStage(StrEnum):
    DISCOVERY = "discovery"
    NEGOTIATION = "negotiation"
    CLOSURE = "closure"


class Language(StrEnum):
    ES = "es"
    EN = "en"


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


# What each product is, from the seed; the LLM prompt and the offline lexicon both need it.
PRODUCT_DESCRIPTIONS: Final[dict[VambeProduct, str]] = {
    VambeProduct.MERCUR: "chats + integrations",
    VambeProduct.IRIS: "fast and simple setup",
    VambeProduct.ADS: "ad attribution and marketing",
    VambeProduct.AXIS: "integrations only",
}

# How to choose where values overlap: the LLM reads these in its system prompt, and people who
# label meetings (`tests/data/`, feedback) follow them, so scores compare like with like.
SECTOR_RULES: Final = (
    "The client company's own industry: not its customers' (a software firm selling to schools is "
    "software_saas) and not the channel it found Vambe through. An online-only shop is ecommerce; "
    "physical stores, or a chain of them, are retail. Restaurants, cafés, bars, bakeries, caterers "
    "and makers selling mainly to food service or direct (craft breweries, wineries) are "
    "food_beverages; mass-market packaged brands sold through supermarkets (snacks, soft drinks, "
    "bottled juice and water, cleaning and personal-care products) are cpg. Hotels, hostels, tour "
    "operators and travel agencies are tourism_hospitality. Clinics, medical and dental practices, "
    "laboratories, veterinary clinics, gyms, spas, beauty salons and wellness centres are "
    "healthcare; pharmacies and drug makers are pharmaceuticals. Schools, academies, universities "
    "and courses are education. Logistics, courier, delivery, moving and warehousing are "
    "transportation_logistics. Car dealers, repair shops and parts are automotive. Real-estate "
    "agencies and property managers are real_estate; builders, architects and contractors are "
    "construction. Marketing and advertising agencies, design, photo and video studios, media, "
    "events and entertainment are media_entertainment. Recruitment, staffing and payroll firms are "
    "human_resources. Accounting, banking, lending and payments are financial_services; insurers "
    "and insurance brokers are insurance. Law firms, consultancies and software companies are "
    "software_saas unless another sector fits better."
)
REGION_RULES: Final = (
    "Where the client company is based. latam_south: Chile, Argentina, Peru, Bolivia, Uruguay, "
    "Paraguay, Brazil. latam_north: Mexico, Central America, the Caribbean, Colombia, Venezuela, "
    "Ecuador."
)
# Upper bound of each size by headcount: EU SME bands for small and medium; "enterprise" starts
# at 2,000, where companies typically run several business units or countries.
SIZE_BY_MAX_HEADCOUNT: Final[tuple[tuple[int, CompanySize], ...]] = (
    (49, CompanySize.SMALL),
    (249, CompanySize.MEDIUM),
    (1999, CompanySize.LARGE),
)
LARGEST_SIZE: Final = CompanySize.ENTERPRISE


def size_for_headcount(headcount: int) -> CompanySize:
    for upper_bound, size in SIZE_BY_MAX_HEADCOUNT:
        if headcount <= upper_bound:
            return size
    return LARGEST_SIZE


def _size_rules() -> str:
    bands, lower = [], 1
    for upper_bound, size in SIZE_BY_MAX_HEADCOUNT:
        bands.append(f"{size.value} {lower:,}-{upper_bound:,} people")
        lower = upper_bound + 1
    bands.append(f"{LARGEST_SIZE.value} {lower:,} or more")
    return (
        f"By the client company's headcount: {', '.join(bands)}. Without a stated headcount, "
        "judge from what is said (branches, plants, countries)."
    )


SIZE_RULES: Final = _size_rules()
ROLE_RULES: Final = (
    "The role of the client's most senior person in the meeting, not of someone only mentioned; "
    "a general manager (gerente general) is ceo."
)
LEAD_RULES: Final = (
    "How the client first heard of Vambe, not other channels mentioned. referral: a colleague, "
    "friend or acquaintance recommended it or told them about it; partner: instead, their "
    "integrator, agency or provider that works with Vambe. seo: they searched Google or the web. "
    "sem_ads: a paid search or web ad; a post or ad on LinkedIn, Instagram or Facebook is that "
    "network. event: a conference, fair, seminar, webinar, talk or workshop. pr: the press, an "
    "article, news, a podcast or a magazine. email: a newsletter or mailing they receive (also "
    "when a colleague forwards it); cold_email: an unsolicited email from Vambe's team; "
    "outbound_call: Vambe's team called them; webchat: they chatted on Vambe's website; "
    "marketplace: an app store or integrations marketplace."
)
URGENCY_RULES: Final = (
    "True only for a deadline, time pressure, an upcoming peak they must be ready for soon, or a "
    "stated need for speed; wanting to improve or grow is not urgency."
)

MIN_CONFIDENCE: Final = 0.1
MAX_CONFIDENCE: Final = 0.95

# Free-text fields are short by contract; the bounds keep a misbehaving classifier from storing
# an essay (or a loop of tokens) in a column that dashboards display.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]


class Classification(BaseModel):
    """One meeting's classification: exactly one allowed value per category, never null."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    business_sector: BusinessSector = Field(description=SECTOR_RULES)
    company_size: CompanySize = Field(description=SIZE_RULES)
    region: Region = Field(description=REGION_RULES)
    lead_source: LeadSource = Field(description=LEAD_RULES)
    vambe_product: VambeProduct
    use_case: UseCase
    primary_pain_point: PainPoint
    urgency: bool = Field(description=URGENCY_RULES)
    decision_maker_role: DecisionMakerRole = Field(description=ROLE_RULES)
    purchase_stage: PurchaseStage
    language: Language
    lost_client_bad_meeting: bool = Field(
        description="The client showed confusion or dissatisfaction with the meeting."
    )
    sentiment: Sentiment
    confidence_score: float = Field(ge=MIN_CONFIDENCE, le=MAX_CONFIDENCE)
    key_topics: list[ShortText] = Field(min_length=1, max_length=5, description="In Spanish.")
    action_items: list[ShortText] = Field(min_length=1, max_length=3, description="In Spanish.")
    next_steps: LongText = Field(description="The next step agreed, in Spanish.")
    summary: LongText = Field(description="One or two sentences, in Spanish.")


def list_bounds(field_name: str) -> tuple[int, int]:
    """(min, max) items a list field of `Classification` allows."""
    metadata = Classification.model_fields[field_name].metadata
    minimum = next(item.min_length for item in metadata if isinstance(item, MinLen))
    maximum = next(item.max_length for item in metadata if isinstance(item, MaxLen))
    return minimum, maximum


def enum_categories() -> dict[str, type[StrEnum]]:
    """The categories that take one value from a closed list, by field name, in model order."""
    categories: dict[str, type[StrEnum]] = {}
    for name, field in Classification.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, StrEnum):
            categories[name] = annotation
    return categories


# A labelled value: one of a closed list, or yes/no.
LabelValue = StrEnum | bool


def _evaluated_fields() -> dict[str, type[StrEnum] | type[bool]]:
    """Every closed-list field plus the yes/no ones, in model order: what evaluation scores and
    people may correct (free text is neither)."""
    categories = enum_categories()
    fields: dict[str, type[StrEnum] | type[bool]] = {}
    for name, field in Classification.model_fields.items():
        if name in categories:
            fields[name] = categories[name]
        elif field.annotation is bool:
            fields[name] = bool
    return fields


EVALUATED_FIELDS: Final = _evaluated_fields()
