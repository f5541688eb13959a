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

.PHONY: audit backup bench deploy-check help imports install restore install-dev migrate demo run test test-fast lint format check migrations-check \
	worker newsletter-send newsletter-purge publish-scheduled publish-scheduled-worker

help:
	@echo "make run    install, migrate, load demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test   lint, import contracts, Django checks and the whole test suite"
	@echo "make format apply ruff's formatting and safe fixes"
	@echo "make worker run the background task worker (production-like task backend; docs/worker.md)"
	@echo "make newsletter-send   retry newsletter emails that are due (run every few minutes)"
	@echo "make newsletter-purge  delete unconfirmed signups and expired records (run daily)"
	@echo "make publish-scheduled         publish articles whose go-live time has passed, unpublish expired ones"
	@echo "make publish-scheduled-worker  the same every PUBLISH_INTERVAL seconds (default 60), until stopped"

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

# The production settings with a realistic environment must pass Django's deployment checks.
deploy-check: install
	DJANGO_SETTINGS_MODULE=site_project.settings.production DATABASE_URL=sqlite:///:memory: \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=nieuws.example.nl CSRF_TRUSTED_ORIGINS=https://nieuws.example.nl \
	$(MANAGE) check --deploy --fail-level WARNING

# Known vulnerabilities in the pinned packages (needs PyPI's JSON API or OSV).
audit: install-dev
	$(VENV)/bin/pip-audit --strict --progress-spinner off -r requirements.txt

# The same data from PyPI's project pages, where per-release pages are not reachable (a registry mirror).
audit-pypi: install
	$(MANAGE) audit_dependencies requirements.txt

migrations-check: install
	$(MANAGE) makemigrations --check --dry-run

# Imports point one way: the contracts in pyproject.toml (docs/architecture.md, "Layers").
imports: install-dev
	$(VENV)/bin/lint-imports --no-cache

test: lint imports check deploy-check migrations-check
	$(VENV)/bin/pytest -rs $(PYTEST_ARGS)

# Back-up and restore never install packages (a nightly job must not need the network or change the
# installation it backs up): they only need the virtualenv that `make install` made.
NEED_VENV = @test -x $(PY) || { echo "No virtualenv in $(VENV): run 'make install' first (backup and restore never install packages)." >&2; exit 1; }

# Back-up of the database (SQLite online backup or pg_dump -Fc) and media into var/backups/<timestamp>/.
backup:
	$(NEED_VENV)
	$(MANAGE) backup

# Restore one: make restore BACKUP=var/backups/nieuwsroom-YYYYmmdd-HHMMSS
restore:
	$(NEED_VENV)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=var/backups/nieuwsroom-..." >&2; exit 2; }
	$(MANAGE) restore "$(BACKUP)"

# Benchmark the site as in production; BENCH_ARGS="--articles 10000" for the large run (see docs/performance.md).
bench: install
	@command -v wrk >/dev/null 2>&1 || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }
	$(PY) bench/run.py $(BENCH_ARGS)

test-fast: install-dev
	$(VENV)/bin/pytest -x -q $(PYTEST_ARGS)

# Background tasks from the database queue (docs/worker.md). Production runs it under systemd; here it uses the
# database queue too (run `make run` with BACKGROUND_TASKS_BACKEND=django_tasks_db.DatabaseBackend to fill it).
# WORKER_ID=name gives it a fixed id, so after a crash it resumes its own task at once.
worker: migrate
	BACKGROUND_TASKS_BACKEND=$${BACKGROUND_TASKS_BACKEND:-django_tasks_db.DatabaseBackend} \
	$(MANAGE) task_worker --backend background $(if $(WORKER_ID),--worker-id $(WORKER_ID))

# "Blijf op de hoogte": periodic jobs (cron or a systemd timer in production).
newsletter-send: install
	$(MANAGE) send_newsletter

newsletter-purge: install
	$(MANAGE) purge_newsletter

# Scheduled publishing (docs/publishing.md). Run it every minute from cron or as a worker.
PUBLISH_INTERVAL ?= 60

publish-scheduled:
	$(MANAGE) publish_scheduled

publish-scheduled-worker:
	@echo "Publiceert geplande artikelen elke $(PUBLISH_INTERVAL) seconden; stop met Ctrl+C."
	while true; do $(MANAGE) publish_scheduled || echo "publish_scheduled mislukt; volgende poging over $(PUBLISH_INTERVAL) s" >&2; sleep $(PUBLISH_INTERVAL); done
