# Quick start: `make demo` runs htx on the Bắc Kạn example; `make test` runs the checks CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := build/demo.db

.PHONY: demo test lint bench clean catalog

$(BIN)/htx: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,postgres]'
	touch $(BIN)/htx

demo: $(BIN)/htx
	@bash examples/demo.sh $(DEMO_DB)

lint: $(BIN)/htx
	$(BIN)/ruff check src tests tools migrations/env.py benchmarks examples
	$(BIN)/ruff format --check src tests tools migrations/env.py benchmarks examples
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

# After changing a message: extract, merge into the .po (then translate what is new), compile the .mo.
catalog: $(BIN)/htx
	$(BIN)/python tools/catalog.py update
	$(BIN)/python tools/catalog.py compile
	$(BIN)/python tools/catalog.py check

bench: $(BIN)/htx
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
