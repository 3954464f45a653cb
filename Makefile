# qualitymonth — 质量月活动管理平台
# make run   : set up, load the demo data, serve at http://127.0.0.1:$(PORT)
# make test  : set up, then the whole suite on SQLite and on a throw-away PostgreSQL
# make bench : set up, generate the national dataset, benchmark on SQLite and PostgreSQL
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: setup run test lint format worker bench

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the declared dependencies change, so setup stays quick and idempotent.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	QM_DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	QM_DEBUG=1 $(PY) manage.py createcachetable
	QM_DEBUG=1 $(PY) manage.py collectstatic --noinput -v 0

run: setup
	QM_DEBUG=1 $(PY) manage.py load_demo
	@echo "质量月活动管理平台: http://127.0.0.1:$(PORT)/  (Ctrl-C 结束)"
	QM_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: setup
	QM_DEBUG=1 $(PY) manage.py db_worker

test: setup
	bash scripts/test.sh

bench: setup
	bash bench/run.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
