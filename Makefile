# Set-up and everyday commands. Every target installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,dask,store,browser,parquet,pinyin,pdf]"
	$(BIN)/python -m compileall -q pipeline cli   # bytecode as a wheel would ship it (a cold check loads ~75 modules)
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/petition-miner run corpus/ --out out/

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache
