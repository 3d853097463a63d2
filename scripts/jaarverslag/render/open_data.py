"""Open data a machine can compare: per year a Frictionless Data Package of its CSVs, and the key figures as JSON.

Spec: https://specs.frictionlessdata.io/data-package/ (v1). Bytes are deterministic: sorted keys, no dates.
"""

from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from decimal import Decimal

from ..aggregate.disclosure import PRIMARY, SECONDARY
from ..model.codes import LICENCES, SMALL_COUNT
from ..model.indicator_catalogue import CATALOGUE
from ..model.indicators import Ratio, YearIndicators
from ..validate.dataset import Dataset
from .figures.bundle import Bundle
from .formatting import published_number
from .named_values import KERNCIJFERS_HEADER, key_figures
from .site_config import report_author, report_title
from .tables import to_csv

PACKAGE = "datapackage.json"
KERNCIJFERS_CSV = "data/kerncijfers.csv"
KERNCIJFERS_JSON = "data/kerncijfers.json"
KRUISTABELLEN_CSV = "data/kruistabellen.csv"
# The cross tables cell by cell; a hidden cell is an empty aantal with the reason in `verborgen`.
KRUISTABELLEN_FIELDS = {
    "kruistabel": (
        "string",
        ("Welke tabel: afdeling_x_aard (ontvangen klachten) of afdeling_x_afhandeling (afgehandelde klachten)"),
        None,
    ),
    "afdeling": ("string", "Afdeling", None),
    "kenmerk": ("string", "Aard of wijze van afhandeling", None),
    "aantal": ("integer", "Aantal klachten; leeg als het verborgen is (zie 'verborgen')", "aantal"),
    "verborgen": (
        "string",
        (
            f"Leeg: zichtbaar. {PRIMARY}: een aantal van 1 tot en met {SMALL_COUNT - 1}. "
            f"{SECONDARY}: verborgen zodat een ander verborgen aantal niet uit de totalen terug te "
            "rekenen is; elke waarde is mogelijk, ook 0"
        ),
        None,
    ),
}
# The fields of kerncijfers.csv, described once (the rows are named_values.key_figures).
KERNCIJFERS_FIELDS = {
    "code": ("string", "Code van de indicator (K1 tot en met K14, zie 'indicatoren')", None),
    "indicator": ("string", "Naam van de indicator", None),
    "waarde": (
        "number",
        "Waarde; de eenheid staat per code in kerncijfers.json. Leeg: niet bekend of te weinig "
        "klachten (de reden staat in kerncijfers.json)",
        None,
    ),
    "teller": ("integer", "Teller van een percentage of van K4", "aantal"),
    "noemer": ("integer", "Noemer van een percentage, of het aantal inwoners bij K4", "aantal"),
    "gepubliceerd": (
        "string",
        "ja: de waarde is overgenomen zoals de gemeente hem publiceerde (een aandeel, gemiddelde of woorden), niet "
        "berekend uit aantallen; bron, basis en bewoording staan in kerncijfers.json. Leeg: berekend",
        None,
    ),
}
assert list(KERNCIJFERS_FIELDS) == KERNCIJFERS_HEADER, "kerncijfers.csv and its description disagree"


def to_json(value: object) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8, a final newline."""
    return (json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2, default=_number) + "\n").encode("utf-8")


def _number(value: object) -> object:
    """Decimals as JSON numbers (one decimal is exact in a float's shortest repr)."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int):  # a letter marks NaN or infinity, which JSON cannot hold
            return float(value) if exponent < 0 else int(value)
    raise TypeError(f"not JSON: {value!r}")


def licence(code: str) -> dict[str, str]:
    """The licence of the open data as a Data Package names it: SPDX id, title and address."""
    title, path = LICENCES[code]
    return {"name": code, "title": title, "path": path}


def slug(text: str) -> str:
    """Lower-case letters, digits and hyphens: a gemeente's name inside a package name."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "gemeente"


def _field_type(values: list[object]) -> str:
    """The Table Schema type of a column from its cells (None is an empty cell)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "integer"
    if present and all(isinstance(v, (int, Decimal, float, Ratio)) and not isinstance(v, bool) for v in present):
        return "number"
    return "string"


def _unit(name: str, kind: str, values: list[object]) -> str | None:
    """The unit of a numeric column, read from its CSV name and cells (the figure builders' naming)."""
    if kind == "string" or name == "jaar":
        return None
    if "procent" in name or any(isinstance(v, Ratio) for v in values):
        return "procent"
    if name.endswith("_dagen"):
        return "dagen"
    return "aantal" if kind == "integer" else None


def _field(name: str, kind: str, description: str, unit: str | None) -> dict[str, str]:
    """One Table Schema field; `eenheid` is our own property (the spec allows extra properties)."""
    field = {"name": name, "type": kind, "description": description}
    if unit:
        field["eenheid"] = unit
    return field


def bundle_resource(bundle: Bundle) -> dict[str, object]:
    """The resource of one figure's CSV: where it is, what it shows and each column's type and unit."""
    fields = []
    for index, column in enumerate(bundle.columns):
        values = [row[index] for row in bundle.rows] + ([bundle.footer[index]] if bundle.footer else [])
        kind = _field_type(values)
        unit = _unit(column.csv, kind, values)
        description = column.header + (f" ({unit})" if unit else "")
        fields.append(_field(column.csv, kind, description, unit))
    return {
        "name": bundle.name,
        "path": posixpath.relpath(bundle.csv_path, bundle.folder or "."),
        "title": bundle.caption,
        "description": f"Gegevens bij figuur {bundle.number}: {bundle.subtitle}.",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields},
    }


def kerncijfers_resource(year: int) -> dict[str, object]:
    """The resource of kerncijfers.csv."""
    fields = [_field(name, kind, description, unit) for name, (kind, description, unit) in KERNCIJFERS_FIELDS.items()]
    return {
        "name": "kerncijfers",
        "path": KERNCIJFERS_CSV,
        "title": f"Kerncijfers {year}",
        "description": "De indicatoren met één waarde per jaar (K1 tot en met K10 en K14).",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "primaryKey": ["code"]},
    }


def kruistabellen_resource(year: int) -> dict:
    """The resource of kruistabellen.csv."""
    fields = [_field(name, kind, description, unit) for name, (kind, description, unit) in KRUISTABELLEN_FIELDS.items()]
    return {
        "name": "kruistabellen",
        "path": KRUISTABELLEN_CSV,
        "title": f"Kruistabellen {year}",
        "description": "Klachten per afdeling en aard (ontvangen) en per afdeling en wijze van afhandeling "
        "(afgehandeld), cel voor cel, met de verborgen aantallen leeg.",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "primaryKey": ["kruistabel", "afdeling", "kenmerk"]},
    }


def kruistabellen_csv(data: Dataset, ind: YearIndicators) -> bytes:
    """The cross tables of one year as CSV, the departments with complaints only (as on the site)."""
    f, g = ind.figures, data.gemeente
    labels = {"afdeling": {c: a.label for c, a in g.afdelingen.items()}, **g.labels}
    rows: list[list[str | int | None]] = []
    for kind, codes in (("aard", g.codes("aard")), ("afhandeling", g.closed_handlings())):
        matrix = f.cross.get(kind, {})
        for department in sorted((d for d in matrix if sum(matrix[d].values())), key=lambda d: labels["afdeling"][d]):
            marks = f.hidden.get(kind, {}).get(department, {})
            rows.extend(
                [
                    f"afdeling_x_{kind}",
                    labels["afdeling"][department],
                    labels[kind][code],
                    None if code in marks else matrix[department][code],
                    marks.get(code, ""),
                ]
                for code in codes
            )
    return to_csv(list(KRUISTABELLEN_FIELDS), rows).encode()


def indicator_definitions() -> list[dict[str, str]]:
    """The indicators as the methodology defines them, from the one catalogue."""
    return [{"code": i.code, "naam": i.name, "definitie": i.definition, "eenheid": i.unit} for i in CATALOGUE.values()]


def kerncijfers_json(data: Dataset, ind: YearIndicators, year: int) -> bytes:
    """The key figures of one year as JSON; a missing value is null with its reason, never a hidden count."""
    rows = []
    for k in key_figures(ind):
        row = {"code": k.code, "naam": k.name, "waarde": k.value, "eenheid": k.unit, "jaar": int(year)}
        if k.published is not None:
            p = k.published
            row.update({"gepubliceerd": True, "bron": p.bron, "zoals_gepubliceerd": str(published_number(p))})
            row.update({key: v for key, v in (("basis", p.basis), ("definitie", p.definitie)) if v})
        elif k.value is None:
            row["reden"] = k.reason
        else:
            row.update({key: value for key, value in (("teller", k.teller), ("noemer", k.noemer)) if value is not None})
        rows.append(row)
    return to_json(
        {
            "gemeente": data.gemeente.naam,
            "jaar": int(year),
            "bron": ind.figures.source,
            "voorbeeldgegevens": data.years[year].verslag.voorbeeldgegevens,
            "kerncijfers": rows,
        }
    )


def datapackage(data: Dataset, year: int, bundles: list[Bundle], cross: bool = False) -> bytes:
    """The Data Package of one year: every CSV in its data/ folder, plus kerncijfers.json and the indicators."""
    g = data.gemeente
    resources = (
        [kerncijfers_resource(year)]
        + ([kruistabellen_resource(year)] if cross else [])
        + [bundle_resource(b) for b in sorted(bundles, key=lambda b: b.name)]
    )
    resources.append(
        {
            "name": "kerncijfers-json",
            "path": KERNCIJFERS_JSON,
            "title": f"Kerncijfers {year} (JSON)",
            "description": "Dezelfde kerncijfers met eenheid per code, en een reden waar een waarde ontbreekt.",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }
    )
    return to_json(
        {
            "profile": "data-package",
            "name": f"jaarverslag-klachten-{slug(g.naam)}-{year}",
            "title": report_title(g, year),
            "description": f"Open data bij het jaarverslag klachten {year} van de gemeente {g.naam}: de cijfers achter "
            "de figuren, de tabellen en de kerncijfers. Getallen met een punt als decimaalteken; een lege cel is "
            "niet bekend of niet van toepassing.",
            "contributors": [{"title": report_author(g), "role": "author"}],
            "licenses": [licence(g.licentie)],
            "keywords": ["klachten", "jaarverslag", f"gemeente {g.naam}", str(year)],
            "gemeente": g.naam,
            "jaar": int(year),
            "voorbeeldgegevens": data.years[year].verslag.voorbeeldgegevens,
            "indicatoren": indicator_definitions(),
            "resources": resources,
        }
    )


def year_files(
    data: Dataset, indicators: dict[int, YearIndicators], year: int, bundles: list[Bundle]
) -> dict[str, bytes]:
    """The open-data files of one year by site path: datapackage.json, data/kerncijfers.json, data/kruistabellen.csv."""
    cross = bool(indicators[year].figures.cross)
    files = {
        f"{year}/{PACKAGE}": datapackage(data, year, bundles, cross),
        f"{year}/{KERNCIJFERS_JSON}": kerncijfers_json(data, indicators[year], year),
    }
    if cross:
        files[f"{year}/{KRUISTABELLEN_CSV}"] = kruistabellen_csv(data, indicators[year])
    return files


def with_resources(package: bytes, resources: list[dict[str, object]]) -> bytes:
    """A Data Package with more resources (the tables' CSVs, known once every page is rendered)."""
    value = json.loads(package)
    value["resources"] = value["resources"] + resources
    return to_json(value)
