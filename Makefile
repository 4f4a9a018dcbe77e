# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 7860

.PHONY: run test install install-test browser index bench eval clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian's Chromium and Chinese fonts (Noto CJK) for the browser test; best effort (the test skips without chromium).
BROWSER_PACKAGES := chromium fonts-noto-cjk
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null) \
	  || echo "$(BROWSER_PACKAGES) not installed: the browser test will skip"; fi

index: install
	$(VENV)/bin/rag index build

run: install
	$(VENV)/bin/rag index build --if-missing
	RAG_HOST=$(HOST) RAG_PORT=$(PORT) $(PY) app.py

test: install-test browser
	$(PY) -m pytest

bench: install-test
	$(PY) -m evals.bench

eval: install
	$(VENV)/bin/rag eval --split dev
	$(VENV)/bin/rag eval --split test

clean:
	rm -rf $(VENV) index/gen-* index/current index/embeddings-cache
