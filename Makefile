# Library Service Desk. `make run` to try it, `make test` to test it (README.md).
PYTHON ?= python3
PORT ?= 8000
BIND ?= 127.0.0.1:$(PORT)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run worker test serve migrate seed bench soak backup restore check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null || { \
	  echo "Library Service Desk needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12+ (with pyenv, the .python-version file selects 3.13), or run: make PYTHON=/path/to/python3.12 ..."; \
	  exit 1; }

$(STAMP): requirements.txt requirements-dev.txt | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

migrate: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --no-input

seed: migrate
	DEBUG=1 $(PY) manage.py seed_demo --site http://$(BIND)

# The web server and, beside it, the worker that sends the e-mail queued in the database
# (outbox/); Ctrl-C (or a TERM to the group) stops both. The worker does not reload on code
# changes: stop and start `make run` again after changing what it runs.
run: seed
	@DEBUG=1 $(PY) manage.py db_worker --no-reload --interval 2 --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(BIND)

# Production: the worker alone, next to `make serve` (README.md, Production; under systemd,
# scripts/servicedesk-worker.service). WORKER_ARGS passes more options (--interval 5).
worker: $(STAMP)
	$(PY) manage.py db_worker --no-reload $(WORKER_ARGS)

test: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run --settings=servicedesk.settings_test
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

# Production-like: gunicorn, DEBUG off, static files served by the app (whitenoise).
serve: $(STAMP)
	@test -n "$$SECRET_KEY" || { echo "make serve needs SECRET_KEY (and DATABASE_URL, ALLOWED_HOSTS): see README.md"; exit 1; }
	@test -n "$$DATABASE_URL" || { echo "make serve needs DATABASE_URL, e.g. postgres://user@host:5432/servicedesk"; exit 1; }
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py migrate --no-input
	$(VENV)/bin/gunicorn servicedesk.wsgi --bind $(BIND) --workers $${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

clean:
	rm -rf $(VENV) staticfiles

# The pages under load at a library system's volume (benchmarks/README.md): seeds
# servicedesk_bench on DATABASE_URL's server (once), serves it with gunicorn, drives it with wrk
# and appends to benchmarks/RESULTS.md. Not part of `make test` or CI: it takes 10-30 minutes.
bench: $(STAMP)
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

# Staff at work through a database restart and a mail-server outage (benchmarks/README.md): a
# throw-away PostgreSQL cluster of its own (PostgreSQL's binaries needed, no server touched),
# 50 simulated staff (locust) for 10 minutes, then every acknowledged write checked to be saved
# exactly once; appends to benchmarks/RESULTS.md. Not part of `make test` or CI.
soak: $(STAMP)
	$(PY) benchmarks/soak.py $(SOAK_ARGS)

# Backups (README.md, Backups): `make backup [DIR=...]` writes a dated backup of DATABASE_URL's
# database (or SQLITE_PATH's) into var/backups/ or DIR; `make restore FILE=...` restores one into
# an empty database. Without SECRET_KEY (development) they run with DEBUG=1, as `make run` does.
DEV_IF_NO_KEY = $$(test -n "$$SECRET_KEY" || echo DEBUG=1)

backup: $(STAMP)
	env $(DEV_IF_NO_KEY) $(PY) manage.py backup $(if $(DIR),--dir "$(DIR)")

restore: $(STAMP)
	@test -n "$(FILE)" || { echo "make restore needs FILE=, a file made by make backup (ls var/backups/)"; exit 1; }
	env $(DEV_IF_NO_KEY) $(PY) manage.py restore "$(FILE)"
