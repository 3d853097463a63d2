# The two commands of the README: `make site` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

# Where the data, the site and the work files live (the tests point these elsewhere).
DATA ?= data
SITE ?= site
WERK ?= .build
DIST ?= dist
PATHS = --data $(DATA) --site $(SITE) --werk $(WERK) --dist $(DIST)

.PHONY: site test check serve clean voorbeeld audit nieuw-jaar publish snapshots handleiding

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

site: $(VENV)/.installed  ## build the site from data/ into site/
	$(PY) scripts/build.py bouw $(PATHS)

check: $(VENV)/.installed  ## validate data/ only, build nothing
	$(PY) scripts/build.py controleer $(PATHS)

test: $(VENV)/.installed  ## the whole test suite
	$(PY) -m pytest -q

serve: $(VENV)/.installed  ## preview on http://127.0.0.1:8000, rebuilt on every change in data/
	$(PY) scripts/build.py serve $(PATHS)

nieuw-jaar: $(VENV)/.installed  ## scaffold data/$(JAAR)/: make nieuw-jaar JAAR=2021
	$(PY) scripts/build.py nieuw-jaar $(JAAR) $(PATHS)

publish: $(VENV)/.installed  ## build and pack dist/jaarverslag-klachten-<jaar>.zip with a manifest
	$(PY) scripts/build.py publiceer $(PATHS)

handleiding: $(VENV)/.installed  ## rewrite HANDLEIDING.md (the coordinator's manual) from its template
	cd scripts && ../$(PY) -m jaarverslag.commands.manual

snapshots: $(VENV)/.installed  ## accept the example's generated Markdown as the reviewed snapshot (review with git diff)
	$(PY) scripts/update_snapshots.py

bench: $(VENV)/.installed  ## timings against the floor (bare mkdocs build), figure cost, memory, page weight; SCALE=1 adds the large data sets
	$(PY) scripts/bench.py $(if $(SCALE),--scale,)

voorbeeld: $(VENV)/.installed  ## regenerate the example registers (seeded, reproducible)
	$(PY) scripts/make_example_data.py

clean:
	rm -rf .build site site.old site.tmp-* dist

audit: site  ## Lighthouse report (not a test) for three pages; needs node and chromium
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund
	@$(PY) -c "import functools,http.server as h;s=h.ThreadingHTTPServer(('127.0.0.1',8765),functools.partial(type('Q',(h.SimpleHTTPRequestHandler,),{'log_message':lambda *a:None}),directory='site'));s.serve_forever()" & pid=$$!; sleep 1; \
	for p in "" 2020/04-ontvangen-klachten/ toegankelijkheid/; do \
	  CHROME_PATH=/usr/bin/chromium node_modules/.bin/lighthouse "http://127.0.0.1:8765/$$p" --quiet \
	    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
	    --output=json --output-path=/tmp/lighthouse.json >/dev/null 2>&1; \
	  node -e 'const r=require("/tmp/lighthouse.json");console.log(process.argv[1].padEnd(30),Object.values(r.categories).map(c=>c.title+" "+Math.round(c.score*100)).join("  "))' "/$$p"; \
	done; kill $$pid
