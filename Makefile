# Two commands on a fresh machine: `make run` and `make test`. Everything else is here for them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(CURDIR)/$(PY) $(CURDIR)/manage.py
VENDOR := rummelig/static/vendor
DEMO_EMPLOYEES ?= 5000
PORT ?= 8000

.PHONY: run test lint test-postgres bench install install-test static messages demo clean check-deploy

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Det Fælles Designsystem and htmx come from the npm registry and are served as plain static files.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/dkfds $(VENDOR)/htmx
	cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/js node_modules/dkfds/dist/img node_modules/dkfds/dist/fonts $(VENDOR)/dkfds/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	touch $@

static: $(VENDOR)/.installed

messages: install
	cd rummelig && $(MANAGE) compilemessages -v 0

# Debian's chromium drives the browser tests; it is installed once per machine.
/usr/bin/chromium:
	@if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi

demo: install static messages
	$(MANAGE) collectstatic --noinput -v 0
	$(MANAGE) prepare_database
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_demo --employees $(DEMO_EMPLOYEES) --seed 1 --if-empty

# A random secret key for this checkout (the server refuses the development key; see core/startup.py).
.secret_key:
	umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# The web server and the worker (imports run there) together; Ctrl-C stops both.
run: demo .secret_key
	$(MANAGE) demo_logins --url http://127.0.0.1:$(PORT)/
	@if [ -z "$${SECRET_KEY:-}$${SECRET_KEY_FILE:-}" ]; then export SECRET_KEY_FILE=$(CURDIR)/.secret_key; fi; \
	$(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# `check --deploy` with the example production settings (CI runs it).
check-deploy: install
	set -a && . deploy/production.env.example && set +a && $(PY) manage.py check --deploy --fail-level WARNING

test: install-test static messages /usr/bin/chromium
	$(MANAGE) collectstatic --noinput -v 0
	$(VENV)/bin/pytest

# ruff (pyflakes, isort, bugbear, complexity) over the project; mypy with django-stubs over rules/, lib/, imports/, accounts/, api/.
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test-postgres: install-test static messages /usr/bin/chromium
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest

bench: install-test
	$(PIP) install --quiet -e '.[test,bench]'
	$(PY) bench/annual_report.py
	$(PY) bench/import.py
	$(PY) bench/export.py
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles

# Update the Danish catalogue of one app after changing its strings: make makemessages APP=placements
makemessages: install
	mkdir -p rummelig/$(APP)/locale && cd rummelig/$(APP) && $(MANAGE) makemessages -l da --no-obsolete --add-location file -v 0
