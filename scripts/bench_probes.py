"""The probes of make bench, each run in a child process so the numbers include nothing of bench.py; each prints one
JSON line (figures, data stage, protection)."""

FIGURE_PROBE = """
import json, statistics, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from jaarverslag.commands.build import prepare
from jaarverslag.render.figures.bundle import render_svg, render_variants
site = prepare(Path(sys.argv[2])).site
ms, all_ms = [], []
for b in sorted(site.bundles.values(), key=lambda b: b.svg_path):
    start = time.process_time()
    render_svg(b.kind, b.chart, b.width, b.height)
    ms.append((time.process_time() - start) * 1000)
    start = time.process_time()
    render_variants(b.kind, b.chart, b.width, b.height)  # what a build makes: wide, phone, both recoloured dark
    all_ms.append((time.process_time() - start) * 1000)
print(json.dumps({"n": len(ms), "median_ms": statistics.median(ms), "max_ms": max(ms),
                  "all_median_ms": statistics.median(all_ms), "sum_ms": sum(all_ms)}))
"""
DATA_PROBE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from jaarverslag.model.problems import Report
from jaarverslag.load.raw import load_data
from jaarverslag.validate.dataset import validate
from jaarverslag.aggregate.indicators import aggregate
import pandas, numpy  # the import is not part of the data stage
start = time.perf_counter()
report = Report()
raw = load_data(Path(sys.argv[2]), report)
loaded = time.perf_counter()
data = validate(raw, report)
validated = time.perf_counter()
aggregate(data)
end = time.perf_counter()
print(json.dumps({"s": end - start, "load": loaded - start, "validate": validated - loaded,
                  "aggregate": end - validated, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

# The small-count protection of the data stage on its own: scipy's import, hiding and the LP audit
# that decides it (programmes counted), and the exact audit (least and greatest value of every hidden cell).
AUDIT_PROBE = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from jaarverslag.model.problems import Report
from jaarverslag.load.raw import load_data
from jaarverslag.validate.dataset import validate
from jaarverslag.aggregate.indicators import aggregate
from jaarverslag.aggregate import disclosure, protection
report = Report()
data = validate(load_data(Path(sys.argv[2]), report), report)
indicators = aggregate(data)
wall, cpu = time.perf_counter(), time.process_time()
import scipy.optimize
imported = (time.perf_counter() - wall, time.process_time() - cpu)
solve, count = disclosure._Programme.solve, [0]
def counted(self, objective):
    count[0] += 1
    return solve(self, objective)
disclosure._Programme.solve = counted
wall, cpu = time.perf_counter(), time.process_time()
protected = protection.protect_years(data, indicators, report)
done = (time.perf_counter() - wall, time.process_time() - cpu)
programmes = count[0]
wall = time.perf_counter()
cells = 0
for ind in protected.values():
    for kind, matrix in ind.figures.cross.items():
        marks = {(d, c): m for d, row in ind.figures.hidden[kind].items() for c, m in row.items()}
        cells += len(disclosure.audit(matrix, marks, exact=True))
print(json.dumps({"import_s": imported[0], "import_cpu": imported[1], "protect_s": done[0], "protect_cpu": done[1],
                  "programmes": programmes, "exact_s": time.perf_counter() - wall, "cells": cells}))
"""
