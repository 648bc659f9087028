# Quickstart: `make demo` runs the main job on the embedded defaults; `make test` runs the tests.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test install system-deps bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[pdf,test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	NIANBAO_PY=$(BIN)/python bash scripts/demo.sh

system-deps:
	bash scripts/system-deps.sh

test: install system-deps
	$(BIN)/python -m pytest

bench: install
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) demo-out
