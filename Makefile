# The two commands of the README: `make site` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve clean voorbeeld

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

site: $(VENV)/.installed  ## build the site from data/ into site/
	$(PY) scripts/build.py bouw

check: $(VENV)/.installed  ## validate data/ only, build nothing
	$(PY) scripts/build.py controleer

test: $(VENV)/.installed  ## the whole test suite
	$(PY) -m pytest -q

serve: $(VENV)/.installed  ## preview on http://127.0.0.1:8000
	$(PY) scripts/build.py bouw
	$(VENV)/bin/mkdocs serve -f .build/mkdocs.yml -a 127.0.0.1:8000

voorbeeld: $(VENV)/.installed  ## regenerate the example registers (seeded, reproducible)
	$(PY) scripts/make_example_data.py

clean:
	rm -rf .build site site.old site.tmp-* dist
