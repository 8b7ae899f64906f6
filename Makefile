# Khuyến Học Số — the two commands of the README, and the tools behind them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
HOUSEHOLDS ?= 2000
APPS := areas accounts criteria registry assessments recognition reports demo
DEBIAN_RUN := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core gettext
DEBIAN_TEST := $(DEBIAN_RUN) chromium libatomic1 poppler-utils

.PHONY: run test test-sqlite test-postgres lint format messages check-deploy system-packages-run system-packages-test clean

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

# Debian packages: only what is missing, and only as root (CI and a fresh machine run as root).
system-packages-run:
	@./tools/apt-ensure $(DEBIAN_RUN)

system-packages-test:
	@./tools/apt-ensure $(DEBIAN_TEST)

## make run — set up, migrate, load the demo district once, serve on http://$(HOST):$(PORT) with the worker.
run: system-packages-run $(VENV)/.installed
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py demo --households $(HOUSEHOLDS)
	@echo ""
	@echo "Khuyến Học Số: http://$(HOST):$(PORT)/   (Ctrl+C to stop)"
	@trap 'kill 0' EXIT; \
	  $(PY) manage.py db_worker --interval 1 & \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

## make test — the whole suite on SQLite (and on PostgreSQL too when DATABASE_URL names one).
test: system-packages-test $(VENV)/.installed
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest --create-db $(PYTEST_ARGS)

test-postgres:
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/khuyenhoc} $(MAKE) test

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

## make messages — refresh every .po from the code, then compile the .mo files (both are committed).
messages: $(VENV)/.installed
	# Run from the root, makemessages files each app's strings in that app's own locale/ directory.
	mkdir -p locale $(foreach app,$(APPS),$(app)/locale)
	$(PY) manage.py makemessages -l vi --no-location --no-obsolete -v0 --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=tools --ignore=*/tests
	$(PY) manage.py compilemessages -v0 --ignore=.venv

check-deploy: $(VENV)/.installed
	PRODUCTION=1 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=khuyenhoc.example.vn $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var
