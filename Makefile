# Quick start: `make demo` runs htx on the Bắc Kạn example; `make test` runs the checks CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := build/demo.db

.PHONY: demo test lint bench clean catalog constraints fresh-schema

# The versions of constraints.txt, for htx and its development alike (refresh: make constraints).
$(BIN)/htx: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,postgres]'
	touch $(BIN)/htx

# constraints.txt afresh: the newest versions pyproject.toml allows, resolved in a throwaway virtualenv.
# Run `make test` with them (rm -rf .venv first) before committing the new file.
constraints:
	rm -rf build/constraints-venv
	$(PYTHON) -m venv build/constraints-venv
	build/constraints-venv/bin/python -m pip install -q --upgrade pip
	build/constraints-venv/bin/python -m pip install -q '.[dev,postgres]'
	{ sed -n '/^#/p' constraints.txt; build/constraints-venv/bin/python -m pip freeze --exclude-editable \
		| grep -v '^htxcli[= @]'; } > build/constraints.txt
	mv build/constraints.txt constraints.txt
	rm -rf build/constraints-venv

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

# After adding a migration: the schema a new SQLite registry is made with (store/fresh_schema.py).
fresh-schema: $(BIN)/htx
	$(BIN)/python tools/fresh_schema.py

bench: $(BIN)/htx
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
