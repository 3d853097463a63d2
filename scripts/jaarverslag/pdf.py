"""PDF edition: per year the built chapter pages stitched into one print HTML, rendered by WeasyPrint."""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit

import jinja2

TEMPLATES = Path(__file__).parent / "templates"
CHAPTER_DIR = re.compile(r"^(\d{2})-[a-z0-9-]+$")
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
EXAMPLE_NOTE = re.compile(r'<div class="admonition warning">\s*<p class="admonition-title">Voorbeeldgegevens</p>'
                          r'.*?</div>', re.S)
# The adoption date as the year page and the collegebesluit write it ("... vast op 13 april 2021").
ADOPTED = re.compile(r"(?:vast op|heeft op)\s+(\d{1,2}\s+[a-z]+\s+\d{4})")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Screen-only parts of a page: the year switcher, permalink anchors, the PDF link itself.
DROP_CLASSES = {"headerlink", "jaarkiezer", "pdf-editie-regel", "md-source-file"}
ID_ATTRS = ("aria-labelledby", "aria-describedby", "headers", "for")


@dataclass
class Chapter:
    """One chapter of the print edition: its anchor prefix, rewritten HTML and headings."""

    prefix: str
    url: str
    html: str = ""
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, text)


class _Rewriter(HTMLParser):
    """Re-emits a page's article for print: prefixed ids, in-document links, no screen-only parts."""

    def __init__(self, chapter: Chapter, targets: dict[str, str], site_dir: Path) -> None:
        super().__init__(convert_charrefs=False)
        self.chapter, self.targets, self.site_dir = chapter, targets, site_dir
        self.out: list[str] = []
        self.skip: list[str] = []  # stack of open tags inside a dropped element
        self.anchors: list[bool] = []  # per open <a>: kept as a link or unwrapped
        self.heading: tuple[int, str, list[str]] | None = None

    def _id(self, value: str) -> str:
        return " ".join(f"{self.chapter.prefix}-{v}" for v in value.split())

    def _href(self, href: str) -> str | None:
        """The in-document target of a link, or None when it points outside this PDF."""
        url = urljoin(self.chapter.url, href)
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc:
            return None
        page = self.targets.get(normpath(unquote(parts.path)).strip("/"))
        if page is None:
            return None
        return f"#{page}-{parts.fragment}" if parts.fragment else f"#{page}"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skip:
            if tag not in VOID:
                self.skip.append(tag)
            return
        if DROP_CLASSES & set((attrs.get("class") or "").split()):
            if tag not in VOID:
                self.skip.append(tag)
            return
        if tag == "a":
            target = self._href(attrs.get("href") or "")
            self.anchors.append(target is not None)
            if target is None:
                return
            attrs = {"href": target, **{k: v for k, v in attrs.items() if k in ("title", "class", "id")}}
        if tag == "img" and attrs.get("src"):
            path = normpath(unquote(urlsplit(urljoin(self.chapter.url, attrs["src"])).path)).lstrip("/")
            attrs["src"] = (self.site_dir / path).as_uri()
        attrs.pop("tabindex", None)
        for name in ("id", *ID_ATTRS):
            if attrs.get(name):
                attrs[name] = self._id(attrs[name])
        if tag in ("h1", "h2") and attrs.get("id"):
            self.heading = (int(tag[1]), attrs["id"], [])
        self.out.append(f"<{tag}" + "".join(f' {k}="{html.escape(v or "", quote=True)}"' if v is not None
                                            else f" {k}" for k, v in attrs.items()) + ">")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.skip and tag not in VOID:
            self.skip.pop()

    def handle_endtag(self, tag):
        if self.skip:
            self.skip.pop()
            return
        if tag == "a" and self.anchors and not self.anchors.pop():
            return
        if self.heading and tag == f"h{self.heading[0]}":
            level, ident, parts = self.heading
            self.chapter.headings.append((level, ident, " ".join("".join(parts).split())))
            self.heading = None
        if tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)
            if self.heading:
                self.heading[2].append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_comment(self, data):
        pass


def read_article(page: Path) -> str:
    """The <article> content of a built Material page."""
    match = ARTICLE.search(page.read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError(f"geen <article> in {page}")
    return match.group(1)


def chapter_pages(year_dir: Path) -> list[Path]:
    """The numbered chapter pages of one built year, in reading order."""
    return [d / "index.html" for d in sorted(year_dir.iterdir())
            if d.is_dir() and CHAPTER_DIR.match(d.name) and (d / "index.html").is_file()]


def adoption_date(year_dir: Path) -> str | None:
    """The date the college adopted the report, as the year's pages write it (Dutch)."""
    for page in (year_dir / "index.html", year_dir / "collegebesluit" / "index.html"):
        if page.is_file():
            match = ADOPTED.search(" ".join(read_article(page).split()))
            if match:
                return match.group(1)
    return None


def stitch_year(site_dir: Path, year: str) -> dict:
    """The context of one year's print HTML: cover facts, chapters with rewritten HTML, data files."""
    year_dir = site_dir / year
    pages = chapter_pages(year_dir)
    chapters = [Chapter(prefix=f"h{CHAPTER_DIR.match(p.parent.name).group(1)}",
                        url=f"/{p.parent.relative_to(site_dir).as_posix()}/") for p in pages]
    targets = {c.url.strip("/"): c.prefix for c in chapters}
    example = False
    for page, chapter in zip(pages, chapters):
        article = read_article(page)
        example = example or bool(EXAMPLE_NOTE.search(article))
        rewriter = _Rewriter(chapter, targets, site_dir)
        rewriter.feed(EXAMPLE_NOTE.sub("", article))
        rewriter.close()
        chapter.html = "".join(rewriter.out).strip()
    data = sorted((year_dir / "data").glob("*.csv")) if (year_dir / "data").is_dir() else []
    return {"jaar": year, "hoofdstukken": chapters, "vastgesteld": adoption_date(year_dir),
            "voorbeeld": example, "bijlagen": [p.name for p in data]}


def render_print_html(context: dict) -> str:
    """The print HTML of one year from templates/print.html.j2 and print.css."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    css = (TEMPLATES / "print.css").read_text(encoding="utf-8")
    return env.get_template("print.html.j2").render(context, css=css)


def render_pdfs(site_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Write site/<jaar>/jaarverslag-klachten-<jaar>.pdf for every built year that has chapters."""
    written = []
    for year_dir in sorted(p for p in site_dir.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)):
        year = year_dir.name
        context = stitch_year(site_dir, year)
        if not context["hoofdstukken"]:
            continue
        document = render_print_html(context)
        data = {name: (year_dir / "data" / name).read_bytes() for name in context["bijlagen"]}
        images = sorted(set(re.findall(r'src="file://([^"]+)"', document)))
        # Images are named by absolute path; hashing without it keeps the PDF's /ID (and this cache key)
        # the same wherever the build runs, so two clean builds give the same bytes.
        digest = hashlib.sha256(re.sub(r'file://[^"]*?/(?=\d{4}/)', "file://", document).encode())
        for name, blob in [*data.items(), *((i, Path(i).read_bytes()) for i in images if Path(i).is_file())]:
            digest.update(re.sub(r"^.*?/(?=\d{4}/)", "", name).encode() + b"\0" + hashlib.sha256(blob).digest())
        target = year_dir / f"jaarverslag-klachten-{year}.pdf"
        # Same input, same bytes: so a PDF rendered before for this exact input can be reused.
        cached = cache_dir / f"{digest.hexdigest()}.pdf" if cache_dir else None
        if cached and cached.is_file():
            shutil.copyfile(cached, target)
        else:
            write_pdf(document, year_dir, data, target, digest.hexdigest()[:32].encode(), int(year))
            if cached:
                cache_dir.mkdir(parents=True, exist_ok=True)
                for old in cache_dir.glob("*.pdf"):
                    if old.stat().st_size and old.name != cached.name and _year_of(old) == year:
                        old.unlink()
                        old.with_suffix(".jaar").unlink(missing_ok=True)
                shutil.copyfile(target, cached)
                (cache_dir / f"{cached.stem}.jaar").write_text(year)
        written.append(target)
    return written


def _year_of(cached: Path) -> str | None:
    """The year a cached PDF belongs to (so a new version replaces the old one)."""
    tag = cached.with_suffix(".jaar")
    return tag.read_text() if tag.is_file() else None


def write_pdf(document: str, year_dir: Path, data: dict[str, bytes], target: Path, identifier: bytes,
              year: int) -> None:
    """Render the print HTML with WeasyPrint: PDF/UA-1, tagged, the year's CSV files attached."""
    from weasyprint import HTML, Attachment

    # Attachments get the current time unless told otherwise; a fixed date keeps the bytes stable.
    stamp = dt.datetime(year + 1, 1, 1, tzinfo=dt.timezone.utc)
    attachments = [Attachment(string=blob.decode("utf-8"), name=name, description=f"Open data {year}: {name}",
                              created=stamp, modified=stamp) for name, blob in sorted(data.items())]
    HTML(string=document, base_url=str(year_dir)).write_pdf(
        target, pdf_variant="pdf/ua-1", attachments=attachments, pdf_identifier=identifier)
