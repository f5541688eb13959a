# nieuwsroom: `make run` sets up and serves the site, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The first Python 3.12+ on the PATH (a .python-version file steers pyenv to 3.12).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then echo $$p; break; fi; done)

.PHONY: bench help install install-dev migrate demo run test test-fast lint format check migrations-check \
	worker newsletter-send newsletter-purge

help:
	@echo "make run    install, migrate, load demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test   lint, Django checks and the whole test suite"
	@echo "make format apply ruff's formatting and safe fixes"
	@echo "make worker run the background task worker (production-like task backend)"
	@echo "make newsletter-send   retry newsletter emails that are due (run every few minutes)"
	@echo "make newsletter-purge  delete unconfirmed signups and expired records (run daily)"

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (none found on PATH)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

# vnu.jar (the Nu Html Checker) for the HTML validation tests; skipped with a message without npm.
VNU := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: HTML validation tests will be skipped (install Node.js and npm to enable them)"; fi

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev $(VNU)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(MANAGE) check --fail-level WARNING

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

test: lint check migrations-check
	$(VENV)/bin/pytest -rs $(PYTEST_ARGS)

# Benchmark the site as in production; BENCH_ARGS="--articles 10000" for the large run (see README).
bench: install
	@command -v wrk >/dev/null 2>&1 || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
	$(PY) bench/run.py $(BENCH_ARGS)

test-fast: install-dev
	$(VENV)/bin/pytest -x -q $(PYTEST_ARGS)

# Background tasks: production runs this worker (BACKGROUND_TASKS_BACKEND=django_tasks_db.DatabaseBackend).
worker: migrate
	$(MANAGE) db_worker --backend background

# "Blijf op de hoogte": periodic jobs (cron or a systemd timer in production).
newsletter-send: install
	$(MANAGE) send_newsletter

newsletter-purge: install
	$(MANAGE) purge_newsletter
