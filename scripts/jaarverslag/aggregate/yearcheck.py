"""Year-over-year checks: differences a human must look at before publishing."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.indicators import YearIndicators
from ..model.problems import Report
from ..validate.dataset import Dataset

CHANGE_LIMIT = 0.5  # a count that changes by more than half is worth a look
MIN_BASE = 10  # below this a change of half is a few complaints: not worth a warning
KIND_NAMES = {"afdeling": "Afdeling", "aard": "Aard", "kanaal": "Kanaal"}


@dataclass(frozen=True)
class Difference:
    """One year-over-year difference: a stable key, its year and a Dutch description."""

    key: str
    year: int
    text: str


def find_differences(data: Dataset, indicators: dict[int, YearIndicators]) -> list[Difference]:
    """Compare each year with the year before: codes appearing or disappearing, big changes, no inhabitants."""
    found: list[Difference] = []
    labels = {c: a.label for c, a in data.gemeente.afdelingen.items()}
    for year in sorted(indicators):
        if year not in data.gemeente.inwoners:
            found.append(
                Difference("inwoners-ontbreekt", year, f"Het aantal inwoners op 1 januari {year} is niet opgegeven.")
            )
        before = indicators.get(year - 1)
        if before is None:
            continue
        new_total, old_total = indicators[year].figures.k1, before.figures.k1
        if old_total >= MIN_BASE and abs(new_total - old_total) > CHANGE_LIMIT * old_total:
            found.append(
                Difference(
                    "ontvangen-verandering",
                    year,
                    f"Het aantal ontvangen klachten ging van {old_total} in {year - 1} naar "
                    f"{new_total} in {year} (meer dan de helft verschil).",
                )
            )
        now, then = indicators[year].figures.per, dict(before.figures.per)
        # A renamed department is compared with its predecessor, not reported as gone and new.
        successor = {
            a.voorganger: c for c, a in data.gemeente.afdelingen.items() if a.voorganger and a.geldig_van == year
        }
        mapped: dict[str, int] = {}
        for code, count in then.get("afdeling", {}).items():
            mapped[successor.get(code, code)] = mapped.get(successor.get(code, code), 0) + count
        then["afdeling"] = mapped
        # Only breakdowns registered in both years can be compared.
        for kind in (k for k in ("afdeling", "aard", "kanaal") if k in now and then.get(k)):
            names = labels if kind == "afdeling" else data.gemeente.labels[kind]
            for code in sorted(set(now[kind]) | set(then[kind])):
                new, old = now[kind].get(code, 0), then[kind].get(code, 0)
                if old == 0 and new > 0:
                    found.append(
                        Difference(
                            f"{kind}-nieuw:{code}",
                            year,
                            f"{KIND_NAMES[kind]} '{names.get(code, code)}' komt in {year} voor het "
                            f"eerst voor ({new}), in {year - 1} niet.",
                        )
                    )
                elif old > 0 and new == 0:
                    found.append(
                        Difference(
                            f"{kind}-verdwenen:{code}",
                            year,
                            f"{KIND_NAMES[kind]} '{names.get(code, code)}' had in {year - 1} "
                            f"{old} klachten en in {year} geen.",
                        )
                    )
                elif old >= MIN_BASE and abs(new - old) > CHANGE_LIMIT * old:
                    found.append(
                        Difference(
                            f"{kind}-verandering:{code}",
                            year,
                            f"{KIND_NAMES[kind]} '{names.get(code, code)}' ging van {old} naar {new} "
                            f"klachten (meer dan de helft verschil).",
                        )
                    )
    return found


def check_differences(
    data: Dataset, indicators: dict[int, YearIndicators], report: Report
) -> list[tuple[int, str, str]]:
    """Warn about unacknowledged differences; return the acknowledged ones as (year, text, reason)."""
    acknowledged: list[tuple[int, str, str]] = []
    for diff in find_differences(data, indicators):
        reasons = data.years[diff.year].verslag.bekende_verschillen
        if diff.key in reasons:
            acknowledged.append((diff.year, diff.text, reasons[diff.key]))
        else:
            report.warn(
                f"data/{diff.year}/verslag.yaml",
                column="bekende_verschillen",
                expected="een verklaring voor dit verschil met vorig jaar",
                found=diff.text.rstrip("."),
                hint=f"Klopt het? Zet dan onder bekende_verschillen: '{diff.key}: <reden>'.",
            )
    return acknowledged
