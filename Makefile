# ffnn-edu: two commands on a fresh machine.
#   make book   set up .venv, build the HTML book into _build/html
#   make test   set up .venv (and Debian's chromium), run every test
# Also: make lab (JupyterLab on the notebooks), make notebooks (refresh stored outputs),
#       make bench (benchmarks), make clean.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: setup book test unit nbval build browser lab notebooks bench clean

$(STAMP): requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

book: setup
	$(BIN)/jupyter-book build . --all
	@echo "The book: $(CURDIR)/_build/html/index.html"

test: setup
	bash .ci/install-browser.sh
	$(MAKE) unit nbval build browser

unit:
	$(BIN)/python -m pytest --ignore=tests/browser

nbval:
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with .ci/nbval-sanitize.cfg \
		-o addopts="-p no:cacheprovider" book/

build:
	rm -rf _build
	$(BIN)/jupyter-book build . -W -n --keep-going

browser:
	$(BIN)/python -m pytest tests/browser

lab: setup
	$(BIN)/jupyter lab --notebook-dir=book

notebooks: setup
	$(BIN)/python .ci/refresh_outputs.py

bench: setup
	$(BIN)/python bench/bench_epoch.py
	$(BIN)/python bench/bench_sliders.py

clean:
	rm -rf _build
