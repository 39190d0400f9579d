# Two commands for people: `make run` and `make test`. Everything else is plumbing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint audit install install-dev clean renderer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install  ## start the dashboard on http://localhost:$(PORT)
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.address localhost

lint: install-dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

test: lint  ## lint + the whole test suite, browser tests included
	$(BIN)/python -m pytest

audit: install-dev  ## known vulnerabilities in the pinned requirements (see README: Security)
	$(BIN)/pip-audit -r requirements.txt --progress-spinner off

renderer: install  ## can this machine build PowerPoint? (kaleido drives the system Chromium; it never downloads one)
	$(BIN)/python -c "from components.export.pptx import renderer_problem as p; r = p(); print(f'missing {r.what}: {r.install}' if r else 'PowerPoint renderer: ok'); raise SystemExit(bool(r))"

clean:
	rm -rf $(VENV) .pytest_cache screenshots
