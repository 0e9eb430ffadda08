# 通办 Tongban — `make run` serves the demo, `make test` runs the whole suite. `make help` lists the rest.
PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
TONGBAN  := $(BIN)/tongban
PG_URL   ?= postgres://postgres@127.0.0.1:5432/tongban
HOST     ?= 127.0.0.1:8000

.PHONY: help install debian run serve demo test test-pg test-browser bench lint check clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml requirements/lock.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# pip < 23.3 rejects a hash-pinned lock whose packages ask for an extra (weasyprint → fonttools[woff])
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=24.3'
	$(BIN)/pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed  ## create .venv and install the locked dependencies (shared first step)

debian:  ## install the Debian packages the suite needs (chromium, fonts, poppler)
	scripts/ensure-debian-packages

demo: install  ## migrate the embedded SQLite database under var/ and load the demo data
	$(TONGBAN) migrate --noinput
	$(TONGBAN) seed_demo

run: demo  ## set everything up and serve the portal and workbench at http://127.0.0.1:8000
	@echo "办事大厅 http://$(HOST)/   工作台 http://$(HOST)/workbench/   接口 http://$(HOST)/api/v1/docs"
	@echo "演示账号见 README（密码均为 tongban-demo）"
	$(TONGBAN) runserver $(HOST)

test: install debian  ## install test dependencies and run the whole suite (SQLite)
	$(BIN)/pytest

test-pg: install debian  ## the same suite on PostgreSQL through DATABASE_URL
	scripts/ensure-postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

bench: install  ## speed benchmarks, each printing its ratio against a baseline from the same run
	$(BIN)/python -m bench

lint: install  ## ruff
	$(BIN)/ruff check src tests bench

check: install  ## Django system checks in production mode, and migration drift
	TONGBAN_ENV=production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) TONGBAN_SEAL_KEK=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=tongban.example $(TONGBAN) check --deploy --fail-level WARNING
	$(TONGBAN) makemigrations --check --dry-run

clean:  ## remove the virtual environment and local data
	rm -rf $(VENV) var
