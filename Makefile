# The two commands of hiraku: `make run` and `make test`. Only Python 3.11+ and make are assumed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.lock pyproject.toml | cksum | cut -d' ' -f1)
# GraphiQL's browser files (api/graphiql_assets.toml), where the server looks for them (api/settings.py).
GRAPHIQL_ASSETS ?= $(or $(HIRAKU_GRAPHIQL_ASSETS),$(or $(HIRAKU_DATA_DIR),.data)/graphiql)
BENCH_NPM := bench/postgraphile/node_modules/.installed-$(shell cksum < bench/postgraphile/package-lock.json | cut -d' ' -f1)

.PHONY: run test check setup serve schema clean lock bench

run: setup
	$(BIN)/hiraku run

test: setup
	$(BIN)/hiraku data fetch
	$(BIN)/hiraku data check
	$(BIN)/pytest

check: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

setup: $(STAMP)
	@$(BIN)/python scripts/fetch_graphiql_assets.py --into "$(GRAPHIQL_ASSETS)" \
		$(if $(HIRAKU_SOURCES_MIRROR),--mirror "$(HIRAKU_SOURCES_MIRROR)")

# Reinstalled when the lock file or pyproject.toml change; the stamp's name carries their checksum.
$(STAMP):
	@echo "setup: installing the locked dependencies into $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

# The committed schema (SDL); a test fails when it and the code differ.
schema: setup
	$(BIN)/hiraku schema > schema.graphql

# Side-by-side benchmark on synthetic and real data: hiraku (cache off/on), PostGraphile v5, a do-nothing ceiling
# (bench/run.py says how to choose a subset: BENCH_ONLY=nested, BENCH_SECONDS=5, ...). Never part of `make test`.
bench: setup $(BENCH_NPM)
	$(BIN)/python -m bench.run

# PostGraphile and Node 22 from npm, reinstalled when the lock file changes; the stamp's name carries its checksum.
$(BENCH_NPM):
	cd bench/postgraphile && npm ci --no-audit --no-fund
	@touch $@

# Regenerate the lock files after changing dependencies in pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml requirements-build.in --universal --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml requirements-build.in --extra dev --universal --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache
