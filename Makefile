# NovaNet: `make run` starts the platform with demo data, `make test` runs the tests.
# Both install what they need (a virtualenv in .venv, npm packages, compiled translations).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export FLASK_APP := novanet

.PHONY: install run test test-postgres lint messages screenshots bench clean

install: $(VENV)/.installed static/vendor/.installed translations

$(VENV)/.installed: setup.cfg pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/vendor/.installed: node_modules/.package-lock.json
	mkdir -p static/vendor
	cp node_modules/socket.io-client/dist/socket.io.esm.min.js static/vendor/socket.io.esm.min.js
	cp node_modules/axe-core/axe.min.js static/vendor/axe.min.js
	touch $@

.PHONY: translations
translations: $(VENV)/.installed
	$(BIN)/python scripts/i18n.py compile

run: install
	NOVANET_REQUIRE_ADMIN_2FA=$${NOVANET_REQUIRE_ADMIN_2FA:-false} $(BIN)/flask db upgrade
	NOVANET_REQUIRE_ADMIN_2FA=$${NOVANET_REQUIRE_ADMIN_2FA:-false} $(BIN)/flask seed-demo
	NOVANET_REQUIRE_ADMIN_2FA=$${NOVANET_REQUIRE_ADMIN_2FA:-false} $(BIN)/flask run --host 127.0.0.1 --port 5000

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check novanet tests bench scripts

messages: install
	$(BIN)/python scripts/i18n.py update

screenshots: install
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) node_modules static/vendor
