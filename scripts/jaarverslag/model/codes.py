"""The register's columns, the code lists and their fixed meanings, and the thresholds of the indicators."""

from __future__ import annotations

from typing import Literal, get_args

# Register columns in the register's order, with what each holds (also used in the methodology page and
# the manual, so a column cannot be missing from either).
COLUMNS: dict[str, str] = {
    "id": "pseudoniem kenmerk, uniek over alle jaren (nooit een herleidbaar zaaknummer)",
    "ontvangen_op": "datum van ontvangst (JJJJ-MM-DD of DD-MM-JJJJ)",
    "afgehandeld_op": "datum van afhandeling; leeg zolang de klacht in behandeling is",
    "soort": "awb (klacht volgens hoofdstuk 9 Awb) of andersoortig",
    "afdeling": "code van een afdeling van de gemeente, geldig in dat jaar",
    "aard": "waar de klacht over gaat",
    "kanaal": "hoe de klacht binnenkwam",
    "afhandeling": "hoe de klacht is afgehandeld",
    "oordeel": "alleen bij formeel_afgehandeld: het oordeel",
    "verdaagd": "ja/nee: één schriftelijke verdaging van 4 weken (Awb 9:11 lid 2)",
    "klachtadviescommissie": "ja/nee: advies van de klachtadviescommissie (termijn 10 weken)",
}
REQUIRED_COLUMNS = [c for c in COLUMNS if c != "klachtadviescommissie"]
# The columns whose values an export may write in its own words (gemeente.yaml register.waarden).
MappedColumn = Literal[
    "soort", "afdeling", "aard", "kanaal", "afhandeling", "oordeel", "verdaagd", "klachtadviescommissie"
]
# Words an export's column names use for a register column, beside the column's own name (for the proposal).
COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("kenmerk", "pseudoniem", "volgnummer"),
    "ontvangen_op": ("datum", "ontvangst", "ontvangen", "binnengekomen", "registratiedatum"),
    "afgehandeld_op": ("datum", "afhandeling", "afgehandeld", "afhandeldatum", "einddatum", "gesloten"),
    "soort": ("soort", "type"),
    "afdeling": ("afdeling", "team", "organisatieonderdeel"),
    "aard": ("aard", "categorie", "onderwerp"),
    "kanaal": ("kanaal", "via", "binnengekomen", "ingediend"),
    "afhandeling": ("afhandeling", "resultaat", "afdoening"),
    "oordeel": ("oordeel", "gegrondheid", "beoordeling"),
    "verdaagd": ("verdaagd", "verdaging", "verlengd"),
    "klachtadviescommissie": ("klachtadviescommissie", "commissie", "advies"),
}

# The base code lists. A gemeente may leave codes out and add its own under `labels` in
# gemeente.yaml; an added handling or verdict code says in `betekenis` which fixed meaning it has,
# because the indicators K6-K9 count by meaning, not by code.
CODES: dict[str, list[str]] = {
    "soort": ["awb", "andersoortig"],
    "aard": [
        "bejegening",
        "niet_reageren",
        "behandelduur",
        "informatie",
        "bereikbaarheid",
        "uitvoering",
        "toezegging",
        "privacy",
        "overig",
    ],
    "kanaal": [
        "webformulier",
        "email",
        "brief",
        "telefoon",
        "balie",
        "webcare",
        "via_bestuur",
        "via_ombudsman",
        "overig",
    ],
    "afhandeling": [
        "informeel_opgelost",
        "formeel_afgehandeld",
        "doorgestuurd",
        "ingetrokken",
        "niet_in_behandeling",
        "in_behandeling",
    ],
    "oordeel": ["gegrond", "deels_gegrond", "ongegrond", "geen_oordeel"],
}
# The fixed meanings, with the base codes' own. 'open' is a complaint still being handled.
MEANINGS: dict[str, dict[str, str]] = {
    "afhandeling": {
        "informeel": "informeel opgelost (telt mee in K6)",
        "formeel": "formeel afgehandeld, met een oordeel (K7, K8)",
        "overig": "afgehandeld zonder informele of formele behandeling (doorgestuurd, ingetrokken, ...)",
        "open": "nog in behandeling",
    },
    "oordeel": {
        "gegrond": "gegrond",
        "deels_gegrond": "deels gegrond",
        "ongegrond": "ongegrond",
        "geen_oordeel": "geen oordeel (telt niet mee in K8)",
    },
}
BASE_MEANING: dict[str, dict[str, str]] = {
    "afhandeling": {
        "informeel_opgelost": "informeel",
        "formeel_afgehandeld": "formeel",
        "doorgestuurd": "overig",
        "ingetrokken": "overig",
        "niet_in_behandeling": "overig",
        "in_behandeling": "open",
    },
    "oordeel": {code: code for code in CODES["oordeel"]},
}
FIXED_KINDS = ("soort",)
# Chapters a year may leave out (verslag.yaml hoofdstukken_uit); the others always appear.
# The chapters a gemeente may leave out (the two kinds of complaint are the law's, not a gemeente's).
OptionalChapter = Literal[
    "andersoortige-klachten", "samenwerkingspartners", "nationale-ombudsman", "leren-van-klachten"
]
OPTIONAL_CHAPTERS: tuple[str, ...] = get_args(OptionalChapter)

# Extra columns whose name suggests personal data get a loud warning (never published anyway).
PERSONAL_HINTS = (
    "naam",
    "adres",
    "mail",
    "telefoon",
    "tel",
    "bsn",
    "omschrijving",
    "toelichting",
    "geboorte",
    "postcode",
    "straat",
    "woonplaats",
    "klager",
    "zaaknummer",
    "medewerker",
)

TRUE_WORDS = {"ja", "j", "1", "waar", "true", "y", "yes"}
FALSE_WORDS = {"nee", "n", "0", "onwaar", "false", "no", ""}

SMALL_COUNT = 5
# A hidden count must keep at least this many possible values for a reader who solves every published total.
MIN_VALUES = 3
MIN_DENOMINATOR = 10

Licence = Literal["CC0-1.0", "CC-BY-4.0", "PDDL-1.0"]
# Licences the open data may carry (SPDX id -> title, address); CC0 by default, as is usual for government data.
LICENCES = {
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-BY-4.0": ("Creative Commons Naamsvermelding 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "PDDL-1.0": (
        "Open Data Commons Public Domain Dedication and License",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
}
assert set(get_args(Licence)) == set(LICENCES), "Licence and LICENCES disagree"
