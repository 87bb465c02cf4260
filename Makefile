# newsdesk: `make run` and `make test` are all a fresh machine (Python 3.11+, make) needs.
# Each target creates .venv from pyproject.toml when it is missing or out of date.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint asan eval bench soak clean

$(STAMP): pyproject.toml $(wildcard index/*/*.c)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsdesk needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,eval,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsdesk start

test: $(STAMP)
	$(BIN)/python -m pytest -q

# ruff (style, likely bugs, complexity cap) and mypy over the engine and the bot; both are
# configured in pyproject.toml and pinned in its test extra.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy index bot

# The BM25 kernel built with -fsanitize=address,undefined and the kernel and
# search-equivalence tests run against it (a scratch build; the installed kernel stays).
asan: $(STAMP)
	PYTHON=$(abspath $(BIN)/python) .ci/asan

eval: $(STAMP)
	$(BIN)/python -m eval.ask_eval
	$(BIN)/python -m eval.quotes_eval
	$(BIN)/python -m eval.summary_eval

bench: $(STAMP)
	$(BIN)/python -m bench.bench
	$(BIN)/python -m bench.adversarial
	$(BIN)/python -m bench.feeds

# Longer runs of the hardening checks: adversarial inputs at three sizes, three rounds, and
# the multi-process tests (CLI adds/removes under a running console, racing adders,
# kill -9) five times over.
soak: $(STAMP)
	$(BIN)/python -m bench.adversarial --soak
	for round in 1 2 3 4 5; do $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/index/test_many_processes.py || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
