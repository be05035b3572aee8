# SIIE — the two commands a user needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev

export PATH := $(BIN):$(PATH)
export DAGSTER_HOME ?= $(CURDIR)/.dagster
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DBT_VERSION_CHECK := false
export GX_ANALYTICS_ENABLED := false

.PHONY: install install-dev browser lint run test test-fast ui bench lock clean generate

install: $(INSTALLED)
install-dev: $(DEV_INSTALLED)

# The virtualenv, with every runtime package at the version pinned in requirements.lock.
$(INSTALLED): pyproject.toml requirements.lock
	@echo "== Entorno de Python en $(VENV) (paquetes fijados en requirements.lock; sólo la primera vez o si cambian)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(BIN)/uv pip sync --python $(BIN)/python --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m pipelines.transform.prepare
	rm -f $(DEV_INSTALLED)
	touch $(INSTALLED)

# The runtime set plus the tools of `make test` (pytest, ruff, mypy, pre-commit, matplotlib), from
# requirements-dev.lock.
$(DEV_INSTALLED): $(INSTALLED) requirements-dev.lock
	@echo "== Herramientas de desarrollo (requirements-dev.lock)"
	$(BIN)/uv pip install --python $(BIN)/python --compile-bytecode --no-deps -r requirements-dev.lock
	touch $(DEV_INSTALLED)

run: install
	@echo "== Extractos de muestra (sólo si landing está vacío)"
	$(BIN)/siie generate --if-empty
	@echo "== siie run"
	$(BIN)/siie run

# Every generated file (dbt sources, docs blocks and macros, dim_indicador, docs/INDICATORS.md's
# tables, the GX suites) and the asset-graph snapshot of the tests, after changing models/ (docs/HOWTO.md).
generate: install
	$(BIN)/python -m pipelines.generated
	$(BIN)/python -m tests.transform.test_asset_graph

# The auditors' report is checked in a real headless browser: Debian's Chromium (needs root or sudo).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends chromium; }

# The same checks as .pre-commit-config.yaml: ruff's rules, ruff's format, mypy on pipelines/,
# sqlfluff on the dbt models (.sqlfluff; docs/SQL_STYLE.md).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/snapshots

# Two workers; tests/scheduling.py keeps a file (or an xdist_group) on one worker and sends the slow
# modules first; every run ends with its 25 slowest tests, where the 15-minute budget goes
# (docs/TESTING.md).
test: install-dev browser lint
	$(BIN)/pytest -n 2 --dist loadgroup --durations=25

# The unit layer only (tests marked unit: pure code and the repository's files; under two minutes): for
# the edit-test loop. Layers and markers: docs/TESTING.md.
test-fast: install-dev lint
	$(BIN)/pytest -n 2 -m unit

# `dagster dev` is the documented way to serve webserver and daemon together; its notice that `dg dev`
# (another package) supersedes it is silenced.
ui: install
	PYTHONWARNINGS='ignore:Function `dev_command` is superseded' $(BIN)/dagster dev -w workspace.yaml

# Benchmarks (not part of the tests): see bench/RESULTS.md. Long at scale 5.
bench: install-dev
	$(BIN)/python -m bench

# After changing dependencies in pyproject.toml: pin the whole tree again.
lock:
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --override requirements-overrides.txt -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --override requirements-overrides.txt -c requirements.lock -o requirements-dev.lock

clean:
	rm -rf data/warehouse.duckdb data/published data/reports .dagster
