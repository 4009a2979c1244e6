# Two entry points: `make app` (install, then run the app) and `make test` (install, then lint,
# type-check and run every test; `make check` is the same). Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup setup-dev browser libreoffice app test check lint types bench

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime

setup-dev: $(VENV)/.dev browser libreoffice

# Debian's Chromium (and a CJK font so screenshots show Chinese) for the browser tests.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'noto sans cjk'; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi; \
	fi

# LibreOffice without a GUI: `corpus fetch` and the readers convert .doc and .wps attachments with it.
libreoffice:
	@if ! command -v soffice >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libreoffice-writer-nogui >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq libreoffice-writer-nogui >/dev/null; fi; \
	fi

app: setup
	$(VENV)/bin/streamlit run app.py

# Every check CI runs, in order: lint, types, then every test (browser and slow ones included).
# FAST=1 skips the tests marked slow (model loading, browsers, large corpora) for a quick local run.
test: setup-dev lint types
	HF_HUB_OFFLINE=1 $(PY) -m pytest $(if $(FAST),-m "not slow")

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: setup-dev
	$(VENV)/bin/mypy corpus embeddings compare ui app_pages app.py

# What .ci/run runs: the same as `make test`.
check: test

bench: setup-dev
	$(PY) -m bench.run
