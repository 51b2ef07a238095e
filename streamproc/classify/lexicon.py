"""The offline classifier's data: cue phrases, the business-type gazetteer, Spanish output texts.

The phrases live in JSON files under `classify/data/` (see `docs/offline-classifier.md`); this
module loads them once, at import, and refuses data that would match ambiguously: a phrase twice
in a table, one phrase under two values of a category, a taxonomy value with no cue, a phrase
not written the way transcripts are folded. The classifier version is a hash of the files and of the
code that reads them, so a changed word list is a new version in every stored result.

A phrase is matched on whole words of the transcript after accents are stripped and case is
folded, with a light plural stemming applied to both sides (`ventas` matches `venta`). Two
wildcards keep the tables short: `#` stands for any number ("# sucursales") and a trailing `*`
for any ending of a word of at least four letters ("calific*").
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final, NamedTuple, TypeVar

from streamproc.classify.text import normalize, phrase_key
from streamproc.errors import LexiconError
from streamproc.taxonomy import (
    BusinessSector,
    DecisionMakerRole,
    Language,
    LeadSource,
    PurchaseStage,
    Sentiment,
    enum_categories,
)

# `check` runs this module again on another directory: it sets `_CHECKED_DIRECTORY` first.
DATA_DIRECTORY: Final[Path] = globals().get("_CHECKED_DIRECTORY") or Path(__file__).parent / "data"

# A phrase that names the value outright ("aseguradora") outweighs a few loose hints; multi-word
# phrases are more specific than single words, so ordinary ones weigh a little more per word.
DECISIVE_WEIGHT: Final = 3.0
_EXTRA_WEIGHT_PER_WORD: Final = 0.5
_MAX_ORDINARY_WEIGHT: Final = 2.5
# The weight classes a data file may group its phrases under; "ordinary" weighs by length.
WEAK_WEIGHT: Final = 0.5
WEIGHT_CLASSES: Final[Mapping[str, float]] = {
    "weak": WEAK_WEIGHT,  # a word many meetings say whatever their value: it only tips a close call
    "decisive": DECISIVE_WEIGHT,
    "strong": 2 * DECISIVE_WEIGHT,  # outweighs what an introduction names ("solo vendemos online")
    "name": 3 * DECISIVE_WEIGHT,  # a Vambe product's own name
}
ORDINARY: Final = "ordinary"

# What the client says right after introducing themself ("soy el gerente de operaciones") or
# their company ("somos una cadena de pollerías"): how many words on the cue may be, and what it
# weighs.
SELF_INTRODUCTION_WINDOW: Final = 7
SELF_INTRODUCTION_WEIGHT: Final = 2 * DECISIVE_WEIGHT
COMPANY_INTRODUCTION_WINDOW: Final = 8
HEADCOUNT_WEIGHT: Final = 2 * DECISIVE_WEIGHT
# A cue preceded by a negator among this many words of its clause ("no es urgente") is negated.
NEGATION_WINDOW: Final = 3


class Cue(NamedTuple):
    phrase: str
    weight: float


@dataclass(frozen=True, slots=True)
class ValueEntry:
    """One allowed value: how to say it in Spanish output, and what in a transcript suggests it."""

    label: str
    cues: tuple[Cue, ...]


@dataclass(frozen=True, slots=True)
class CategoryLexicon:
    """A category's value entries and the value reported when no cue matches at all."""

    default: StrEnum
    entries: Mapping[StrEnum, ValueEntry]


class Commitment(StrEnum):
    """Kinds of next step a meeting ends with; each has a Spanish action label."""

    SEND_CONTRACT = "send_contract"
    SEND_PROPOSAL = "send_proposal"
    SCHEDULE_DEMO = "schedule_demo"
    KICKOFF = "kickoff"
    TECHNICAL_REVIEW = "technical_review"
    INTERNAL_REVIEW = "internal_review"
    SEND_MATERIALS = "send_materials"
    FOLLOW_UP_MEETING = "follow_up_meeting"


_Key = TypeVar("_Key")
_Enum = TypeVar("_Enum", bound=StrEnum)


def _read(name: str) -> dict[str, object]:
    path = DATA_DIRECTORY / name
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise LexiconError(name, f"cannot be read: {error}") from error
    if not isinstance(document, dict):
        raise LexiconError(name, "must hold a JSON object")
    return document


def _object(source: str, value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise LexiconError(source, "must be a JSON object")
    return value


def _strings(source: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LexiconError(source, "must be a list of strings")
    return tuple(value)


def _cues(source: str, grouped: object) -> tuple[Cue, ...]:
    """Phrases grouped by weight class, as weighted cues, each written as transcripts are
    folded (lowercase, no accents), with no phrase twice."""
    cues: list[Cue] = []
    for weight_class, phrases in _object(source, grouped).items():
        if weight_class != ORDINARY and weight_class not in WEIGHT_CLASSES:
            known = ", ".join([ORDINARY, *WEIGHT_CLASSES])
            raise LexiconError(source, f"unknown weight class {weight_class!r} (known: {known})")
        for phrase in _strings(f"{source}.{weight_class}", phrases):
            if not phrase_key(phrase) or normalize(phrase) != phrase or phrase != phrase.strip():
                raise LexiconError(
                    source, f"phrase {phrase!r} must be lowercase words without accents"
                )
            if weight_class == ORDINARY:
                extra = _EXTRA_WEIGHT_PER_WORD * (len(phrase.split()) - 1)
                weight = min(1.0 + extra, _MAX_ORDINARY_WEIGHT)
            else:
                weight = WEIGHT_CLASSES[weight_class]
            cues.append(Cue(phrase, weight))
    if not cues:
        raise LexiconError(source, "has no cue")
    return tuple(cues)


def _exclusive(
    source: str, tables: Mapping[_Key, Iterable[Cue]], name: Callable[[_Key], str]
) -> None:
    """Each phrase (as the words it matches) in one table only, and once: otherwise the data
    says two things at once, and which one wins would depend on load order."""
    owners: dict[tuple[str, ...], str] = {}
    for value, cues in tables.items():
        for cue in cues:
            key = phrase_key(cue.phrase)
            owner = owners.setdefault(key, name(value))
            if owner != name(value):
                raise LexiconError(
                    source, f"phrase {cue.phrase!r} is under both {owner!r} and {name(value)!r}"
                )
    seen: set[tuple[str, ...]] = set()
    for cues in tables.values():
        for cue in cues:
            key = phrase_key(cue.phrase)
            if key in seen:
                raise LexiconError(source, f"phrase {cue.phrase!r} is listed twice")
            seen.add(key)


def _members(
    source: str, enum: type[_Enum], keys: Iterable[str], every: bool = True
) -> list[_Enum]:
    """The enum members the keys name: nothing else, and every member unless `every` is off."""
    keys = list(keys)
    allowed = {member.value for member in enum}
    unknown = sorted(set(keys) - allowed)
    missing = sorted(allowed - set(keys)) if every else []
    if unknown or missing:
        raise LexiconError(
            source, f"values must match the taxonomy: unknown {unknown}, missing {missing}"
        )
    return [enum(key) for key in keys]


def _labelled_entries(
    source: str, enum: type[_Enum], document: Mapping[str, object]
) -> dict[_Enum, ValueEntry]:
    """Each value of `enum` with its Spanish label and cues; no phrase under two values."""
    entries: dict[_Enum, ValueEntry] = {}
    for member in _members(source, enum, document):
        entry = _object(f"{source} {member.value}", document[member.value])
        label = entry.get("label")
        if not isinstance(label, str) or not label:
            raise LexiconError(source, f"{member.value} needs a Spanish label")
        entries[member] = ValueEntry(label, _cues(f"{source} {member.value}", entry.get("cues")))
    _exclusive(source, {kind: entry.cues for kind, entry in entries.items()}, str)
    return entries


def _category(field: str, enum: type[StrEnum]) -> CategoryLexicon:
    source = f"categories/{field}.json"
    document = _read(source)
    values = _object(f"{source} values", document.get("values"))
    entries: dict[StrEnum, ValueEntry] = dict(_labelled_entries(source, enum, values))
    default = document.get("default")
    if default not in values:
        raise LexiconError(source, f"default {default!r} is not a value of {field}")
    return CategoryLexicon(enum(str(default)), entries)


def _signal(name: str, exclusive: bool = True) -> dict[str, tuple[Cue, ...]]:
    """A signal file: named cue tables (urgent and not urgent...); in an exclusive file the
    tables are rival answers, so no phrase may be in two of them."""
    source = f"signals/{name}.json"
    tables = {
        table: _cues(f"{source} {table}", grouped) for table, grouped in _read(source).items()
    }
    if exclusive:
        _exclusive(source, tables, str)
    return tables


def _sector_tables(source: str, key: str) -> dict[BusinessSector, tuple[Cue, ...]]:
    """Phrases by sector from one part of business_types.json, each sector present once."""
    sectors = _object(f"{source} {key}", _read(source).get(key))
    tables = {
        BusinessSector(member): tuple(
            Cue(cue.phrase, DECISIVE_WEIGHT)
            for cue in _cues(f"{source} {key} {member.value}", {ORDINARY: sectors[member.value]})
        )
        for member in _members(f"{source} {key}", BusinessSector, sectors)
    }
    _exclusive(f"{source} {key}", tables, str)
    return tables


def _consistent(
    source: str,
    tables: Mapping[BusinessSector, Iterable[Cue]],
    others: Mapping[str, Mapping[BusinessSector, Iterable[Cue]]],
) -> None:
    """No phrase may name one sector here and another in the other tables."""
    for other_name, other_tables in others.items():
        sector_of = {
            phrase_key(cue.phrase): sector for sector, cues in other_tables.items() for cue in cues
        }
        for sector, cues in tables.items():
            for cue in cues:
                other = sector_of.get(phrase_key(cue.phrase), sector)
                if other != sector:
                    raise LexiconError(
                        source,
                        f"{cue.phrase!r} is {sector.value} here but {other.value} in {other_name}",
                    )


def _business_tables(
    sector_cues: Mapping[StrEnum, ValueEntry],
) -> dict[str, dict[BusinessSector, tuple[Cue, ...]]]:
    """The sector tables of business_types.json, each checked against the sector cues and the
    tables before it (no phrase may name two sectors):

    - `business_sector`: business types, what a client calls their own business ("estudio
      contable");
    - `activities`: what businesses of each sector make or do, as the complement of a head
      noun names it ("centro de ortodoncia", "fabricante de antibióticos");
    - `products`: what they make, sell or handle ("heparina", "fibra optica"), which name a
      sector only as a head's complement ("empresa de fósforos") or after a making or selling
      verb ("fabricamos lavadoras"), never alone: clients name their customers' products and
      their own tools too.
    """
    checked: dict[str, Mapping[BusinessSector, Iterable[Cue]]] = {
        "categories/business_sector.json": {
            BusinessSector(sector): entry.cues for sector, entry in sector_cues.items()
        }
    }
    tables = {}
    for key in ("business_sector", "activities", "products"):
        source = f"business_types.json {key}"
        tables[key] = _sector_tables("business_types.json", key)
        _consistent(source, tables[key], checked)
        checked[source] = tables[key]
    return tables


# The key under `business_heads.open` for head nouns whose complement alone decides the sector.
ANY_SECTOR: Final = "any"


class BusinessHeads(NamedTuple):
    """Head nouns of a business's name. A fixed head decides the sector alone ("store" is
    retail whatever it sells); an open head takes it from its complement ("centro de
    ortodoncia"), or from its key when the complement names none (None: it must)."""

    fixed: dict[BusinessSector, tuple[Cue, ...]]
    open: dict[BusinessSector | None, tuple[Cue, ...]]
    # What a maker's product may make it instead of manufacturing: a drug maker is
    # pharmaceuticals, a bicycle maker still manufacturing.
    maker_sectors: frozenset[BusinessSector]
    # Sectors a business type keeps whatever words follow it: "la Dirección General de Aguas"
    # is government, not water.
    kept_sectors: frozenset[BusinessSector]


def _business_heads(gazetteer: Mapping[BusinessSector, Iterable[Cue]]) -> BusinessHeads:
    source = "business_types.json business_heads"
    document = _object(source, _read("business_types.json").get("business_heads"))
    fixed_document = _object(f"{source}.fixed", document.get("fixed"))
    open_document = _object(f"{source}.open", document.get("open"))
    fixed = {
        sector: _cues(f"{source}.fixed {sector.value}", {ORDINARY: fixed_document[sector.value]})
        for sector in _members(f"{source}.fixed", BusinessSector, fixed_document, every=False)
    }
    open_sectors = [key for key in open_document if key != ANY_SECTOR]
    open_heads: dict[BusinessSector | None, tuple[Cue, ...]] = {
        None: _cues(f"{source}.open {ANY_SECTOR}", {ORDINARY: open_document.get(ANY_SECTOR, [])})
    }
    for sector in _members(f"{source}.open", BusinessSector, open_sectors, every=False):
        open_heads[sector] = _cues(
            f"{source}.open {sector.value}", {ORDINARY: open_document[sector.value]}
        )
    tables: dict[str, tuple[Cue, ...]] = {f"fixed {key.value}": cues for key, cues in fixed.items()}
    tables.update(
        (f"open {key.value if key else ANY_SECTOR}", cues) for key, cues in open_heads.items()
    )
    _exclusive(source, tables, str)
    business_types = {phrase_key(cue.phrase) for cues in gazetteer.values() for cue in cues}
    for cues in tables.values():
        for cue in cues:
            if phrase_key(cue.phrase) in business_types:
                raise LexiconError(source, f"{cue.phrase!r} is also a business type")
    makers = _strings(f"{source} maker_sectors", document.get("maker_sectors"))
    maker_sectors = frozenset(_members(f"{source} maker_sectors", BusinessSector, makers, False))
    kept = _strings(f"{source} kept_sectors", document.get("kept_sectors"))
    kept_sectors = frozenset(_members(f"{source} kept_sectors", BusinessSector, kept, False))
    return BusinessHeads(fixed, open_heads, maker_sectors, kept_sectors)


def check(directory: Path) -> str:
    """Load the data files of `directory` exactly as this module loads its own at import,
    raising `LexiconError` on the first problem: to test a data change before it ships.
    Returns the version the data would have."""
    spec = importlib.util.spec_from_file_location(f"{__name__}_checked", __file__)
    if spec is None or spec.loader is None:
        raise LexiconError(str(directory), "the lexicon module cannot be loaded again")
    module = importlib.util.module_from_spec(spec)
    module.__dict__["_CHECKED_DIRECTORY"] = directory
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return str(module.LEXICON_VERSION)


# The modules whose code decides what the data means, and the taxonomy whose values and bounds
# it fills: a change to them changes results too.
_RULE_MODULES: Final = ("offline.py", "lexicon.py", "text.py", "../taxonomy.py")


def data_version() -> str:
    """A hash of every data file and of the code that reads it: a changed phrase or rule is a
    new classifier version, so stored results say which one made them."""
    digest = hashlib.sha256()
    for path in sorted(DATA_DIRECTORY.rglob("*.json")):  # the checked one, in `check`
        digest.update(path.relative_to(DATA_DIRECTORY).as_posix().encode())
        digest.update(path.read_bytes())
    for module in _RULE_MODULES:
        digest.update((Path(__file__).parent / module).read_bytes())
    return f"data-{digest.hexdigest()[:12]}"


LEXICON_VERSION: Final = data_version()

CATEGORY_LEXICONS: Final[Mapping[type[StrEnum], CategoryLexicon]] = {
    enum: _category(field, enum)
    for field, enum in enum_categories().items()
    if enum not in (Language, Sentiment)
}


def _lead_precedence() -> tuple[frozenset[LeadSource], ...]:
    """Tiers of lead sources, most specific first: where the client tells how they heard of
    Vambe, a medium named there ("a post on LinkedIn", "a newsletter") outranks the person who
    passed it on ("a colleague forwarded me...")."""
    source = "categories/lead_source.json precedence"
    tiers = _read("categories/lead_source.json").get("precedence")
    if not isinstance(tiers, list):
        raise LexiconError(source, "must be a list of lists of lead sources")
    ranked = [_strings(source, tier) for tier in tiers]
    values = [value for tier in ranked for value in tier]
    if len(values) != len(set(values)):
        raise LexiconError(source, "lists a lead source twice")
    _members(source, LeadSource, values)
    return tuple(frozenset(LeadSource(value) for value in tier) for tier in ranked)


LEAD_PRECEDENCE: Final = _lead_precedence()
_BUSINESS_TABLES: Final = _business_tables(CATEGORY_LEXICONS[BusinessSector].entries)
BUSINESS_TYPES: Final = _BUSINESS_TABLES["business_sector"]
BUSINESS_HEADS: Final = _business_heads(BUSINESS_TYPES)
ACTIVITIES: Final = _BUSINESS_TABLES["activities"]
PRODUCTS: Final = _BUSINESS_TABLES["products"]
# What a client says their company does, in the first person ("hacemos fletes", "we build
# homes"): their own business, introduced by the saying.
DOINGS: Final = _sector_tables("business_types.json", "doings")
# Spanish first-person plural endings and what they become in the third person singular
# ("organizamos" -> "organiza", "proveemos" -> "provee", "construimos" -> "construye") and in the
# first person singular ("crío cuyes", "extraigo" is irregular and not derived).
_THIRD_PERSON_ENDINGS: Final = (("uimos", "uye"), ("amos", "a"), ("emos", "e"), ("imos", "e"))
_FIRST_SINGULAR_ENDINGS: Final = (("uimos", "uyo"), ("amos", "o"), ("emos", "o"), ("imos", "o"))


def _conjugated(phrase: str, endings: tuple[tuple[str, str], ...]) -> str | None:
    """The doing with its verb in another person ("una agencia que recluta personal"), or None
    when its verb is not a regular first-person plural ("somos", English)."""
    verb, _, rest = phrase.partition(" ")
    if verb == "somos":
        return None
    for ending, replacement in endings:
        if verb.endswith(ending):
            return f"{verb[: -len(ending)]}{replacement} {rest}".strip()
    return None


def _conjugated_doings(
    endings: tuple[tuple[str, str], ...],
) -> dict[BusinessSector, tuple[Cue, ...]]:
    """Each Spanish doing in another person; derived, so it needs no data of its own."""
    derived: dict[BusinessSector, tuple[Cue, ...]] = {}
    seen: set[tuple[str, ...]] = set()
    for sector, cues in DOINGS.items():
        phrases = []
        for cue in cues:
            conjugated = _conjugated(cue.phrase, endings)
            if conjugated is not None and phrase_key(conjugated) not in seen:
                seen.add(phrase_key(conjugated))
                phrases.append(Cue(conjugated, cue.weight))
        derived[sector] = tuple(phrases)
    return derived


# For the complement of a head noun: "una agencia que recluta personal".
THIRD_PERSON_DOINGS: Final = _conjugated_doings(_THIRD_PERSON_ENDINGS)
# A client who speaks for themself: "crío cuyes", "transporto carga".
FIRST_SINGULAR_DOINGS: Final = _conjugated_doings(_FIRST_SINGULAR_ENDINGS)

_URGENCY: Final = _signal("urgency")
URGENT_CUES: Final = _URGENCY["true"]
NOT_URGENT_CUES: Final = _URGENCY["false"]
_SENTIMENT: Final = _signal("sentiment")
POSITIVE_CUES: Final = _SENTIMENT["positive"]
NEGATIVE_CUES: Final = _SENTIMENT["negative"]
_BAD_MEETING: Final = _signal("bad_meeting")
BAD_MEETING_CUES: Final = _BAD_MEETING["true"]
GOOD_MEETING_CUES: Final = _BAD_MEETING["false"]
# "soy", "somos una": where the client introduces themself or their company (the two overlap).
_INTRODUCTIONS: Final = _signal("introductions", exclusive=False)
SELF_INTRODUCTIONS: Final = _INTRODUCTIONS["self"]
COMPANY_INTRODUCTIONS: Final = _INTRODUCTIONS["company"]
# Words shortly before a business that make it the client's own ("dirijo una", "como"), and
# possessives right before it ("nuestra clínica").
BUSINESS_INTRODUCTIONS: Final = _INTRODUCTIONS["business"]
POSSESSIVES: Final = _INTRODUCTIONS["possessive"]
POSSESSIVE_WORDS: Final = frozenset(cue.phrase for cue in POSSESSIVES)
# Where the client tells how they found Vambe, states the problem, says what they want.
_CONTEXT: Final = _signal("context", exclusive=False)
ARRIVAL_CUES: Final = _CONTEXT["arrival"]
PROBLEM_CUES: Final = _CONTEXT["problem"]
GOAL_CUES: Final = _CONTEXT["goal"]
# A discovery verb with a mention of Vambe in one sentence ("un colega me recomendó Vambe") is
# where the client tells how they heard of it.
DISCOVERY_CUES: Final = _CONTEXT["discovery"]
VAMBE_MENTIONS: Final = _CONTEXT["vambe_mention"]
# A discovery sentence with these ("después vi sus anuncios") tells of a later contact.
LATER_CONTACT_CUES: Final = _CONTEXT["later_contact"]
# A shop said to sell online ("tienda de ropa en línea") is e-commerce, unless it has a store.
ONLINE_SHOP_CUES: Final = _CONTEXT["online_shop"]
PHYSICAL_STORE_CUES: Final = _CONTEXT["physical_store"]
# Inside a self-introduction an area word alone places the speaker's role ("I run marketing").
_ROLE_AREAS: Final = _signal("role_areas")
ROLE_AREA_CUES: Final = {
    role: _ROLE_AREAS[role.value]
    for role in _members("signals/role_areas.json", DecisionMakerRole, _ROLE_AREAS, every=False)
}
# Speaker labels ("Vendedor:") say who talks; when they are plain names, whoever says these
# phrases most is taken to be the seller.
SELLER_PHRASES: Final = _signal("seller_phrases", exclusive=False)["seller"]
# A sentence states a commitment when it has one of these forms, and its kind by these cues.
COMMITMENT_CUES: Final = _signal("commitments", exclusive=False)["commitment"]


COMMITMENT_KINDS: Final = _labelled_entries(
    "signals/commitment_kinds.json", Commitment, _read("signals/commitment_kinds.json")
)

_WORDS: Final = _read("words.json")


def _word_list(name: str) -> tuple[str, ...]:
    words = _strings(f"words.json {name}", _WORDS.get(name))
    for word in words:
        if normalize(word) != word:
            raise LexiconError("words.json", f"{name}: {word!r} must be lowercase, without accents")
    return words


# A cue after one of these words in its clause is negated ("no es urgente", "sin presión").
NEGATORS: Final = frozenset(_word_list("negators"))
# Function words that tell Spanish from English (words spelled alike in both are left out).
SPANISH_STOPWORDS: Final = frozenset(_word_list("spanish_stopwords"))
ENGLISH_STOPWORDS: Final = frozenset(_word_list("english_stopwords"))
SELLER_LABEL_WORDS: Final = frozenset(_word_list("seller_label_words"))
CLIENT_LABEL_WORDS: Final = frozenset(_word_list("client_label_words"))
# After these a company describes its customers ("fabricamos cajas para la fruta").
CUSTOMER_MARKERS: Final = frozenset(_word_list("customer_markers"))
# The markers that are nouns: a business named right before one is a customer ("300 gimnasios
# clientes"), whereas "una startup de seguros para bicicletas" is still the client's own.
CUSTOMER_NOUNS: Final = frozenset(_word_list("customer_nouns"))
# "una parrilla", "un depósito aduanero": what businesses do, named as the business itself.
BUSINESS_DETERMINERS: Final = frozenset(_word_list("business_determiners"))
# A business named as a shop of anything ("una tienda de repuestos") that sells only online is
# an online shop, e-commerce.
SHOP_WORDS: Final = frozenset(_word_list("shop_words"))
if not CUSTOMER_NOUNS <= CUSTOMER_MARKERS:
    raise LexiconError("words.json", "customer_nouns must all be customer_markers too")
# Ads named without saying where they ran ("un anuncio suyo"); the channels an ad can name.
AD_PHRASES: Final = _word_list("ad_phrases")
AD_PLATFORMS: Final = frozenset(LeadSource(value) for value in _word_list("ad_platforms"))
# A stated headcount ("tenemos 250 empleados", "somos unas 40 personas") is matched by regexes
# built from these words.
HEADCOUNT_NOUNS: Final = _word_list("headcount_nouns")
TEAM_NOUNS: Final = _word_list("team_nouns")
TEAM_NOUNS_SINGULAR: Final = _word_list("team_nouns_singular")
TEAM_INTRODUCERS: Final = _word_list("team_introducers")
BARE_TEAM_INTRODUCERS: Final = _word_list("bare_team_introducers")
THOUSANDS_WORDS: Final = _word_list("thousands_words")
# English heads come last ("a dermatology practice"): their complement precedes them.
HEAD_LAST_NOUNS: Final = frozenset(_word_list("head_last_nouns"))
# Where an English head's complement starts, at the latest: "a pastry shop".
ENGLISH_NAME_STARTS: Final = ENGLISH_STOPWORDS | frozenset(_word_list("english_articles"))
# "le vendemos a colegios": what follows a selling verb and "a" is a customer.
SELL_VERBS: Final = frozenset(_word_list("sell_verbs"))
# "fabricamos lavadoras": a maker of what it names, a manufacturer unless a maker sector says so.
MAKER_VERBS: Final = frozenset(_word_list("maker_verbs"))
# The maker verbs that say manufacturing even when what is made is in no table ("fabricamos
# pinceles"); "producimos" may be crops or films.
MANUFACTURING_VERBS: Final = frozenset(_word_list("manufacturing_verbs"))
if not MANUFACTURING_VERBS <= MAKER_VERBS:
    raise LexiconError("words.json", "manufacturing_verbs must all be maker_verbs too")
CUSTOMER_PREPOSITIONS: Final = frozenset(_word_list("customer_prepositions"))
# What one does at work, verbs and departments: the business after "trabajo para", "I run
# sales for" is the employer, not a customer; "I run marketing" names a department.
WORK_WORDS: Final = frozenset(_word_list("work_words"))
# Words that carry a Spanish head's complement after it ("una startup de seguros"): a head
# followed by one is not an English head whose complement comes first.
COMPLEMENT_LINKS: Final = frozenset(_word_list("complement_links"))
# An English head right after one of these is a verb: "we store and ship".
SUBJECT_PRONOUNS: Final = frozenset(_word_list("subject_pronouns"))
# Activities that take an object ("alquiler de contenedores para escombros"): the object, if
# it names a sector, says more than they do.
GENERIC_ACTIVITY_KEYS: Final = frozenset(
    phrase_key(word) for word in _word_list("generic_activities")
)
# A title right before a business word makes it a role: "directora financiera" is no lender.
TITLE_WORDS: Final = frozenset(_word_list("title_words"))


def _number_words() -> dict[str, int]:
    numbers = _object("words.json number_words", _WORDS.get("number_words"))
    if not all(isinstance(value, int) and value > 0 for value in numbers.values()):
        raise LexiconError("words.json", "number_words must map words to positive integers")
    return {str(word): int(str(value)) for word, value in numbers.items()}


NUMBER_WORDS: Final[Mapping[str, int]] = _number_words()

_TEXTS: Final = _read("texts.json")


def _text(name: str) -> str:
    text = _TEXTS.get(name)
    if not isinstance(text, str) or not text:
        raise LexiconError("texts.json", f"{name} must be a non-empty string")
    return text


def _text_map(name: str, enum: type[_Enum]) -> dict[_Enum, str]:
    texts = _object(f"texts.json {name}", _TEXTS.get(name))
    return {member: str(texts[member.value]) for member in _members("texts.json", enum, texts)}


LANGUAGE_LABELS: Final = _text_map("language_labels", Language)
SENTIMENT_LABELS: Final = _text_map("sentiment_labels", Sentiment)
# When no commitment is stated, the action proposed for each stage.
STAGE_ACTIONS: Final = {
    stage: Commitment(kind) for stage, kind in _text_map("stage_actions", PurchaseStage).items()
}
# `{action}` is the stage's proposed action label.
NO_COMMITMENT_NEXT_STEP: Final = _text("no_commitment_next_step")
GENERIC_TOPICS: Final = _strings("texts.json generic_topics", _TEXTS.get("generic_topics"))
URGENCY_TOPIC: Final = _text("urgency_topic")
BAD_MEETING_TOPIC: Final = _text("bad_meeting_topic")


def _calibration() -> dict[str, float]:
    """confidence_score's line, fitted by `scripts/fit_offline_confidence.py`."""
    fitted = _read("confidence.json")
    if set(fitted) != {"intercept", "slope", "knee"} or not all(
        isinstance(value, float) for value in fitted.values()
    ):
        raise LexiconError("confidence.json", "needs numbers intercept, slope and knee")
    return {name: float(str(value)) for name, value in fitted.items()}


CONFIDENCE_LINE: Final = _calibration()
