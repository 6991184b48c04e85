# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint format messages bench benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files: reinstall only when the requirements change.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

## setup: install, migrate, compile translations, load the plans, the demo accounts and the
## demo data (演示数据).
setup: $(VENV)/.installed
	mkdir -p var/static
	$(MANAGE) migrate --noinput
	$(MAKE) --no-print-directory messages
	$(MANAGE) setup_portal --demo

## run: set up, run the supervision scan once (today's overdue items, notifications and a
## digest email per user, printed in this console), then serve the portal on
## http://$(HOST):$(PORT) with a Celery worker and beat. The portal's today is the demo's
## day, 2017-09-30 (JIYUAN_AS_OF, exported to setup, the scan, the server and Celery);
## `JIYUAN_AS_OF= make run` runs it as of the real date.
run: export JIYUAN_AS_OF ?= 2017-09-30
run: setup
	$(MANAGE) flag_overdue --with-digests
	@echo "Serving on http://$(HOST):$(PORT)/ ; Celery worker and beat log to var/celery.log"
	@$(BIN)/celery -A jiyuan_portal worker -B --loglevel=INFO --concurrency=1 \
		--schedule=var/celerybeat-schedule >var/celery.log 2>&1 & \
	celery_pid=$$!; \
	trap 'kill $$celery_pid 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

## test: the whole suite: lint, the import contracts, migrations check, pytest (SQLite by
## default; DATABASE_URL=postgres://… for PostgreSQL).
test: $(VENV)/.installed-dev
	mkdir -p var/static
	$(MAKE) --no-print-directory messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n 2

## messages: compile the translations (the compiled .mo files are also committed).
messages: | $(BIN)/python
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv -v0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: the cockpit's and every list page's server time (median of 20 requests) and SQL
## query count beside the login page's, and the scan's time, at 1, 10 and 100 times the seed,
## in a scratch database (DATABASE_URL=postgres://… for PostgreSQL). BENCH_ARGS="--scales 1,10"
## skips 100x. See docs/benchmarks.md.
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

benchmark: bench

clean:
	rm -rf var/db.sqlite3 var/celery-broker var/celerybeat-schedule*
