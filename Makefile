# Baken: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Test processes in parallel (pytest-xdist): one per CPU; `make test TEST_WORKERS=0` runs in one.
TEST_WORKERS ?= auto
# Compiled modules are kept (__pycache__, ignored by git): each test process (a worker per CPU, per
# pass in .ci/run) and each manage.py call then reads them and pytest's rewritten test modules
# instead of compiling some 1,400 modules again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test coverage-floors install install-test static lint migrations-check browser bench load drills clean

$(VENV)/.installed: pyproject.toml requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

install-test: $(VENV)/.installed-test node_modules/.installed

var/static/staticfiles.json: node_modules/.installed $(shell find src/baken/static -type f)
	$(PY) manage.py collectstatic --noinput --verbosity 0

static: install var/static/staticfiles.json

## Run Baken on the embedded SQLite database with demo data on http://127.0.0.1:$(PORT), with the task
## worker beside it (urgent-signal mails and other background work; the console shows the mails)
run: static
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py load_demo_data
	@echo "Baken: http://127.0.0.1:$(PORT)/  (stop with Ctrl-C); the task worker sends e-mails (printed here)"
	@$(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run --settings=baken.conf.test

## The browser tests drive Debian's Chromium (BAKEN_CHROMIUM names another binary): installed here when
## it is missing and this user may install packages; otherwise one line says what to run.
browser:
	@command -v $${BAKEN_CHROMIUM:-chromium} >/dev/null 2>&1 && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "--- installing chromium (Debian) for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then \
	  echo "--- installing chromium (Debian) for the browser tests"; \
	  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Chromium: run 'sudo apt-get install -y chromium' (or set BAKEN_CHROMIUM) and then 'make test' again."; \
	  exit 1; \
	fi

## Run the whole test suite (browser tests included); DATABASE_URL=postgres://... runs it on PostgreSQL.
## Coverage floors: 90 % of all lines, and every line of every policies.py and services.py.
## TEST_ARGS runs a part of it (.ci/run splits the suite over SQLite and PostgreSQL, each test once);
## a part adds to the coverage file and leaves the floors to `make coverage-floors` after the last.
TEST_ARGS ?=
test: install-test browser lint migrations-check
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --cov --durations=25 --durations-min=5 \
	  $(if $(TEST_ARGS),--cov-append --cov-report= $(TEST_ARGS),--cov-report=term)
	$(if $(TEST_ARGS),,$(MAKE) --no-print-directory coverage-floors)

coverage-floors:
	@echo "Coverage of all lines (floor 90 %): $$($(VENV)/bin/coverage report --format=total) %"
	@$(VENV)/bin/coverage report --format=total --fail-under=90 >/dev/null
	$(VENV)/bin/coverage report --include='src/baken/*/policies.py,src/baken/*/services.py' --skip-covered --fail-under=100

clean:
	rm -rf $(VENV) .venv-load node_modules var/static

## Fault drills (issue 17, docs/benchmarks.md): gunicorn workers and the task worker killed with kill -9,
## PostgreSQL restarted under load, the upload disk full. Each drill exits non-zero when Baken does not hold;
## all run, then this fails if one did. Needs root and PostgreSQL 15: the drills make a cluster of their own
## (15 drills, port 5434) unless DRILL_DATABASE_URL and DRILL_PG_CLUSTER name another.
DRILLS ?= kill_web_worker restart_database kill_task_worker full_disk
drills: install-test
	@failed=""; for drill in $(DRILLS); do echo "=== drill $$drill"; \
	  $(PY) drills/$$drill.py || failed="$$failed $$drill"; done; \
	if [ -n "$$failed" ]; then echo "Drills failed:$$failed"; exit 1; fi; echo "All drills passed."

## Benchmark at volume on SQLite and, when BENCH_DATABASE_URL is set, on PostgreSQL (see docs/benchmarks.md)
BENCH_SMALL ?= 10000
BENCH_LARGE ?= 500000
BENCH_REQUESTS ?= 200
## The inbox of one big municipality (1,000 → 100,000 signals), each on a database of its own:
## var/bench-inbox on SQLite, BENCH_INBOX_DATABASE_URL on PostgreSQL.
BENCH_INBOX_SMALL ?= 1000
BENCH_INBOX_LARGE ?= 100000
## Handhaven in one big municipality (10,000 → 100,000 inspections at 2,000 → 20,000 locations):
## var/bench-enforcement on SQLite, BENCH_ENFORCEMENT_DATABASE_URL on PostgreSQL.
BENCH_ENFORCEMENT_SMALL ?= 10000
BENCH_ENFORCEMENT_LARGE ?= 100000
bench: install-test node_modules/.installed
	BAKEN_VAR_DIR=var/bench $(PY) bench/run.py --small $(BENCH_SMALL) --large $(BENCH_LARGE) --requests $(BENCH_REQUESTS)
	if [ -n "$$BENCH_DATABASE_URL" ]; then DATABASE_URL="$$BENCH_DATABASE_URL" BAKEN_VAR_DIR=var/bench \
	  $(PY) bench/run.py --small $(BENCH_SMALL) --large $(BENCH_LARGE) --requests $(BENCH_REQUESTS); fi
	BAKEN_VAR_DIR=var/bench-care $(PY) bench/care.py --requests $(BENCH_REQUESTS)
	if [ -n "$$BENCH_DATABASE_URL" ]; then DATABASE_URL="$$BENCH_DATABASE_URL" BAKEN_VAR_DIR=var/bench-care \
	  $(PY) bench/care.py --requests $(BENCH_REQUESTS); fi
	BAKEN_VAR_DIR=var/bench-inbox $(PY) bench/inbox.py --small $(BENCH_INBOX_SMALL) --large $(BENCH_INBOX_LARGE) --requests $(BENCH_REQUESTS)
	if [ -n "$$BENCH_INBOX_DATABASE_URL" ]; then DATABASE_URL="$$BENCH_INBOX_DATABASE_URL" BAKEN_VAR_DIR=var/bench-inbox \
	  $(PY) bench/inbox.py --small $(BENCH_INBOX_SMALL) --large $(BENCH_INBOX_LARGE) --requests $(BENCH_REQUESTS); fi
	BAKEN_VAR_DIR=var/bench-enforcement $(PY) bench/enforcement.py --small $(BENCH_ENFORCEMENT_SMALL) \
	  --large $(BENCH_ENFORCEMENT_LARGE) --requests $(BENCH_REQUESTS)
	if [ -n "$$BENCH_ENFORCEMENT_DATABASE_URL" ]; then DATABASE_URL="$$BENCH_ENFORCEMENT_DATABASE_URL" \
	  BAKEN_VAR_DIR=var/bench-enforcement $(PY) bench/enforcement.py --small $(BENCH_ENFORCEMENT_SMALL) \
	  --large $(BENCH_ENFORCEMENT_LARGE) --requests $(BENCH_REQUESTS); fi

## Baken under load (issue 17, docs/benchmarks.md): Locust (headless, in .venv-load) plays 50 users for
## LOAD_DURATION against gunicorn with the production settings and the task worker, on PostgreSQL
## (LOAD_DATABASE_URL; seeded once with 500,000 signals, which takes a while the first time).
## Fails on a server error, a lost or duplicated signal, or a page with p95 >= 300 ms.
## LOAD_THINK_SCALE=0.3 shortens the simulated users' think times for a stress run.
LOAD_DATABASE_URL ?= postgres://baken:baken@127.0.0.1:5432/baken_load
LOAD_DURATION ?= 5m
LOAD_THINK_SCALE ?= 1
.venv-load/.installed: requirements/load.txt
	test -x .venv-load/bin/python || $(PYTHON) -m venv .venv-load
	.venv-load/bin/pip install --quiet --disable-pip-version-check -r requirements/load.txt
	touch $@

load: install-test node_modules/.installed .venv-load/.installed
	LOAD_DATABASE_URL="$(LOAD_DATABASE_URL)" LOAD_DURATION="$(LOAD_DURATION)" LOAD_THINK_SCALE="$(LOAD_THINK_SCALE)" \
	  $(PY) bench/load/run.py
