# Nội vụ số — the two commands: `make run` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/noivu_test
HOST ?= 127.0.0.1:8000

.PHONY: install run check test test-sqlite test-postgres lint bench messages

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# A development server: DEBUG on and a development key, set here explicitly (production sets neither).
run: export DEBUG := 1
run: export SECRET_KEY := development-only-key-for-make-run
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo --size small --seed 1
	$(PY) manage.py ensure_admin --address http://$(HOST)/
	$(PY) manage.py runserver $(HOST)

# The two passes run side by side (each on its own database); each one's output is printed whole when it ends.
test: install
	$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgres

test-sqlite: install
	DATABASE_URL=sqlite:///$(CURDIR)/.test.sqlite3 $(PY) -m pytest

test-postgres: install
	@if $(PY) -c "import psycopg, sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) cannot be reached (CI is set: this is an error)"; exit 1; \
	else \
		echo "PostgreSQL at $(PG_TEST_URL) cannot be reached: PostgreSQL tests skipped (set CI=1 to make this an error)"; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Lint and types (configured in pyproject.toml); CI runs it before the tests.
check: lint
	$(VENV)/bin/mypy

messages: install
	$(PY) manage.py makemessages -l en --ignore '.venv/*' --ignore 'node_modules/*'
	$(PY) manage.py compilemessages -l en --ignore '.venv/*' --ignore 'node_modules/*'
