# qualitymonth — 质量月活动管理平台
# make run   : set up, load the demo data, serve at http://127.0.0.1:$(PORT)
# make test  : set up, then the whole suite on SQLite and on a throw-away PostgreSQL
# make bench : set up, generate the national dataset, benchmark on SQLite and PostgreSQL
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: setup run test lint format worker bench lock

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the declared dependencies change, so setup stays quick and idempotent.
# The exact versions and their hashes come from requirements.lock (`make lock` after a change
# to pyproject.toml), so a fresh machine installs what the suite last passed with.
$(STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

lock: | $(PY)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

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
