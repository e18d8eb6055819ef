# ffnn-edu: two commands on a fresh machine.
#   make book   set up .venv, build the HTML book into _build/html, and its PDF
#   make test   set up .venv (and Debian's chromium), run every test
# Also: make pdf (the whole book as one PDF, _build/html/ffnn-edu.pdf, printed by Chromium
#       from the built pages), make lab (JupyterLab on lab/, a working copy of the
#       notebooks), make lab-book (JupyterLab on book/ itself, for authors), make notebooks
#       (refresh stored outputs),
#       make lint (ruff check + ruff format --check), make typecheck (mypy on ffnn_edu/nn),
#       make bench (benchmarks), make mutation (mutation testing, not part of `make test`),
#       make clean.
# `make test` runs, two at a time: the book build, its PDF and its browser tests, nbval twice (two
# OpenBLAS kernels), the unit tests and doctests, the same against the lowest declared versions,
# the JupyterLab check, lint and typecheck.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A second venv with the lowest versions pyproject.toml allows (see `lowest` below).
LOWEST := $(VENV)/lowest
LOWEST_STAMP := $(LOWEST)/.installed
export PYDEVD_DISABLE_FILE_VALIDATION := 1

# The Python sources that ruff lints and formats (the notebooks are not: see pyproject.toml).
PY_SOURCES := ffnn_edu tests bench .ci book/_ext

NBVAL := -m pytest --nbval --nbval-current-env --nbval-sanitize-with .ci/nbval-sanitize.cfg \
	-o addopts="-p no:cacheprovider" book/

.PHONY: setup book pdf test checks unit nbval nbval-kernel2 build browser build-and-browser \
	lowest lab-check lint typecheck lab lab-book notebooks bench mutation clean

$(STAMP): requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

book: setup
	$(BIN)/jupyter-book build . --all
	bash .ci/install-browser.sh
	$(BIN)/python .ci/book_pdf.py
	@echo "The book: $(CURDIR)/_build/html/index.html"

# The whole book as one PDF (.ci/book_pdf.py): headless Chromium prints the built pages, so
# the book is built first if it is not there. The pages link to _build/html/ffnn-edu.pdf.
pdf: setup
	test -f _build/html/index.html || $(MAKE) --no-print-directory build
	bash .ci/install-browser.sh
	$(BIN)/python .ci/book_pdf.py

# Every check, two at a time on two cores (-j2): the book build (then its PDF and the browser
# tests of the built pages) runs beside the unit tests, the two nbval runs, the lowest-versions run and the
# JupyterLab check. Each job gets one BLAS thread so the two jobs do not fight over the cores
# (no output depends on it; nbval's second run under another kernel checks that they carry no
# rounding noise). -k: a failing check does not stop the others, so one run reports every
# failure. Output is printed per check, when the check ends.
test: setup
	bash .ci/install-browser.sh
	OPENBLAS_NUM_THREADS=1 $(MAKE) --no-print-directory -k -j2 --output-sync=target checks

# Longest first, so the two lanes end together (lint and typecheck take seconds: they fill
# whichever lane frees first).
checks: build-and-browser nbval nbval-kernel2 unit lowest lab-check typecheck lint

unit:
	$(BIN)/python -m pytest --ignore=tests/browser

# House rules (pyproject.toml): ruff's lint rules, and the sources exactly as `ruff format` writes
# them. To apply both: `.venv/bin/ruff check --fix $(PY_SOURCES) && .venv/bin/ruff format
# $(PY_SOURCES)`, then `make notebooks` if a listing a chapter shows has changed.
# Both run even if the first fails, so one run reports everything.
lint:
	@status=0; \
	$(BIN)/ruff check $(PY_SOURCES) || status=1; \
	$(BIN)/ruff format --check $(PY_SOURCES) || status=1; \
	exit $$status

# mypy on the library wing, ffnn_edu/nn (its settings: [tool.mypy] in pyproject.toml).
typecheck:
	$(BIN)/python -m mypy

# nbval re-executes every notebook and compares each cell's outputs with the stored ones.
nbval:
	@echo "nbval under OpenBLAS kernel $$($(BIN)/python .ci/openblas_kernel.py)"
	$(BIN)/python $(NBVAL)

# The same under another OpenBLAS kernel (Sandybridge: what a processor without FMA gets), so a
# stored output that carries rounding noise fails here rather than on a learner's laptop.
nbval-kernel2:
	@kernel=$$($(BIN)/python .ci/openblas_kernel.py --other) && \
	echo "nbval under OpenBLAS kernel $$kernel (OPENBLAS_CORETYPE=$$kernel)" && \
	OPENBLAS_CORETYPE=$$kernel $(BIN)/python $(NBVAL)

build:
	rm -rf _build
	$(BIN)/jupyter-book build . -W -n --keep-going

# Browser tests of the built book (`make browser` also runs the JupyterLab check).
browser:
	$(BIN)/python -m pytest tests/browser

# The PDF is printed before the browser tests: the pages link to it, and test_pdf.py reads it.
build-and-browser: build
	$(BIN)/python .ci/book_pdf.py
	$(BIN)/python -m pytest tests/browser --ignore=tests/browser/test_lab.py

# A chapter in JupyterLab with jupyterlab-myst, in headless Chromium (needs no built book).
lab-check:
	$(BIN)/python -m pytest tests/browser/test_lab.py

# `pip install .` with the lowest versions of its dependencies that pyproject.toml declares
# for this Python (pins made by .ci/lowest_requirements.py from the bounds whose marker
# matches it), then the unit tests and doctests against that installed copy (not the source
# tree). The venv is kept until pyproject.toml changes.
# Old matplotlib calls pyparsing's camelCase names, which today's pyparsing marks deprecated:
# that one warning category is ignored here; every other warning is still an error.
# tests/test_refresh_outputs.py tests the notebook tooling (.ci/refresh_outputs.py, which
# needs nbformat and a kernel), not the package, so it runs only in the book's venv.
$(LOWEST_STAMP): pyproject.toml requirements.txt .ci/lowest_requirements.py | $(STAMP)
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(BIN)/python .ci/lowest_requirements.py --python "$$($(LOWEST)/bin/python -c \
		'import sys; print("%d.%d" % sys.version_info[:2])')" > $(LOWEST)/pins.txt
	$(LOWEST)/bin/python -m pip install --quiet --only-binary=:all: "setuptools>=77" \
		-r $(LOWEST)/pins.txt
	touch $(LOWEST_STAMP)

lowest: $(LOWEST_STAMP)
	$(LOWEST)/bin/python -m pip install --quiet --no-build-isolation -c $(LOWEST)/pins.txt ".[book]"
	cd $(LOWEST) && bin/python -c "import ffnn_edu, numpy, matplotlib; \
		print('lowest versions: numpy', numpy.__version__, 'matplotlib', matplotlib.__version__, \
		'testing', ffnn_edu.__file__)"
	$(LOWEST)/bin/pytest -o addopts="-p no:cacheprovider" \
		-W "ignore::pyparsing.warnings.PyparsingDeprecationWarning" --ignore=tests/browser \
		--ignore=tests/test_refresh_outputs.py \
		tests --doctest-modules --pyargs ffnn_edu

# JupyterLab with jupyterlab-myst, so the chapters read as on the web. As root (most
# containers) JupyterLab refuses to start without --allow-root.
# `make lab` opens the learner's working copy, lab/ (untracked): a chapter missing there is
# copied from book/, one already there is never overwritten (delete it for a fresh copy), so
# running and editing never changes the tracked notebooks. `make lab-book` opens book/
# itself, for authors editing the book.
LAB := lab
ALLOW_ROOT = $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

lab: setup
	$(BIN)/python .ci/lab_copy.py book $(LAB)
	$(BIN)/jupyter lab --notebook-dir=$(LAB) $(ALLOW_ROOT)

lab-book: setup
	$(BIN)/jupyter lab --notebook-dir=book $(ALLOW_ROOT)

notebooks: setup
	$(BIN)/python .ci/refresh_outputs.py

bench: setup
	$(BIN)/python bench/bench_epoch.py
	$(BIN)/python bench/bench_sliders.py
	$(BIN)/python bench/bench_live.py
	$(BIN)/python bench/bench_answers.py

# Mutation testing of the library's update rules, losses, activations, network and training loop
# (not part of `make test`: some 2400 mutants, an hour or more on two cores; Ctrl-C stops it and the
# next run resumes where it stopped, re-testing only what changed). mutmut 3.8 skips decorated
# functions, so .ci/mutation.py runs it on a staged copy (_build/mutation) in which each
# `@checked` declaration is spelled `f = checked(...)(f)` below its function: the same checks,
# and mutmut reaches the bodies. Settings: [tool.mutmut] in pyproject.toml. It ends with the list
# of survivors; `$(MUTATION_VENV)/bin/python .ci/mutation.py show NAME` prints one as a diff, and
# the survivors judged equivalent are listed at the end of each module's test file. mutmut gets a
# venv of its own (the book's venv stays as `make setup` made it).
MUTATION_VENV := .venv-mutation
$(MUTATION_VENV)/.installed: requirements.txt
	rm -rf $(MUTATION_VENV)
	$(PYTHON) -m venv $(MUTATION_VENV)
	$(MUTATION_VENV)/bin/python -m pip install --quiet -c requirements.txt mutmut==3.8.1 \
		numpy matplotlib pytest
	touch $@

mutation: $(MUTATION_VENV)/.installed
	$(MUTATION_VENV)/bin/python .ci/mutation.py run --max-children 2

clean:
	rm -rf _build
