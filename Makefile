# Quick start: `make run` (serve with demo data) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= integrity.settings.dev

.PHONY: install run demo test test-fast lint typecheck format bench messages check ci clean fuzz

$(BIN)/.installed: requirements.lock requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) scripts/bootstrap_venv.py $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock
	@touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@$(BIN)/python manage.py demo_credentials
	$(BIN)/python manage.py runserver_scheduled $(HOST):$(PORT)  # + the periodic jobs (integrity/core/scheduler.py)

PYTEST := DJANGO_SETTINGS_MODULE=integrity.settings.test $(BIN)/python -m pytest -q

# The suite on two processes; then the race tests (PostgreSQL; they commit and flush, so
# they never share a process with the rest), the real-Celery-worker tests together in one
# process, and each browser test module in a process of its own (each serves the whole
# demo from a fresh transactional database).
test: install
	$(PYTEST) -n 2 --dist loadfile -m "not browser and not worker and not race" $(PYTEST_ARGS)
	$(PYTEST) -p no:xdist -m race
	$(PYTEST) -p no:xdist -m worker
	@for module in tests/browser/test_*.py; do $(PYTEST) -p no:xdist $$module || exit 1; done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy over the typed core (services, selectors, scoring); files are listed in pyproject.toml.
typecheck: install
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=integrity.settings.production SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-secret-value-for-the-check ALLOWED_HOSTS=integrity.example $(BIN)/python manage.py check --deploy --fail-level WARNING

# Every app's catalogue (scripts/make_messages.py), then compile them all.
messages: install
	$(BIN)/python scripts/make_messages.py
	$(BIN)/python scripts/compile_messages.py

# schemathesis against /api/v1/ as the demo operator on a fresh demo database: no server
# error, every answer as documented (scripts/fuzz_api.py; reports in var/fuzz/).
fuzz: install
	$(BIN)/python scripts/fuzz_api.py

# All benchmarks (docs/benchmarks.md); BENCH_ARGS=--quick for a smoke test, or names.
bench: install
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var db.sqlite3*
