# Slotwatch: `make run` serves the app with its worker and scheduler; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: install install-dev migrate load run serve test bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Slotwatch needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(APP_STAMP)

install: $(APP_STAMP)
install-dev: $(DEV_STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

load: migrate
	$(BIN)/python manage.py load_reference
	$(BIN)/python manage.py import_catalog -v0 constellations/data/tracked-satcat-spacetrack-2025-03-16.json.gz constellations/data/tracked-active-tle-2026-08-22.txt.gz
	$(BIN)/python manage.py evaluate

run: load
	$(BIN)/python scripts/run_all.py

# The production configuration on this machine (README "Production"): DEBUG off, hashed and compressed static
# files, gunicorn's ASGI worker with the slow-client deadlines, Celery worker and beat; plain HTTP on loopback.
serve: load
	$(BIN)/python scripts/serve.py

# Two runs, both always made: the suite across TEST_WORKERS processes (pytest-xdist, one test database each),
# then the tests marked serial (browser, fault injection, a Celery worker process) in one process. The target
# fails if either run fails; "no tests collected" (exit 5) is no failure when PYTEST_ARGS picks only one kind.
# PYTEST_ARGS reaches both runs (.ci/run passes --create-db on PostgreSQL). Tests go out one by one (worksteal):
# --dist loadfile/loadscope key work by node id, and schemathesis' cases share one, so they would be dropped.
TEST_WORKERS ?= auto
test: install-dev
	PYTHON=$(BIN)/python TEST_WORKERS=$(TEST_WORKERS) scripts/test.sh $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
