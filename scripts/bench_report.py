"""make bench, the report: the scenarios and targets, the timing table and the page-weight table."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

SCENARIOS = [
    ("koud", "koude build (geen cache)"),
    ("warm", "warme herbouw, niets gewijzigd"),
    ("tekst", "herbouw na 1 gewijzigde hoofdstuktekst"),
    ("rij", "herbouw na 1 gewijzigde registerrij"),
    ("vloer", "vloer: kale mkdocs build van dezelfde docs/"),
]
# Targets of issue 24 as ratios to the floor (median build time / median bare mkdocs build), and per figure.
TARGETS = {"koud": 2.5, "warm": 0.2, "tekst": 1.2, "rij": 1.5}
FIGURE_TARGET_MS = 45  # CPU for all variants of one chart (median)
BUDGET = {"hoofdstuk_html": 100_000, "figuur_svg": 60_000, "jaar_site": 5_000_000}


def nl(value: float, digits: int = 1) -> str:
    """A number with a decimal comma."""
    return f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def build_table(results: dict[str, list[dict]], figures: list[dict]) -> list[str]:
    """The main table: medians, ratio to the floor, peak memory, figures drawn/reused."""
    floor = statistics.median(r["s"] for r in results["vloer"])
    lines = [
        "| meting | mediaan (s) | × vloer | doel | gehaald | CPU (s) | piekgeheugen (MB) | "
        "figuren getekend / hergebruikt | pdf's gezet / hergebruikt |",
        "|---|---:|---:|---:|---|---:|---:|---|---|",
    ]
    for key, label in SCENARIOS:
        rows = results[key]
        median = statistics.median(r["s"] for r in rows)
        counts = rows[-1].get("figuren")
        target = TARGETS.get(key)
        met = "" if target is None else ("ja" if median / floor <= target else "**nee**")
        lines.append(
            f"| {label} | {nl(median, 2)} | {nl(median / floor, 2)} | "
            f"{'' if target is None else '≤ ' + nl(target, 2)} | {met} | "
            f"{nl(statistics.median(r['cpu'] for r in rows), 2)} | "
            f"{nl(max(r['rss_kb'] for r in rows) / 1024, 0)} | "
            f"{'' if counts is None else f'{counts[0]} / {counts[1]}'} | "
            f"{'' if rows[-1].get('pdfs') is None else '{} / {}'.format(*rows[-1]['pdfs'])} |"
        )
    lines.append("")
    for key, label in SCENARIOS[:4]:
        stages = [r["stappen"] for r in results[key] if r.get("stappen")]
        if stages and all("mkdocs" in st for st in stages):
            names = [n for n in stages[0] if all(n in st for st in stages)]
            lines.append(
                f"Stappen van de {label} (mediaan, s): "
                + ", ".join(f"{n} {nl(statistics.median(st[n] for st in stages), 2)}" for n in names)
                + "."
            )
    lines.append(
        "De stappen figuren en pdf lopen naast mkdocs (de figuren in hun eigen processen, Typst in een eigen proces, "
        "zodra de figuren klaar zijn): die tijd telt niet op bij het totaal. MkDocs bouwt in een eigen proces dat "
        "MkDocs al inlaadt terwijl de gegevens en pagina's gemaakt worden."
    )
    lines.append(
        f"CPU per figuur (mediaan over {len(figures)} metingen van {figures[0]['n']} figuren): "
        f"{nl(statistics.median(f['median_ms'] for f in figures), 0)} ms los getekend (brede variant), "
        f"{nl(statistics.median(f['all_median_ms'] for f in figures), 0)} ms voor alle vier varianten "
        f"(breed en smal getekend, de donkere afgeleid door herkleuren; doel ≤ {FIGURE_TARGET_MS} ms), "
        f"{_in_build(results)} ms (vier varianten) in de koude build (parallel); duurste figuur "
        f"{nl(statistics.median(f['max_ms'] for f in figures), 0)} ms; alle figuren samen "
        f"{nl(statistics.median(f['sum_ms'] for f in figures), 0)} ms."
    )
    return lines


def audit_line(results: dict[str, list[dict]], audits: list[dict]) -> str:
    """The small-count protection (hiding and its LP audit): on its own, and as part of the cold build."""
    med = {k: statistics.median(a[k] for a in audits) for k in audits[0]}
    cold = statistics.median(r["s"] for r in results["koud"])
    cold_cpu = statistics.median(r["cpu"] for r in results["koud"])
    in_build = [r["stappen"]["bescherming"] for r in results["koud"] if "bescherming" in r.get("stappen", {})]
    share = f"{nl(statistics.median(in_build), 2)} s in de koude build, " if in_build else ""
    return (
        f"Bescherming kleine aantallen (verbergen en de LP-audit met HiGHS die het beslist, mediaan over "
        f"{len(audits)} metingen): {nl(med['protect_s'], 2)} s ({nl(med['protect_cpu'], 2)} s CPU, "
        f"{med['programmes']:.0f} lineaire programma's) plus {nl(med['import_s'], 2)} s om scipy te laden "
        f"({nl(med['import_cpu'], 2)} s CPU); {share}samen "
        f"{nl(100 * (med['protect_cpu'] + med['import_cpu']) / cold_cpu, 0)}% van de CPU-tijd van een koude "
        f"build ({nl(cold, 2)} s). De volledige audit (kleinste en grootste waarde van alle "
        f"{med['cells']:.0f} verborgen cellen): {nl(med['exact_s'], 2)} s. Een herbouw na een gewijzigde "
        "hoofdstuktekst leest het patroon uit de gegevenscache en laadt scipy niet."
    )


def _in_build(results: dict[str, list[dict]]) -> str:
    """Median CPU ms per figure as the cold builds measured it in their workers."""
    values = [r["figuur_ms"] for r in results["koud"] if r.get("figuur_ms")]
    return nl(statistics.median(values), 0) if values else "?"


def weight_table(site: Path) -> list[str]:
    """Page weight against the budgets: largest chapter page, largest figure, per year, search index."""
    html = {p: p.stat().st_size for p in site.rglob("*.html")}
    svgs = {p: p.stat().st_size for p in site.rglob("*.svg")}
    chapters = {p: s for p, s in html.items() if p.parent.name[:2].isdigit()}
    years = sorted(p for p in site.iterdir() if p.is_dir() and p.name.isdigit())

    def rel(path: Path) -> str:
        return path.relative_to(site).as_posix()

    def ok(size: int, budget: int) -> str:
        return "ja" if size <= budget else f"**nee** (+{nl((size - budget) / 1000, 0)} kB)"

    big_page = max(chapters, key=chapters.get)
    big_any = max(html, key=html.get)
    big_svg = max(svgs, key=svgs.get)
    lines = [
        "| onderdeel | grootte | budget | binnen budget |",
        "|---|---:|---:|---|",
        f"| grootste hoofdstukpagina ({rel(big_page)}) | {nl(chapters[big_page] / 1000, 0)} kB | 100 kB | "
        f"{ok(chapters[big_page], BUDGET['hoofdstuk_html'])} |",
        f"| grootste HTML-pagina ({rel(big_any)}) | {nl(html[big_any] / 1000, 0)} kB | 100 kB | "
        f"{ok(html[big_any], BUDGET['hoofdstuk_html'])} |",
        f"| grootste figuur ({rel(big_svg)}) | {nl(svgs[big_svg] / 1000, 0)} kB | 60 kB | "
        f"{ok(svgs[big_svg], BUDGET['figuur_svg'])} |",
    ]
    for year in years:
        size = sum(p.stat().st_size for p in year.rglob("*") if p.is_file())
        pdf = sum(p.stat().st_size for p in year.glob("*.pdf"))
        lines.append(
            f"| jaar {year.name} ({nl(pdf / 1e6, 2)} MB daarvan pdf) | {nl(size / 1e6, 2)} MB | 5 MB | "
            f"{ok(size, BUDGET['jaar_site'])} |"
        )
    index = site / "search" / "search_index.json"
    if index.is_file():
        docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
        per_year = {}
        for doc in docs:
            head = doc["location"].split("/", 1)[0]
            per_year[head if head.isdigit() else "overig"] = per_year.get(
                head if head.isdigit() else "overig", 0
            ) + len(json.dumps(doc, ensure_ascii=False).encode())
        lines.append(f"| zoekindex totaal | {nl(index.stat().st_size / 1000, 0)} kB | | |")
        lines += [f"| zoekindex, deel {k} | {nl(v / 1000, 0)} kB | | |" for k, v in sorted(per_year.items())]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    lines.append(f"| hele site | {nl(total / 1e6, 2)} MB | | |")
    return lines
