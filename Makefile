# Two commands do all set-up on a fresh machine with Python 3.11 and make:
#   make run   - virtualenv, dependencies, SQLite database with the demo data, server on :8000
#   make test  - the same virtualenv, then the whole test suite
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEMO_USER ?= griffie
DEMO_PASSWORD ?= toezeggingen-demo

.PHONY: run serve test lint coverage install messages migrate demo clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed messages

# Compiled translations are build output, not source: made from locale/*.po here.
messages: $(VENV)/.installed
	$(PY) scripts/compile_messages.py

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo --user $(DEMO_USER) --password $(DEMO_PASSWORD)

run: demo
	@echo ""
	@echo "  Toezeggingen runs on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "  Demo griffie account: $(DEMO_USER) / $(DEMO_PASSWORD)"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production: gunicorn with the production settings against PostgreSQL (see README, "Production").
# Needs DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS in the environment (or .env).
PROD := DJANGO_SETTINGS_MODULE=tracker.settings_production
serve: install
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL=postgres://... (and SECRET_KEY, ALLOWED_HOSTS)"; exit 1; }
	$(PROD) $(PY) manage.py migrate --noinput
	$(PROD) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(PROD) $(PY) manage.py check --deploy --fail-level WARNING
	$(PROD) $(VENV)/bin/gunicorn --config gunicorn.conf.py

# -n auto: one test process per core (pytest-xdist).
test: install
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

# Lint, format and type checks: what CI runs besides the tests.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Branch coverage floors for the deadline engine and the services (after a run with --cov):
#   make test PYTEST_ARGS="--cov --cov-report=" && make coverage
ENGINE_COVERAGE_FLOOR ?= 92
SERVICES_COVERAGE_FLOOR ?= 85
coverage: install
	$(VENV)/bin/coverage report --include='commitments/deadlines/*' --fail-under=$(ENGINE_COVERAGE_FLOOR)
	$(VENV)/bin/coverage report --include='commitments/services/*' --fail-under=$(SERVICES_COVERAGE_FLOOR)

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .coverage .mypy_cache .ruff_cache
