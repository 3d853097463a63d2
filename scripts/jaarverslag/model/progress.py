"""Progress of a build: a Dutch line per stage as it starts (stderr), and the time per stage at the end."""

from __future__ import annotations

import sys
from dataclasses import dataclass

LABELS = {
    "gegevens": "Gegevens lezen, controleren en optellen",
    "paginas": "Pagina's maken",
    "figuren": "Figuren tekenen (hergebruikt wat niet veranderde)",
    "mkdocs": "Site bouwen met MkDocs",
    "pdf": "PDF-edities zetten met Typst (naast MkDocs)",
    "perskit": "Perskits maken: elke figuur als PNG (alleen bij publiceren)",
}
NAMES = {
    "gegevens": "gegevens",
    "bescherming": "waarvan bescherming kleine aantallen",
    "paginas": "pagina's",
    "figuren": "figuren",
    "mkdocs": "MkDocs",
    "pdf": "pdf (naast MkDocs)",
    "oogopslag": "waarvan in één oogopslag",
    "perskit": "perskits",
    "ongewijzigd": "niets gewijzigd",
}


@dataclass(frozen=True)
class Progress:
    """Whether a build says how far it is (the command line does; tests and the preview do not): passed to each
    stage, so no build inherits what an earlier one in the same process chose."""

    enabled: bool = False

    def start(self, stage: str) -> None:
        """Say which stage starts."""
        if self.enabled:
            print(f"{LABELS[stage]} …", file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        """Say what a stage did."""
        if self.enabled:
            print(text, file=sys.stderr, flush=True)

    def bar(self, label: str, done: int, total: int) -> None:
        """On a terminal, a bar that redraws itself in place ('  Figuren [######------] 12/22'); elsewhere nothing."""
        if not (self.enabled and total and sys.stderr.isatty()):
            return
        width = 24
        filled = round(width * done / total)
        print(
            f"\r  {label} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}",
            end="\n" if done >= total else "",
            file=sys.stderr,
            flush=True,
        )


SILENT = Progress()
SHOWN = Progress(enabled=True)


def figures_line(rendered: int, reused: int, size: str) -> str:
    """The figures in the summary line: '12 figuren (9 getekend, 3 hergebruikt, 180 kB)'."""
    total = rendered + reused
    return f"{total} {'figuur' if total == 1 else 'figuren'} ({rendered} getekend, {reused} hergebruikt, {size})"


def summary(stages: dict[str, float]) -> str:
    """The time per stage in Dutch: 'Tijd per stap: gegevens 0,3 s, pagina's 0,4 s, …'."""
    parts = [f"{NAMES.get(k, k)} {str(round(v, 1)).replace('.', ',')} s" for k, v in stages.items()]
    return "Tijd per stap: " + ", ".join(parts) + "."
