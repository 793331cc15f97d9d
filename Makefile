# strife: two commands on a fresh machine.
#   make demo   sets up, ingests the bundled samples into strife.duckdb, prints the events
#   make test   sets up (system packages too, where it can) and runs lint + the test suite

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= strife.duckdb
SAMPLES ?= $(wildcard ../shared/samples) $(wildcard examples/*.txt examples/*.rss examples/*.jsonl)

.PHONY: install demo test lint system-deps serve bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/strife ingest $(SAMPLES) --db $(DB) --published 2023-01-12
	$(BIN)/strife events --db $(DB)

system-deps:
	bash scripts/system-deps.sh

lint: install
	$(BIN)/ruff check src tests bench

test: install system-deps lint
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

serve: install
	$(BIN)/strife serve --db $(DB)

bench: install
	$(BIN)/python bench/bench_geo.py
	$(BIN)/python bench/bench_merge.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache test-artifacts
