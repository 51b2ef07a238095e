"""The offline classifier's data: cue phrases per taxonomy value, Spanish labels and defaults.

Everything is keyed by the taxonomy enums, so a value renamed or removed there fails type checks
and the lexicon tests here instead of silently never matching. Cue phrases are matched on whole
words of the transcript after accents are stripped and case is folded, with a light plural
stemming applied to both sides (`ventas` matches `venta`), so phrases are written lowercase,
without accents, in the singular. Spanish and English cues live side by side: a transcript in
either language scores against the same table.

Two wildcards keep the tables short: `#` stands for any number ("# sucursales", "antes del #")
and a trailing `*` for any ending of a word of at least four letters ("calific*" matches
califica, calificación, calificados).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, NamedTuple

from streamproc.taxonomy import (
    BusinessSector,
    CompanySize,
    DecisionMakerRole,
    Language,
    LeadSource,
    PainPoint,
    PurchaseStage,
    Region,
    Sentiment,
    UseCase,
    VambeProduct,
)

LEXICON_VERSION: Final = "4"

# A phrase that names the value outright (a product name, "aseguradora") outweighs a few loose
# hints; multi-word phrases are more specific than single words, so they weigh a little more.
DECISIVE_WEIGHT: Final = 3.0
NAME_WEIGHT: Final = 3 * DECISIVE_WEIGHT
_EXTRA_WEIGHT_PER_WORD: Final = 0.5
_MAX_PHRASE_WEIGHT: Final = 2.5
# A word that many meetings say whatever their value, so it only tips a close call.
WEAK_WEIGHT: Final = 0.5


class Cue(NamedTuple):
    phrase: str
    weight: float


def _phrase_weight(phrase: str) -> float:
    words = len(phrase.split())
    return min(1.0 + _EXTRA_WEIGHT_PER_WORD * (words - 1), _MAX_PHRASE_WEIGHT)


def named(*names: str) -> tuple[Cue, ...]:
    """A Vambe product's own name: nothing in a transcript says more about the product."""
    return tuple(Cue(name, NAME_WEIGHT) for name in names)


def cues(*phrases: str, decisive: Iterable[str] = ()) -> tuple[Cue, ...]:
    """Weighted cues: ordinary phrases by their length, decisive ones at `DECISIVE_WEIGHT`."""
    ordinary = tuple(Cue(phrase, _phrase_weight(phrase)) for phrase in phrases)
    return ordinary + tuple(Cue(phrase, DECISIVE_WEIGHT) for phrase in decisive)


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


def _titles(titles: Iterable[str], areas: Iterable[str]) -> tuple[str, ...]:
    """Job titles built from a rank and an area: `gerente de ventas`, `jefe comercial`."""
    areas = tuple(areas)
    return tuple(
        phrase
        for title in titles
        for area in areas
        for phrase in (
            f"{title} de {area}",
            f"{title} {area}",
            f"{title} del area de {area}",
            f"{title} del departamento de {area}",
            f"{title} de la oficina de {area}",
            f"{title} del equipo de {area}",
        )
    )


def _english_titles(titles: Iterable[str], areas: Iterable[str]) -> tuple[str, ...]:
    """English job titles in both orders: `head of sales`, `sales manager`."""
    areas = tuple(areas)
    return tuple(
        phrase
        for title in titles
        for area in areas
        for phrase in (f"{title} of {area}", f"{area} {title}")
    )


# The tables below are packed several phrases to a line; one phrase per line would make
# this file four times longer without making it clearer.
# fmt: off

# --- business_sector -------------------------------------------------------------------------
# Selling only online makes a business e-commerce whatever it sells ("vendemos ropa de bebé solo
# por internet"), so these outweigh the product its introduction names.
ONLINE_ONLY_WEIGHT: Final = 2 * DECISIVE_WEIGHT
_ONLINE_ONLY: Final = (
    "solo vendemos online", "solo vendemos por internet", "solo vendemos en linea",
    "only sell online", "we only sell online", "online only", "online-only", "solo por la web",
    "solo por internet", "solo en linea", "solo online", "unicamente online",
    "unicamente en linea", "unicamente por internet", "unicamente por nuestra tienda",
    "solo por nuestra tienda", "exclusively online", "100% online", "only through our website",
    "only through our online store", "solo a traves de nuestra web", "solo por nuestra web",
)
# Spanish `seguro` also means "sure" ("no estoy seguro"), so insurance uses only longer phrases.
SECTOR: Final = CategoryLexicon(
    # No sector dominates the labelled meetings; retail (shops answering customers over chat) is
    # the least surprising guess for a chat-automation vendor.
    default=BusinessSector.RETAIL,
    entries={
        BusinessSector.RETAIL: ValueEntry(
            "retail",
            cues(
                "tienda", "tienda fisica", "local comercial", "minorista", "venta al por menor",
                "multitienda", "tienda por departamento", "department store", "grocery", "store",
                "punto de venta", "boutique", "libreria", "jugueteria", "optica", "zapateria",
                "moda", "ropa", "vestuario", "apparel", "clothing", "fashion", "calzado", "mall",
                "centro comercial", "retail store", "brick and mortar", "sucursal",
                "cadena de farmacia", "mueble", "decoracion", "electronica", "electrodomestico",
                "supermarket", "shoe", "minimarket", "# tienda", "# local", "# sucursal",
                "locales comerciales", "stock por tienda", "cadena de ferreteria",
                "tienda de ropa", "tiendas de ropa", "clothing store", "our stores",
                "nuestras tiendas", "nuestros locales", "en tienda", "in-store", "in store",
                "hardware store", "home improvement", "garden centre", "garden center",
                "garden centers", "stores", "our shops", "# stores", "# shops", "shop floor",
                "store manager", "store managers", "jefes de tienda", "jefe de tienda",
                "gerente de tienda", "tiendas fisicas", "physical stores", "flagship store",
                "outlet", "franquicia", "franquicias", "franchise", "franchisees", "franquiciado",
                "department stores", "supermarkets", "hipermercado", "hypermarket",
                "convenience store", "convenience stores", "tienda de conveniencia", "muebleria",
                "perfumeria", "colchones", "foot traffic", "walk-in customers",
                "sales by category", "ventas por tienda", "inventario por tienda",
                "reposicion en tienda", "same-store sales", "pasillo", "cajeros de tienda",
                "vendedores de piso", "sala de ventas", "tienda de muebles", "tiendas de muebles",
                "cadena de tiendas", "store chain", "chain of stores", "shops", "grocer",
                "supermercado", "retailer", "venta minorista", "minoristas", "retail stores",
                "mascotas y accesorios", "pet store", "tienda de mascotas", "articulos deportivos",
                "sporting goods", "home goods", "tienda de electronica", "libreria y papeleria",
                "garden centres",
                # lexicon 3: a pharmacy chain sells to the public in shops: retail, not pharma.
                "venta al publico", "vendemos al publico", "mostrador", "atienden mostrador",
                "gerentes de sucursal", "cajas", "cajeras", "cajeros", "tiendas de barrio",
                "reponedores", "shelf", "shelves", "estanterias de tienda", "planogram",
                "planograma", "footfall", "store staff", "personal de tienda",
                "farmacias de barrio", "drugstore", "drugstores", "pharmacy chain", "chemist",
                # lexicon 3: shops named by what they sell.
                "bicicletas", "bicycles", "bike shop", "tienda de bicicletas", "bicicleteria",
                decisive=(
                    "retail", "cadena de tienda", "retail chain", "ferreteria", "tiendas de",
                    "cadena de supermercado", "supermarket chain", "grocery chain",
                    "somos un retailer", "fashion retailer", "cadena de farmacias y perfumeria",
                    "tiendas por departamento", "cadena de multitiendas", "retail de",
                    "cadena de farmacias", "cadena de farmacia", "pharmacy chain",
                    "drugstore chain", "red de tiendas", "red de sucursales",
                ),
            ),
        ),
        BusinessSector.ECOMMERCE: ValueEntry(
            "comercio electrónico",
            cues(
                "venta online", "vendemos online", "vendemos por internet", "online store",
                "online shop", "shopify", "woocommerce", "vtex", "magento", "tiendanube",
                "jumpseller", "carrito", "carrito de compra", "checkout", "pedido online", "d2c",
                "dtc", "direct to consumer", "webshop", "carrito abandonado", "abandoned cart",
                "sell online", "we sell online", "envio a domicilio", "online",
                "despacho a domicilio", "envios a todo", "enviamos a todo", "ship across",
                "we ship", "vendemos en linea", "venta en linea", "online sales", "ventas online",
                "ventas en linea", "where's my order", "donde esta mi pedido", "pedidos online",
                "pedido en linea", "por internet", "por la web", "mercado libre", "mercadolibre",
                "marketplaces", "tienda web", "compras online", "compras en linea",
                "online orders", "orders online", "online customers", "online grocery",
                "venta por internet", "ventas por internet", "vendemos por la web",
                "comercio online", "carro de compra", "cart abandonment", "enviamos a toda",
                "envios a toda", "despachamos a todo", "despachamos a toda", "ship nationwide",
                "nationwide shipping", "delivery slot", "cyberday", "cyber day", "cyber monday",
                "hot sale", "black friday", "pedidos web", "web orders", "orders from the website",
                "plataforma de la tienda", "devoluciones", "contracargo", "contracargos",
                "chargeback", "chargebacks", "pedidos por la web", "tienda digital",
                "canal online", "online channel", "app de compras", "shopping app",
                "delivery platform", "first-order", "rider", "riders", "repartidores",
                "vendemos en amazon", "sell on amazon", "amazon sellers", "seller en amazon",
                decisive=(
                    "ecommerce", "e-commerce", "comercio electronico", "tienda online",
                    "tienda virtual", "online retailer", "marketplace seller", "tienda en linea",
                    "nuestra tienda online", "pure player", "nuestro ecommerce", "our ecommerce",
                    "marca digital", "digitally native", "d2c brand", "dtc brand",
                    "direct-to-consumer", "online grocery delivery", "plataforma de ecommerce",
                    "ecommerce platform", "por nuestra tienda en linea",
                    "por nuestra tienda online", "online marketplace",
                ),
            ) + tuple(Cue(phrase, ONLINE_ONLY_WEIGHT) for phrase in _ONLINE_ONLY),
        ),
        BusinessSector.FINANCIAL_SERVICES: ValueEntry(
            "servicios financieros",
            cues(
                "bank", "banking", "banca", "financiera", "credito", "prestamo", "loan", "lending",
                "tarjeta de credito", "credit card", "cooperativa de ahorro",
                "caja de compensacion", "corredora de bolsa", "brokerage", "wealth management",
                "billetera digital", "wallet", "microfinanza", "factoring", "cuenta corriente",
                "asset management", "administradora de fondo", "afp", "deudor", "cobranza",
                "collections", "remesa", "cambio de divisa", "crypto", "cliente bancario",
                "clientes del banco", "prestamos personales", "credito desembolsado",
                "motor de riesgo", "cooperativa", "core financiero", "core bancario",
                "solicitudes de credito", "desembolso", "credit", "lender", "neobank",
                "aseguradora de credito", "remesas", "envios de dinero", "envio de dinero",
                "money transfer", "money transfers", "remittance", "remittances", "tipo de cambio",
                "exchange rate", "remitentes", "prestamista", "microcredito",
                "creditos de consumo", "banca digital", "digital bank", "adquirencia",
                "caja de ahorro", "cuenta de ahorro", "savings account", "depositos", "deposits",
                "cartera de credito", "loan book", "loan portfolio", "morosidad", "delinquency",
                "default rate", "scoring crediticio", "credit scoring", "buro de credito",
                "credit bureau", "kyc", "aml", "lavado de dinero", "money laundering",
                "superintendencia de bancos", "cnbv", "fondos de inversion", "mutual funds",
                "investment fund", "gestora de fondos", "criptomonedas", "cajeros automaticos",
                "atm", "atms", "sucursales bancarias", "bank branches", "tasa de interes",
                "interest rate", "otorgamos creditos", "otorgamos prestamos", "we lend",
                "personal loans", "solicitantes de credito", "loan applications",
                "loan applicants", "borrowers", "acreditados", "prestatarios", "tarjetahabientes",
                "cardholders", "cuentahabientes", "bancaria", "bancario", "core banking",
                "pagos digitales", "digital payments", "payments company", "payment processing",
                "procesamiento de pagos", "billetera", "e-wallet", "prestamos de nomina",
                "payday loans", "pensiones", "pension fund", "fondo de pensiones", "afore",
                "afores", "seguros y creditos", "credito automotriz", "car loans", "hipotecaria",
                # lexicon 3: investment and lending vocabulary.
                "wealth", "wealth management", "gestion patrimonial", "asesoria financiera",
                "asesores financieros", "financial advisors", "financial advisers", "advisory firm",
                "investment firm", "inversiones", "investments", "portfolio", "kyc", "aml",
                "prevencion de lavado", "anti-money laundering", "prestamos", "loans", "creditos",
                "tarjetas de credito", "credit cards", "cuentas corrientes", "depositos",
                "deposits",
                decisive=(
                    "banco", "fintech", "servicios financieros", "financial services",
                    "financial institution", "entidad financiera", "institucion financiera",
                    "cooperativa de credito", "credit union", "casa de cambio", "remesadora",
                    "banco digital", "neobanco", "microfinanciera", "sociedad financiera", "sofom",
                    "fintech de", "empresa de pagos", "procesadora de pagos", "payment processor",
                    "casa de bolsa", "asset manager", "lending platform", "consumer lender",
                    "microlender", "financiera de", "cooperativa de ahorro y credito",
                    "somos un banco", "entidad bancaria", "institucion bancaria", "digital lender",
                    "online lender",
                    "wealth management firm", "wealth partners", "gestora de patrimonio",
                    "family office", "administradora de fondos", "fund manager",
                    "corredora de bolsa", "brokerage firm",
                ),
            ),
        ),
        BusinessSector.INSURANCE: ValueEntry(
            "seguros",
            cues(
                "poliza", "policy", "siniestro", "claims", "claim", "reaseguro", "cotizar seguro",
                "seguro automotriz", "seguro de vida", "seguro de salud", "life insurance",
                "broker de seguro", "venta de seguro", "vendemos seguro", "seguros generales",
                "isapre", "asegurado", "policyholder", "underwriting", "suscripcion de riesgo",
                "liquidacion de siniestro", "prima", "exclusiones", "seguros de",
                "venta de polizas", "corredores de seguros", "seguros de auto", "seguro de auto",
                "gastos medicos mayores", "seguro medico", "seguros de hogar", "seguro de hogar",
                "seguro de mascotas", "pet insurance", "car insurance", "motor insurance",
                "home insurance", "health insurance", "travel insurance", "seguro de viaje",
                "policies", "polizas", "siniestros", "ajustador", "ajustadores", "loss adjuster",
                "adjuster", "adjusters", "insurance brokers", "agentes de seguros",
                "insurance agents", "renovacion de polizas", "policy renewals",
                "cotizacion de seguro", "cotizar un seguro", "insurance quote", "insurance quotes",
                "deducible", "deductible", "coberturas", "bancaseguros", "bancassurance",
                "reinsurer", "vendemos seguros", "we sell insurance", "insurance products",
                "productos de seguro", "seguro obligatorio", "suma asegurada", "reclamaciones",
                "first notice of loss", "fnol", "actuarial", "actuario", "siniestralidad",
                "loss ratio", "seguro de desgravamen", "seguros masivos", "microseguros",
                "aseguradoras",
                # lexicon 3: health plans and prepaid medicine are insurers, not care providers.
                "medical coverage", "cobertura medica", "asegurados", "plan de salud",
                "planes de salud", "health plans", "members' claims", "claims fraud",
                "fraude de siniestros", "prepaga", "medicina prepagada", "obra social", "eps",
                "aseguramiento", "underwriters", "premiums", "primas", "polizas de", "insured",
                "coverage",
                decisive=(
                    "aseguradora", "insurance", "insurer", "insurtech", "corredora de seguro",
                    "compania de seguro", "industria de seguro", "insurance company",
                    "correduria de seguros", "corredor de seguros", "insurance broker",
                    "insurance brokerage", "compania aseguradora", "broker de seguros",
                    "aseguradora de", "agencia de seguros", "insurance agency", "seguros de vida",
                    "life insurer", "health insurer", "reaseguradora", "corredora de seguros",
                    "health plan", "health insurance company", "aseguradora de salud",
                    "compania de seguros", "seguros de salud", "somos una aseguradora",
                    "we are an insurer", "managed care",
                ),
            ),
        ),
        BusinessSector.HEALTHCARE: ValueEntry(
            "salud",
            cues(
                "salud", "health", "paciente", "patient", "medico", "doctor", "consulta medica",
                "medical", "prestador de salud", "telemedicina", "dental", "dentista",
                "odontologia", "laboratorio clinico", "cita medica", "agenda medica",
                "kinesiologia", "psicologia", "veterinaria", "enfermera", "nurse", "hora medica",
                "ficha clinica", "medical record", "ehr", "urgencia medica", "centro de salud",
                "health center", "clinicas", "odontologica", "odontologico", "toma de muestra",
                "fonasa", "pacientes", "turnos medicos", "cesfam", "resultados de examenes",
                "diagnosticos", "diagnostics", "imagenologia", "radiologia", "radiology", "scans",
                "blood tests", "blood test", "examenes de sangre", "analisis clinicos",
                "laboratorio de analisis", "home sample collection", "sample collection",
                "collection centres", "collection centers", "consultorio", "consultorios",
                "medical center", "medical centre", "centro de diagnostico",
                "especialidades medicas", "cirugia", "surgery", "surgeries", "urgencias",
                "emergency room", "atencion medica", "medical care", "terapia", "therapy",
                "fisioterapia", "physiotherapy", "kinesiologo", "nutricionista", "psicologo",
                "psychologist", "dentists", "clinica dental", "ortodoncia", "orthodontics",
                "oftalmologia", "ophthalmology", "dermatologia", "dermatology", "salud mental",
                "mental health", "cuidados domiciliarios", "enfermeria", "nursing", "nursing home",
                "residencia de adultos mayores", "elderly care", "care home", "care homes",
                "veterinary", "veterinarias", "vet clinic", "reserva de horas",
                "agendamiento de horas", "horas medicas", "citas medicas", "medical appointments",
                "inasistencia de pacientes", "no-show de pacientes", "examenes medicos",
                "examen medico", "medical tests", "lab tests", "medicos", "physicians",
                "especialistas medicos", "sedes medicas", "camas hospitalarias", "hospital beds",
                "historia clinica", "historias clinicas", "health packages", "chequeos",
                "check-ups", "pregnant", "embarazadas", "maternidad", "pediatria", "pediatrics",
                "cardiologia", "oncologia", "oncology", "dialisis", "dialysis", "hmo", "eps",
                "obra social", "obras sociales", "prepaga", "prepagas", "lab information system",
                "centros de salud", "health data", "datos de salud", "datos clinicos",
                decisive=(
                    "clinica", "hospital", "healthcare", "health care", "centro medico", "clinic",
                    "red de salud", "sector salud", "red de clinicas", "healthcare provider",
                    "diagnostic centre", "diagnostic center", "diagnostic labs",
                    "laboratorio de diagnostico", "medical group", "grupo medico", "dental clinic",
                    "clinica veterinaria", "veterinary clinic", "health system", "centros medicos",
                    "policlinico", "hospital privado", "clinica privada", "private hospital",
                    "health network", "red hospitalaria", "hospital group",
                ),
            ),
        ),
        BusinessSector.PHARMACEUTICALS: ValueEntry(
            "farmacéutico",
            cues(
                "medicamento", "drugstore", "pharmacy", "visitador medico", "medical rep",
                "receta", "principio activo", "ensayo clinico", "clinical trial", "drug",
                "farmacovigilancia", "pharmacovigilance", "laboratorio", "vademecum",
                "receta medica", "prescription", "biotech", "biotecnologia", "generico",
                "medicamentos genericos", "prescription medicines", "over-the-counter",
                "medicines", "laboratorios", "distribucion de medicamentos", "pharmacies",
                "drugstores", "formulations", "generics", "genericos", "medical representatives",
                "medical representative", "representantes medicos", "vacunas", "vaccine",
                "vaccines", "moleculas", "molecules", "registro sanitario", "fda", "cofepris",
                "anmat", "invima", "digemid", "otc", "venta libre", "medicamentos de venta libre",
                "capsulas", "jarabe", "prescribing", "prescribers", "prescriptores",
                "medicos prescriptores", "recetan", "prescribe", "prescribes", "cardiac",
                "tablets and capsules", "api manufacturing", "active ingredients",
                "distribuidora farmaceutica", "distribuidora de medicamentos",
                "pharmaceutical distributor", "droguerias", "visita medica", "visitadores",
                "muestras medicas", "medical samples", "cadena de frio", "cold chain",
                "buenas practicas de manufactura", "gmp", "bioequivalencia", "biosimilares",
                "biosimilars", "terapeutica", "therapeutic", "therapeutic area", "nutraceuticos",
                "nutraceuticals", "medicamentos",
                # lexicon 3: what a drug maker talks about. "autoridad sanitaria" takes the words
                # that alone read as a water company ("sanitaria").
                "farmacia", "inyectable", "injectables", "sterile", "esteril", "biologics",
                "biologicos", "biotech", "biotecnologia", "gmp", "buenas practicas de manufactura",
                "serialisation", "serialization", "serializacion", "batch release",
                "liberacion de lote", "principio activo", "active ingredient", "farmacovigilancia",
                "pharmacovigilance", "visitadores medicos", "visitador medico",
                "medical representatives", "medical reps", "ensayo clinico", "clinical trial",
                "registro sanitario", "autoridad sanitaria", "oral solids", "solidos orales",
                "formulaciones", "drugs", "medicine", "vacunas", "vaccines", "dispensacion",
                "cofepris", "anmat", "invima", "digemid", "fda approval",
                decisive=(
                    "farmaceutica", "farmaceutico", "laboratorio farmaceutico", "pharma",
                    "pharmaceutical", "industria farmaceutica", "pharma distribution",
                    "fabricamos medicamentos", "laboratorio de medicamentos",
                    "pharmaceutical company", "pharma company", "drug maker", "drugmaker",
                    "laboratorio de genericos", "generic drugs", "generic formulations",
                    "pharmaceuticals", "farmaceuticas", "farmaceuticos", "we manufacture generic",
                    "fabricamos genericos", "laboratorios farmaceuticos",
                    "laboratorio", "laboratorios", "drug manufacturer",
                    "fabricamos medicamentos genericos", "pharmaceutical manufacturer",
                    "pharma manufacturer", "falsified medicines",
                ),
            ),
        ),
        BusinessSector.ENERGY: ValueEntry(
            "energía",
            cues(
                "solar", "panel solar", "petroleo", "oil", "gas natural", "combustible", "fuel",
                "estacion de servicio", "bencinera", "gasolinera", "gas station", "generadora",
                "generacion electrica", "eolica", "wind farm", "hidrogeno", "power plant",
                "oil and gas", "energetica", "megawatt", "mw", "parque solar", "electromovilidad",
                "carbon", "lubricante", "gas", "distribuimos gas", "distribucion de gas",
                "gas licuado", "glp", "gas distribution", "electric utility", "hidroelectrica",
                "termoelectrica", "transmision electrica", "renewab*", "renovab*", "wind",
                "wind plants", "wind farms", "eolico", "parque eolico", "parques eolicos",
                "solar plants", "solar farm", "solar farms", "plantas solares", "fotovoltaic*",
                "photovoltaic", "generamos energia", "we generate", "power generation",
                "power producer", "independent power producer", "ppa", "power purchase agreement",
                "baterias", "battery storage", "almacenamiento de energia", "central termica",
                "turbinas", "turbines", "petrolera", "oil company", "refineria", "refinery",
                "pozos petroleros", "oil wells", "combustibles", "distribuidora de combustibles",
                "fuel distributor", "paneles solares", "solar panels", "instalacion solar",
                "solar installation", "solar installer", "energia solar", "solar energy",
                "energia eolica", "wind energy", "megawatts", "gigawatt", "subestacion",
                "substation", "hydro", "hydropower", "geotermia", "geothermal", "biomasa",
                "biomass", "hidrocarburos", "hydrocarbons", "energy", "energia", "gasolineras",
                "estaciones de servicio", "fuel stations", "cargadores electricos", "ev charging",
                "charging stations",
                # lexicon 3: selling electricity or gas to homes is energy retail; networks are
                # utilities.
                "electricidad y gas", "luz y gas", "energy retailer", "energy supplier",
                "energy retail", "tarifa de luz", "contratos de luz", "paneles solares",
                "solar panels", "wind farm", "parque eolico", "parques eolicos", "combustible",
                "combustibles", "fuel", "petroleo", "oil", "estaciones de servicio", "gas stations",
                "gasolineras", "hidrogeno", "hydrogen",
                decisive=(
                    "energia renovable", "renewable energy", "sector energetico",
                    "empresa de energia", "energy company", "generadora electrica",
                    "generadora de energia", "power company", "energy producer",
                    "renewable energy company", "empresa de energia renovable",
                    "oil and gas company", "empresa petrolera", "solar company", "empresa solar",
                    "operate solar", "desarrollamos proyectos de energia", "energias renovables",
                    "sell the electricity", "sell electricity", "sell power", "vendemos energia",
                    "vendemos la energia", "vendemos electricidad", "generamos electricidad",
                    "we generate electricity",
                    "comercializadora de electricidad", "comercializadora de energia",
                    "comercializadora de gas", "comercializadoras", "electricity retailer",
                    "energy retailer", "energy supplier", "comercializadora electrica",
                    # lexicon 3: solar installers.
                    "instalamos paneles solares", "we install solar", "energia solar",
                    "solar energy",
                ),
            ),
        ),
        BusinessSector.UTILITIES: ValueEntry(
            "servicios básicos (agua, luz, gas)",
            cues(
                "utility", "agua potable", "distribuidora electrica", "distribucion electrica",
                "compania de agua", "cuenta de luz", "boleta de luz", "medidor", "water company",
                "electric company", "power distribution", "alcantarillado", "corte de luz",
                "corte de agua", "power outage", "lectura de medidor", "meter reading",
                "electricidad", "electricity", "facturacion de consumo", "red electrica", "grid",
                "acueducto", "aguas", "perdidas de agua", "empresa de agua",
                "agua y alcantarillado", "water utility", "wastewater", "usuarios del servicio",
                "recoleccion de basura", "electricity distribution", "network company",
                "network companies", "poles and wires", "outage", "outages", "cortes de luz",
                "corte masivo", "cortes masivos", "smart meter", "smart meters",
                "medidores inteligentes", "feeders", "alimentadores", "control room",
                "centro de control", "restoration times", "reposicion del servicio",
                "critical infrastructure", "infraestructura critica", "regulated utility",
                "proceso tarifario", "tarifas reguladas", "aguas servidas", "water supply",
                "suministro electrico", "suministro de agua", "clientes regulados",
                "distribuidora de electricidad", "distribuidora de energia",
                "electric cooperative", "cooperativa electrica", "gas distribution network",
                "network operator", "grid operator", "water network", "red de agua", "medidores",
                "meters", "lectura de medidores", "facturas de consumo", "boletas de consumo",
                "consumo de agua", "water usage", "sanitation", "saneamiento", "residuos",
                "waste management", "gestion de residuos", "basura",
                "servicios publicos domiciliarios",
                # lexicon 3: water service words; "concesionaria" alone reads as a car dealer.
                "drenaje", "fugas", "fuga de agua", "water leaks", "leaks", "recibos",
                "recibo de agua", "water bill", "sewer", "sewerage", "agua", "water", "concesion",
                "usuarios", "organismo operador",
                decisive=(
                    "utilities", "sanitaria", "servicios basicos", "empresa sanitaria",
                    "public utility", "empresa de servicios basicos",
                    "electricity distribution company", "electric utility",
                    "empresa de distribucion electrica", "empresa de agua potable",
                    "compania de aguas", "power utility", "gas utility", "distribuidora de gas",
                    "empresa de servicios publicos",
                    "agua potable", "agua potable y drenaje", "water and sewer",
                    "water and sewerage", "empresa concesionaria de agua", "servicio de agua",
                    # lexicon 3: waste collection is a public utility service.
                    "empresa de aseo", "recoleccion de basura", "aseo urbano", "barrido de calles",
                    "waste collection", "refuse collection",
                ),
            ),
        ),
        BusinessSector.TELECOM: ValueEntry(
            "telecomunicaciones",
            cues(
                "operador movil", "telefonia", "telefonia movil", "internet hogar", "fibra", "isp",
                "carrier", "plan movil", "mobile operator", "broadband", "cable", "tv cable",
                "chip", "portabilidad", "prepago", "postpago", "wireless", "5g", "4g", "antena",
                "sim", "roaming", "abonado", "subscriber", "internet service provider",
                "proveedor de internet", "operador de internet", "operador de cable",
                "internet y television", "planes de internet", "linea movil", "cable operator",
                "internet provider", "telefonica", "telefonia fija", "fixed line",
                "internet residencial", "home internet", "fiber", "fibre", "ftth",
                "fiber to the home", "planes moviles", "mobile plans", "mobile plan",
                "lineas moviles", "mobile lines", "prepaid", "postpaid", "recargas", "top-ups",
                "top up", "abonados", "suscriptores moviles", "mobile subscribers", "cell towers",
                "antenas", "spectrum", "espectro", "television de pago", "pay tv", "cable tv",
                "iptv", "decodificador", "set-top box", "router", "routers", "modem",
                "instalaciones de fibra", "tecnicos de instalacion", "field technicians",
                "bajas de clientes de internet", "portabilidad numerica", "number portability",
                "churn de clientes moviles", "wisp", "fixed wireless", "megas",
                "velocidad de internet", "internet speed", "data plans", "planes de datos",
                "call minutes",
                decisive=(
                    "telecom", "telecomunicaciones", "telco", "fibra optica", "telecommunications",
                    "operador de telecomunicaciones", "empresa de telecomunicaciones",
                    "telecom operator", "mobile carrier", "wireless carrier",
                    "operador de telefonia", "empresa de telefonia", "compania de telefonia",
                    "cableoperador", "cableoperadora", "operadora movil", "operadora de cable",
                    "telecoms", "broadband provider", "fibre provider", "fiber provider",
                    "isp regional",
                ),
            ),
        ),
        BusinessSector.TRANSPORTATION_LOGISTICS: ValueEntry(
            "transporte y logística",
            cues(
                "envio", "shipment", "flota", "fleet", "camion", "truck", "bodega",
                "centro de distribucion", "distribution center", "ultima milla", "last mile",
                "cargo", "shipping", "naviera", "aerolinea", "airline", "pasajero", "passenger",
                "paqueteria", "3pl", "forwarder", "aduana", "customs", "seguimiento de envio",
                "despachos", "reparto", "transportista", "mudanza", "warehousing", "almacenaje",
                "road freight", "where is my shipment", "donde esta mi envio", "tms", "wms",
                "telematics", "telematica", "gps", "flota de camiones", "bodegaje",
                "despacho de carga", "guia de despacho", "conductores", "drivers",
                "rutas de reparto", "omnibus", "bus", "buses", "autobus", "autobuses", "choferes",
                "chofer", "pasaje", "pasajes", "boleto", "boletos", "boleteria", "boleterias",
                "boleteras", "terminal de buses", "bus terminal", "tickets de bus",
                "route planning", "planificacion de rutas", "flotas", "fleets",
                "vehiculos de reparto", "delivery vans", "vans", "furgones", "tractocamiones",
                "trailers", "remolques", "carga pesada", "carga refrigerada", "cold storage",
                "centros de distribucion", "cross-docking", "cross docking", "fulfillment",
                "fulfilment", "pick and pack", "parcels", "parcel", "proof of delivery",
                "tracking de envios", "rastreo", "tracking number", "numero de guia", "guias",
                "dispatch", "dispatchers", "freight forwarding", "agente de carga",
                "agencia de aduanas", "customs broker", "contenedores", "navieras",
                "shipping lines", "ferrocarril", "railway", "rail freight", "tren", "trenes",
                "transit", "transporte publico", "public transport", "taxis", "ride-hailing",
                "aerolineas", "airlines", "vuelos", "flights", "pasajeros", "passengers",
                "mensajeria", "messengers", "motorizados", "transportistas", "carriers",
                "camiones", "trucks", "truck drivers", "conductores de camion", "mudanzas",
                "moving company", "encomiendas", "courier services",
                decisive=(
                    "logistica", "logistics", "transporte", "transportation", "courier",
                    "operador logistico", "empresa de transporte", "logistics company", "freight",
                    "trucking", "transporte de carga", "empresa logistica", "empresa de buses",
                    "empresa de omnibus", "bus company", "coach operator", "empresa de autobuses",
                    "linea de buses", "operador de transporte", "transport operator",
                    "logistics provider", "third-party logistics", "empresa de courier",
                    "courier company", "shipping company", "freight company", "trucking company",
                    "empresa de mensajeria", "empresa de paqueteria", "transporte de pasajeros",
                    "passenger transport", "transportadora", "fleet of trucks", "nuestra flota",
                    "our fleet", "freight forwarder", "agencia de carga", "last-mile delivery",
                ),
            ),
        ),
        BusinessSector.TOURISM_HOSPITALITY: ValueEntry(
            "turismo y hotelería",
            cues(
                "hostal", "resort", "viaje", "travel", "tour", "reserva de habitacion", "huesped",
                "guest", "booking", "airbnb", "crucero", "turista", "tourist", "habitacion",
                "room", "check-in", "check in", "alojamiento", "lodging", "cabana",
                "paquete turistico", "vacation", "vacaciones", "restaurante", "restaurant",
                "huespedes", "guests", "excursiones", "traslados", "turismo receptivo", "hostel",
                "hoteles boutique", "boutique hotels", "airport transfers", "reservas de hotel",
                "operador turistico", "hoteles", "rooms", "habitaciones", "ocupacion hotelera",
                "average rate", "adr", "revpar", "revenue managers", "pms",
                "property management systems", "front desk", "recepcion del hotel", "reservas",
                "reservations", "reservaciones", "booking engine", "motor de reservas", "ota",
                "otas", "expedia", "booking.com", "tripadvisor", "tours", "excursion",
                "excursions", "paquetes turisticos", "travel packages", "destinos", "destinations",
                "viajeros", "travellers", "travelers", "agencias de viaje", "cruceros", "cruises",
                "campings", "glamping", "hosteria", "hosterias", "posada", "inn", "lodge", "ski",
                "centro de ski", "ski resort", "parque de diversiones", "theme park", "spa",
                "all-inclusive", "todo incluido", "temporada alta", "high season", "low season",
                "temporada baja", "turistas", "tourists", "estadias", "walk-in guests",
                "eventos y banquetes", "banquetes", "bodas", "weddings", "salones de eventos",
                "conference rooms", "airport transfer", "rent a car", "alquiler de autos",
                "car rental", "vacation rentals", "arriendo vacacional", "cabanas", "hospedaje",
                "hospedajes", "pasajes aereos",
                decisive=(
                    "hotel", "hotelera", "turismo", "tourism", "hospitality", "agencia de viaje",
                    "travel agency", "cadena hotelera", "hotel chain", "hoteleria",
                    "agencia de turismo", "hotels", "tour operator", "grupo hotelero",
                    "hotel group", "hotels and resorts", "hoteles y resorts", "agencia de viajes",
                    "travel agencies", "tour operador", "operador de turismo", "touroperador",
                    "resorts", "cadena de hoteles", "hostels", "hostales", "turismo de aventura",
                    "empresa de turismo", "tourism company", "hotelero",
                ),
            ),
        ),
        BusinessSector.EDUCATION: ValueEntry(
            "educación",
            cues(
                "escuela", "school", "instituto", "alumno", "estudiante", "student", "apoderado",
                "matricula", "enrollment", "admision", "admission", "curso", "course",
                "e-learning", "academia", "preuniversitario", "profesor", "teacher", "campus",
                "postulante", "carrera", "diplomado", "bootcamp", "jardin infantil", "docente",
                "semestre", "semester", "colegiatura", "tuition", "prospective student",
                "educativa", "educativo", "admisiones", "becas", "carreras tecnicas", "matriculas",
                "se matriculan", "instituto tecnico", "convocatoria", "primer ingreso",
                "sistema escolar", "ano escolar", "apoderados", "cursos en linea", "alumnos",
                "estudiantes", "students", "maestro", "maestros", "maestra", "maestras",
                "teachers", "profesores", "planteles", "plantel", "sedes educativas",
                "clases en linea", "clases presenciales", "online classes", "idiomas",
                "language school", "escuela de idiomas", "instituto de idiomas", "ingles basico",
                "english courses", "cursos de ingles", "desercion", "desercion escolar", "dropout",
                "dropouts", "student retention", "retencion de alumnos",
                "retencion de estudiantes", "courses", "online courses", "training courses",
                "cursos online", "programas academicos", "academic programs", "pregrado",
                "postgrado", "posgrado", "undergraduate", "postgraduate", "graduate programs",
                "maestria", "maestrias", "mba", "licenciatura", "licenciaturas", "facultad",
                "faculty", "rector", "rectoria", "decano", "dean", "prospective students",
                "postulantes", "open day", "jornada de puertas abiertas", "inscripciones",
                "inscripcion", "enrolment", "enrollments", "aranceles", "tuition fees",
                "mensualidades", "cuotas escolares", "padres de familia", "parents",
                "kindergarten", "preschool", "preescolar", "primaria", "secundaria",
                "bachillerato", "high school", "primary school", "secondary school",
                "learning platform", "plataforma educativa", "lms", "moodle", "campus virtual",
                "aulas", "classrooms", "homework", "grades", "titulacion", "egresados",
                "graduates", "alumni", "edtech platform",
                # lexicon 3: "colegios" is ordinary: furniture or food makers sell to schools too.
                "colegios", "alumnos", "estudiantes", "students", "apoderados", "padres de familia",
                "matricula", "matriculas", "enrollment", "enrolment", "colegiatura", "docentes",
                "profesores", "teachers", "carreras", "cursos", "courses", "admisiones",
                "admissions",
                decisive=(
                    "universidad", "university", "colegio", "edtech", "education", "educacion",
                    "institucion educativa", "college", "centro de formacion tecnica",
                    "universidades", "escuelas", "schools", "universities",
                    "instituto profesional", "centro educativo", "institucion de educacion",
                    "language schools", "academia de idiomas", "red de colegios", "school network",
                    "business school", "escuela de negocios", "preuniversitarios",
                    "instituto de educacion", "educacion superior", "higher education",
                    "online university", "universidad online", "bootcamps",
                    "escuela de programacion", "coding school",
                ),
            ),
        ),
        BusinessSector.GOVERNMENT: ValueEntry(
            "sector público",
            cues(
                "ministry", "servicio publico", "estatal", "alcaldia", "intendencia",
                "gobierno regional", "agencia gubernamental", "licitacion", "mercado publico",
                "chilecompra", "compras publicas", "public procurement", "tender", "ciudadano",
                "citizen", "tramite", "city hall", "federal", "public agency", "vecino",
                "reparticion publica", "funcionario publico", "civil servant", "contraloria",
                "transparencia", "ley de transparencia", "subsecretaria", "gobernacion", "comuna",
                "permisos de circulacion", "patentes", "funcionarios", "acuerdo marco",
                "vigencia fiscal", "ciudadania", "ministerio de", "county", "counties",
                "county administration", "municipal", "municipales", "municipalidades",
                "ayuntamiento", "ayuntamientos", "alcalde", "gobernador", "governor",
                "property taxes", "tax collection", "revenue directorate", "business permits",
                "licencias de funcionamiento", "patentes comerciales", "auditor general",
                "auditor-general", "contribuyentes", "taxpayers", "taxpayer", "procurement rules",
                "licitaciones", "tenders", "compras del estado", "presupuesto publico",
                "public budget", "ministerios", "ministries", "agencia estatal", "state agency",
                "government agency", "public services", "servicios al ciudadano",
                "atencion ciudadana", "citizens", "ciudadanos", "vecinos", "ventanilla unica",
                "one-stop shop", "registro civil", "civil registry", "seguridad social",
                "social security", "public-sector", "public sector clients", "gobierno digital",
                "digital government", "e-government", "decretos", "ordenanzas",
                "normativa publica", "funcionarios publicos", "civil servants", "public officials",
                "elected officials", "concejo municipal", "city council", "state government",
                "federal government", "prefectura", "gobierno provincial", "gobierno estatal",
                "gobierno federal", "parking fees", "market fees", "land rates",
                "multas de transito", "traffic fines", "permisos de construccion",
                "building permits", "county council", "tax office",
                # lexicon 3: "municipios" is ordinary: a supplier also names the towns it serves.
                "municipios", "ciudadanos", "citizens", "tramites", "tramite", "vecinos",
                "servicios municipales", "municipal services", "licitacion publica",
                "public tender", "contraloria", "funcionarios publicos", "civil servants",
                decisive=(
                    "municipalidad", "gobierno", "government", "ministerio", "sector publico",
                    "public sector", "institucion publica", "organismo publico", "gobierno local",
                    "local government", "servicio del estado", "entidad publica",
                    "agencia nacional", "municipio", "county government", "county executive",
                    "city government", "municipal government", "gobierno municipal",
                    "gobierno de la ciudad", "public administration", "administracion publica",
                    "ente publico", "servicio publico de", "empresa del estado", "state-owned",
                    "government department", "departamento de gobierno", "public body",
                    "alcaldias", "gobernacion de", "intendencia de",
                ),
            ),
        ),
        BusinessSector.AGROINDUSTRY: ValueEntry(
            "agroindustria",
            cues(
                "agricultura", "agriculture", "cosecha", "harvest", "fruta", "fruticola",
                "exportadora de fruta", "vinedo", "salmon", "salmonera", "acuicultura",
                "ganaderia", "ganado", "cattle", "lecheria", "semilla", "fertilizante", "cultivo",
                "crop", "farm", "farming", "fundo", "hectarea", "packing", "riego", "irrigation",
                "cereal", "soja", "agricultor", "farmer", "productor agricola", "agroquimico",
                "temporero", "exportacion de fruta", "cerezas", "arandanos", "uva",
                "exportadora de uva", "productores", "temporada de cosecha", "fundos",
                "agricultural", "orchards", "huertos", "agricultores", "farmers",
                "productores agricolas", "huerto", "orchard", "frutas", "fruit", "fresh produce",
                "hortalizas", "vegetables", "verduras", "berries", "paltas", "aguacate", "avocado",
                "avocados", "citricos", "citrus", "manzanas", "apples", "nueces", "walnuts",
                "almendras", "cafe de especialidad", "coffee growers", "cafetaleros", "cacao",
                "cocoa", "cana", "azucar", "sugarcane", "trigo", "wheat", "maiz", "corn", "arroz",
                "rice", "soya", "soybean", "granos", "grains", "silos", "acopio", "fertilizantes",
                "fertilizer", "agroquimicos", "pesticidas", "pesticides", "semillas", "viveros",
                "invernadero", "invernaderos", "greenhouse", "greenhouses", "hectareas",
                "hectares", "acres", "tractores", "tractors", "maquinaria agricola",
                "farm machinery", "cosechas", "harvests", "siembra", "planting", "plantaciones",
                "plantations", "ganaderos", "ranchers", "livestock", "cattle ranch", "lecheros",
                "dairy farm", "dairy farms", "avicola", "poultry", "polleros", "porcinos", "pigs",
                "acuicola", "aquaculture", "pesca", "fishing", "fisheries", "salmoneras",
                "centros de cultivo", "packing de fruta", "packhouse", "packhouses",
                "exportamos fruta", "we export fruit", "exportacion agricola",
                "agricultural exports", "cooperativa agricola", "agricultural cooperative",
                "campo agricola", "fincas", "finca", "temporeros", "seasonal pickers",
                decisive=(
                    "agroindustria", "agroindustrial", "agricola", "agribusiness", "agro",
                    "agroexportadora", "agritech", "agtech", "agricultural company",
                    "empresa agricola", "exportadora de frutas", "fruit exporter",
                    "agricultural producer", "productora agricola", "agronegocio", "agronegocios",
                    "agropecuaria", "agropecuario", "empresa ganadera", "salmonicultura",
                    "pesquera", "agrifood", "agroalimentaria", "agri-food",
                ),
            ),
        ),
        BusinessSector.MANUFACTURING: ValueEntry(
            "manufactura",
            cues(
                "planta", "fabricamos", "fabricante", "manufacturer", "industrial", "industria",
                "linea de produccion", "production line", "maquinaria", "machinery",
                "metalmecanica", "plastico", "textil", "envase", "packaging", "ensamblaje",
                "assembly", "insumo industrial", "acero", "steel", "quimica", "chemical",
                "produccion", "production", "materia prima", "raw material",
                "mantenimiento de maquina", "oem", "inyeccion", "soplado", "datos de planta",
                "ordenes de produccion", "manufactura de", "plastics", "injection molding",
                "fabricamos piezas", "piezas", "moldes", "manufacturing execution system",
                "carton", "carton corrugado", "cajas de carton", "corrugado", "corrugated",
                "cardboard", "cardboard boxes", "plantas", "nuestras plantas", "our plants",
                "our plant", "production planning", "planificacion de la produccion", "planta de",
                "manufacturamos", "we manufacture", "producimos", "we produce", "cnc", "torno",
                "tornos", "soldadura", "welding", "fundicion de", "estampado", "troquelado",
                "extrusion", "moldeo", "molding", "moulding", "mecanizado", "machining",
                "autopartes", "electronic components", "envases plasticos", "envases de vidrio",
                "vidrio", "glass", "paper mill", "papelera", "celulosa", "pulp", "quimicos",
                "chemicals", "pinturas", "paints", "coatings", "textiles", "hilados", "telas",
                "fabrics", "confeccion", "garment", "garments", "muebles de madera", "carpinteria",
                "aserradero", "sawmill", "metalurgica", "metallurgy", "foundry", "siderurgica",
                "steel mill", "aluminio", "aluminum", "aluminium", "turnos de produccion",
                "production shifts", "paradas de planta", "oee", "scrap",
                "mantenimiento preventivo", "preventive maintenance", "plc", "plcs",
                "erp de planta", "shop floor data", "bill of materials", "lista de materiales",
                "proveedores de insumos", "insumos", "raw materials", "materias primas",
                "distribuidores industriales", "b2b industrial", "clientes industriales",
                "industrial clients", "industrial customers", "ingenieria de procesos",
                "control de calidad", "quality control", "lotes de produccion",
                "production batches", "fabrica", "factory", "fabricas", "factories",
                # lexicon 3: a client that says it makes things in its own plant.
                "fabricamos", "fabricantes", "somos fabricantes", "mobiliario",
                "mobiliario metalico", "puestos de trabajo", "planta de produccion",
                "production plant", "produccion de", "rechazos", "mermas de produccion",
                "ordenes de fabricacion", "manufacturing", "manufacture", "we make",
                "hacemos piezas", "maquila", "maquiladora",
                decisive=(
                    "manufactura", "manufacturing", "planta de produccion",
                    "empresa manufacturera", "planta industrial", "manufacturera",
                    "somos fabricantes", "fabricante de", "manufacturer of",
                    "contract manufacturer", "planta de manufactura", "manufacturing plant",
                    "manufacturing company", "industrial manufacturer", "plastics manufacturer",
                    "fabrica de", "empresa industrial", "industrial company",
                    "packaging manufacturer", "fabricante de envases", "fabricamos envases",
                    "fabricamos cajas",
                    "empresa manufacturera", "manufacturing company", "manufacturera",
                    "fabricante de", "somos una fabrica", "we are a manufacturer",
                ),
            ),
        ),
        BusinessSector.CONSTRUCTION: ValueEntry(
            "construcción",
            cues(
                "obra", "edificacion", "ingenieria civil", "contratista", "contractor",
                "material de construccion", "cemento", "hormigon", "concrete", "building material",
                "arquitectura", "remodelacion", "renovation", "edificio", "proyecto de obra",
                "jefe de obra", "subcontratista", "subcontractor", "vivienda",
                "proyectos sobre planos", "sobre planos", "obras", "contratistas", "we build",
                "homebuilder", "edificios", "constructoras", "maestro de obra", "maestros de obra",
                "building site", "building sites", "construction site", "construction sites",
                "job site", "jobsite", "obras civiles", "civil works", "infrastructure projects",
                "obras de infraestructura", "proyectos de construccion", "construction projects",
                "licitaciones de obra", "presupuestos de obra", "avance de obra",
                "residente de obra", "site manager", "site managers", "project managers de obra",
                "arquitectos", "architects", "ingenieros civiles", "civil engineers",
                "constructor", "builders", "homebuilders", "viviendas sociales", "social housing",
                "casas prefabricadas", "prefab", "modular homes", "steel framing", "albanileria",
                "masonry", "ferreteria industrial", "aridos", "aggregates", "asfalto", "asphalt",
                "pavimentacion", "paving", "carreteras", "roads", "highways", "puentes", "bridges",
                "movimiento de tierra", "earthworks", "excavacion", "excavation", "demolicion",
                "demolition", "gruas", "cranes", "andamios", "scaffolding", "hormigon premezclado",
                "ready-mix", "ladrillos", "bricks", "terminaciones", "acabados", "fit-out",
                "instalaciones electricas", "electrical contractor", "plumbing", "gasfiteria",
                "climatizacion", "hvac contractor", "remodelaciones", "renovations",
                "construction", "construccion",
                decisive=(
                    "constructora", "construction company", "empresa constructora", "obra civil",
                    "construimos", "construction firm", "general contractor",
                    "empresa de construccion", "building contractor", "homebuilding",
                    "home builder", "constructora de", "inmobiliaria y constructora",
                    "obras publicas", "public works", "ingenieria y construccion",
                    "engineering and construction", "epc contractor",
                ),
            ),
        ),
        BusinessSector.MINING: ValueEntry(
            "minería",
            cues(
                "mina", "mine", "cobre", "copper", "litio", "lithium", "oro", "gold",
                "faena minera", "faena", "yacimiento", "codelco", "proveedor minero", "relave",
                "chancado", "mineral", "ore", "tonelada", "ton", "exploracion minera",
                "campamento", "planta concentradora", "concentradora", "fundicion", "smelter",
                "mine owners", "mine owner", "mine site", "mine sites", "minas", "drill and blast",
                "drill-and-blast", "load and haul", "load-and-haul", "haul trucks",
                "camiones de extraccion", "perforacion", "drilling", "tronadura", "blasting",
                "voladura", "open pit", "rajo abierto", "tajo abierto", "underground mine",
                "mina subterranea", "concentrate", "molienda", "grinding", "flotacion",
                "flotation", "lixiviacion", "leaching", "relaves", "tailings",
                "contratista minero", "contratistas mineros", "servicios mineros",
                "mining services", "empresas mineras", "mining companies", "mineras", "miners",
                "mineros", "carbon mineral", "coal", "coal mine", "iron ore", "hierro", "silver",
                "zinc", "molibdeno", "nickel", "niquel", "geologia", "geology", "geologos",
                "sondajes", "mining equipment", "equipos mineros", "faenas", "campamentos",
                "fly-in fly-out", "seguridad minera", "mine safety", "sernageomin", "cochilco",
                decisive=(
                    "mineria", "minera", "mining", "mining company", "sector minero",
                    "mining contractor", "mining services company", "empresa minera",
                    "compania minera", "minera de", "mining operation", "mining operations",
                    "proveedor de la mineria", "mining supplier", "gran mineria",
                    "mediana mineria",
                ),
            ),
        ),
        BusinessSector.MEDIA_ENTERTAINMENT: ValueEntry(
            "medios y entretenimiento",
            cues(
                "television", "radio", "streaming", "musica", "music", "concierto", "concert",
                "cine", "cinema", "pelicula", "movie", "videojuego", "gaming", "periodico",
                "newspaper", "editorial", "publishing", "suscriptor", "podcast", "espectaculo",
                "ticketera", "ticketing", "artista", "artist", "productora de evento", "teatro",
                "theater", "festival", "audiobook", "audiolibro", "podcast network",
                "red de podcasts", "subscribers", "suscriptores", "productora audiovisual",
                "canal de youtube", "canal de tv", "canales de television", "radios", "emisora",
                "emisoras", "radio stations", "broadcasting", "programming schedule",
                "televidentes", "viewers", "oyentes", "listeners", "lectores", "readers",
                "diario digital", "digital newspaper", "medio digital", "digital media",
                "news site", "sitio de noticias", "periodistas", "journalists", "redaccion",
                "newsroom", "revistas", "magazines", "muro de pago", "paywall",
                "suscripciones digitales", "digital subscriptions", "plataforma de streaming",
                "streaming platform", "ott", "video on demand", "vod", "series", "movies",
                "peliculas", "films", "estudio de cine", "film studio", "productora de cine",
                "productoras", "sello discografico", "record label", "discografica", "conciertos",
                "concerts", "eventos en vivo", "live events", "boleteria de eventos", "venue",
                "venues", "teatros", "cines", "cinemas", "videojuegos", "video games",
                "game studio", "esports", "editorial de libros", "book publisher",
                "creadores de contenido", "content creators", "agencia de medios", "media agency",
                "anunciantes", "advertisers", "inventario publicitario", "ad inventory",
                "pauta publicitaria", "oyentes de podcast", "episodios", "episodes",
                "espectaculos", "festivales", "festivals", "parques tematicos",
                decisive=(
                    "entretenimiento", "entertainment", "productora", "canal de television",
                    "medio de comunicacion", "media company", "tv channel", "broadcaster",
                    "grupo de medios", "media group", "estacion de radio", "radio station",
                    "streaming service", "servicio de streaming", "publishing house",
                    "casa editorial", "periodico digital", "productora de contenidos",
                    "productora de eventos", "ticketing company", "entertainment company",
                    "empresa de entretenimiento", "news outlet", "medio de noticias",
                    "cadena de cines", "cinema chain", "game developer", "estudio de videojuegos",
                ),
            ),
        ),
        BusinessSector.SOFTWARE_SAAS: ValueEntry(
            "software / SaaS",
            cues(
                "software", "startup tecnologica", "empresa de tecnologia", "tech company",
                "desarrollamos software", "suscripcion mensual", "b2b saas",
                "licencia de software", "desarrollo de software", "software development",
                "producto digital", "mrr", "arr", "usuario de la plataforma", "trial user",
                "free trial", "freemium", "churn de usuario", "developer", "desarrollador",
                "nuestra app", "our app", "nuestra plataforma", "our platform", "plataforma b2b",
                "b2b platform", "accounting platform", "per-seat", "per seat", "trial signups",
                "paid plans", "project-management software", "product analytics", "software de",
                "software for", "software para", "nuestros usuarios", "our users", "signups",
                "saas platform", "nuestro software", "our software", "suscripciones",
                "subscriptions", "subscription plans", "planes de suscripcion",
                "monthly recurring revenue", "annual recurring revenue", "seats",
                "onboarding de usuarios", "user onboarding", "activation rate",
                "tasa de activacion", "free plan", "plan gratuito", "paid plan", "product-led",
                "plg", "in-app", "dentro de la app", "feature adoption",
                "adopcion de funcionalidades", "usuarios activos", "active users", "dau", "mau",
                "api publica", "public api", "developers", "desarrolladores", "dev team",
                "equipo de desarrollo", "roadmap de producto", "product roadmap", "sprints",
                "cloud-based", "erp en la nube", "cloud erp", "our own crm", "software contable",
                "accounting software", "software de gestion", "management software",
                "software de rrhh", "hr software", "software de nomina", "payroll software",
                "punto de venta en la nube", "pos software", "tech startup", "startup", "scaleup",
                "scale-up", "customers sign up", "registros en la plataforma", "cuentas creadas",
                "workspaces",
                # lexicon 3: a software vendor's own subscription business.
                "vendemos la suscripcion", "pruebas gratis", "prueba gratis", "free trial",
                "free trials", "nuestro software", "our software", "pasan a pagar",
                "paying customers",
                decisive=(
                    "saas", "empresa de software", "software company", "software as a service",
                    "software como servicio", "plataforma saas", "we make software",
                    "hacemos software", "software b2b", "b2b software", "saas company",
                    "empresa saas", "startup de software", "software startup", "saas b2b",
                    "desarrollamos una plataforma", "we build software", "we develop software",
                    "software house", "software factory", "fabrica de software",
                    "proveedor de software", "software vendor", "software provider",
                    "somos una plataforma", "we're a platform", "we are a platform",
                ),
            ),
        ),
        BusinessSector.REAL_ESTATE: ValueEntry(
            "inmobiliario",
            cues(
                "propiedad", "property", "arriendo", "alquiler", "rental", "rent",
                "corredor de propiedad", "broker inmobiliario", "realtor", "proyecto inmobiliario",
                "venta de departamento", "condominio", "administracion de edificio", "apartment",
                "housing", "sala de venta", "showroom", "cotizante", "credito hipotecario",
                "mortgage", "hipoteca", "home buyer", "visita a la propiedad", "tenant",
                "arrendatario", "portales", "portales inmobiliarios", "corredores", "rental units",
                "tenants", "viewings", "letting", "propiedades", "inquilinos", "pie inicial",
                "down payment", "office towers", "office tower", "office buildings",
                "oficinas en arriendo", "torres de oficinas", "edificios de oficinas",
                "residential", "residencial", "residential estates", "conjuntos residenciales",
                "lease", "leases", "contratos de arriendo", "arriendos", "alquileres", "rentals",
                "vacancia", "vacancy rate", "portfolio of properties", "proptech", "landlord",
                "landlords", "propietarios", "we own and manage", "administramos edificios",
                "administracion de propiedades", "administracion de condominios", "gastos comunes",
                "common expenses", "residentes", "building management", "facility management",
                "car parks", "locales en arriendo", "retail space", "commercial space",
                "espacios comerciales", "strip center", "strip centers",
                "arriendo de departamentos", "venta de departamentos", "departamento piloto",
                "show apartment", "venta de casas", "casas y departamentos", "houses",
                "homes for sale", "loteo", "loteos", "parcelas", "land plots", "venta de terrenos",
                "m2", "metros cuadrados", "square meters", "square feet", "sq ft",
                "visitas a propiedades", "property viewings", "agentes inmobiliarios",
                "real estate agents", "corredores de propiedades", "escrituras",
                "promesa de compraventa", "compraventa", "reserva de departamento",
                "desarrollos inmobiliarios", "preventa", "entrega inmediata",
                "cotizaciones de departamentos", "interesados en comprar", "subsidio habitacional",
                "coworking", "coworkings", "bodegas en arriendo", "self storage", "mini bodegas",
                # lexicon 3: landlords and building managers.
                "edificios de departamentos", "departamentos en arriendo", "arrendatarios",
                "arriendos", "administramos", "conserjeria", "conserjes", "mantencion de edificios",
                "apartments", "flats", "renters", "alquilamos", "arrendamos", "we rent",
                "property portfolio", "cartera de propiedades",
                decisive=(
                    "inmobiliaria", "inmobiliario", "real estate", "bienes raices",
                    "corredora de propiedad", "real estate agency", "desarrolladora inmobiliaria",
                    "corretaje", "lettings", "property management", "property developer",
                    "real estate developer", "inmobiliarias", "real estate company",
                    "property company", "property manager", "property managers",
                    "administradora de propiedades", "administradora de edificios",
                    "corredora de propiedades", "agencia inmobiliaria", "proyectos inmobiliarios",
                    "real estate investment", "fondo inmobiliario", "reit",
                    "constructora e inmobiliaria", "gestion inmobiliaria",
                    "desarrollo inmobiliario", "bienes inmuebles", "inmuebles",
                    "administramos edificios", "administramos # edificios", "edificios en arriendo",
                    "renta de departamentos", "multifamily", "build to rent", "multifamiliar",
                    "administradora inmobiliaria",
                ),
            ),
        ),
        BusinessSector.FOOD_BEVERAGES: ValueEntry(
            "alimentos y bebidas",
            cues(
                "food", "beverage", "drink", "restaurante", "restaurant", "cafeteria", "cafe",
                "panaderia", "bakery", "pasteleria", "delivery de comida", "cerveza", "beer",
                "vino", "wine", "vina", "lacteo", "dairy", "snack", "catering", "dark kitchen",
                "food truck", "heladeria", "chocolate", "distribuidora de alimento", "embutido",
                "jugo", "juice", "gastronomia", "pedido de comida", "comensal", "diner", "chef",
                "pollerias", "cerveceria artesanal", "galletas", "galletitas",
                "banco de alimentos", "bakery chain", "comida rapida", "pizzas", "sushi",
                "cafeterias", "alimentos", "bebidas", "pan", "pan dulce", "pan de caja", "bread",
                "botanas", "tenderos", "tendero", "tienditas", "almacenes de barrio",
                "bodegas de barrio", "corner shops", "mom-and-pop", "vendedores de ruta",
                "preventa en ruta", "route sales", "distribuidora de bebidas", "bottler",
                "bottling", "gaseosas", "refrescos", "soft drinks", "agua embotellada",
                "bottled water", "leche", "milk", "yogur", "queso", "quesos", "cheese", "helados",
                "ice cream", "coffee", "tea", "vinos", "vinas", "cervezas", "craft beer",
                "licores", "spirits", "destileria", "distillery", "pisco", "tequila", "mezcal",
                "cecinas", "embutidos", "meat", "frigorifico", "meatpacking", "pollos", "chicken",
                "aves", "mariscos", "seafood", "conservas", "canned food", "congelados",
                "frozen food", "salsas", "sauces", "condimentos", "harinas", "flour", "pastas",
                "fideos", "dulces", "confites", "candy", "confectionery", "golosinas",
                "alimentos procesados", "processed food", "platos", "dishes", "meseros",
                "garzones", "waiters", "food delivery", "pedidos de comida", "rappi", "uber eats",
                "pedidosya", "didi food", "dark kitchens", "cocinas ocultas",
                "franquicia de comida", "quick service", "qsr", "fast food", "hamburguesas",
                "burgers", "pizza", "empanadas", "tacos", "taqueria", "sandwiches", "bakeries",
                "panaderias", "pastelerias", "tortas", "cakes", "banqueteria",
                "casino de alimentacion", "food service", "foodservice", "recetas de cocina",
                "ingredientes", "ingredients", "inocuidad alimentaria", "food safety", "haccp",
                "sanitary registration", "fecha de vencimiento", "expiry dates", "shelf life",
                "vida util", "cocina", "kitchen", "comida", "carne", "arepas", "arepera",
                "domicilios", "domiciliario", "domiciliarios", "pedidos a domicilio",
                "locales de comida", "food stalls", "food court",
                # lexicon 3: coffee roasters and other drink makers.
                "specialty coffee", "cafe de especialidad", "roastery", "roasters", "we roast",
                "tostamos", "tostaduria", "coffee roaster", "grano de cafe", "coffee beans",
                "wholesale to cafes", "menu", "carta", "platillos", "mesas del restaurante",
                decisive=(
                    "food and beverage", "food & beverage", "alimentos y bebidas",
                    "industria alimentaria", "food company", "cadena de restaurante",
                    "restaurant chain", "cerveceria", "polleria", "pizzeria", "brewery",
                    "panificadora", "empresa de alimentos", "fabrica de alimentos",
                    "food manufacturer", "food producer", "productora de alimentos",
                    "cadena de panaderias", "cadena de cafeterias", "coffee chain",
                    "cadena de comida rapida", "fast food chain", "restaurant group",
                    "grupo gastronomico", "embotelladora", "bebidas y alimentos",
                    "food and drinks", "beverage company", "empresa de bebidas", "winery",
                    "bodega de vinos", "lacteos", "dairy company", "empresa lactea",
                    "tostadora de cafe", "coffee roasters", "roast specialty coffee",
                ),
            ),
        ),
        BusinessSector.CPG: ValueEntry(
            "consumo masivo",
            cues(
                "producto de consumo", "bienes de consumo", "cosmetico", "cosmetica",
                "cuidado personal", "personal care", "producto de limpieza", "cleaning product",
                "higiene", "detergente", "canal tradicional", "trade marketing",
                "marca de consumo", "belleza", "beauty", "skincare", "sell-out", "sell out",
                "sell in", "gondola", "shelf", "categoria de producto", "consumidor",
                "consumidores", "consumidor final", "supermercados y almacenes", "envases",
                "promociones", "equipo de marcas", "linea de producto", "marcas propias", "snacks",
                "galletitas", "cosmetica natural", "cosmetics", "shoppers", "sell-through",
                "cuidado del hogar", "home care", "household products", "productos para el hogar",
                "suavizante", "suavizantes", "ambientador", "ambientadores", "detergentes",
                "lavavajillas", "limpieza del hogar", "productos de limpieza", "cleaning products",
                "jabon", "jabones", "shampoo", "champu", "desodorante", "deodorant", "cremas",
                "lotions", "maquillaje", "makeup", "fragancias", "fragrances", "perfumes",
                "panales", "diapers", "papel higienico", "toilet paper", "toallas humedas",
                "wipes", "cuidado bucal", "oral care", "pasta dental", "toothpaste",
                "alimento para mascotas", "pet food", "cadenas de supermercados",
                "grandes cadenas", "supermarket chains", "vendemos a supermercados",
                "vendemos a las cadenas", "sell to retailers", "sell through retailers",
                "we sell to supermarkets", "mayoristas", "wholesalers", "canal moderno",
                "modern trade", "traditional trade", "sell-in", "sell-out data",
                "datos de sell-out", "sale por caja", "roturas de stock", "quiebres de stock",
                "category management", "gestion de categorias", "planogramas", "planograms",
                "share of shelf", "nielsen", "scanntech", "kantar",
                "activaciones en punto de venta", "promotoras", "mercaderistas", "merchandisers",
                "merchandising", "product launches", "brand managers", "brand manager",
                "gerente de marca", "our brands", "nuestras marcas", "consumer", "consumers",
                "drogueria y perfumeria",
                # lexicon 3: personal-care and household brands.
                "haircare", "hair care", "cuidado capilar", "skincare", "skin care", "cosmetics",
                "cosmeticos", "personal care", "cuidado personal", "shampoo", "champu",
                "beauty products", "productos de belleza", "detergentes", "productos de limpieza",
                "cleaning products",
                decisive=(
                    "consumo masivo", "cpg", "consumer goods", "fmcg", "consumer packaged goods",
                    "bienes de consumo masivo", "productos de consumo masivo",
                    "consumer products company", "fabricante de consumo",
                    "empresa de consumo masivo", "consumer goods company", "cosmetics brand",
                    "marca de cosmeticos", "marca de cuidado personal", "personal care brand",
                    "household goods", "consumer brands", "marcas de consumo",
                ),
            ),
        ),
        BusinessSector.AUTOMOTIVE: ValueEntry(
            "automotriz",
            cues(
                "dealer", "vehiculo", "vehicle", "car", "repuesto", "spare part",
                "taller mecanico", "mecanica", "neumatico", "tire", "test drive", "camioneta",
                "moto", "motorcycle", "car dealer", "marca de auto", "car brand", "seminuevo",
                "used car", "post venta", "postventa", "after sales", "aftersales", "carros",
                "agencias de autos", "talleres mecanicos", "repuestos", "autos y camiones",
                "car parts", "dealers", "cars", "vehiculos", "vehicles", "automoviles",
                "automovil", "dealerships", "dealer group", "grupo automotriz", "venta de autos",
                "car sales", "autos nuevos", "new cars", "autos usados", "used cars", "seminuevos",
                "pre-owned", "test drives", "pruebas de manejo", "prueba de manejo",
                "financiamiento automotriz", "car finance", "trade-in", "parte de pago",
                "workshop bays", "service bays", "citas de servicio", "service appointments",
                "mantenciones", "mantenimiento de vehiculos", "vehicle maintenance", "neumaticos",
                "tires", "tyres", "llantas", "baterias de auto", "lubricentro", "lubricentros",
                "car wash", "lavado de autos", "spare parts", "motos", "motorcycles", "scooters",
                "camionetas", "pickups", "suv", "suvs", "sedan", "marcas de autos", "car brands",
                "importador de vehiculos", "vehicle importer", "distribuidor de vehiculos",
                "ensambladora", "assembly plant", "oem automotriz", "fleet sales",
                "leasing de vehiculos", "renting de vehiculos", "car leasing", "showrooms",
                "salas de venta de autos", "vendedores de autos", "car salesmen",
                # lexicon 3: car repair and servicing.
                "servicio mecanico", "kilometraje", "mileage",
                "cambio de aceite", "oil change", "afinacion", "tune-up", "refacciones",
                "mecanicos", "mechanics", "hojalateria", "body shop", "autos", "coches",
                "concesionarios de coches",
                decisive=(
                    "automotriz", "automotora", "concesionario", "concesionaria", "automotive",
                    "dealership", "industria automotriz", "car dealership", "concesionarios",
                    "repuestos automotrices", "auto parts", "dealer de autos",
                    "concesionaria de autos", "concesionario de autos", "car dealer group",
                    "automotive group", "grupo automotor", "automotoras", "importadora de autos",
                    "importador de autos", "red de concesionarios", "dealer network",
                    "car manufacturer", "automaker", "fabricante de autos", "autopartes",
                    "taller automotriz", "talleres automotrices", "auto repair", "car repair",
                    "red de talleres", "talleres de mantenimiento", "taller de reparacion",
                    "talleres de servicio", "repair shops", "car service centres",
                    "car service centers",
                    # lexicon 3: used-car dealers.
                    "compraventa de autos", "compraventa de vehiculos", "venta de autos usados",
                ),
            ),
        ),
        BusinessSector.NGO: ValueEntry(
            "ONG / sin fines de lucro",
            cues(
                "fundacion", "foundation", "voluntario", "volunteer", "donante", "donor",
                "donacion", "donation", "beneficiario", "beneficiary", "caridad", "charity",
                "causa social", "social cause", "socio donante", "impacto social", "social impact",
                "campana de recaudacion", "fundraising", "recaudacion", "food bank",
                "nonprofit discount", "apoyamos a", "familias vulnerables",
                "comunidades vulnerables", "donantes", "donors", "socios donantes",
                "socios que donan", "donan", "donate", "donations", "donaciones",
                "cuotas de socios", "membership fees", "captacion de fondos", "fundraisers",
                "recaudacion de fondos", "campana de donacion", "apadrinamiento", "apadrinados",
                "sponsorship of children", "child sponsorship", "cooperacion al desarrollo",
                "development cooperation", "ayuda humanitaria", "humanitarian aid", "humanitarian",
                "proyectos sociales", "social programs", "programas sociales", "vulnerable",
                "vulnerables", "beneficiarios", "beneficiaries", "voluntarios", "volunteers",
                "voluntariado", "volunteering", "patronato", "board of trustees", "trustees",
                "grants", "subvenciones", "fondos concursables", "certificado de donacion",
                "certificado fiscal", "tax receipt", "donor crm", "crm de donantes",
                "mision social", "social mission", "refugiados", "refugees",
                "personas en situacion de calle", "homeless", "conservacion", "conservation",
                "proteccion animal", "animal welfare", "rescate animal", "animal shelter",
                "iglesia", "church", "parroquia", "religious", "tercer sector", "third sector",
                decisive=(
                    "ong", "ngo", "sin fines de lucro", "non-profit", "nonprofit", "non profit",
                    "corporacion sin fines de lucro", "organizacion sin fines de lucro",
                    "entidad sin animo de lucro", "entidades sin animo de lucro",
                    "sin animo de lucro", "not-for-profit", "not for profit", "charities",
                    "ong de", "organizacion social", "organizacion benefica",
                    "charitable organization", "fundacion de", "somos una fundacion",
                    "we are a charity", "asociacion civil", "corporacion sin fines",
                    "non-governmental organization", "organizacion no gubernamental",
                ),
            ),
        ),
        BusinessSector.HUMAN_RESOURCES: ValueEntry(
            "recursos humanos",
            cues(
                "reclutamiento", "recruiting", "recruitment", "seleccion de personal",
                "headhunting", "consultora de rrhh", "talento", "talent",
                "outsourcing de personal", "nomina", "payroll", "remuneracion", "candidato",
                "candidate", "postulacion", "oferta laboral", "job board", "bolsa de trabajo",
                "job posting", "vacante", "vacancy", "hiring", "contratacion de personal",
                "reclutador", "recruiter", "entrevista laboral", "job interview", "reclutadoras",
                "reclutadores", "entrevistas", "contratar personas", "liquidacion de sueldos",
                "liquidamos sueldos", "liquidaciones de sueldo", "payroll processing",
                "gestion de personal", "gestion de nomina", "legajos", "legajo",
                "control de asistencia", "attendance tracking", "relojes de fichaje",
                "reloj de control", "time and attendance", "empleados liquidados", "tercerizacion",
                "personal temporal", "trabajadores temporales", "temporary staff", "temp workers",
                "associates we place", "we place", "placements", "job boards",
                "portales de empleo", "bolsas de trabajo", "ofertas de empleo", "job ads",
                "avisos de empleo", "cost per applicant", "costo por postulante", "applicants",
                "postulantes", "candidates", "candidatos", "cvs", "curriculums", "hojas de vida",
                "resumes", "ats", "applicant tracking", "onboarding de empleados",
                "employee onboarding", "beneficios para empleados", "employee benefits",
                "clima laboral", "engagement de empleados", "employee engagement",
                "evaluacion de desempeno", "performance reviews", "capacitacion de personal",
                "headhunters", "executive search", "busqueda de ejecutivos", "psicolaboral",
                "entrevistas laborales", "procesos de seleccion", "selection processes",
                "light-industrial", "light industrial", "vacantes", "vacancies", "hiring managers",
                "recruiters", "reclutamos", "we recruit", "bolsa de empleo", "empleabilidad",
                "employability",
                decisive=(
                    "recursos humanos", "rrhh", "human resources", "headhunter", "staffing",
                    "empresa de reclutamiento", "recruitment agency", "hr tech", "hrtech",
                    "consultora de recursos humanos", "consultora de reclutamiento",
                    "staffing company", "staffing agency", "empresa de servicios transitorios",
                    "agencia de empleo", "employment agency", "consultora de seleccion",
                    "outsourcing de nomina", "payroll outsourcing", "payroll provider",
                    "proveedor de nomina", "empresa de outsourcing", "headhunting firm",
                    "recruitment firm", "temp agency", "bolsa de empleo online",
                    "portal de empleo", "hr consultancy", "software de rrhh", "hr software",
                ),
            ),
        ),
    },
)

# --- company_size ----------------------------------------------------------------------------
# Words only hint at size; a stated headcount (see HEADCOUNT_NOUNS) decides it.
COMPANY_SIZE: Final = CategoryLexicon(
    # The middle of the scale: an unsupported guess is then at most one size off.
    default=CompanySize.MEDIUM,
    entries={
        CompanySize.SMALL: ValueEntry(
            "pequeña",
            cues(
                "pyme", "pequeno negocio", "emprendimiento", "small company", "startup",
                "somos poco", "equipo pequeno", "negocio familiar", "family business",
                "somos chico", "solo yo", "somos dos", "small team", "mi socio y yo",
                "empresa chica", "negocio chico", "equipo chico", "tiny team", "just me",
                "emprendedor", "una sola tienda", "small nonprofit", "small ngo",
                "small organization", "small shop", "small online shop", "pequena ong",
                "pequena fundacion", "pequena tienda", "negocio pequeno", "small agency",
                "pequena agencia", "pequena clinica", "small clinic", "boutique",
                decisive=("pequena empresa", "microempresa", "small business"),
            ),
        ),
        CompanySize.MEDIUM: ValueEntry(
            "mediana",
            cues(
                "mediana", "midsize", "mid-size", "mid-sized", "medium-sized", "medium sized",
                "en crecimiento", "varias sucursal", "algunas sucursal", "growing company",
                "several branches", "varias tienda", "scale-up", "scaleup",
                decisive=("mediana empresa", "empresa mediana", "mid-market", "mid market"),
            ),
        ),
        CompanySize.LARGE: ValueEntry(
            "grande",
            cues(
                "large company", "big company", "cientos de empleado", "hundreds of employees",
                "lider del mercado", "market leader", "cadena nacional", "presencia nacional",
                "nationwide", "a nivel nacional", "todo el pais", "across the country",
                "cientos de sucursal", "muchas sucursal", "gran volumen", "large volume",
                decisive=("gran empresa", "large enterprise", "empresa grande"),
            ),
        ),
        CompanySize.ENTERPRISE: ValueEntry(
            "corporativa (enterprise)",
            cues(
                "corporativo", "corporacion", "corporation", "global", "holding",
                "grupo empresarial", "conglomerado", "conglomerate", "presencia regional",
                "varios paises", "several countries", "multiple countries",
                "presencia en varios paises", "operaciones en varios paises", "cotiza en bolsa",
                "publicly traded", "listed company", "miles de empleado", "thousands of employees",
                "miles de cliente", "millones de cliente", "millions of customers",
                decisive=("multinacional", "multinational", "fortune 500", "enterprise"),
            ),
        ),
    },
)

# A stated headcount, "tenemos 250 empleados" / "500 employees", is matched by regexes built from
# these words. "personas"/"people" count only after an introducer ("somos unas 40 personas") or
# a comma ("una agencia en Bariloche, 18 personas"), and never before a rate ("300 personas al
# dia" counts customers, not staff).
HEADCOUNT_NOUNS: Final = (
    "empleados", "empleadas", "colaboradores", "colaboradoras", "trabajadores", "trabajadoras",
    "funcionarios", "funcionarias", "employees", "staff", "workers", "headcount", "fte", "ftes",
)
TEAM_NOUNS: Final = ("personas", "people", "persons")
TEAM_NOUNS_SINGULAR: Final = ("person", "persona", "people", "employee", "empleado")
# Words after which "N personas"/"N people" is a headcount; "team of N" counts even without a noun.
TEAM_INTRODUCERS: Final = (
    "somos", "equipo de", "plantilla de", "dotacion de", "we are", "we're", "team of",
    "company of", "empresa de", "unas", "unos", "about", "around", "cerca de", "alrededor de",
    "mas de", "casi", "over", "almost", "approximately", "aproximadamente", "roughly",
)
BARE_TEAM_INTRODUCERS: Final = ("team of", "equipo de", "somos")
HEADCOUNT_WEIGHT: Final = 2 * DECISIVE_WEIGHT
# Spelled-out numbers that state a headcount ("somos doce personas").
NUMBER_WORDS: Final[Mapping[str, int]] = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinticinco": 25, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "eleven": 11, "twelve": 12,
    "fifteen": 15, "a dozen": 12, "dozen": 12, "diez": 10, "veinte": 20, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "cien": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "mil": 1000, "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}
THOUSANDS_WORDS: Final = ("mil", "k", "thousand")

# --- region ----------------------------------------------------------------------------------
# Our convention: Colombia, Venezuela and Ecuador are latam_north (with Mexico, Central America
# and the Caribbean); the rest of South America is latam_south. Ambiguous names are left out:
# "cordoba", "valencia", "santa cruz", "san jose", "cali", and Spanish/English language words.
REGION: Final = CategoryLexicon(
    # Vambe is a Chilean company; the Southern Cone is the most frequent region in labelled data.
    default=Region.LATAM_SOUTH,
    entries={
        Region.LATAM_SOUTH: ValueEntry(
            "Latinoamérica sur",
            cues(
                "chile", "peru", "uruguay", "paraguay", "bolivia", "brasil", "brazil", "santiago",
                "valparaiso", "vina del mar", "concepcion", "antofagasta", "la serena", "temuco",
                "puerto montt", "punta arenas", "rancagua", "talca", "iquique", "arica", "calama",
                "buenos aires", "rosario", "mendoza", "la plata", "mar del plata", "lima",
                "arequipa", "cusco", "trujillo", "montevideo", "punta del este", "asuncion",
                "ciudad del este", "la paz", "cochabamba", "sao paulo", "rio de janeiro",
                "belo horizonte", "brasilia", "curitiba", "porto alegre", "florianopolis",
                "cono sur", "southern cone", "chileno", "chilena", "chilean", "argentino",
                "argentinian", "argentine", "peruano", "peruana", "peruvian", "uruguayo",
                "uruguaya", "uruguayan", "paraguayo", "paraguaya", "boliviano", "boliviana",
                "bolivian", "brasileno", "brasilena", "brazilian", "pesos chilenos",
                "pesos argentinos", "sol peruano", "soles", "guarani", "uf", "clp", "ars", "brl",
                "region metropolitana", "patagonia", "arica y parinacota", "tarapaca", "atacama",
                "coquimbo", "o'higgins", "maule", "nuble", "biobio", "bio bio", "araucania",
                "los rios", "los lagos", "aysen", "magallanes", "chiloe", "osorno", "valdivia",
                "chillan", "copiapo", "ovalle", "quilpue", "curico", "los angeles de chile",
                "comuna", "sur de chile", "norte de chile", "neuquen", "salta", "tucuman",
                "santa fe", "bariloche", "bahia blanca", "entre rios", "jujuy", "ushuaia",
                "interior de argentina", "caba", "conurbano", "piura", "chiclayo", "callao",
                "iquitos", "interior de uruguay", "paysandu", "encarnacion", "sucre", "oruro",
                "recife", "salvador de bahia", "manaus", "campinas",
            ),
        ),
        Region.LATAM_NORTH: ValueEntry(
            "Latinoamérica norte",
            cues(
                "mexico", "ciudad de mexico", "cdmx", "guadalajara", "monterrey", "puebla",
                "tijuana", "cancun", "queretaro", "guatemala", "el salvador", "san salvador",
                "honduras", "tegucigalpa", "san pedro sula", "nicaragua", "managua", "costa rica",
                "panama", "cuba", "la habana", "havana", "republica dominicana",
                "dominican republic", "santo domingo", "puerto rico", "jamaica", "haiti", "caribe",
                "caribbean", "centroamerica", "central america", "america central", "colombia",
                "bogota", "medellin", "barranquilla", "cartagena", "bucaramanga", "venezuela",
                "caracas", "maracaibo", "ecuador", "quito", "guayaquil", "mexicano", "mexicana",
                "mexican", "colombiano", "colombiana", "colombian", "venezolano", "venezolana",
                "venezuelan", "ecuatoriano", "ecuatoriana", "ecuadorian", "guatemalteco",
                "costarricense", "panameno", "dominicano", "puertorriqueno", "hondureno",
                "salvadoreno", "nicaraguense", "pesos mexicanos", "pesos colombianos", "mxn",
                "cop", "bolivares", "centroamericano", "latam norte", "jalisco", "nuevo leon",
                "sinaloa", "sonora", "yucatan", "bajio", "chihuahua", "veracruz", "oaxaca",
                "chiapas", "baja california", "estado de mexico", "edomex", "coahuila",
                "tamaulipas", "guanajuato", "michoacan", "quintana roo", "aguascalientes",
                "san luis potosi", "hidalgo", "morelos", "tabasco", "culiacan", "hermosillo",
                "leon guanajuato", "celaya", "merida yucatan", "toluca", "mazatlan",
                "la republica mexicana", "antioquia", "cundinamarca", "eje cafetero",
                "santa marta", "valle del cauca", "pereira", "manizales", "cucuta",
                "costa colombiana", "costa caribe", "cuenca ecuador", "valencia venezuela",
                "barquisimeto", "san jose de costa rica", "ciudad de guatemala",
                "ciudad de panama",
            ),
        ),
        Region.NORTH_AMERICA: ValueEntry(
            "Norteamérica",
            cues(
                "estados unidos", "ee uu", "eeuu", "usa", "united states", "new york",
                "nueva york", "miami", "los angeles", "san francisco", "silicon valley", "texas",
                "houston", "dallas", "austin", "chicago", "boston", "seattle", "atlanta",
                "florida", "california", "denver", "washington", "canada", "toronto", "vancouver",
                "montreal", "ottawa", "calgary", "norteamerica", "north america", "us market",
                "mercado estadounidense", "american market", "estadounidense", "canadiense",
                "canadian", "new jersey", "phoenix", "arizona", "ontario", "quebec", "u s", "nyc",
                "bay area", "us-based", "us based", "new york city", "los angeles california",
                "philadelphia", "san diego", "portland", "minneapolis", "detroit", "nashville",
                "charlotte", "raleigh", "orlando", "tampa", "las vegas", "salt lake city", "ohio",
                "georgia usa", "illinois", "massachusetts", "colorado", "oregon", "virginia",
                "north carolina", "pennsylvania", "michigan", "minnesota", "british columbia",
                "alberta", "nova scotia", "winnipeg", "edmonton",
            ),
        ),
        Region.EUROPE: ValueEntry(
            "Europa",
            cues(
                "europa", "europe", "european", "europeo", "europea", "espana", "spain", "madrid",
                "barcelona", "sevilla", "bilbao", "malaga", "portugal", "lisboa", "lisbon",
                "oporto", "francia", "france", "paris", "alemania", "germany", "berlin", "munich",
                "italia", "italy", "roma", "rome", "milan", "milano", "reino unido",
                "united kingdom", "uk", "inglaterra", "england", "londres", "london", "irlanda",
                "ireland", "dublin", "holanda", "paises bajos", "netherlands", "amsterdam",
                "belgica", "belgium", "suiza", "switzerland", "suecia", "sweden", "noruega",
                "norway", "dinamarca", "denmark", "finlandia", "finland", "polonia", "poland",
                "austria", "grecia", "greece", "union europea", "european union", "euro",
                "escocia", "scotland", "edinburgh", "manchester", "zurich", "viena", "vienna",
                "leeds", "sheffield", "birmingham", "liverpool", "bristol", "glasgow", "cardiff",
                "belfast", "algarve", "valencia espana", "zaragoza", "andalucia", "cataluna",
                "catalonia", "lyon", "marseille", "hamburg", "frankfurt", "cologne", "naples",
                "turin", "brussels", "bruselas", "copenhagen", "copenhague", "stockholm",
                "estocolmo", "oslo", "helsinki", "warsaw", "varsovia", "prague", "praga",
                "budapest", "bucharest", "athens", "atenas", "rotterdam", "geneva", "ginebra",
                "munchen", "porto portugal", "irish", "british", "dutch",
            ),
        ),
        Region.ASIA: ValueEntry(
            "Asia",
            cues(
                "asia", "asian", "asiatico", "china", "beijing", "pekin", "shanghai", "hong kong",
                "japon", "japan", "tokio", "tokyo", "corea", "korea", "seul", "seoul", "india",
                "mumbai", "bangalore", "delhi", "singapur", "singapore", "indonesia", "yakarta",
                "jakarta", "filipinas", "philippines", "manila", "vietnam", "tailandia",
                "thailand", "bangkok", "malasia", "malaysia", "kuala lumpur", "taiwan", "emiratos",
                "dubai", "uae", "arabia saudita", "saudi arabia", "israel", "tel aviv",
                "medio oriente", "middle east", "qatar", "pakistan", "bangladesh", "shenzhen",
                "osaka", "ho chi minh", "hanoi", "cebu", "penang", "guangzhou", "chengdu",
                "hyderabad", "chennai", "pune", "kolkata", "riyadh", "abu dhabi", "doha", "kuwait",
                "oman", "sri lanka", "nepal", "busan",
            ),
        ),
        Region.AFRICA: ValueEntry(
            "África",
            cues(
                "africa", "african", "africano", "sudafrica", "south africa", "johannesburgo",
                "johannesburg", "ciudad del cabo", "cape town", "nigeria", "lagos", "kenia",
                "kenya", "nairobi", "egipto", "egypt", "el cairo", "cairo", "marruecos", "morocco",
                "casablanca", "ghana", "accra", "etiopia", "ethiopia", "tanzania", "senegal",
                "dakar", "argelia", "algeria", "tunez", "tunisia", "angola", "mozambique",
                "ruanda", "rwanda", "uganda", "botswana", "namibia", "zambia", "zimbabwe",
                "durban", "pretoria", "abuja", "kampala", "addis ababa", "dar es salaam", "tunis",
                "cameroon", "camerun", "ivory coast", "costa de marfil",
            ),
        ),
        Region.OCEANIA: ValueEntry(
            "Oceanía",
            cues(
                "oceania", "australia", "australian", "australiano", "sydney", "melbourne",
                "brisbane", "perth", "adelaide", "nueva zelanda", "new zealand", "auckland",
                "wellington", "fiji", "papua", "queensland", "victoria australia",
                "new south wales", "gold coast", "canberra", "christchurch", "tasmania",
            ),
        ),
    },
)

# --- lead_source -----------------------------------------------------------------------------
# Ads named without where they ran: they count for the channel named in the same sentence (see
# AD_PLATFORMS), else as paid search, where "busqué en Google" then means the search showed it.
AD_PHRASES: Final = (
    "patrocinado", "sponsored", "un anuncio", "an ad", "your ad", "su anuncio", "saw an ad",
    "vi un anuncio", "vi su publicidad", "advertisement", "anuncio de ustedes", "anuncio suyo",
    "anuncio pago", "aviso pagado", "di clic en un anuncio", "clicked an ad", "clicked on an ad",
    "publicidad de ustedes", "your ads", "anuncio vuestro", "vuestro anuncio",
    "publicidad vuestra", "vuestra publicidad", "una publicidad", "su publicidad",
    "publicidad suya", "tu anuncio", "tu publicidad", "an advert", "your advert", "advert",
    "clicked your ad", "clicked on your ad", "hice clic en su anuncio", "pinche en un anuncio",
    "un aviso de ustedes", "un aviso suyo", "promoted post", "publicacion patrocinada",
    "un banner", "a banner", "publicidad pagada", "paid advertising", "an ad of yours",
    "one of your ads", "uno de sus anuncios", "uno de tus anuncios", "un anuncio tuyo",
)
# Channels that run ads of their own: an ad seen there is that channel's lead.
AD_PLATFORMS: Final = frozenset((LeadSource.FACEBOOK, LeadSource.INSTAGRAM, LeadSource.LINKEDIN))
LEAD_SOURCE: Final = CategoryLexicon(
    # Word of mouth is the most common way B2B buyers first hear of a vendor.
    default=LeadSource.REFERRAL,
    entries={
        LeadSource.REFERRAL: ValueEntry(
            "referido",
            cues(
                "recomendacion", "recomendo", "recomendaron", "me recomendo", "nos recomendo",
                "nos recomendaron", "me recomendaron", "referido", "referida", "referencia",
                "un amigo", "una amiga", "un colega", "una colega", "un conocido", "recommended",
                "recommendation", "referred", "a friend", "a colleague", "word of mouth",
                "boca a boca", "me hablaron de", "nos hablaron de", "me contaron", "told me about",
                "heard about you from", "un cliente suyo", "one of your clients",
                "cliente de ustedes", "nos conto", "me conto", "nos comento", "me comento",
                "le fue muy bien", "le ha ido muy bien", "le habia ido muy bien", "esta feliz con",
                "usa vambe", "uses vambe", "using vambe", "hablo maravillas", "hablo muy bien",
                "spoke highly", "said you were", "una conocida", "mi socio", "board member",
                "un cliente nuestro", "otro cliente de ustedes", "a peer", "nos sugirio",
                "me sugirio", "told us about", "vouched", "mi amigo", "un amigo mio",
                "una amiga mia", "a friend of mine", "my friend", "un excolega", "ex colega",
                "excompanero", "un excompanero", "former colleague", "old colleague", "mi hermano",
                "mi hermana", "mi cunado", "mi primo", "my brother", "my sister", "un familiar",
                "mutual friend", "conocido en comun", "me paso tu contacto", "me paso su contacto",
                "me dio tu numero", "me dio su contacto", "gave me your", "passed me your",
                "passed along your", "told me you", "told me about you", "swears by",
                "raves about", "habla maravillas", "habla muy bien", "works with you",
                "worked with you", "trabaja con ustedes", "trabajan con ustedes",
                "trabajo con ustedes", "es cliente de ustedes", "son clientes de ustedes",
                "is a client of yours", "is a customer of yours", "using your product",
                "uses your product", "been using your", "lleva un ano usando", "did a good job",
                "done a good job", "hicieron un buen trabajo", "asked him for an introduction",
                "asked her for an introduction", "le pedi que me presentara",
                "le pedi el contacto", "me presento a ustedes", "studied together",
                "estudiamos juntos", "companero de universidad", "companera de universidad",
                "old classmate", "classmate", "mi jefe anterior", "my former boss", "un mentor",
                "my mentor", "mi mentor", "someone in my network", "alguien de mi red",
                "a peer of mine", "otro gerente", "another ceo", "wouldn't stop talking",
                "no para de hablar", "me reenvio tu contacto", "forwarded me your", "me insistio",
                "insisted i talk", "said i should talk", "me dijo que hablara",
                "me dijo que los llamara", "me dijo que te escribiera", "un proveedor nuestro",
                "one of our suppliers", "one of our vendors", "un proveedor nos",
                "un proveedor me",
                decisive=(
                    "referral", "referido por", "referred by", "por recomendacion",
                    "me lo recomendo", "nos los recomendo", "highly recommended",
                    "recommended you", "me los recomendo", "nos los recomendaron",
                    "me recomendaron hablar", "came recommended", "vienen recomendados",
                    "recommended vambe", "recomendo vambe", "a referral from", "un referido de",
                    "referred us", "referred me",
                ),
            ),
        ),
        LeadSource.SEO: ValueEntry(
            "búsqueda orgánica (SEO)",
            cues(
                "google", "buscando en google", "busque en internet", "buscando en internet",
                "encontre en internet", "searching online", "search engine", "blog",
                "articulo de su blog", "your blog", "googleando", "googled",
                "resultado de busqueda", "search result", "found you online", "found your website",
                "encontre su pagina", "encontre su sitio", "googling", "googlear",
                "buscaba en google", "near the top", "salian primeros", "aparecian primeros",
                "primeros resultados", "first results", "en los resultados", "in the results",
                "not an ad", "no era un anuncio", "buscador", "organico", "busque en",
                "searched for", "i searched", "i was searching", "estaba buscando",
                "buscando como", "searching for", "searched online", "busqueda en google",
                "google search", "en google", "on google", "googlee", "googleamos", "bing",
                "found your article", "encontre un articulo", "un articulo suyo",
                "articulo de ustedes", "your article", "vuestro blog", "su blog", "tu blog",
                "su guia", "your guide", "una guia suya", "primera pagina de google",
                "first page of google", "top of google", "salieron primeros", "salieron arriba",
                "aparecieron primero", "came up first", "came up top", "top result",
                "resultados de google", "leyendo su blog", "reading your blog", "blog post",
                "un post de su blog", "articulo en su web", "articulo en su pagina", "ai search",
                "comparativa", "comparison article",
                decisive=(
                    "seo", "busqueda organica", "organic search", "busque en google",
                    "busqueda en internet", "organic result", "resultado organico",
                    "searched on google", "googled you", "los googlee", "found you on google",
                    "los encontre en google",
                ),
            ),
        ),
        LeadSource.SEM_ADS: ValueEntry(
            "anuncios pagados (SEM)",
            cues(
                *AD_PHRASES, "publicidad en google", "ad on google", "anuncio en youtube",
                "youtube ad", "me salio en google", "sponsored result", "resultado patrocinado",
                "enlace patrocinado", "sponsored link", "bing ads", "anuncio en bing",
                "arriba de todo", "pagan por aparecer", "search ad", "ad in google",
                "ad in the search results", "anuncio en el buscador", "publicidad en el buscador",
                "anuncio en los resultados", "top of the search",
                # lexicon 3: clicking the ad a search showed is paid search, not organic.
                "clic en el anuncio", "click en el anuncio", "clic en su anuncio",
                "click en su anuncio", "clicked the ad", "clicked on the ad", "the ad at the top",
                "anuncio que salia arriba", "el anuncio de arriba", "anuncio que aparecio arriba",
                "primer anuncio",
                decisive=(
                    "google ads", "adwords", "sem", "anuncio pagado", "paid ad", "paid search",
                    "anuncio pago en google", "anuncio de google", "anuncio en google",
                    "google ad", "anuncio vuestro en google", "anuncio suyo en google",
                    "anuncio de ustedes en google", "your ad on google", "your google ad",
                    # lexicon 3: an ad on Google is paid search whatever else the client follows.
                    "anuncio tuyo en google", "un anuncio tuyo en google",
                    "un anuncio suyo en google", "an ad of yours on google",
                ),
            ),
        ),
        LeadSource.EMAIL: ValueEntry(
            "email marketing",
            cues(
                "newsletter", "boletin", "mailing", "lista de correo", "mailing list",
                "correo de ustedes", "boletin por correo", "su boletin", "me suscribi",
                "nos suscribimos", "i subscribed", "email newsletter", "correo informativo",
                "el ultimo boletin", "caso de exito que enviaron", "correo masivo",
                "campana de correo", "email campaign", "email de marketing", "correo promocional",
                "promotional email", "ebook", "e-book", "whitepaper", "white paper",
                "guia descargable", "monthly newsletter", "correo mensual", "monthly email",
                "weekly email", "correo semanal", "boletin mensual", "your mailing", "su mailing",
                "your list", "su lista", "latest issue", "ultima edicion", "ultimo numero",
                "suscrito", "subscribed", "suscriptor de su", "subscriber to your",
                "newsletter de ustedes", "newsletter de vambe", "vambe newsletter",
                "correo de vambe", "email from vambe", "invitacion por correo", "email invitation",
                "your emails", "sus correos", "vuestro boletin", "vuestra newsletter",
                # lexicon 3: the seller names their own newsletter (seller words count half).
                "suscripto", "estoy suscrito", "estoy suscripto", "i'm subscribed",
                decisive=(
                    "email marketing", "su newsletter", "your newsletter", "el newsletter",
                    "la newsletter", "the newsletter", "newsletter suyo", "boletin de ustedes",
                    "nuestro newsletter", "nuestra newsletter", "our newsletter", "nuestro boletin",
                ),
            ),
        ),
        LeadSource.EVENT: ValueEntry(
            "evento",
            cues(
                "evento", "event", "feria", "fair", "conferencia", "conference", "congreso",
                "webinar", "webinario", "expo", "summit", "meetup", "charla", "trade show",
                "keynote", "workshop", "seminario", "seminar", "nuestro stand", "su stand",
                "your booth", "our booth", "foro", "forum", "tu charla", "su charla", "your talk",
                "nos conocimos en", "we met at", "meeting you at", "met briefly", "booth",
                "ponencia", "tu ponencia", "your presentation at", "your panel", "tu panel",
                "expositor", "exhibitor", "feria de", "congreso de", "expo de", "hackathon",
                "rueda de negocios", "networking", "masterclass", "desayuno empresarial",
                "business breakfast", "round table", "mesa redonda", "nos vimos en",
                "coincidimos en", "we spoke at", "te conoci en", "lo conoci en", "la conoci en",
                "los conoci en", "after your talk", "despues de tu charla", "despues de su charla",
                "en la charla", "at the talk", "expositores", "attendees", "cocktail", "coctel",
                "afterwork", "happy hour", "roadshow", "convention", "convencion", "trade fair",
                "exhibition", "demo day", "techweek", "tech week", "cumbre", "simposio",
                "symposium", "no coincidiamos", "since the conference", "desde la feria",
                "desde el evento", "desde el congreso", "el stand", "al stand", "the booth",
                "despues del webinar", "after the webinar", "del webinar", "after the conference",
                "despues de la feria", "despues del evento", "after the event",
                decisive=(
                    "en el evento", "at the event", "en la feria", "at the conference",
                    "nos conocimos en el", "we met at the", "met you at the",
                    "great meeting you at", "en el congreso", "at the summit", "en la conferencia",
                    "en la expo", "at the expo", "at the fair", "en el stand", "at your booth",
                    "en su stand", "en vuestro stand", "at the trade show", "en el webinar",
                    "in the webinar", "at the webinar", "en el seminario", "at the seminar",
                    "en el foro", "at the forum", "en la cumbre", "en el meetup", "at the meetup",
                    "nos conocimos en la", "we met at a", "met at the", "en el encuentro",
                    "en la jornada", "en la charla de", "vuestra ponencia", "su ponencia",
                    "your talk at", "tu charla en", "su charla en",
                    # lexicon 3: the seller recalls meeting at a stand (seller words count half).
                    "at our stand", "our stand at", "en nuestro stand", "walked over",
                    "your colleague's talk",
                ),
            ),
        ),
        LeadSource.PARTNER: ValueEntry(
            "partner",
            cues(
                "partner", "aliado", "integrador", "consultora", "reseller", "revendedor",
                "implementador", "consultora que nos", "nos implemento", "implemented our",
                "for the intro", "thanks to", "nos presento", "nos presentaron", "introduced us",
                "partner tecnologico", "technology partner", "certified partner",
                "nuestra agencia de marketing", "our marketing agency", "una agencia nos",
                "nuestro integrador", "our integrator", "systems integrator", "integrator",
                "integradores", "nuestra consultora", "our consultancy", "our consultants",
                "consultor externo", "our agency", "nuestra agencia", "proveedor de erp",
                "our erp vendor", "our crm vendor", "nos los presento", "nos los presentaron",
                "partner de hubspot", "hubspot partner", "salesforce partner",
                "partner de salesforce", "gold partner", "alianza", "alliance", "channel partner",
                "distribuidor de vambe", "resellers", "partners", "socio tecnologico",
                "socio de implementacion", "nuestro partner", "our partner", "partnered",
                "asociados con", "consultoria", "consulting firm", "firma consultora",
                "la consultora", "the consultancy", "implementador de sap", "sap partner",
                "partner de sap", "nuestro implementador", "our implementer", "presentados por",
                "introduced by", "made the introduction", "hizo la introduccion",
                "hicieron la introduccion", "for the introduction", "por presentarnos",
                "for introducing us",
                decisive=(
                    "partner de vambe", "vambe partner", "a traves de un partner",
                    "through a partner", "socio comercial", "aliado de ustedes", "your partner",
                    "partner de ustedes", "partner de implementacion", "implementation partner",
                    "a traves de nuestro integrador", "through our integrator",
                    "a traves de nuestra consultora", "through our consultancy",
                    "our agency introduced", "nuestra agencia nos", "el integrador nos",
                    "the integrator", "el integrador", "integrador de", "partner oficial",
                    "official partner", "partner certificado",
                    # lexicon 3: an implementation partner at the table.
                    "socio implementador", "partner implementador", "nos acompana como socio",
                    "implementation partner", "nuestro socio implementador",
                ),
            ),
        ),
        LeadSource.OUTBOUND_CALL: ValueEntry(
            "llamada de prospección",
            cues(
                "you called", "called us", "sdr", "ejecutivo me llamo", "contactaron por telefono",
                "taking my call", "my phone call", "out of the blue", "i called", "te llame",
                "lo llame", "la llame", "le llame", "usted me llamo", "me llamo usted",
                "me llamaste", "me llamaron", "nos llamaron", "cuando lo llame", "cuando te llame",
                "you called me", "you called us", "called me", "your sdr", "called you",
                "i called you", "first called", "te llamamos", "lo llamamos", "la llamamos",
                "los llamamos", "les llamamos", "les llame", "los llame", "when i rang", "rang me",
                "rang you", "gave me a call", "gave you a call", "su llamada", "tu llamada",
                "llamada telefonica", "me llamaron por telefono", "cold calling",
                "vendedor me llamo", "ejecutiva me llamo", "your colleague called",
                "un ejecutivo suyo", "una ejecutiva suya", "called our office",
                "llamaron a la oficina", "tomar mi llamada", "atender mi llamada",
                "contestar mi llamada", "answering my call", "llamada de prospeccion",
                "prospecting call", "your team called", "su equipo me llamo", "me marcaron",
                "me marco", "nos marcaron", "me contacto por telefono", "contacted me by phone",
                "when we spoke on the phone", "cuando hablamos por telefono",
                # lexicon 3: the seller's own phone call.
                "me llamaras", "que me llamaras", "que me llamaste", "after my call",
                "my call last week", "sales calls", "you caught me", "me agarraste",
                "tu llamada de", "your call", "when you called", "cuando me llamaste",
                "cuando nos llamaste",
                decisive=(
                    "cold call", "llamada en frio", "outbound", "me contactaron por telefono",
                    "your sales rep called", "su ejecutivo me llamo", "nos contactaron",
                    "me contactaron", "you reached out", "me llamaron en frio", "llamaron en frio",
                    "called me out of the blue", "when i first called", "cuando la llame",
                    "la primera vez que te llame", "la primera vez que lo llame", "i cold-called",
                    "cold-called", "me llamaste en frio", "thanks for taking my call",
                    "gracias por tomar mi llamada", "gracias por atender mi llamada",
                    # lexicon 3: the seller recalls their own call (seller words count half).
                    "despues de mi llamada", "tras mi llamada", "after my call",
                    "following my call",
                ),
            ),
        ),
        LeadSource.COLD_EMAIL: ValueEntry(
            "correo en frío",
            cues(
                "me escribieron", "nos escribieron", "me escribio", "nos escribio", "you emailed",
                "emailed me", "emailed us", "prospecting email", "correo de un ejecutivo",
                "un correo suyo", "respondi su correo", "replied to your email", "email from your",
                "correo de su", "secuencia de correo", "email sequence", "responder a mi correo",
                "mi correo", "my email", "tu correo", "su correo", "no los conocia",
                "sin conocerte", "sin conocerlos", "didn't know you", "never heard of you",
                "cold emailed", "you emailed me", "your email", "tu mail", "correo suyo",
                "correo tuyo", "un mail suyo", "mail suyo", "su mail", "tu email",
                "sin que lo pidiera", "sin que yo lo pidiera", "sin haberlo pedido", "no lo pedi",
                "unsolicited", "out of nowhere", "reply to your email", "reply to my email",
                "replying to your email", "respondiendo a tu correo", "contestar mi correo",
                "contestar su correo", "contestar tu correo", "responder mi correo",
                "respondio mi correo", "correo personalizado", "personalized email",
                "subject line", "asunto del correo", "your subject", "me llegan muchos correos",
                "twenty of those", "gente que no conozco", "people i don't know",
                "follow-up email", "correo de seguimiento", "your follow-up", "tu seguimiento",
                "your sequence", "your outreach", "correo que me enviaste", "email you sent",
                "me llego un correo", "nos llego un correo", "got an email", "me llego un mail",
                "got your email", "recibi su correo", "recibi tu correo", "received your email",
                decisive=(
                    "cold email", "correo en frio", "outreach email", "correo frio",
                    "cold-emailed", "correo de prospeccion", "tu correo en frio", "cold outreach",
                    "email out of the blue", "correo sin conocerte", "your cold email",
                    "su correo en frio", "thanks for replying to my email",
                    "gracias por contestar mi correo", "gracias por responder mi correo",
                    "replying to my email", "me llego un correo suyo", "me llego un correo tuyo",
                    # lexicon 3: an unsolicited email from the seller.
                    "me mandaste un correo", "me mandaste un mail", "me enviaste un correo",
                    "you sent me an email", "sin que yo te conociera", "sin conocerte",
                    "sin conocernos",
                ),
            ),
        ),
        LeadSource.LINKEDIN: ValueEntry(
            "LinkedIn",
            cues(
                "linkedin", "inmail", "linked in", "por linkedin", "on linkedin",
                "invitacion de linkedin", "linkedin inmail", "perfil de linkedin",
                "linkedin profile", "accepting my connection", "aceptar mi invitacion",
                "aceptaste mi invitacion", "acepto mi invitacion", "te vi en linkedin",
                "saw you on linkedin", "linkedin feed", "feed de linkedin", "your linkedin",
                "su linkedin", "tu linkedin", "connected on linkedin", "conectamos en linkedin",
                "sales navigator", "en linkedin", "via linkedin", "through linkedin",
                "a traves de linkedin",
                decisive=(
                    "post en linkedin", "linkedin post", "publicacion en linkedin",
                    "publicaciones en linkedin", "post on linkedin", "posted on linkedin",
                    "mensaje en linkedin", "message on linkedin", "shared on linkedin",
                    "linkedin message", "mensaje de linkedin", "mensaje por linkedin",
                    "connection request", "solicitud de conexion", "your linkedin post",
                    "su post en linkedin", "tu post en linkedin", "post de linkedin",
                    "linkedin article", "articulo en linkedin", "linkedin ad",
                    "anuncio en linkedin",
                ),
            ),
        ),
        LeadSource.INSTAGRAM: ValueEntry(
            "Instagram",
            cues(
                "instagram", "insta", "ig", "historias", "reels", "dm", "dms", "mensaje directo",
                "cuenta de instagram", "perfil de instagram", "instagram account",
                "instagram profile", "los sigo en instagram", "follow you on instagram",
                "video suyo", "un video suyo", "un video de ustedes", "your video", "influencer",
                "instagram de ustedes", "su instagram", "tu instagram", "vuestro instagram",
                "your instagram", "por instagram", "on instagram",
                decisive=(
                    "reel", "historia de instagram", "instagram story", "post en instagram",
                    "publicacion en instagram", "video en instagram",
                    "mensaje directo en instagram", "dm on instagram", "instagram ad",
                    "anuncio en instagram", "reel suyo", "un reel", "reel de ustedes", "your reel",
                    "a reel", "instagram reel", "instagram stories", "historia en instagram",
                    "story de instagram", "anuncio de instagram", "publicidad en instagram",
                    "ad on instagram",
                    # lexicon 3: seeing Vambe on Instagram.
                    "los vi en instagram", "lo vi en instagram", "la vi en instagram",
                    "vi en instagram", "saw you on instagram", "saw it on instagram",
                    "los vimos en instagram", "me aparecio en instagram", "popped up on instagram",
                ),
            ),
        ),
        LeadSource.FACEBOOK: ValueEntry(
            "Facebook",
            cues(
                "facebook", "fb", "meta", "facebook page", "pagina de facebook",
                "feed de facebook", "en mi facebook", "in my facebook", "facebook feed",
                "muro de facebook", "facebook de ustedes", "su facebook", "tu facebook",
                "your facebook", "grupos de facebook", "facebook groups", "publicidad de facebook",
                "facebook ads", "por facebook", "on facebook",
                decisive=(
                    "grupo de facebook", "facebook group", "anuncio en facebook", "facebook ad",
                    "publicacion en facebook", "post on facebook", "su anuncio en facebook",
                    "ad on facebook", "publicidad en facebook", "anuncio de facebook",
                    "un grupo de facebook", "a facebook group", "facebook lead form",
                    "formulario de facebook",
                    # lexicon 3: seeing Vambe on Facebook.
                    "los vi en facebook", "lo vi en facebook", "vi en facebook",
                    "saw you on facebook", "los vimos en facebook", "me aparecio en facebook",
                    "anuncio en facebook",
                ),
            ),
        ),
        LeadSource.WEBCHAT: ValueEntry(
            "chat del sitio web",
            cues(
                "website chat", "chat on your website", "chat on your site",
                "chatbot de su pagina", "formulario", "formulario de contacto", "contact form",
                "pagina web de ustedes", "sitio web de ustedes", "chat de vambe", "live chat",
                "widget", "por el chat", "en el chat", "through the chat", "chat del sitio",
                "dejé mis datos", "deje mis datos", "dejar mis datos", "left my details",
                "your bot booked", "su bot", "your bot", "chat de su sitio web",
                "llenar el formulario", "filled out the form", "web form", "formulario web",
                "chat de la web", "chat de la pagina", "chat window", "chat popped up",
                "se abrio el chat", "ventana de chat", "chat en su sitio", "chat en la pagina",
                "chat en su web", "chatbot de su web", "chatbot on your site",
                "chatbot on your website", "dejaste tus datos", "dejo sus datos",
                "dejaron sus datos", "dejarnos tus datos", "dejar sus datos", "booked through",
                "agende por", "agende en la web", "booked a demo", "pedi una demo",
                "solicite una demo", "request a demo", "requested a demo", "demo request",
                "formulario de su web", "formulario de la pagina", "formulario de su pagina",
                "contact us form", "chat de ustedes", "vuestro chat", "the chat asked",
                "el chat me pregunto", "chat me ofrecio", "the chat offered", "offered me a slot",
                "me ofrecio un horario", "agendar en su pagina", "calendario de su web",
                "booking link", "pagina de contacto", "contact page", "completé el formulario",
                "complete el formulario", "completed the form", "llene el formulario",
                "llene sus datos", "llene los datos", "filled in the form", "filled in your form",
                "rellene el formulario",
                decisive=(
                    "webchat", "web chat", "chat de su web", "chat de su pagina web",
                    "chat widget", "escribi en el chat", "chat de su pagina", "chat de su sitio",
                    "chat of your website", "chat on your web", "your website chat",
                    "our website chat", "website chatbot", "chatbot de su pagina web",
                    "chat de la web de ustedes", "chat de vuestra web", "chat en vuestra web",
                    "chat en la web", "el chat de la web", "through our website chat",
                    "through your website chat",
                    # lexicon 3: the client wrote to the site's chat first.
                    "les escribi por el chat", "escribi por el chat", "chat de la pagina",
                    "por el chat de", "wrote in the chat", "through the website chat",
                    "chat on the website",
                ),
            ),
        ),
        LeadSource.PR: ValueEntry(
            "prensa",
            cues(
                "prensa", "press", "articulo en el diario", "noticia", "podcast", "reportaje",
                "techcrunch", "forbes", "nota en", "leí un articulo", "lei un articulo",
                "read an article", "news article", "una nota", "entrevista a su",
                "interview with your", "diario economico", "newspaper", "revista", "salieron en",
                "articulo sobre ustedes", "en la radio", "on the radio", "programa de radio",
                "tv interview", "entrevista en", "nota periodistica", "periodico", "en el diario",
                "un diario", "diario de negocios", "business pages", "business section",
                "business paper", "business press", "piece on you", "en las noticias",
                "in the news", "noticiero", "magazine", "cover story", "featured in",
                "aparecieron en", "ranking de startups", "startup ranking", "published a piece",
                "trade press", "revista especializada", "trade magazine", "medio especializado",
                "journalist", "periodista", "press coverage", "cobertura de prensa",
                "programa de economia", "programa de television", "tv show", "en la tele", "on tv",
                "newsletter de la industria", "industry newsletter", "podcast de", "un podcast",
                "a podcast",
                # lexicon 3: press coverage the client read.
                "newspaper piece", "business newspaper", "the article on", "article in the",
                "articulo en el periodico", "articulo en la revista", "in the paper",
                "read about us", "leyeron sobre nosotros", "leyo sobre nosotros", "piece in the",
                decisive=(
                    "nota de prensa", "press release", "salieron en la prensa", "in the press",
                    "articulo en prensa", "article about you", "entrevista que le hicieron",
                    "interview with your ceo", "interview with your founder", "nota sobre ustedes",
                    "piece about you", "salieron en el diario", "salieron en la radio",
                    "salieron en la tele", "nota en el diario", "nota en un diario",
                    "los vi en las noticias", "read about you", "lei sobre ustedes",
                    "lei una nota", "lei un articulo sobre",
                ),
            ),
        ),
        LeadSource.MARKETPLACE: ValueEntry(
            "marketplace",
            cues(
                "marketplace", "tienda de aplicaciones", "shopify app store",
                "hubspot marketplace", "app marketplace", "directorio de apps", "app directory",
                "g2", "capterra", "integraciones de shopify", "meta business partners",
                "tienda de apps", "apps de shopify", "marketplace de aplicaciones",
                "integracion certificada", "certified integration", "instale la app",
                "hubspot app", "shopify app", "partner directory", "tienda de integraciones",
                "integration directory", "integrations page", "atlassian marketplace",
                "aws marketplace", "azure marketplace", "google workspace marketplace",
                "salesforce appexchange", "installed your app", "installed the app",
                "instale su app", "instale la aplicacion", "app listing", "ficha de la app",
                "vtex app store", "app de vambe", "vambe app", "directorio de integraciones",
                "marketplace de", "resenas en g2", "reviews on g2", "reviews on capterra",
                "resenas en capterra", "review site", "sitio de resenas", "comparador de software",
                "software comparison site",
                decisive=(
                    "app store", "appexchange", "marketplace de hubspot", "marketplace de shopify",
                    "shopify marketplace", "marketplace de vtex", "vtex marketplace",
                    "marketplace de apps", "app store de", "tienda de apps de",
                    "en el marketplace", "in the marketplace", "on the marketplace",
                ),
            ),
        ),
    },
)

# --- vambe_product (see taxonomy.PRODUCT_DESCRIPTIONS) ---------------------------------------
PRODUCT: Final = CategoryLexicon(
    # Mercur (chats + integrations) is the flagship and the most frequent product in labelled data.
    default=VambeProduct.MERCUR,
    entries={
        VambeProduct.MERCUR: ValueEntry(
            "Vambe Mercur (chats e integraciones)",
            cues(
                "whatsapp", "chat", "chatbot", "bot", "mensajeria", "conversacion", "omnicanal",
                "omnichannel", "bandeja unificada", "inbox", "mensaje directo", "dm",
                "responder mensaje", "atencion por chat", "agente virtual", "asistente virtual",
                "virtual assistant", "integracion con crm", "chat con integracion",
                "chats and integrations", "chats e integraciones", "mensaje", "message",
                "messaging", "conversational", "agente de ia", "ai agent",
            ) + named("mercur", "vambe mercur"),
        ),
        VambeProduct.IRIS: ValueEntry(
            "Vambe Iris (implementación rápida y simple)",
            cues(
                "rapido de implementar", "implementacion rapida", "facil de usar", "simple",
                "sencillo", "sin complicacion", "plug and play", "en pocos dias", "sin programar",
                "sin codigo", "no code", "no-code", "autoservicio", "self-service", "easy to use",
                "quick setup", "fast setup", "up and running", "out of the box",
                "sin equipo tecnico", "no tenemos equipo tecnico", "no tenemos equipo de ti",
                "no technical team", "no tech team", "algo simple", "lo mas simple",
                "configurar solo", "rapido", "quick", "facil", "easy", "basico", "basic",
                "setup rapido", "configuracion rapida", "listo en", "ready in", "sin desarrollo",
            ) + named("iris", "vambe iris"),
        ),
        VambeProduct.ADS: ValueEntry(
            "Vambe Ads (atribución y marketing)",
            cues(
                "atribucion", "attribution", "campana", "campaign", "publicidad", "advertising",
                "anuncio", "meta ads", "google ads", "roas", "cpa", "cpl", "costo por lead",
                "costo por adquisicion", "cost per lead", "pauta", "inversion en medio",
                "ad spend", "marketing digital", "digital marketing", "conversion", "pixel", "utm",
                "marketing", "ads",
            ) + named("vambe ads", "producto ads", "modulo de ads", "ads de vambe"),
        ),
        VambeProduct.AXIS: ValueEntry(
            "Vambe Axis (integraciones)",
            cues(
                "solo integracion", "solo la integracion", "only integration",
                "just the integration", "api", "erp", "sap", "oracle", "netsuite",
                "conectar sistema", "integrar sistema", "integrar nuestros sistema", "sincronizar",
                "sincronizacion", "middleware", "webhook", "integracion", "integration",
                "connect our systems", "data sync", "no necesitamos chat",
                "no necesitamos el chat", "don't need the chat", "sistema legacy", "legacy",
                "conector", "connector", "etl", "pipeline de datos", "data pipeline",
                "base de datos", "database",
            ) + named("axis", "vambe axis"),
        ),
    },
)

# --- use_case --------------------------------------------------------------------------------
USE_CASE: Final = CategoryLexicon(
    # Support over chat is Vambe's core use and the most frequent one in labelled data.
    default=UseCase.CONVERSATIONAL_SUPPORT,
    entries={
        UseCase.LEAD_SCORING: ValueEntry(
            "calificación de leads",
            cues(
                "calificar lead", "calificacion de lead", "priorizar prospecto", "priorizar lead",
                "puntuar lead", "lead caliente", "qualify lead", "score lead", "scoring",
                "lead calificado", "qualified lead", "mql", "sql", "prospecto calificado",
                "filtrar lead", "filter lead", "cual lead", "which lead", "prioridad de lead",
                "lead priority", "precalificar", "pre-qualify", "calificar prospecto", "calific*",
                "puntaje", "puntuar", "puntua*", "priorizar", "prioriz*", "prioridad",
                "preguntas filtro", "preguntas de calificacion", "pone nota", "no califica",
                "solo estaba mirando", "solo estaban mirando", "just browsing", "interesados",
                "solicitantes", "a quien priorizar", "a quien llamar", "who to call", "prioritize",
                "prioritise", "qualif*", "score each", "scoring de", "los prometedores",
                "promising", "hot leads", "cold leads", "filtrar prospectos", "filtro",
                decisive=(
                    "lead scoring", "scoring de lead", "puntaje de lead", "lead score",
                    "calificacion de prospectos", "calificar prospectos", "puntaje a cada",
                    "puntuar a cada", "priorizar prospectos", "lead qualification",
                ),
            ),
        ),
        UseCase.CUSTOMER_SEGMENTATION: ValueEntry(
            "segmentación de clientes",
            cues(
                "segmentar", "segmento", "segment", "perfilar cliente", "audiencia", "audience",
                "perfil de cliente", "customer profile", "cluster", "agrupar cliente",
                "tipo de cliente", "personalizar", "personalize", "personalizacion",
                "personalization", "buyer persona", "cohorte", "cohort", "segment*", "perfiles",
                "que tipo de", "what kind of customer", "que perfiles", "tipos de cliente",
                "consumer profiles", "perfil de consumidor", "quien es realmente",
                "who our customer", "who our customers", "hogar", "households",
                decisive=(
                    "segmentacion", "segmentation", "segmentar cliente", "segment customers",
                    "customer segmentation", "segmentacion de cliente", "arma segmentos",
                    "segmentos de consumidores", "segmentos de clientes", "customer segments",
                ),
            ),
        ),
        UseCase.CHURN_PREDICTION: ValueEntry(
            "predicción de fuga de clientes",
            cues(
                "churn", "fuga de cliente", "predecir baja", "cancelacion", "retencion",
                "abandono", "desercion", "retention", "cancellation", "renovacion", "renewal",
                "se dan de baja", "dar de baja", "clientes que se van", "customers leaving",
                "recompra", "reactivar cliente", "reactivation", "fidelizacion", "loyalty",
                "en riesgo", "at-risk", "at risk", "senales de abandono", "warning signs",
                "oferta de retencion", "retention offer", "se van a la competencia", "leave for",
                "cancel*", "reten*", "retain*", "churn*", "abandon*", "comprar menos",
                "buying less", "antes de perderlo", "before we lose", "se nos van", "we lose",
                "perdemos", "suscriptores", "subscribers",
                decisive=(
                    "prediccion de churn", "churn prediction", "predecir churn", "predict churn",
                    "predecir fuga", "prediccion de fuga", "retener cliente", "retain customers",
                    "detectar cuando", "detecta senales", "flags at-risk", "predecir abandono",
                    "detect churn", "churn risk",
                ),
            ),
        ),
        UseCase.MARKETING_ATTRIBUTION: ValueEntry(
            "atribución de marketing",
            cues(
                "atribuir", "que canal", "de donde viene", "which channel", "where our leads",
                "origen del lead", "lead source", "fuente del lead", "utm", "pixel",
                "medir campana", "measure campaign", "retorno de la inversion", "roi", "roas",
                "canal que funciona", "que campana", "which campaign", "trazabilidad",
                "tracking de campana", "atribu*", "cada campana", "cada anuncio",
                "de donde vienen", "cuanto vende", "cuantas ventas genera", "ventas genera cada",
                "origen de", "retorno real", "which campaigns", "which ads", "each ad",
                "where sales come from", "cuantos se vendieron", "se vendieron por",
                "cruza los pedidos con", "match orders to ads", "cada venta", "each sale",
                "misma venta", "same sale",
                decisive=(
                    "atribucion", "attribution", "marketing attribution",
                    "atribucion de marketing", "modelo de atribucion", "attribution model",
                    "atribucion de ventas", "sales attribution", "ventas por campana",
                    "revenue by campaign",
                ),
            ),
        ),
        UseCase.CAMPAIGN_OPTIMIZATION: ValueEntry(
            "optimización de campañas",
            cues(
                "rendimiento de campana", "a/b", "ab testing", "presupuesto de marketing",
                "campana", "campaign", "anuncio", "creatividad", "creative", "cpc", "ctr", "cpa",
                "costo por clic", "cost per click", "puja", "bid", "audiencia", "remarketing",
                "retargeting", "pauta", "ad spend", "inversion publicitaria", "meta ads",
                "google ads", "optimiz*", "reasign*", "no rinden", "rendimiento", "budget toward",
                "presupuesto hacia", "spend shift", "shift spend", "creatives", "audiences",
                "campanas se optimicen", "ajusta las campanas", "inversion entre campanas",
                "performance marketing", "ad performance",
                decisive=(
                    "optimizar campana", "optimizacion de campana", "campaign optimization",
                    "optimize campaign", "optimizar la pauta", "mejorar campana",
                    "campanas optimizadas", "optimiza el presupuesto", "optimizes budget",
                    "optimizar las campanas", "optimize campaigns",
                ),
            ),
        ),
        UseCase.DEMAND_FORECASTING: ValueEntry(
            "pronóstico de demanda",
            cues(
                "pronostico", "proyectar demanda", "forecast", "forecasting",
                "prevision de demanda", "stock", "inventario", "inventory", "quiebre de stock",
                "stockout", "planificacion de demanda", "demand planning", "reposicion",
                "replenishment", "estacionalidad", "seasonality", "proyeccion de venta",
                "sales forecast", "sobrestock", "overstock", "demanda", "demand", "pronostic*",
                "forecast*", "quiebres de stock", "vencimientos", "expired inventory", "stockouts",
                "planificamos la produccion", "plan production", "what will sell", "sku",
                "planificacion", "proyeccion",
                decisive=(
                    "pronostico de demanda", "demand forecasting", "forecast de demanda",
                    "predecir demanda", "predict demand", "demand forecast",
                    "pronosticos de demanda", "demand-forecasting", "demand forecasting model",
                ),
            ),
        ),
        UseCase.VOICE_ANALYTICS: ValueEntry(
            "análisis de llamadas de voz",
            cues(
                "grabacion", "transcribir llamada", "llamadas de cliente", "volumen de llamada",
                "atender llamada", "phone calls", "inbound calls", "llamada telefonica", "ivr",
                "calidad de llamada", "call quality", "transcripcion", "transcription",
                "nota de voz", "voice note", "audio de whatsapp", "llamadas", "grabamos",
                "grabaciones", "escuchar las llamadas", "venta telefonica", "transcribe",
                "transcrib*", "analiza llamadas", "analiza las llamadas", "guion", "protocolo",
                "call recordings", "recorded calls", "phone sales", "telesales", "auditan",
                "script compliance", "frases obligatorias", "mandatory disclosures",
                "cada llamada", "every call", "speech-to-text", "quality assurance de llamadas",
                "monitoreo de llamadas", "call monitoring",
                decisive=(
                    "analisis de voz", "speech analytics", "voice analytics", "analizar llamada",
                    "analyze calls", "analisis de llamada", "call analytics",
                    "transcribe y analiza", "analizar las llamadas",
                ),
            ),
        ),
        UseCase.OPERATIONS_AUTOMATION: ValueEntry(
            "automatización de operaciones",
            cues(
                "automatizar proceso", "tarea manual", "automatizacion", "proceso manual",
                "agendamiento", "agendar cita", "agendar hora", "workflow", "flujo de trabajo",
                "back office", "a mano", "manual", "manually", "automatizar", "automate",
                "automation", "repetitive task", "tarea repetitiva", "planilla", "spreadsheet",
                "excel", "copiar y pegar", "copy and paste", "orden de compra", "purchase order",
                "facturacion", "invoicing", "seguimiento de pedido", "order tracking",
                "estado del pedido", "order status", "cobranza", "recordatorio", "reminder",
                "automatiz*", "automat*", "digita*", "copia a mano", "ordenes de trabajo",
                "orden de trabajo", "flujo de", "recepcion de documentos", "documentos",
                "agenda entrevistas", "agendar entrevistas", "reprograma", "recordatorios",
                "confirmaciones", "confirma", "toma el pedido", "ingresa directo",
                "pedidos por whatsapp", "sin digitacion", "manualmente", "by hand", "manual work",
                "work orders", "data entry", "backoffice", "tramites", "agendamiento automatico",
                "turnos", "citas", "appointments", "scheduling", "coordinar entrevistas",
                "coordinacion de entrevistas",
                decisive=(
                    "automatizar operacion", "automatizacion de proceso", "automate operations",
                    "process automation", "operations automation", "automatizar tarea",
                    "automatizacion de operacion", "automatizar el flujo",
                    "automatizar las ordenes", "sin digitacion manual",
                ),
            ),
        ),
        UseCase.REAL_TIME_REPORTING: ValueEntry(
            "reportería en tiempo real",
            cues(
                "tiempo real", "dashboard", "tablero", "reporte", "report", "reporting", "kpi",
                "real time", "real-time", "metrica", "metric", "indicador", "panel de control",
                "informe", "visualizacion", "visualization", "power bi", "tableau", "looker",
                "reporteria", "en vivo", "tableros", "datos al dia", "informacion al dia",
                "live operations", "informes",
                "reportes", "datos en vivo", "streams them", "streaming de datos",
                "de forma continua", "continuously", "up to date", "actualizado",
                decisive=(
                    "reporte en tiempo real", "real-time reporting", "real time reporting",
                    "dashboard en tiempo real", "real-time dashboard", "reporteria en tiempo real",
                    "tableros en tiempo real", "live dashboard", "operations dashboard",
                    "en un tablero",
                ),
            ),
        ),
        UseCase.DW_MODERNIZATION: ValueEntry(
            "modernización del data warehouse",
            cues(
                "migrar a la nube", "migracion a la nube", "cloud migration", "snowflake",
                "bigquery", "redshift", "databricks", "modernizar", "modernize", "on premise",
                "on-premise", "legacy", "datos legacy", "lago de datos", "data lake", "etl", "elt",
                "arquitectura de datos", "data architecture", "base de datos", "database",
                "servidor", "server", "nube", "cloud", "warehouse", "base central", "servidor sql",
                "sql server", "migrat*", "migrar", "migracion", "new warehouse",
                "nuevo data warehouse", "lakehouse", "modernizar la bodega", "modernizar*",
                "old warehouse", "legacy warehouse",
                decisive=(
                    "data warehouse", "datawarehouse", "modernizar el data warehouse",
                    "modernizacion de datos", "data modernization", "dw",
                    "data warehouse en la nube", "cloud data warehouse",
                    "modernizar la bodega de datos", "bodega de datos",
                ),
            ),
        ),
        UseCase.FRAUD_DETECTION: ValueEntry(
            "detección de fraude",
            cues(
                "fraudulento", "transaccion sospechosa", "suplantacion", "chargeback",
                "contracargo", "estafa", "scam", "phishing", "robo de identidad", "identity theft",
                "suspicious transaction", "anomalia", "anomaly", "kyc", "validacion de identidad",
                "identity verification", "sospechos*", "lavado de activos", "money laundering",
                "aml", "anomal*", "movimientos raros", "operaciones inusuales",
                "unusual transactions",
                decisive=(
                    "fraude", "fraud", "deteccion de fraude", "fraud detection", "detectar fraude",
                    "detect fraud", "prevencion de fraude", "fraud prevention",
                ),
            ),
        ),
        UseCase.CONVERSATIONAL_SUPPORT: ValueEntry(
            "atención conversacional al cliente",
            (
                *cues(
                    "atencion al cliente", "responder consulta", "pregunta frecuente", "chatbot",
                    "soporte", "mensaje", "customer support", "faq", "responder mensaje",
                    "24/7", "consulta", "inquiry", "atender", "servicio al cliente",
                    "customer service", "chat", "bot", "respuesta automatica", "automatic reply",
                    "auto-reply", "mesa de ayuda", "help desk", "helpdesk", "ticket", "reclamo",
                    "complaint", "postventa", "agente virtual", "virtual agent",
                    "asistente virtual", "virtual assistant", "responder*", "contestar", "contesta",
                    "responde lo frecuente", "preguntas frecuentes", "faqs", "responde", "answer",
                    "answers", "answering", "guest messages", "asistente", "asistente de whatsapp",
                    "inbox", "call center", "contact center", "oficina de atencion", "front desk",
                    "recepcion", "reception",
                    decisive=(
                        "atencion conversacional", "conversational support",
                        "soporte conversacional", "atencion por whatsapp", "support over chat",
                        "soporte por chat", "automatizar la atencion", "automate customer support",
                        "responder automaticamente",
                    ),
                ),
                # WhatsApp is where most clients talk to their customers, whatever they want
                # from Vambe: naming it hints at support only weakly.
                Cue("whatsapp", WEAK_WEIGHT),
            ),
        ),
    },
)

# --- primary_pain_point ----------------------------------------------------------------------
PAIN_POINT: Final = CategoryLexicon(
    # An overwhelmed support team is the most frequent complaint in labelled data.
    default=PainPoint.SATURATED_SUPPORT,
    entries={
        PainPoint.LACK_VISIBILITY: ValueEntry(
            "falta de visibilidad",
            cues(
                "no sabemos", "no tenemos claridad", "blind", "don't know", "we don't know",
                "no tenemos idea", "no idea", "no medimos", "we don't measure", "sin datos",
                "no data", "visibilidad", "visibility", "trazabilidad", "traceability",
                "no hay control", "sin control", "lack of control", "nos enteramos tarde",
                "find out too late", "caja negra", "black box", "no hay seguimiento",
                "volando a ciegas", "can't see", "cannot see", "no vemos", "no podemos ver",
                "nobody knows", "nobody actually knows", "no one knows", "nadie sabe",
                "no sabemos quien", "no sabemos que", "no sabemos cuanto", "no sabemos cuantos",
                "no tengo idea", "no puedo saber", "can't tell", "no way to know",
                "visibilidad de", "don't know who", "we never see",
                decisive=(
                    "falta de visibilidad", "lack of visibility", "poca visibilidad",
                    "low visibility", "sin visibilidad", "cero visibilidad", "a ciegas",
                    "flying blind", "no tenemos visibilidad", "no visibility",
                ),
            ),
        ),
        PainPoint.SLOW_REPORTING: ValueEntry(
            "reportería lenta",
            cues(
                "reporte manual", "demora en reporte", "tardamos dias en", "armar reporte",
                "excel", "cierre de mes", "month-end", "month end", "planilla", "spreadsheet",
                "reporte", "report", "reporting", "informe", "dashboard", "tarda", "takes days",
                "toma dias", "toma semana", "takes weeks", "reporteria", "consolidar",
                "consolidate", "desactualizado", "outdated", "a fin de mes", "dias de atraso",
                "atraso", "tardan", "tardamos", "consolidamos a mano", "llega tarde",
                "arrives late", "al dia siguiente", "se demora", "demoran", "horas en",
                "takes hours", "weeks to produce", "los informes", "reporting takes",
                "exportar a excel", "exports",
                decisive=(
                    "reporte lento", "reporteria lenta", "slow report", "slow reporting",
                    "reportes tardan", "reports take", "reporte tarda", "demoramos en reportar",
                    "reportes manuales", "manual reporting", "semanas en salir",
                    "tardamos semanas", "informes tardan", "reports are late",
                ),
            ),
        ),
        PainPoint.LOW_CONVERSION: ValueEntry(
            "baja conversión",
            cues(
                "convertir", "perdemos venta", "lead se enfria", "no cierran",
                "tasa de conversion", "low conversion", "se nos caen venta", "carrito abandonado",
                "abandoned cart", "lost sale", "lose sale", "conversion", "convert", "no compran",
                "don't buy", "se pierden", "perdemos lead", "lose lead", "leads that go cold",
                "lead frio", "ghosting", "closing rate", "tasa de cierre", "close rate",
                "venta perdida", "oportunidad perdida", "missed opportunity", "no concretan",
                "embudo", "funnel", "perdemos cliente potencial", "cerramos menos", "concretamos",
                "concretamos poco", "solo el #", "menos del #", "de cada #", "out of every",
                "only # percent", "convierten", "convert to paid", "terminan comprando",
                "termina en", "se enfrian", "se caen", "waste time with", "pierden tiempo con",
                "never going to buy", "solo estaba mirando", "conversion rate", "pocas ventas",
                "few sales", "don't close", "cerramos muy pocos", "cerramos pocos",
                "convertimos fatal", "convertimos muy poco", "convertimos poquisimo",
                "close very few",
                decisive=(
                    "baja conversion", "poca conversion", "conversion baja", "low conversion rate",
                    "poor conversion", "convertimos poco", "bajo cierre", "de cada cien",
                    "baja tasa de conversion", "low close rate",
                ),
            ),
        ),
        PainPoint.HIGH_CHURN: ValueEntry(
            "alta fuga de clientes",
            cues(
                "churn", "perdemos cliente", "cancelan", "fuga", "rotacion de cliente",
                "lose customer", "losing customer", "cancel", "cancellation", "cancelacion",
                "no renuevan", "don't renew", "no vuelven", "don't come back", "se dan de baja",
                "unsubscribe", "cancelacion mensual", "we lose", "perdemos clientes",
                "perdemos suscriptores", "se van a la competencia", "leave for",
                "go to the competition", "cada mes perdemos", "every month we lose",
                "perdemos muchos", "se va a ir", "se van a ir", "dejan de comprar", "stop buying",
                "no vuelven a comprar", "lose customers", "losing subscribers",
                "no regresan", "no regresa", "ya no vuelve", "se nos esta yendo",
                "se nos estan yendo", "las bajas", "perdimos el #", "don't return",
                "never comes back", "never come back", "drift off",
                decisive=(
                    "alto churn", "high churn", "fuga de cliente", "churn alto", "mucho churn",
                    "perdida de cliente", "customer churn", "alta rotacion de cliente",
                    "se nos van", "tasa de cancelacion",
                ),
            ),
        ),
        PainPoint.HIGH_ADVERTISING_COSTS: ValueEntry(
            "altos costos de publicidad",
            cues(
                "costo de publicidad", "cpc", "cpa", "costo por lead", "gastamos mucho",
                "ad spend", "costo de adquisicion", "cac", "cost per lead", "expensive ads",
                "presupuesto de marketing", "inversion en publicidad", "pauta", "publicidad",
                "advertising", "anuncio", "meta ads", "google ads", "campana", "roas",
                "tirando el dinero", "throwing money", "gastamos", "gastando", "gasto en anuncios",
                "no deja de subir", "sube", "se duplico", "doubled", "cost per acquisition",
                "cost per click", "per month on ads", "spend on ads", "quemamos",
                "cost per sale", "costo por venta", "costo por poliza", "pagamos cada vez mas",
                "cada vez mas caro", "keeps climbing", "sigue subiendo", "el gasto subio",
                "gasta cada ano mas", "cada vez mas por clic",
                decisive=(
                    "alto costo de publicidad", "high advertising cost", "publicidad cara",
                    "costo por lead alto", "cac alto", "high cac", "gastamos mucho en publicidad",
                    "gastamos mucho en anuncio", "ads are expensive", "anuncios caros",
                    "costos de adquisicion altos", "costo de adquisicion alto", "costo por compra",
                    "costo por clic", "costo por prospecto", "tiro el dinero",
                ),
            ),
        ),
        PainPoint.DIFFICULT_INTEGRATIONS: ValueEntry(
            "integraciones difíciles",
            cues(
                "integrar", "no se conectan", "no conversan", "integrate", "no se hablan",
                "don't talk to each other", "sistema antiguo", "old system", "compatibilidad",
                "compatibility", "incompatible", "doble digitacion", "double entry", "no se habla",
                "don't talk", "nos ha costado", "desarrollos a medida", "custom development",
                "cada integracion", "every integration", "proveedores distintos",
                "different vendors", "no tiene api", "sin api", "no api", "nunca quedo",
                "never stable", "inestable", "se rompe", "se rompen", "something breaks",
                "break whenever", "custom scripts", "integration projects",
                "proyectos de integracion", "conectarlos",
                decisive=(
                    "integraciones dificiles", "dificil de integrar", "difficult integration",
                    "problema de integracion", "integration problem", "integration issue",
                    "sistemas no conversan", "systems don't talk", "no se integra",
                    "dificil integrar", "cuesta integrar", "hard to integrate",
                    "integraciones fallidas", "failed integrations",
                ),
            ),
        ),
        PainPoint.REGULATORY_COMPLIANCE: ValueEntry(
            "cumplimiento regulatorio",
            cues(
                "regulacion", "normativa", "cumplimiento", "compliance", "cmf", "sernac", "gdpr",
                "hipaa", "proteccion de datos", "data protection", "ley", "law", "auditoria",
                "audit", "superintendencia", "regulador", "regulator", "regulation", "regulatory",
                "fiscalizacion", "multa", "privacidad", "privacy", "datos personales",
                "personal data", "consentimiento", "consent", "ley de datos", "lgpd", "iso 27001",
                "soc 2", "soc2", "certificacion", "nos exige", "exige", "sancion*", "fiscaliz*",
                "autoridad", "comision nacional", "demostrar que cumplimos", "prove that",
                "evidencia", "controles", "lavado de activos", "auditar", "normas",
                decisive=(
                    "cumplimiento regulatorio", "regulatory compliance", "cumplir la normativa",
                    "cumplir con la regulacion", "requisito regulatorio", "regulatory requirement",
                    "la superintendencia", "nos sancionan",
                ),
            ),
        ),
        PainPoint.DISPERSED_DATA: ValueEntry(
            "datos dispersos",
            cues(
                "silo", "varias planilla", "cada area tiene", "siloed", "scattered", "fragmentado",
                "fragmented", "multiples sistema", "multiple systems", "varios sistema",
                "distintos sistema", "different systems", "disperso", "desordenado", "messy",
                "en todas partes", "all over the place", "no centralizado", "not centralized",
                "centralizar", "centralize", "unificar", "unify", "una sola fuente",
                "single source of truth", "fuente de verdad", "duplicado", "duplicate",
                "inconsistente", "inconsistent", "regados", "por todos lados",
                "distintos formatos", "each team", "cada area", "en silos", "versiones distintas",
                # lexicon 3: data kept in separate systems that do not talk to each other.
                "no se hablan", "don't talk to each other", "no conversan", "no estan conectados",
                "not connected", "no se conectan", "en otro sistema", "in another system",
                "in a third system", "somewhere else", "en otro excel", "cada uno con su excel",
                "cada uno en su excel", "cruzar datos", "cruzar informacion",
                "cruzar la informacion", "joining spreadsheets", "pulling extracts",
                "separate systems", "sistemas separados", "separate", "por separado",
                "all separate", "cada sistema", "each system", "varias fuentes", "multiple sources",
                "distintas fuentes", "different sources", "consolidar", "consolidate",
                "consolidated", "juntar la informacion", "unir los datos",
                "desparramad*", "nada esta junto", "todo separado", "everywhere",
                "sit separately", "cada gerencia tiene", "su propio numero",
                "their own spreadsheets", "sus propias planillas",
                decisive=(
                    "datos dispersos", "informacion dispersa", "data silos", "datos en silo",
                    "dispersed data", "scattered data", "informacion fragmentada",
                    "datos fragmentados",
                ),
            ),
        ),
        PainPoint.SATURATED_SUPPORT: ValueEntry(
            "soporte saturado",
            cues(
                "colapsado", "saturado", "mucho mensaje", "mucha consulta", "tiempo de respuesta",
                "overwhelmed", "backlog", "demoramos en responder", "volumen de consulta",
                "response time", "too many messages", "cantidad de mensaje",
                "cantidad de consulta", "sobrecargado", "overloaded", "no alcanzamos",
                "can't keep up", "cannot keep up", "responder todo", "mensajes sin responder",
                "unanswered", "sin responder", "fuera de horario", "after hours",
                "tardamos en responder", "demora en responder", "tiempo de espera", "wait time",
                "queue", "ejecutivo de atencion", "drowning", "swamped", "wait hours",
                "esperan horas", "espera horas", "espera dias", "take days", "no alcanza",
                "nadie alcanza", "reventado", "colaps*", "satura*", "desbordad*", "sobrepasad*",
                "overwhelm*", "mensajes diarios", "mensajes al dia", "consultas diarias",
                "consultas al dia", "personas contestando", "personas respondiendo",
                "miles de mensajes", "miles de consultas", "cuello de botella", "bottleneck",
                "sin respuesta",
                decisive=(
                    "soporte saturado", "equipo saturado", "atencion saturada",
                    "support overwhelmed", "overwhelmed support", "saturated support",
                    "no damos abasto", "colapsados de mensajes", "support team is overwhelmed",
                    "no dan abasto",
                ),
            ),
        ),
        PainPoint.SCALABILITY: ValueEntry(
            "dificultad para escalar",
            cues(
                "escalar", "crecer", "crecimiento", "no escala", "scale", "growing fast",
                "temporada alta", "pico", "peak", "crecemos", "growth", "expandir", "expand",
                "expansion", "duplicar", "triplicar", "volumen creciente", "growing volume",
                "contratar mas gente", "hire more people", "mas personal", "more staff",
                "nuevos mercados", "new markets", "nuevas sucursales", "no aguanta", "crecimos",
                "apertura", "aperturas", "mas gente", "sumar personal", "duplicar el equipo",
                "contratar gente", "hire people", "grow without", "crecer sin", "se multiplican",
                "multiplica", "nuevos locales", "new locations", "el doble", "twice as many",
                "volumen crece", "scale up",
                # lexicon 3: growth that the team or systems cannot follow.
                "can't hire fast enough", "no podemos contratar",
                "no damos abasto con el crecimiento", "duplicamos", "doubled", "tripled",
                "triplicamos", "crecimos", "we've grown", "growing fast", "crecemos rapido",
                "crecer sin contratar", "grow without hiring", "keep up with growth",
                "acompanar el crecimiento", "no escala", "doesn't scale", "no da para mas",
                "al limite", "at capacity", "nuevas sucursales", "new locations", "expandirnos",
                "expansion", "expand",
                # Growth the team cannot follow, said as what they cannot do.
                "no podemos sumar personal", "no puedo duplicar el equipo", "no podemos duplicar",
                "no puedo contratar", "no podemos seguir contratando", "can't keep adding",
                "can't keep hiring", "no podemos crecer",
                decisive=(
                    "escalabilidad", "scalability", "poder escalar", "no podemos escalar",
                    "can't scale", "cannot scale", "problema para escalar", "scaling",
                    "no escalamos", "eso no escala",
                ),
            ),
        ),
    },
)

# --- decision_maker_role ---------------------------------------------------------------------
# The rank decides between a C-level value and the area head below it (COO vs head_ops, CIO vs
# it_manager): a "director"/"VP"/"chief" of an area is its executive, while a "gerente",
# "jefe", "encargado" or "head" manages it. Areas with only one value (marketing, finance)
# take it at any rank.
_SENIOR_ES: Final = (
    "director", "directora", "vicepresidente", "vicepresidenta", "vp", "chief",
)
_MIDDLE_ES: Final = (
    "gerente", "gerenta", "subgerente", "jefe", "jefa", "encargado", "encargada", "lider",
    "responsable", "coordinador", "coordinadora", "supervisor", "supervisora", "head",
)
_SENIOR_EN: Final = ("director", "vp", "vice president", "chief")
_MIDDLE_EN: Final = ("head", "manager", "lead", "leader", "supervisor")

_OPS_ES: Final = ("operaciones", "operacion")
_OPS_EN: Final = ("operations", "ops")
_TECH_ES: Final = ("tecnologia", "ingenieria", "desarrollo", "innovacion")
_TECH_EN: Final = ("technology", "engineering", "tech")
_IT_ES: Final = ("ti", "sistemas", "informatica", "tecnologias de la informacion")
# English "it" is a pronoun, so IT titles are spelled out in full below.
_IT_EN: Final = ("information technology", "systems", "infrastructure")
_MARKETING_ES: Final = ("marketing", "growth", "marca", "publicidad", "comunicaciones")
_MARKETING_EN: Final = ("marketing", "growth", "brand")
_FINANCE_ES: Final = ("finanzas", "administracion y finanzas", "contabilidad", "tesoreria")
_FINANCE_EN: Final = ("finance", "accounting")
_DATA_ES: Final = (
    "datos", "data", "analytics", "bi", "inteligencia de negocios", "business intelligence",
    "ciencia de datos",
)
_DATA_EN: Final = ("data", "analytics", "bi", "business intelligence", "data science")
_SALES_ES: Final = ("ventas", "comercial", "desarrollo de negocios", "revenue")
_SALES_EN: Final = ("sales", "business development", "revenue")
_PRODUCT_ES: Final = ("producto", "product")
_PRODUCT_EN: Final = ("product",)
_SERVICE_ES: Final = (
    "atencion al cliente", "servicio al cliente", "soporte", "experiencia del cliente",
    "customer success", "logistica",
)
_SERVICE_EN: Final = ("customer service", "support", "customer experience", "cx", "logistics")

ROLE: Final = CategoryLexicon(
    # The first meeting is usually taken by whoever runs the business day to day.
    default=DecisionMakerRole.CEO,
    entries={
        DecisionMakerRole.CEO: ValueEntry(
            "gerente general (CEO)",
            cues(
                "presidente", "presidenta", "gerenta general", "country manager",
                "managing director", "director general", "directora general", "director ejecutivo",
                "directora ejecutiva", "chief executive",
                decisive=("ceo", "chief executive officer", "gerente general", "general manager"),
            ),
        ),
        DecisionMakerRole.COO: ValueEntry(
            "director de operaciones (COO)",
            cues(
                *_titles(_SENIOR_ES, _OPS_ES), *_english_titles(_SENIOR_EN, _OPS_EN),
                decisive=("coo", "chief operating officer", "chief operations officer"),
            ),
        ),
        DecisionMakerRole.CTO: ValueEntry(
            "director de tecnología (CTO)",
            cues(
                *_titles(_SENIOR_ES + _MIDDLE_ES, _TECH_ES),
                *_english_titles(_SENIOR_EN + _MIDDLE_EN, _TECH_EN),
                "tech lead", "lider tecnico", "arquitecto de software", "software architect",
                decisive=("cto", "chief technology officer", "chief technical officer"),
            ),
        ),
        DecisionMakerRole.CMO: ValueEntry(
            "director de marketing (CMO)",
            cues(
                *_titles(_SENIOR_ES + _MIDDLE_ES, _MARKETING_ES),
                *_english_titles(_SENIOR_EN + _MIDDLE_EN, _MARKETING_EN),
                "brand manager", "community manager", "growth lead", "head of growth",
                decisive=("cmo", "chief marketing officer"),
            ),
        ),
        DecisionMakerRole.CIO: ValueEntry(
            "director de sistemas (CIO)",
            cues(
                *_titles(_SENIOR_ES, _IT_ES),
                *_english_titles(_SENIOR_EN, _IT_EN),
                "gerente de transformacion digital", "director de transformacion digital",
                "chief digital officer", "gerente digital", "it director", "director of it",
                decisive=("cio", "chief information officer"),
            ),
        ),
        DecisionMakerRole.CFO: ValueEntry(
            "director de finanzas (CFO)",
            cues(
                *_titles(_SENIOR_ES + _MIDDLE_ES, _FINANCE_ES),
                *_english_titles(_SENIOR_EN + _MIDDLE_EN, _FINANCE_EN),
                "directora financiera", "gerente financiero", "gerenta financiera", "controller",
                "contralor", "tesorero", "gaf",
                decisive=("cfo", "chief financial officer", "director financiero"),
            ),
        ),
        DecisionMakerRole.HEAD_DATA: ValueEntry(
            "líder de datos",
            cues(
                *_titles(_SENIOR_ES + _MIDDLE_ES, _DATA_ES),
                *_english_titles(_SENIOR_EN + _MIDDLE_EN, _DATA_EN),
                "data lead", "data manager", "analytics manager", "bi manager",
                decisive=("head of data", "chief data officer", "cdo", "jefe de datos"),
            ),
        ),
        DecisionMakerRole.HEAD_OPS: ValueEntry(
            "jefe de operaciones",
            cues(
                *_titles(_MIDDLE_ES, _OPS_ES),
                *_english_titles(_MIDDLE_EN, _OPS_EN),
                *_titles(_SENIOR_ES + _MIDDLE_ES, _SERVICE_ES),
                *_english_titles(_SENIOR_EN + _MIDDLE_EN, _SERVICE_EN),
                decisive=("head of operations", "jefe de operaciones", "operations manager"),
            ),
        ),
        DecisionMakerRole.HEAD_SALES: ValueEntry(
            "líder comercial",
            cues(
                *_titles(_SENIOR_ES + _MIDDLE_ES, _SALES_ES),
                *_english_titles(_SENIOR_EN + _MIDDLE_EN, _SALES_EN),
                "chief revenue officer", "cro", "key account manager", "kam",
                decisive=("head of sales", "gerente comercial", "jefe de ventas", "sales director"),
            ),
        ),
        DecisionMakerRole.PRODUCT_OWNER: ValueEntry(
            "product owner",
            cues(
                *_titles(_SENIOR_ES + _MIDDLE_ES, _PRODUCT_ES),
                *_english_titles(_SENIOR_EN + _MIDDLE_EN, _PRODUCT_EN),
                "dueno del producto", "duena del producto", "cpo", "chief product officer",
                decisive=("product owner", "product manager"),
            ),
        ),
        DecisionMakerRole.IT_MANAGER: ValueEntry(
            "jefe de TI",
            cues(
                *_titles(_MIDDLE_ES, _IT_ES),
                *_english_titles(_MIDDLE_EN, _IT_EN),
                "administrador de sistemas", "sysadmin", "system administrator",
                "it administrator", "soporte ti", "it support", "it lead",
                decisive=("it manager", "jefe de ti", "jefe de sistemas", "head of it"),
            ),
        ),
        DecisionMakerRole.ANALYST: ValueEntry(
            "analista",
            cues(
                "analista de datos", "data analyst", "business analyst", "analista de negocio",
                "analista comercial", "analista de marketing", "analista de operaciones",
                "analista de bi", "analista financiero",
                decisive=("analista", "analyst"),
            ),
        ),
        DecisionMakerRole.FOUNDER: ValueEntry(
            "fundador",
            cues(
                "propietaria", "emprendedor", "emprendedora", "mi emprendimiento", "i started",
                "we founded", "fundamos", "funde", "cree la empresa", "inicie el negocio",
                "business owner", "mi negocio", "my business", "socio fundador", "socia fundadora",
                decisive=(
                    "fundador", "fundadora", "cofundador", "cofundadora", "co-fundador",
                    "co-fundadora", "co-founder", "cofounder", "founder", "dueno", "duena",
                    "owner", "propietario",
                ),
            ),
        ),
    },
)

# Inside a self-introduction ("soy el gerente de operaciones", "I run marketing") an area word
# alone is enough to place the speaker's role.
ROLE_AREA_CUES: Final[Mapping[DecisionMakerRole, tuple[Cue, ...]]] = {
    DecisionMakerRole.HEAD_OPS: cues(*_OPS_ES, *_OPS_EN, *_SERVICE_ES, *_SERVICE_EN),
    DecisionMakerRole.CTO: cues(*_TECH_ES, *_TECH_EN),
    DecisionMakerRole.IT_MANAGER: cues(*_IT_ES, *_IT_EN),
    DecisionMakerRole.CMO: cues(*_MARKETING_ES, *_MARKETING_EN),
    DecisionMakerRole.CFO: cues(*_FINANCE_ES, *_FINANCE_EN),
    DecisionMakerRole.HEAD_DATA: cues(*_DATA_ES, *_DATA_EN),
    DecisionMakerRole.HEAD_SALES: cues(*_SALES_ES, *_SALES_EN),
    DecisionMakerRole.PRODUCT_OWNER: cues(*_PRODUCT_ES, *_PRODUCT_EN),
}
SELF_INTRODUCTIONS: Final = cues(
    "soy", "yo soy", "mi cargo es", "mi rol es", "mi puesto es", "trabajo como",
    "me desempeno como", "estoy a cargo de", "estoy a cargo del", "me encargo de",
    "me encargo del", "lidero", "dirijo", "manejo", "llevo", "i'm", "i am", "im", "my role is",
    "my title is", "i work as", "i run", "i lead", "i head", "i manage", "i oversee",
    "i'm in charge of", "in charge of", "a cargo de", "a cargo del",
)
# Tokens after a self-introduction that may still name the speaker's role.
SELF_INTRODUCTION_WINDOW: Final = 7
SELF_INTRODUCTION_WEIGHT: Final = 2 * DECISIVE_WEIGHT

# "Somos una cadena de pollerías", "we make project-management software": the first sector cue
# after the client describes their own business says what the business is.
COMPANY_INTRODUCTIONS: Final = cues(
    "somos una", "somos un", "somos", "we are a", "we're a", "we are an", "we're an", "we make",
    "we sell", "we run", "we manage", "we distribute", "we build", "we operate", "we provide",
    "hacemos", "fabricamos", "vendemos", "distribuimos", "construimos", "operamos", "producimos",
    "administramos", "nos dedicamos a", "nos dedicamos al", "es una empresa de", "una empresa de",
    "a company that", "atendemos", "exportamos", "importamos", "tenemos una", "tenemos un",
    "i run", "i own", "soy dueno de", "soy duena de", "tengo una", "tengo un", "we manufacture",
    "we produce", "we develop", "we grow", "we export", "we import", "we own", "we offer",
    "cultivamos", "elaboramos", "ofrecemos", "desarrollamos", "brindamos", "prestamos servicios",
    "somos fabricantes", "manufacturamos", "comercializamos", "we're in the",
    "estamos en el rubro", "nuestro rubro es", "our business is",
)
COMPANY_INTRODUCTION_WINDOW: Final = 8
# Words after which a company describes its customers, not itself ("fabricamos cajas para la
# fruta", "we sell to retailers"): the window after a company introduction ends there.
CUSTOMER_MARKERS: Final = frozenset(("para", "for", "to"))

# How the client came to Vambe is usually said in one sentence ("los conocí por un reel en
# Instagram", "thanks to Cobalt for the intro") or in the answer to the seller's question; lead
# source cues there count several times over, wherever else channels are mentioned.
ARRIVAL_CUES: Final = cues(
    "nos conocimos", "conocernos", "los conoci", "los conocimos", "te conoci", "lo conoci",
    "la conoci", "supe de ustedes", "supimos de ustedes", "supe de vambe", "llegamos a ustedes",
    "llegue a ustedes", "llegamos a vambe", "llegue a vambe", "llegaste a nosotros",
    "llegaron a nosotros", "como nos encontraron", "como nos encontraste", "como nos conociste",
    "como nos conocieron", "como llegaste", "como llegaron", "como supiste", "como supieron",
    "los encontre", "los encontramos", "nos encontraste", "nos encontraron", "nos contactaste",
    "nos contactaron", "nos escribiste", "nos escribieron", "les escribi", "les escribimos",
    "te escribi", "te contacte", "te contactamos", "me contactaste", "me contactaron",
    "me llamaste", "lo llame", "la llame", "te llame", "usted me llamo", "me llamo usted",
    "me llamaron", "nos llamaron", "gracias por escribirnos", "gracias por escribir",
    "gracias por llenar", "gracias por responder", "gracias por contestar", "gracias por pasar",
    "gracias por agendar", "gracias a", "nos presento", "nos presentaron", "nos sugirio",
    "nos sugirieron", "nos recomendo", "nos recomendaron", "me recomendo", "me recomendaron",
    "me entere", "nos enteramos", "vi su", "vi tu", "vi un", "vi una", "los vi", "di clic",
    "me suscribi", "nos suscribimos", "respondi a", "respondi tu", "respondi su", "le conteste",
    "te conteste", "nos hablo de", "me hablo de", "nos hablaron de", "me hablaron de",
    "how did you find", "how did you hear", "found you", "found us", "heard about you",
    "heard of you", "heard about vambe", "came across", "reached us", "reached out", "you called",
    "called me", "cold-emailed", "emailed me", "thanks for the intro", "introduced us",
    "told us about", "told me about", "we met", "met at", "meeting you at", "saw your", "saw you",
    "i saw", "clicked", "signed up", "subscribed", "installed", "vouched for", "referred us",
    "referred me",
    # Spain's "vosotros", other regional ways to say it, and the seller's thanks for the reply
    # or booking that started the conversation.
    "os conocimos", "os conoci", "os encontre", "os encontramos", "os vi", "supe de vosotros",
    "llegamos a vosotros", "los pille", "me tope con", "nos topamos con", "di con ustedes",
    "dimos con ustedes", "como dieron con", "como nos ubicaron", "como fue que llegaron",
    "como llegaron a nosotros", "llegaron con nosotros", "llegamos con ustedes", "llegue por",
    "llegamos por", "llegue a traves", "me contacte", "los contacte", "me escribiste",
    "gracias por aceptar", "gracias por tomar mi llamada", "gracias por atender",
    "gracias por dejarnos", "gracias por completar", "gracias por inscribirte",
    "gracias por descargar", "gracias por venir", "gracias por acercarte",
    "thanks for taking my call", "thanks for replying", "thanks for responding",
    "thanks for getting back", "thanks for accepting", "thanks for booking",
    "thanks for signing up", "thanks for filling", "thanks for reaching out",
    "thanks for getting in touch", "thanks for coming by", "thank you for accepting",
    "thank you for replying", "thank you for booking", "thank you for reaching out",
    "how did you come across", "what brought you", "que los trajo", "que te trajo", "que lo trajo",
    "what made you reach out", "got in touch", "took the first meeting", "first heard",
    "primera vez que escuche", "escuche de ustedes", "escuche hablar", "oi hablar", "oimos hablar",
    "me llego", "nos llego", "me salio", "me aparecio", "popped up", "came up", "i clicked",
    "hice clic", "pinche", "le di clic", "le di a", "i read", "lei", "los sigo", "got your",
    "received your", "recibi su", "recibi tu", "answered your", "respondi", "replied", "conteste",
    "acepte tu", "acepte su", "empezo porque", "empezo cuando", "started because", "all started",
    "todo empezo", "aqui estamos", "here i am", "here we are", "y asi empezo", "that's how",
    "asi fue como", "asi llegamos", "so i answered", "lo abri", "i opened",
)

# Where the client states the problem ("nuestro problema es...", "what's the main challenge?")
# and what they want ("queremos puntuar a cada solicitante"), pain and use-case cues weigh more.
PROBLEM_CUES: Final = cues(
    "problema", "el problema", "nuestro problema", "mi problema", "el desafio", "el reto",
    "lo que nos duele", "nos duele", "dolor", "nos complica", "lo que me preocupa", "nos preocupa",
    "el tema es", "nos cuesta", "que necesidad", "que situacion", "que les gustaria resolver",
    "problem", "our problem", "the problem", "main challenge", "the challenge", "the issue",
    "pain point", "struggle", "struggling", "bottleneck", "what's going on", "what prompted",
    "what's hurting", "keeps me up", "el cuello de botella", "nos esta costando",
)
GOAL_CUES: Final = cues(
    "queremos", "quiero", "buscamos", "lo que buscamos", "necesitamos", "necesito", "el objetivo",
    "el punto era", "la idea es", "nos gustaria", "me gustaria", "el alcance", "resolver",
    "we want", "i want", "we need", "i need", "the goal", "the objective", "we'd like", "i'd like",
    "we are looking for", "we're looking for", "looking for", "para eso", "eso es",
    "that's exactly what", "justo para eso", "lo que hace", "does",
)

# --- purchase_stage --------------------------------------------------------------------------
PURCHASE_STAGE: Final = CategoryLexicon(
    # Without talk of price or signatures, a meeting is someone learning what Vambe does.
    default=PurchaseStage.DISCOVERY,
    entries={
        PurchaseStage.DISCOVERY: ValueEntry(
            "descubrimiento",
            cues(
                "conocer", "explorar", "entender", "primera reunion", "nos interesa saber",
                "como funciona", "explorando", "evaluando opciones", "just exploring",
                "learn more", "first call", "first meeting", "how does it work", "how it works",
                "conocer mas", "saber mas", "know more", "understand", "curious", "curiosidad",
                "investigando", "researching", "evaluando alternativas", "comparando", "comparing",
                "looking at options", "viendo opciones", "que hacen", "what you do", "demo",
                "demostracion", "presentacion", "exploratorio", "investigar opciones",
                "investigara", "investigando opciones", "levantando requerimientos",
                "requerimientos", "collecting options", "early", "early stage",
                "mapping the landscape", "looking around", "business case", "first time",
                "primera vez", "antes de avanzar", "no prometo nada", "just looking",
                "what's possible", "que es posible", "quiero entender", "rfp",
                "no formal proposal", "sin propuesta formal", "nos interesa conocer",
                "conocer opciones", "otros proveedores", "other vendors", "en la mesa",
                "bases tecnicas", "ficha tecnica",
                # Asking for a first proposal or prices, or saying they are only gathering
                # information, comes before any negotiation.
                "mandame una propuesta", "mandeme una propuesta", "enviame una propuesta",
                "envieme una propuesta", "mandame la propuesta", "mandame precios",
                "pasame precios", "precios de referencia", "propuesta preliminar",
                "propuesta indicativa", "te preparo una propuesta", "le preparo una propuesta",
                "te envio una propuesta", "send me a proposal", "send a proposal",
                "send me pricing", "budget estimate", "rough estimate", "recien mirando",
                "mirando opciones", "mirando alternativas", "conociendo opciones",
                "recopilando informacion", "levantando informacion", "juntando informacion",
                "gathering information", "this is early", "it's early", "scoping",
                "ni presupuesto", "sin presupuesto", "no budget yet",
                decisive=(
                    "solo estamos explorando", "we're just exploring", "etapa de exploracion",
                    "exploratory", "exploratoria", "primera conversacion", "first conversation",
                    "estamos explorando", "estoy explorando", "es exploratorio",
                    "early conversation", "exploratory stage", "primera platica",
                ),
            ),
        ),
        PurchaseStage.NEGOTIATION: ValueEntry(
            "negociación",
            cues(
                "precio", "cotizacion", "propuesta", "descuento", "condiciones", "presupuesto",
                "pricing", "price", "quote", "discount", "terms", "proposal", "negociar",
                "negotiate", "licencia", "license", "sla", "tarifa", "fee",
                "mensualidad", "plazo de pago", "payment terms", "forma de pago", "contrato",
                "contract", "clausula", "clause", "piloto", "pilot", "trial", "comparar propuesta",
                "cuanto cuesta", "how much", "roi",
                # A proposal already sent and being reworked, or a signature still conditional.
                "revise la propuesta", "revisamos la propuesta", "revisaron la propuesta",
                "ver la propuesta", "vieron la propuesta", "propuesta revisada",
                "propuesta ajustada", "propuesta actualizada", "propuesta que mandaron",
                "propuesta que mandamos", "retomamos la propuesta", "nueva version",
                "esta version", "this version", "updated version", "revised proposal",
                "reviewed the proposal", "read the proposal", "seen the proposal", "revised terms",
                "statement of work", "si firmamos", "if we sign", "al firmar", "hitos de pago",
                "firmar este mes",
                decisive=(
                    "negociacion", "negotiation", "propuesta comercial", "ajustar el precio",
                    "mejorar el precio", "better price", "revisar la propuesta", "contrapropuesta",
                    "counteroffer", "terminos del contrato", "contract terms",
                ),
            ),
        ),
        PurchaseStage.CLOSURE: ValueEntry(
            "cierre",
            cues(
                "firmar", "firmamos", "orden de compra", "kickoff", "kick-off",
                "kick off", "onboarding", "comenzar la implementacion", "purchase order",
                "let's do it", "vamos con", "aprobaron", "tenemos aprobacion",
                "contratar", "approved", "signed", "go live", "puesta en marcha", "arrancamos",
                "alta de cuenta", "dar de alta", "primer pago", "first payment", "go ahead",
                "move forward", "firmo", "te firmo", "le firmo", "firme", "ya firme",
                "firmamos el contrato", "lo firmamos hoy", "aprobamos", "la aprobamos",
                "ya aprobamos", "aprobo la orden", "emitimos la orden", "e-signature",
                "esignature", "payment link", "arrancamos manana", "lista para arrancar",
                "listo para arrancar", "listos para arrancar", "quede corriendo", "queda activo",
                "acta de inicio", "plan de trabajo", "onboarding can start", "onboarding starts",
                "go-live", "contrato marco", "sign today", "signing today", "we're signing",
                "i'll sign", "lo firmo", "cerramos con ustedes", "cerramos el trato",
                "trato hecho", "deal done", "it's a deal",
                # Signed or paid already, in the past tense.
                "contrato firmado", "todo firmado", "esta firmado", "orden firmada",
                "signed contract", "signed order", "signed agreement", "ya firmo", "firmamos ayer",
                "ya pague", "ya pagamos", "ingrese la tarjeta", "te activo", "activo el plan",
                "quedarme con el plan", "nos quedamos con", "we're going with",
                decisive=(
                    "firmar el contrato", "sign the contract", "cerrar el trato", "close the deal",
                    "ya firmamos", "we signed", "vamos adelante", "let's move forward",
                    "estamos listos para firmar", "ready to sign", "lo contratamos",
                    "aprobaron el presupuesto", "budget approved", "firmamos hoy", "firmo hoy",
                    "te firmo hoy", "where do i sign", "firme el contrato", "link de pago",
                ),
            ),
        ),
    },
)

CATEGORY_LEXICONS: Final[Mapping[type[StrEnum], CategoryLexicon]] = {
    BusinessSector: SECTOR,
    CompanySize: COMPANY_SIZE,
    Region: REGION,
    LeadSource: LEAD_SOURCE,
    VambeProduct: PRODUCT,
    UseCase: USE_CASE,
    PainPoint: PAIN_POINT,
    DecisionMakerRole: ROLE,
    PurchaseStage: PURCHASE_STAGE,
}

LANGUAGE_LABELS: Final[Mapping[Language, str]] = {
    Language.ES: "español",
    Language.EN: "inglés",
}
SENTIMENT_LABELS: Final[Mapping[Sentiment, str]] = {
    Sentiment.POSITIVE: "positivo",
    Sentiment.NEUTRAL: "neutral",
    Sentiment.NEGATIVE: "negativo",
}

# --- language --------------------------------------------------------------------------------
# Function words only; words spelled the same in both languages ("a", "no", "me") are left out.
SPANISH_STOPWORDS: Final = frozenset(
    (
        "de", "la", "que", "el", "en", "y", "los", "se", "del", "las", "un", "por", "con", "una",
        "su", "para", "es", "al", "lo", "como", "mas", "pero", "sus", "le", "ya", "este", "porque",
        "esta", "entre", "cuando", "muy", "sin", "sobre", "tambien", "hasta", "hay", "donde",
        "quien", "desde", "todo", "nos", "durante", "todos", "uno", "les", "ni", "contra", "otros",
        "ese", "eso", "ante", "ellos", "esto", "mi", "antes", "algunos", "unos", "yo", "otro",
        "otras", "otra", "tanto", "esa", "estos", "mucho", "quienes", "nada", "muchos", "cual",
        "poco", "ella", "estar", "estas", "algunas", "algo", "nosotros", "tenemos", "estamos",
        "necesitamos", "usted", "ustedes", "hola", "gracias", "bueno", "pues", "somos", "tiene",
        "tienen", "puede", "podemos", "queremos", "seria", "hacer", "vamos",
    )
)
ENGLISH_STOPWORDS: Final = frozenset(
    (
        "the", "and", "to", "of", "in", "is", "it", "you", "that", "we", "for", "on", "with",
        "this", "our", "are", "be", "have", "they", "at", "not", "but", "what", "can", "so", "do",
        "would", "will", "your", "my", "i", "an", "was", "there", "if", "about", "how", "just",
        "like", "need", "us", "all", "from", "or", "by", "their", "them", "been", "has", "had",
        "which", "who", "when", "were", "could", "should", "does", "did", "these", "those", "than",
        "then", "hello", "thanks", "thank", "yes", "yeah", "okay", "right", "really", "want",
        "we're", "i'm", "it's", "don't", "that's", "you're",
    )
)

# --- speakers --------------------------------------------------------------------------------
# Speaker labels ("Vendedor:", "Client:") say who talks; when labels are plain names, the speaker
# who says these seller phrases most is taken to be the seller.
SELLER_LABEL_WORDS: Final = frozenset(
    (
        "vendedor", "vendedora", "seller", "sales", "vambe", "ejecutivo", "ejecutiva", "asesor",
        "asesora", "agente", "agent", "rep", "representative", "sdr", "ae", "kam", "consultor",
        "consultora", "salesperson", "comercial", "account",
    )
)
CLIENT_LABEL_WORDS: Final = frozenset(
    (
        "cliente", "client", "customer", "prospecto", "prospect", "lead", "comprador", "buyer",
    )
)
SELLER_PHRASES: Final = cues(
    "vambe", "nuestra plataforma", "nuestro producto", "nuestra solucion", "te puedo mostrar",
    "le puedo mostrar", "les puedo mostrar", "te muestro", "les muestro", "le muestro",
    "our platform", "our product", "our solution", "let me show you", "i can show you", "mercur",
    "iris", "axis", "vambe ads", "nuestros clientes como", "clients like you",
    "clientes como ustedes", "como te comentaba", "le comento", "les comento",
)

# --- polar signals ---------------------------------------------------------------------------
# A cue preceded by a negator in the same clause ("no es urgente") does not count, or for
# positive sentiment counts against it ("no me convence").
NEGATORS: Final = frozenset(
    (
        "no", "sin", "not", "never", "nunca", "ni", "tampoco", "without", "nada", "ningun",
        "ninguna", "nobody", "none", "don't", "doesn't", "isn't", "aren't", "wasn't", "weren't",
        "won't", "can't", "cannot", "didn't", "haven't", "dont", "doesnt", "isnt", "arent", "wont",
        "cant", "didnt",
    )
)
NEGATION_WINDOW: Final = 3

_MONTHS_ES: Final = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)
_MONTHS_EN: Final = (
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december",
)
# A named date is usually a deadline in a sales meeting: "el 15 de diciembre", "by June 20".
_SPANISH_DATE_FORMS: Final = (
    "antes de {}", "para {}", "# de {}", "es en {}", "empieza en {}", "arrancar en {}",
    "funcionando en {}", "listo en {}",
)
_ENGLISH_DATE_FORMS: Final = ("by {}", "before {}", "{} #", "starts {}")
URGENT_CUES: Final = cues(
    "urgencia", "urge", "tenemos un plazo", "plazo de implementacion", "el plazo es",
    "plazo acotado", "plazo corto", "corto plazo", "presion de tiempo", "bajo presion",
    "nos presiona", "lo antes posible", "cuanto antes", "lo mas pronto posible", "a la brevedad",
    "para ayer", "fecha limite", "deadline", "contra el tiempo", "presionado", "apurado", "apuro",
    "prisa", "este mes", "antes de fin de mes", "antes de fin de ano", "fin de trimestre",
    "este trimestre", "end of the month", "end of the quarter", "this quarter", "this month",
    "black friday", "cyber", "cyberday", "cyber monday", "temporada alta", "peak season",
    "high season", "navidad", "christmas", "no podemos esperar", "can't wait", "cannot wait",
    "inmediato", "inmediatamente", "immediately", "right away", "time-sensitive", "time sensitive",
    "urgently", "pressing", "tight timeline", "tight deadline", "en dos semanas",
    "within two weeks", "within a month", "lo necesitamos ya", "necesitamos arrancar ya",
    "cuanto antes mejor", "rapidamente", "quickly", "lo necesitamos para", "we need it by",
    "need it by", "tiene que estar listo", "has to be ready", "must be live", "a mas tardar",
    "at the latest", "no mas alla de", "antes del", "before our", "well before", "by then",
    "para entonces", "si o si", "no hay margen", "no margin", "tiene que estar",
    "tiene que quedar", "tienen que estar", "necesito que quede", "necesitamos que quede",
    "locked in", "before the new", "en las proximas", "proximas semanas", "proximos dias",
    "in the coming weeks", "next few weeks", "arranca el", "empieza el", "abre el",
    "entra en vigencia", "starts on", "season starts", "temporada arranca", "temporada empieza",
    "antes de la temporada", "before the season", "necesito cerrar", "need to close",
    "antes del cierre", "before the end of", "fin del trimestre", "lo necesitamos funcionando",
    "necesito algo funcionando", "funcionando antes", "operando para", "up and running by",
    "running well before", "don't have time", "no tengo tiempo", "tenemos que llegar",
    "we have to be ready", "cuenta regresiva", "countdown",
    *(form.format(month) for form in _SPANISH_DATE_FORMS for month in _MONTHS_ES),
    *(form.format(month) for form in _ENGLISH_DATE_FORMS for month in _MONTHS_EN),
    *(f"en {number} semanas" for number in ("dos", "tres", "cuatro", "cinco", "seis", "ocho", "#")),
    *(f"in {number} weeks" for number in ("two", "three", "four", "five", "six", "eight", "#")),
    "before q1", "before q2", "before q3", "before q4", "by q1", "by q2", "by q3", "by q4",
    "antes del q1", "antes del q2", "antes del q3", "antes del q4", "end of q1", "end of q2",
    "end of q3", "end of q4",
    decisive=("urgente", "urgent", "asap", "as soon as possible", "es urgente", "is urgent"),
)
NOT_URGENT_CUES: Final = cues(
    "no tenemos apuro", "no hay prisa", "sin prisa", "no tenemos prisa", "nada urgente", "no urge",
    "con calma", "sin presion", "no hay presion", "a largo plazo", "largo plazo", "mediano plazo",
    "el proximo ano", "el ano que viene", "mas adelante", "no hurry", "no urgency", "no deadline",
    "no pressure", "take our time", "long term", "next year", "down the road", "eventually",
    "sin fecha", "no timeline", "no specific timeline", "sin plazo", "no tenemos plazo",
    "no hay plazo", "no tenemos fecha", "not in a rush", "not in a hurry", "en algun momento",
    "at some point", "no es prioridad", "not a priority", "no es una prioridad", "tranquilo",
    "sin urgencia", "not pressing", "no hay afan", "sin afan", "no hay una fecha", "no hay fecha",
    "no fixed timeline", "no time pressure", "not under any time pressure", "no tenemos una fecha",
    "fecha definida", "con tranquilidad", "whenever", "cuando ustedes puedan", "cuando este listo",
    "no fecha", "proximo ejercicio", "next fiscal year", "sin fecha limite", "backlog", "roadmap",
    decisive=("no hay apuro", "no rush", "no es urgente", "not urgent", "sin apuro"),
)

# Politeness ("perfecto", "interesante", "de acuerdo") is not enthusiasm: only clear
# approval counts as positive.
POSITIVE_CUES: Final = cues(
    "excelente", "genial", "buenisimo", "muy bueno", "muy buena", "me encanta", "nos encanta",
    "me encanto", "nos encanto", "me gusta", "nos gusta", "me gusto", "nos gusto",
    "muy interesante", "increible", "fantastico", "justo lo que necesitamos",
    "exactamente lo que necesitamos", "justo lo que", "me convence", "nos convence",
    "me convencio", "nos convencio", "suena bien", "suena muy bien", "me parece muy bien",
    "nos sirve", "me sirve", "entusiasmad*", "emocionad*", "contento", "contenta", "muy util",
    "valioso", "impresionante", "vamos con todo", "great", "excellent", "awesome", "amazing",
    "love", "love it", "impressive", "sounds good", "sounds great", "exactly what we need",
    "very helpful", "really useful", "excited", "happy", "fantastic", "really like", "convinced",
    "valuable", "buena idea", "good idea", "encantad*", "maravilloso", "wonderful", "lovely",
    "me parece excelente", "que bueno", "super claro", "muy claro", "very clear", "clarisimo",
    "agradecid*", "muchas gracias por", "looking forward", "con muchas ganas", "feliz",
    "listisim*", "me anime", "nos animamos", "me late", "easy to follow", "muy buen trabajo",
    "muy ordenado", "enjoyed", "me parece justo",
)
NEGATIVE_CUES: Final = cues(
    "caro", "costoso", "expensive", "pricey", "duda", "doubt", "preocupa", "preocupacion",
    "preocupado", "preocupada", "worried", "concerned", "no estoy seguro",
    "no estoy segura", "not sure", "esceptico", "esceptica", "skeptical", "riesgoso", "risky",
    "lamentablemente", "unfortunately", "malo", "mala experiencia", "bad experience", "terrible",
    "horrible", "pesimo", "hesitant", "reticente", "no me gusta", "i don't like", "no me convence",
    "no nos convence", "not convinced", "decepcionado", "decepcionada", "disappointed", "molesto",
    "molesta", "annoyed", "frustrante", "frustrating", "no entiendo", "i don't understand",
    "confuso", "confusing", "perdida de tiempo", "waste of time", "no nos sirve", "no me sirve",
    "not useful", "demasiado caro", "too expensive", "no estamos interesados", "not interested",
    "no me interesa", "no nos interesa", "desconfianza", "distrust", "no estoy entendiendo",
    "confundid*", "no me puede contestar", "no me pudo contestar", "esperaba una reunion mas",
    "esperaba mas", "no tengo claro", "no me haya escuchado", "no me escucho", "no me escucha",
    "recitando", "recitando el folleto", "leyendo el folleto", "reading the brochure",
    "irrelevant", "gone off", "not impressed", "no me sirvio", "hemos perdido", "we've lost",
    "don't have time for this", "no tengo muchas expectativas", "no prometo nada",
    "no estoy contento", "no estoy contenta", "me molesta", "vengo quemad*", "quemado",
    "no funciono", "ninguna funciono", "didn't work",
)
# The client saying the meeting itself went well cancels an equal weight of bad-meeting cues.
GOOD_MEETING_CUES: Final = cues(
    "fue muy claro", "la reunion fue", "muy buena presentacion", "great demo", "lovely",
    "la reunion estuvo bien", "la explicacion estuvo clara", "muy clara la explicacion",
    "muy claro", "super claro", "muy buena reunion", "buena reunion", "muy buen trabajo",
    "muy ordenado", "muy util", "great meeting", "very clear", "really useful", "very useful",
    "great call", "helpful call", "useful chat", "easy to follow", "me gusto la explicacion",
    "estuvo clara", "estuvo muy clara", "quedo claro", "clarisimo",
)
BAD_MEETING_CUES: Final = cues(
    "no entiendo", "no entendi", "no me queda claro", "no queda claro", "no esta claro", "confuso",
    "confusa", "confundido", "confundida", "me perdi", "perder el tiempo",
    "no era lo que esperaba", "no es lo que esperaba", "no es lo que buscamos",
    "no es lo que necesitamos", "decepcionado", "decepcionada", "decepcionante", "insatisfecho",
    "insatisfecha", "molesto", "molesta", "frustrante", "frustrado", "frustrada",
    "no respondio mis preguntas", "no respondiste", "no contestaste", "no nos interesa",
    "no me interesa", "no vamos a avanzar", "no vamos a seguir", "no creo que sea para nosotros",
    "lo dejamos hasta aqui", "esperaba mas", "esperaba algo mas", "muy tecnico",
    "demasiado tecnico", "muy generico", "no tiene sentido", "no le veo sentido",
    "no veo el valor", "i don't understand", "i didn't understand", "i'm confused", "confusing",
    "confused", "not clear", "unclear", "lost me", "wasted our time", "not what we expected",
    "not what we need", "not what i expected", "not a fit", "not a good fit", "we'll pass",
    "we will pass", "disappointed", "disappointing", "frustrated", "frustrating", "annoyed",
    "didn't answer", "you didn't answer", "too technical", "too generic", "expected more",
    "doesn't make sense", "don't see the value", "no veo como", "i don't see how",
    "no estoy entendiendo", "confundid*", "no me puede contestar", "no me pudo contestar",
    "no me pueden contestar", "esperaba una reunion mas", "no me haya escuchado", "no me escucho",
    "no me escucha", "recitando", "irrelevant", "gone off", "not impressed", "no me sirvio",
    "esta reunion no", "this meeting", "hemos perdido", "we've lost", "don't have time for this",
    "que estamos haciendo", "no corresponde a lo que", "ninguno corresponde",
    "me mostro otra cosa", "showed me something else", "couldn't show", "no pudo mostrar",
    "no me pudo mostrar", "sorry i'm late", "llego tarde", "isn't loading", "no carga",
    "no funciona la demo", "demo no funciona", "send someone else", "mas tecnica",
    "more technical", "what you're offering", "tercera vez", "second time", "segunda vez",
    # Questions left unanswered, or the seller not listening to what was already said.
    "no me has respondido", "no has respondido", "te he preguntado", "ya te lo dije",
    "te lo dije", "no escuchaste", "no me escuchaste", "me confundio", "no me quedo claro",
    "no quedo claro", "sin entender", "que me estan ofreciendo", "que me ofreces",
    "que me ofreceis", "que me ofrecen", "que me estas ofreciendo", "llevamos media hora",
    "llevamos # minutos", "ya pasaron # minutos", "te pregunto lo mismo", "respuesta concreta",
    "que no te he pedido", "alguien que conozca", "you haven't answered", "i already told you",
    "i told you", "you didn't listen", "not listening",
    decisive=(
        "perdida de tiempo", "waste of time", "no estamos interesados", "not interested",
        "no entiendo nada", "i don't understand anything", "muy confuso", "very confusing",
    ),
)

# --- commitments (action items and next steps) -----------------------------------------------


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


# A sentence states a commitment when it has one of these first-person or agreed-plan forms.
COMMITMENT_CUES: Final = cues(
    "enviaremos", "te envio", "le envio", "les envio", "te enviamos", "les enviamos",
    "le enviamos", "te mando", "les mando", "le mando", "te mandamos", "les mandamos",
    "vamos a enviar", "voy a enviar", "vamos a mandar", "voy a mandar", "te hago llegar",
    "les hago llegar", "te hacemos llegar", "agendamos", "agendemos", "agendo", "vamos a agendar",
    "voy a agendar", "coordinamos", "coordinemos", "coordino", "quedamos en", "quedamos para",
    "nos juntamos", "nos reunimos", "nos vemos el", "programamos", "programemos", "preparo",
    "preparamos", "prepararemos", "vamos a preparar", "voy a preparar", "te comparto",
    "les comparto", "compartire", "compartiremos", "revisare", "revisaremos", "lo reviso",
    "lo revisamos", "lo converso", "lo conversamos", "lo hablo", "lo presento", "lo presentare",
    "firmamos", "firmaremos", "vamos a firmar", "te confirmo", "les confirmo", "confirmamos",
    "hare seguimiento", "te llamo", "te escribo", "activamos", "arrancamos", "iniciamos",
    "comenzamos", "damos inicio", "enviare", "mandare", "agendare", "coordinare", "preparare",
    "te contacto", "siguiente paso", "proximo paso", "enviamos", "mandamos", "agendar", "enviar",
    "coordinar", "we'll send", "i'll send", "we will send", "i will send", "send you", "send over",
    "we'll schedule", "i'll schedule", "let's schedule", "schedule a", "set up a", "let's set up",
    "book a", "i'll book", "we'll prepare", "i'll prepare", "i'll share", "we'll share",
    "follow up", "i'll follow up", "circle back", "we'll sign", "sign the", "i'll review",
    "we'll review", "i'll talk to", "i'll loop in", "loop in", "next step", "get back to you",
    "i'll get back", "kick off", "let's do", "send me", "envieme", "enviame", "mandame", "mandeme",
    "me mandas", "me envias", "quedo atento", "quedamos atentos", "i'll take", "we'll redline",
    "lo llevo", "la llevo", "armar", "armamos", "armo", "vamos a armar", "i'll have", "we'll send",
    "i'll send",
)
COMMITMENT_KINDS: Final[Mapping[Commitment, ValueEntry]] = {
    Commitment.SEND_CONTRACT: ValueEntry(
        "Enviar el contrato para firma",
        cues(
            "contrato", "firma", "firmar", "firmamos", "contract", "sign", "agreement",
            "orden de compra", "purchase order", "redline", "legal", "dpa", "terminos", "terms",
            "clausula", "clause", "anexo",
        ),
    ),
    Commitment.SEND_PROPOSAL: ValueEntry(
        "Enviar la propuesta comercial con precios",
        cues(
            "propuesta", "cotizacion", "presupuesto", "precio", "proposal", "quote", "pricing",
            "estimate",
        ),
    ),
    Commitment.SCHEDULE_DEMO: ValueEntry(
        "Agendar una demostración o piloto del producto",
        cues(
            "demo", "demostracion", "prueba", "piloto", "trial", "pilot", "poc",
            "prueba de concepto", "proof of concept",
        ),
    ),
    Commitment.KICKOFF: ValueEntry(
        "Coordinar el inicio de la implementación",
        cues(
            "onboarding", "implementacion", "kickoff", "kick off", "arrancar", "arrancamos",
            "implementation", "go live", "puesta en marcha",
        ),
    ),
    Commitment.TECHNICAL_REVIEW: ValueEntry(
        "Revisar la integración técnica con el equipo de TI del cliente",
        cues(
            "equipo tecnico", "equipo de ti", "integracion", "api", "documentacion tecnica",
            "technical team", "it team", "integration", "technical", "tecnico",
        ),
    ),
    Commitment.INTERNAL_REVIEW: ValueEntry(
        "El cliente revisará la propuesta internamente con su equipo",
        cues(
            "mi socio", "mi jefe", "directorio", "gerencia", "internamente", "con el equipo",
            "con mi equipo", "board", "internally", "my team", "my boss", "my partner", "approval",
            "aprobacion", "lo converso", "lo conversamos", "lo hablo", "comite", "committee",
            "leadership", "mi equipo de",
        ),
    ),
    Commitment.SEND_MATERIALS: ValueEntry(
        "Enviar material informativo y casos de éxito",
        cues(
            "informacion", "material", "caso de exito", "brochure", "case study", "information",
            "deck", "presentacion", "documentacion", "documentation", "detalle", "datos",
            "volumenes", "video", "grabacion", "recording", "guia", "guide", "ficha tecnica",
            "referencia", "reference", "schemas", "arquitectura", "architecture",
        ),
    ),
    Commitment.FOLLOW_UP_MEETING: ValueEntry(
        "Agendar una reunión de seguimiento",
        cues("reunion", "llamada", "seguimiento", "meeting", "call", "follow up", "follow-up"),
    ),
}

# When no commitment is stated, the action item proposed for each stage.
STAGE_ACTIONS: Final[Mapping[PurchaseStage, Commitment]] = {
    PurchaseStage.DISCOVERY: Commitment.SCHEDULE_DEMO,
    PurchaseStage.NEGOTIATION: Commitment.SEND_PROPOSAL,
    PurchaseStage.CLOSURE: Commitment.KICKOFF,
}
# `{action}` is the stage's suggested action label.
NO_COMMITMENT_NEXT_STEP: Final = (
    "No se identificó un próximo paso acordado explícitamente; se sugiere: {action}."
)
GENERIC_TOPICS: Final = ("Presentación de Vambe", "Necesidades del cliente")
URGENCY_TOPIC: Final = "Plazos acotados de implementación"
BAD_MEETING_TOPIC: Final = "Dudas o insatisfacción del cliente con la reunión"

# fmt: on
