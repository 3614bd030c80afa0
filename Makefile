# `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ics]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/ictrack

test: $(VENV)/.installed
	$(BIN)/ruff check ictrack tests bench
	$(BIN)/ruff format --check ictrack tests bench
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check ictrack tests bench
	$(BIN)/ruff format --check ictrack tests bench

bench: $(VENV)/.installed
	$(BIN)/python bench/budgets.py
	$(BIN)/python bench/week.py

clean:
	rm -rf $(VENV) build *.egg-info
