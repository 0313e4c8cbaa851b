# Two commands for a newcomer: `make run` and `make test`. Everything else hangs off these.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= annales.duckdb

.PHONY: install run test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/annales ingest examples/articles --db $(DB)
	$(BIN)/annales events --db $(DB)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) $(DB) build src/*.egg-info
