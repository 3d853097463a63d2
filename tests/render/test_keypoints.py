"""'Belangrijkste punten': where they stand, what they say, and that the methodology lists their rules."""

from __future__ import annotations

import re

from conftest import ROOT  # noqa: F401  (puts scripts/ on the path)
from jaarverslag.render.key_points import RULES


def _html(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_key_points_open_home_year_page_and_chapter_one(built_site):
    newest = max(int(p.name) for p in built_site.iterdir() if p.name.isdigit())
    for rel in ("index.html", f"{newest}/index.html", f"{newest}/01-samenvatting/index.html"):
        page = _html(built_site, rel)
        heading = re.search(r"<h2[^>]*>Belangrijkste punten", page)
        assert heading, rel
        main = page[page.index("<article") :] if "<article" in page else page
        start = main.index("Belangrijkste punten")
        banner = main.find("Voorbeeldgegevens")
        table = main.find('<table class="kerncijfers"')
        assert banner == -1 or start < banner, rel
        assert table == -1 or start < table, rel
        items = re.findall(r"<li>(.*?)</li>", main[start : main.index("</ul>", start)], re.S)
        assert 3 <= len(items) <= 6, (rel, items)
        assert not any(re.search(r"\bK\d+\b", i) for i in items), items


def test_the_2020_key_points_say_the_main_news(built_site):
    page = _html(built_site, "2020/01-samenvatting/index.html")
    assert "Minder klachten op tijd afgehandeld: 83,8% (2019: 89,7%), onder de norm van 90%" in page
    assert "Meer klachten (deels) gegrond: 51,1% (2019: 45,3%)" in page
    assert "heet nu Stedelijke ontwikkeling" in page


def test_methodology_lists_the_rules(built_site):
    page = re.sub(r"<[^>]+>", "", _html(built_site, "2020/11-bijlagen/index.html"))
    for rule in RULES:
        assert rule.split("(")[0].strip()[:60] in page, rule


def test_dashboard_follows_a_rename_from_its_year_on(built_site):
    def rows(year):
        page = _html(built_site, f"{year}/09-leren-van-klachten/index.html")
        table = page[page.index('id="figuur-9-1-tabel"') :]
        # Cells carry attributes (data-sort for sorting, data-label for the phone layout): read past them.
        return re.findall(
            r'<th scope="row"[^>]*>([^<]+)</th>((?:\s*<td[^>]*>[^<]*</td>)+)', table[: table.index("</table>")]
        )

    names_2019 = [n for n, _ in rows(2019)]
    assert "Ruimtelijke ontwikkeling" in names_2019 and "Stedelijke ontwikkeling" not in names_2019
    cells_2020 = dict(rows(2020))
    assert "Ruimtelijke ontwikkeling" not in cells_2020
    assert re.findall(r"<td[^>]*>([^<]*)</td>", cells_2020["Stedelijke ontwikkeling"]) == ["17", "7", "14"]
