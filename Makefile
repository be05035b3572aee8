# SIIE — the two commands a user needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
INSTALLED := $(VENV)/.installed

export PATH := $(BIN):$(PATH)
export DAGSTER_HOME ?= $(CURDIR)/.dagster
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_VERSION_CHECK := false
export GX_ANALYTICS_ENABLED := false

.PHONY: install browser lint run test ui bench lock clean

install: $(INSTALLED)

# The virtualenv, with every package at the version pinned in requirements.lock.
$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m pipelines.transform.prepare
	touch $(INSTALLED)

run: install
	$(BIN)/siie generate --if-empty
	$(BIN)/siie run

# The auditors' report is checked in a real headless browser: Debian's Chromium (needs root or sudo).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends chromium; }

lint: install
	$(BIN)/ruff check .

test: install browser lint
	$(BIN)/pytest -n 2 --dist loadfile

ui: install
	$(BIN)/dagster dev -w workspace.yaml

# Benchmarks (not part of the tests): see bench/RESULTS.md. Long at scale 5.
bench: install
	$(BIN)/python -m bench

# After changing dependencies in pyproject.toml: pin the whole tree again.
lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf data/warehouse.duckdb data/published data/reports .dagster
