# `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-fast lint bench bench-release bench-parsers clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ics]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/ictrack

# tests run side by side in JOBS processes (pytest-xdist); a wheel's tests stay together on one of them
JOBS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(JOBS) --dist loadgroup
# the slow kinds, each a marker in pyproject.toml: all of them run in `make test`, none in `make test-fast`
SLOW := faults or wheel or stress or pty or tmux or fuzz or tui

# the whole suite, as CI runs it
test: lint
	$(PYTEST)

# everything but the slow kinds, for the edit-and-check loop
test-fast: lint
	$(PYTEST) -m "not ($(SLOW))"

lint: $(VENV)/.installed
	$(BIN)/ruff check ictrack tests bench
	$(BIN)/ruff format --check ictrack tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

# the benchmarks time the wheel in an environment of its own (bench/install.py says why), rebuilt when the package changes
BENCH_VENV := .bench-venv
PACKAGE := pyproject.toml README.md $(shell find ictrack -name '*.py' -o -name '*.tcss')

$(BENCH_VENV)/.installed: $(PACKAGE) | $(VENV)/.installed
	$(BIN)/python bench/install.py $(BENCH_VENV)
	touch $@

# every budget on an empty home and 5 and 10 years of history (~6 min; the histories, written once into .bench-cache/,
# ~1.5 min more); BENCH_LABEL=before names the figures of the code before a change, BENCH_QUICK=1 is a short try
bench: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python bench/budgets.py

# start-up beside the last schema-3 version (REF=... for another), each from its wheel; INSTRUCTIONS=1 adds valgrind counts
bench-release: $(VENV)/.installed
	$(BIN)/python bench/compare_release.py $(REF) $(if $(INSTRUCTIONS),--instructions)

# ictrack's date grammar beside the date libraries on PyPI, which bench/parsers.py installs into .parsers-venv
# (never .venv, never a dependency of ictrack); writes its section of bench/results.md
bench-parsers: $(VENV)/.installed
	$(BIN)/python bench/parsers.py

clean:
	rm -rf $(VENV) $(BENCH_VENV) .bench-cache .bench-compare .parsers-venv build *.egg-info .import_linter_cache
