# Two entry points for a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= rasd.duckdb
OUT    ?= out
PORT   ?= 8000

.PHONY: demo test lint bench clean web chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed web
	$(BIN)/rasd run examples/sample --db $(DB)
	$(BIN)/rasd stats --db $(DB)
	mkdir -p $(OUT)
	$(BIN)/rasd export --db $(DB) --format acled-csv -o $(OUT)/events.csv
	$(BIN)/rasd export --db $(DB) --format jsonl -o $(OUT)/events.jsonl
	$(BIN)/rasd export --db $(DB) --format geojson -o $(OUT)/events.geojson
	$(BIN)/rasd export --db $(DB) --format parquet -o $(OUT)/events.parquet
	@echo "Database: $(DB); exports in $(OUT)/"
	$(BIN)/rasd query events --db $(DB) --kind defection --group-by month
	@echo "While the server runs, rasd stats/query/export --db $(DB) and DuckDB clients work on the same file."
	$(BIN)/rasd serve --db $(DB) --port $(PORT)

test: $(VENV)/.installed-test web chromium
	$(BIN)/ruff check .
	$(BIN)/pytest

# Front-end libraries and the basemap, vendored from the npm registry into rasd/serve/static/vendor/
# (not committed): the dashboard then needs no network at run time.
VENDOR := rasd/serve/static/vendor/VERSIONS.txt
web: $(VENDOR)

$(VENDOR): web/package.json web/package-lock.json web/build.mjs
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	node web/build.mjs

# The browser tests drive Debian's chromium; install it when it is missing (as root, or with sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@test -x /usr/bin/chromium || $(SUDO) apt-get install -y chromium \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

bench: $(VENV)/.installed-test
	$(BIN)/rasd bench ingest

clean:
	rm -rf $(VENV) $(OUT) $(DB) $(DB).wal .pytest_cache .ruff_cache web/node_modules rasd/serve/static/vendor
