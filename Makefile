# Two entry points for a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= rasd.duckdb
OUT    ?= out

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/rasd run examples/sample --db $(DB)
	$(BIN)/rasd stats --db $(DB)
	mkdir -p $(OUT)
	$(BIN)/rasd export --db $(DB) --format acled-csv -o $(OUT)/events.csv
	$(BIN)/rasd export --db $(DB) --format jsonl -o $(OUT)/events.jsonl
	$(BIN)/rasd export --db $(DB) --format geojson -o $(OUT)/events.geojson
	$(BIN)/rasd export --db $(DB) --format parquet -o $(OUT)/events.parquet
	@echo "Database: $(DB); exports in $(OUT)/"

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/pytest

bench: $(VENV)/.installed-test
	$(BIN)/rasd bench ingest

clean:
	rm -rf $(VENV) $(OUT) $(DB) $(DB).wal .pytest_cache .ruff_cache
