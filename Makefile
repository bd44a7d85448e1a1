# Two entry points: `make demo` cleans a seed article, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEED := seeds/001_7553f968db937734.txt

.PHONY: demo test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $@

$(BIN)/.installed-bench: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/normalize-file $(SEED)

test: $(BIN)/.installed-test
	$(BIN)/python -m pytest
	$(BIN)/ruff check .

lint: $(BIN)/.installed-test
	$(BIN)/ruff check .

bench: $(BIN)/.installed-bench
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
