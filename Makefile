# Every target installs what it needs into .venv; a fresh machine needs only Python and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
TODAY  ?= 2026-11-23

.PHONY: install install-dev demo test test-all bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Mozilla's ical.js (the parser behind Thunderbird) for the calendar-client tests, from npm.
ICALJS := .cache/icaljs/node_modules/ical.js/package.json
$(ICALJS):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix .cache/icaljs ical.js@2.2.1; \
	else echo "npm not found: the ical.js calendar tests will be skipped"; fi

## make demo: install, plan the example program into out/, then record its invented vaccine
## history and screening results and re-export the guides (pull list) and follow-up list
DEMO_ARGS = --config examples/groupwcc.yaml --db out/groupwcc.db --today $(TODAY)
demo: install
	$(BIN)/groupwcc plan examples/roster.csv --config examples/groupwcc.yaml \
		--db out/groupwcc.db --out out --today $(TODAY)
	$(BIN)/groupwcc vaccines import examples/vaccines.csv $(DEMO_ARGS)
	$(BIN)/groupwcc screenings import examples/screenings.csv $(DEMO_ARGS)
	$(BIN)/groupwcc export guides $(DEMO_ARGS) --out out
	$(BIN)/groupwcc followup $(DEMO_ARGS) --out out

## make test: install dev dependencies, run the suite. Locally the slow end-to-end tests (real
## processes killed mid-run, calendar clients, PostgreSQL, the wheel) are left out so it takes
## under two minutes; CI (CI=true) runs everything, with the full Hypothesis example counts.
## make test-all runs everything locally too.
PYTEST_SELECT := $(if $(filter true,$(CI)),,-m "not slow")
test: install-dev $(ICALJS)
	$(BIN)/python -m pytest $(PYTEST_SELECT)

test-all: install-dev $(ICALJS)
	$(BIN)/python -m pytest

## make bench: synthetic state-scale rosters, stage timings, quality vs baseline
bench: install-dev
	$(BIN)/python benchmarks/run.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy groupwcc

clean:
	rm -rf out dist build .pytest_cache .ruff_cache .mypy_cache
