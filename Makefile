# The two commands of the README: `make run` (the main job) and `make test` (every test).
# Each installs what it needs on a fresh Debian machine with Swift; running them again is cheap.
SWIFT ?= swift
PORT ?= 8080
BIN := .build/debug/swiftlet

.PHONY: run test build system-packages unit-test e2e-test python-env bench

# The whole system on this machine: API server, controller, scorers as local processes, router on :$(PORT).
# State in ~/.swiftlet (UP_FLAGS="--data-dir DIR" for another); Ctrl-C stops it, running it again resumes.
run: build
	$(BIN) up --port $(PORT) $(UP_FLAGS)

test: build python-env unit-test e2e-test

build: system-packages
	$(SWIFT) build

# python3 for the entry-script workers; ONNX's conformance suite (libonnx-testdata) for the inference core's tests;
# OpenBLAS, which the core loads at run time when present (the built-in SIMD kernels run without it); SQLite, the
# embedded API server's storage; openssl, which makes its certificate authority.
system-packages:
	@command -v python3 >/dev/null && python3 -m venv --help >/dev/null 2>&1 && [ -d /usr/share/libonnx-testdata/data/node ] \
		&& ldconfig -p | grep -q libopenblas.so.0 && [ -f /usr/include/sqlite3.h ] && command -v openssl >/dev/null \
		|| (apt-get update -qq && apt-get install -y -qq python3 python3-venv libonnx-testdata libopenblas0-pthread \
			libsqlite3-dev openssl)

unit-test:
	$(SWIFT) test

e2e-test: build python-env
	SWIFTLET_BIN=$(BIN) .venv/bin/python -m pytest -q Tests/differential

python-env:
	@python3 -m venv --help >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq python3-venv)
	scripts/setup-python.sh

bench: python-env
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(SWIFT) build -c release
	.venv/bin/python -c "import skl2onnx" 2>/dev/null || .venv/bin/pip install -q skl2onnx
	.venv/bin/python Benchmarks/inference_bench.py --swiftlet .build/release/swiftlet --large
	.venv/bin/python Benchmarks/scorer_bench.py --swiftlet .build/release/swiftlet --onnx Tests/Fixtures/model-zoo/logreg_digits
	.venv/bin/python Benchmarks/scorer_bench.py --swiftlet .build/release/swiftlet
	.venv/bin/python Benchmarks/onnx_batching_bench.py --swiftlet .build/release/swiftlet
	.venv/bin/python Benchmarks/controller_bench.py --bin .build/release
	.venv/bin/python Benchmarks/operator_bench.py --bin .build/release --runs 2
	.venv/bin/python Benchmarks/router_bench.py --swiftlet .build/release/swiftlet
	.venv/bin/python Benchmarks/up_bench.py --swiftlet .build/release/swiftlet
