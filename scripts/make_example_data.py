"""Generate the bundled example registers (seeded, so the files are reproducible).

Writes data/2018/totalen.yaml, data/2019/klachten.csv and data/2020/klachten.csv. These are
example figures, not real figures of the gemeente named in gemeente.yaml.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from collections import Counter
from pathlib import Path

import numpy as np

SEED = 20201231
DEPARTMENTS = {  # code: (weight, share informal) per year range
    "belastingen": 0.14,
    "burgerzaken": 0.09,
    "handhaving": 0.10,
    "klantcontactcentrum": 0.08,
    "openbare_ruimte": 0.19,
    "parkeren": 0.16,
    "ruimtelijke_ontwikkeling": 0.03,
    "vergunningen": 0.05,
    "werk_en_inkomen": 0.09,
    "zorg_en_jeugd": 0.07,
}
AARD = {
    "bejegening": 0.20,
    "niet_reageren": 0.14,
    "behandelduur": 0.16,
    "informatie": 0.13,
    "bereikbaarheid": 0.07,
    "uitvoering": 0.20,
    "toezegging": 0.05,
    "privacy": 0.02,
    "overig": 0.03,
}
KANAAL = {
    "webformulier": 0.46,
    "email": 0.18,
    "brief": 0.08,
    "telefoon": 0.12,
    "balie": 0.03,
    "webcare": 0.05,
    "via_bestuur": 0.04,
    "via_ombudsman": 0.03,
    "overig": 0.01,
}
HANDLING = {
    "informeel_opgelost": 0.57,
    "formeel_afgehandeld": 0.24,
    "doorgestuurd": 0.09,
    "ingetrokken": 0.05,
    "niet_in_behandeling": 0.05,
}
VERDICT = {"gegrond": 0.27, "deels_gegrond": 0.21, "ongegrond": 0.44, "geen_oordeel": 0.08}
MONTH_WEIGHT = np.array([1.1, 1.0, 1.15, 1.0, 0.95, 0.9, 0.75, 0.8, 1.05, 1.1, 1.05, 0.95])
VOLUME = {2018: (405, 38), 2019: (436, 44), 2020: (391, 52)}  # (awb, andersoortig)
EXPORT_DATE = {2018: dt.date(2019, 2, 15), 2019: dt.date(2020, 2, 14), 2020: dt.date(2021, 2, 12)}
HEADER = [
    "id",
    "ontvangen_op",
    "afgehandeld_op",
    "soort",
    "afdeling",
    "aard",
    "kanaal",
    "afhandeling",
    "oordeel",
    "verdaagd",
    "klachtadviescommissie",
]


def pick(rng: np.random.Generator, weights: dict[str, float], n: int) -> list[str]:
    """Draw n codes with the given relative weights."""
    keys = list(weights)
    p = np.array([weights[k] for k in keys], dtype=float)
    return [keys[i] for i in rng.choice(len(keys), size=n, p=p / p.sum())]


def departments_for(year: int) -> dict[str, float]:
    """Department weights of a year (the 2020 reorganisation renamed one department)."""
    weights = dict(DEPARTMENTS)
    if year >= 2020:
        weights["stedelijke_ontwikkeling"] = weights.pop("ruimtelijke_ontwikkeling")
    return weights


def simulate(year: int, rng: np.random.Generator) -> list[dict[str, str]]:
    """Simulate one year's complaints as register rows (closing dates up to the export date)."""
    rows = []
    n_awb, n_other = VOLUME[year]
    days_in_year = (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days + 1
    day_weight = np.array(
        [MONTH_WEIGHT[(dt.date(year, 1, 1) + dt.timedelta(d)).month - 1] for d in range(days_in_year)]
    )
    for soort, n in (("awb", n_awb), ("andersoortig", n_other)):
        received = sorted(rng.choice(days_in_year, size=n, p=day_weight / day_weight.sum()))
        afdeling = pick(rng, departments_for(year), n)
        aard = pick(rng, AARD, n)
        kanaal = pick(rng, KANAAL, n)
        handling = pick(rng, HANDLING, n)
        verdict = pick(rng, VERDICT, n)
        for i in range(n):
            start = dt.date(year, 1, 1) + dt.timedelta(int(received[i]))
            how = handling[i] if soort == "awb" else ("informeel_opgelost" if rng.random() < 0.8 else "doorgestuurd")
            committee = how == "formeel_afgehandeld" and rng.random() < 0.12
            postponed = how == "formeel_afgehandeld" and rng.random() < 0.15
            mean = {
                "informeel_opgelost": 13,
                "formeel_afgehandeld": 44 + 20 * committee + 18 * postponed,
                "doorgestuurd": 4,
                "ingetrokken": 16,
                "niet_in_behandeling": 9,
            }[how]
            lead = max(0, int(rng.gamma(2.2, mean / 2.2)))
            end = start + dt.timedelta(lead)
            closed = "" if end > EXPORT_DATE[year] else end.isoformat()
            rows.append(
                {
                    "id": f"K{year % 100:02d}-{int(rng.integers(16**6)):06X}",
                    "ontvangen_op": start.isoformat(),
                    "afgehandeld_op": closed,
                    "soort": soort,
                    "afdeling": afdeling[i],
                    "aard": aard[i],
                    "kanaal": kanaal[i],
                    "afhandeling": how if closed else "in_behandeling",
                    "oordeel": verdict[i] if how == "formeel_afgehandeld" and closed else "",
                    "verdaagd": "ja" if postponed else "nee",
                    "klachtadviescommissie": "ja" if committee else "nee",
                }
            )
    return rows


def to_csv(rows: list[dict[str, str]]) -> str:
    """Render rows as the register export (comma-separated, UTF-8)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sorted(rows, key=lambda r: (r["ontvangen_op"], r["id"])))
    return out.getvalue()


def totals_yaml(rows: list[dict[str, str]], year: int) -> str:
    """Summarise a simulated year as totalen.yaml (only totals survive from that year)."""
    end = dt.date(year, 12, 31).isoformat()
    awb = [r for r in rows if r["soort"] == "awb"]
    other = [r for r in rows if r["soort"] == "andersoortig"]
    closed = [r for r in awb if r["afgehandeld_op"] and r["afgehandeld_op"] <= end]
    open_rows = [r for r in awb if not r["afgehandeld_op"] or r["afgehandeld_op"] > end]

    def term(r):
        return (
            dt.date.fromisoformat(r["ontvangen_op"])
            + dt.timedelta(70 if r["klachtadviescommissie"] == "ja" else 42)
            + dt.timedelta(28 if r["verdaagd"] == "ja" else 0)
        )

    decided = [r for r in closed if r["afhandeling"] in ("informeel_opgelost", "formeel_afgehandeld")]

    def block(name: str, counts: Counter, keys: list[str], indent: str = "  ") -> str:
        lines = [f"{indent}{name}:"] + [f"{indent}  {k}: {counts.get(k, 0)}" for k in keys if counts.get(k, 0)]
        return "\n".join(lines)

    months = Counter(int(r["ontvangen_op"][5:7]) for r in awb)
    parts = [
        "# Jaar met alleen totalen: het register van 2018 is niet bewaard (voorbeeldgegevens).",
        "# Gegenereerd door scripts/make_example_data.py; niet met de hand wijzigen.",
        "awb:",
        f"  ontvangen: {len(awb)}",
        f"  afgehandeld: {len(closed)}",
        f"  open_31_12: {len(open_rows)}",
        f"  open_31_12_buiten_termijn: {sum(term(r) < dt.date(year, 12, 31) for r in open_rows)}",
        block("per_afdeling", Counter(r["afdeling"] for r in awb), sorted(departments_for(year))),
        block("per_aard", Counter(r["aard"] for r in awb), list(AARD)),
        block("per_kanaal", Counter(r["kanaal"] for r in awb), list(KANAAL)),
        "  per_maand:\n" + "\n".join(f"    {m}: {months.get(m, 0)}" for m in range(1, 13)),
        block("afhandeling", Counter(r["afhandeling"] for r in closed), list(HANDLING)),
        block("oordeel", Counter(r["oordeel"] for r in closed if r["oordeel"]), list(VERDICT)),
        f"  binnen_termijn: {sum(dt.date.fromisoformat(r['afgehandeld_op']) <= term(r) for r in decided)}",
        "andersoortig:",
        f"  ontvangen: {len(other)}",
        block("per_afdeling", Counter(r["afdeling"] for r in other), sorted(departments_for(year))),
        block("per_aard", Counter(r["aard"] for r in other), list(AARD)),
    ]
    return "\n".join(parts) + "\n"


def generate(root: Path) -> list[Path]:
    """Write the example registers under root (data/); return the files written."""
    rng = np.random.default_rng(SEED)
    years = {year: simulate(year, rng) for year in sorted(VOLUME)}
    # 2018 survives only as totals; its complaints closed in 2019 sit in the 2019 register.
    carried = [r for r in years[2018] if r["afgehandeld_op"] > "2018-12-31" or not r["afgehandeld_op"]]
    for row in carried:
        if not row["afgehandeld_op"]:  # still open at the 2018 export: closed in spring 2019
            row["afgehandeld_op"] = "2019-03-01"
            row["afhandeling"] = "formeel_afgehandeld"
            row["oordeel"] = "ongegrond"
    written = []
    outputs = {
        root / "2018" / "totalen.yaml": totals_yaml(years[2018], 2018),
        root / "2019" / "klachten.csv": to_csv(years[2019] + carried),
        root / "2020" / "klachten.csv": to_csv(years[2020]),
    }
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def scaled_register(year: int, n_awb: int, n_other: int, departments: list[str], rng: np.random.Generator) -> str:
    """A large register of one year as CSV text, drawn with numpy (no Python loop per row)."""
    import pandas as pd

    n = n_awb + n_other
    start = np.datetime64(f"{year}-01-01")
    days = 366 if year % 4 == 0 else 365
    received = start + rng.integers(0, days, n).astype("timedelta64[D]")
    soort = np.where(np.arange(n) < n_awb, "awb", "andersoortig")

    def draw(weights: dict[str, float]) -> np.ndarray:
        keys = np.array(list(weights))
        p = np.array(list(weights.values()), dtype=float)
        return keys[rng.choice(len(keys), size=n, p=p / p.sum())]

    how = draw(HANDLING)
    how = np.where(soort == "awb", how, np.where(rng.random(n) < 0.8, "informeel_opgelost", "doorgestuurd"))
    formal = how == "formeel_afgehandeld"
    committee = formal & (rng.random(n) < 0.12)
    postponed = formal & (rng.random(n) < 0.15)
    mean = (
        np.select(
            [how == "informeel_opgelost", formal, how == "doorgestuurd", how == "ingetrokken"], [13, 44, 4, 16], 9
        )
        + 20 * committee
        + 18 * postponed
    )
    lead = np.maximum(0, rng.gamma(2.2, mean / 2.2)).astype(int)
    end = received + lead.astype("timedelta64[D]")
    closed = end <= np.datetime64(f"{year + 1}-02-15")
    frame = pd.DataFrame(
        {
            "id": [f"K{year}-{i:07d}" for i in range(n)],
            "ontvangen_op": received.astype(str),
            "afgehandeld_op": np.where(closed, end.astype(str), ""),
            "soort": soort,
            "afdeling": np.array(departments)[rng.integers(0, len(departments), n)],
            "aard": draw(AARD),
            "kanaal": draw(KANAAL),
            "afhandeling": np.where(closed, how, "in_behandeling"),
            "oordeel": np.where(formal & closed, draw(VERDICT), ""),
            "verdaagd": np.where(postponed, "ja", "nee"),
            "klachtadviescommissie": np.where(committee, "ja", "nee"),
        },
        columns=HEADER,
    )
    return frame.sort_values(["ontvangen_op", "id"]).to_csv(index=False, lineterminator="\n")


def generate_scaled(
    root: Path, example: Path, years: list[int], per_year: int, n_departments: int, seed: int = SEED
) -> Path:
    """A generated data folder of many years and departments (for benchmarks), based on the example's files."""
    import re

    import yaml

    rng = np.random.default_rng(seed)
    departments = [f"afdeling_{i:02d}" for i in range(1, n_departments + 1)]
    gemeente = yaml.safe_load((example / "gemeente.yaml").read_text(encoding="utf-8"))
    gemeente["afdelingen"] = {
        d: {"label": f"Afdeling {i}", "geldig_van": years[0]} for i, d in enumerate(departments, start=1)
    }
    gemeente["inwoners"] = {y: 160000 + 500 * (y - years[0]) for y in years}
    root.mkdir(parents=True, exist_ok=True)
    (root / "gemeente.yaml").write_text(yaml.safe_dump(gemeente, allow_unicode=True, sort_keys=False), encoding="utf-8")
    verslag = (example / "2020" / "verslag.yaml").read_text(encoding="utf-8")
    for year in years:
        folder = root / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        # The example's dates shifted to this year: 2020 is the report year, 2021 the year it is adopted.
        text = re.sub(r"\b202([01])\b", lambda m, year=year: str(year + int(m.group(1))), verslag)
        (folder / "verslag.yaml").write_text(text, encoding="utf-8")
        n_other = per_year // 10
        (folder / "klachten.csv").write_text(
            scaled_register(year, per_year - n_other, n_other, departments, rng), encoding="utf-8"
        )
    return root


def main() -> None:
    """Command line: write the example data into data/ (or --data)."""
    parser = argparse.ArgumentParser(description="Maak de voorbeeldgegevens (geen echte cijfers).")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent / "data")
    args = parser.parse_args()
    for path in generate(args.data):
        print(f"geschreven: {path}")


if __name__ == "__main__":
    main()
