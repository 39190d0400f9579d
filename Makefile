# Two commands for people: `make run` and `make test`. Everything else is plumbing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test check lint audit proxy-bench install install-dev system-deps clean renderer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed system-deps
install-dev: $(VENV)/.installed-dev system-deps

# Graphviz draws the org chart's layered layout; installed with apt when missing (as root). Without
# it the chart falls back to the simple layout and says so.
system-deps:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Graphviz (org chart layout)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else echo "Graphviz is missing: install it (apt-get install graphviz) for the layered org chart"; fi; }

# The same app as `streamlit run app.py`; components.ui.serve adds an optional extra: the allocator
# settings that let the server give memory back after viewers leave (components/ui/memory.py;
# bench/RESULTS.md, section 9d). Another port: PORT=8502 make run. Stop: Ctrl+C.
# Security headers come from the proxy (deploy/): `make run` is for one local user.
run: install  ## start the dashboard on http://localhost:$(PORT)
	$(BIN)/python -m components.ui.serve --server.port $(PORT) --server.address localhost

lint: install-dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

# One pytest worker per core (pytest-xdist), each with its own app server and Chromium: on the
# 2-core machine two workers keep both cores busy; a third made the run slower (README: Tests).
# Work stealing: a worker that runs out takes tests queued for the other (the tests take 0.01 s to
# 75 s, so fixed shares left one worker waiting; 765 s -> 695 s for the same suite).
TEST_WORKERS ?= auto
# The tests are ordered longest first (browser, server, AppTest, pure; tests/conftest.py), dealt
# over the workers so each starts with its longest and none waits on another's long tail.
test: lint  ## lint + the whole test suite, browser tests included
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

# Everyday loop while changing code: lint + every test that needs neither a browser nor a server
# (pytest -m "not server"; browser tests are marked server too). Target: 90 s on the 2-core machine.
# The quick loop: every test that needs neither a browser nor a server, with fewer generated
# examples in the two Hypothesis fuzz tests (make test runs them in full: 10,000 decks, 3,600 files).
check: install-dev  ## lint + the tests without browser or server (the quick loop)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .
	CSTO_DECK_FUZZ_EXAMPLES=300 CSTO_FUZZ_EXAMPLES=60 $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal -m "not server" -q --durations=10

# pip-audit -f json, read by tools/audit.py: fails (exit 2) unless every package was actually
# checked, e.g. when the vulnerability database cannot be reached; exit 1 on a known vulnerability.
# AUDIT_SERVICE=osv asks OSV instead of PyPI.
AUDIT_SERVICE ?= pypi
audit: install-dev  ## known vulnerabilities in the pinned requirements (see README: Security)
	$(BIN)/python tools/audit.py -- -r requirements.txt --vulnerability-service $(AUDIT_SERVICE)

# nginx (deploy/nginx.conf, installed with apt-get if missing) in front of 3 app processes,
# 60 viewers through it, headers and every page checked in Chromium; bench/proxy.py.
proxy-bench: install-dev
	$(BIN)/python -m bench.proxy --sessions 60 --replicas 3

renderer: install  ## can this machine build PowerPoint? (kaleido drives the system Chromium; it never downloads one)
	$(BIN)/python -c "from components.export.pptx import renderer_problem as p; r = p(); print(f'missing {r.what}: {r.install}' if r else 'PowerPoint renderer: ok'); raise SystemExit(bool(r))"

clean:
	rm -rf $(VENV) .pytest_cache screenshots
