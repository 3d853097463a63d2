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
# pytest-xdist workers for make test (the CI machine has two cores).
TEST_WORKERS ?= 2
PATHS = --data $(DATA) --site $(SITE) --werk $(WERK) --dist $(DIST)

.PHONY: lock site test check serve clean voorbeeld audit nieuw-jaar publish snapshots handleiding

# The lock files hold every package with its hashes; the lock was compiled for this Python.
PYTHON_VERSION := 3.11
RUNTIME := $(VENV)/.runtime
TESTING := $(VENV)/.testing

$(RUNTIME): requirements.txt
	@$(PYTHON) -c 'import sys; v = "%d.%d" % sys.version_info[:2]; sys.exit(0 if v == "$(PYTHON_VERSION)" else "Dit project vraagt Python $(PYTHON_VERSION); $(PYTHON) is Python " + v + ". Kies een andere met: make PYTHON=python$(PYTHON_VERSION) ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(PY) -m pip check --quiet
	rm -f $(TESTING)
	touch $@

# The test set: the runtime set plus test, lint and type packages, and the HTML checker from npm.
$(TESTING): $(RUNTIME) requirements-test.txt package-lock.json
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-test.txt
	$(PY) -m pip check --quiet
	npm ci --omit=optional --no-audit --no-fund --silent
	touch $@

lock:  ## recompile both lock files (pip-tools) after a change in requirements*.in
	test -x $(VENV)-lock/bin/pip-compile || { $(PYTHON) -m venv $(VENV)-lock && $(VENV)-lock/bin/pip install --quiet pip-tools==7.6.2; }
	for f in requirements requirements-test; do CUSTOM_COMPILE_COMMAND="make lock" $(VENV)-lock/bin/pip-compile --quiet \
	  --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o $$f.txt $$f.in; done

site: $(RUNTIME)  ## build the site from data/ into site/
	$(PY) scripts/build.py bouw $(PATHS)

check: $(RUNTIME)  ## validate data/ only, build nothing
	$(PY) scripts/build.py controleer $(PATHS)

test: $(TESTING)  ## lint, types and the whole test suite
	$(PY) -m ruff check scripts tests
	$(PY) -m ruff format --check scripts tests
	$(PY) -m mypy
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

serve: $(RUNTIME)  ## preview on http://127.0.0.1:8000, rebuilt on every change in data/
	$(PY) scripts/build.py serve $(PATHS)

nieuw-jaar: $(RUNTIME)  ## scaffold data/$(JAAR)/: make nieuw-jaar JAAR=2021 [BRON=register|totalen]
	$(PY) scripts/build.py nieuw-jaar $(JAAR) --bron $(or $(BRON),register) $(PATHS)

publish: $(RUNTIME)  ## build and pack dist/jaarverslag-klachten-<jaar>.zip with a manifest
	$(PY) scripts/build.py publiceer $(PATHS)

handleiding: $(RUNTIME)  ## rewrite HANDLEIDING.md (the coordinator's manual) from its template
	cd scripts && ../$(PY) -m jaarverslag.commands.manual

snapshots: $(RUNTIME)  ## accept the example's generated Markdown as the reviewed snapshot (review with git diff)
	$(PY) scripts/update_snapshots.py

bench: $(RUNTIME)  ## timings against the floor (bare mkdocs build), figure cost, memory, page weight; SCALE=1 adds the large data sets
	$(PY) scripts/bench.py $(if $(SCALE),--scale,)

voorbeeld: $(RUNTIME)  ## regenerate the example registers (seeded, reproducible)
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
