# rnode build entry points. V8 comes prebuilt: ../shared/v8 when present (offline machines),
# otherwise the v8 crate downloads it.
SHARED_V8 := $(abspath ../shared/v8)
ifneq ($(wildcard $(SHARED_V8)),)
export RUSTY_V8_ARCHIVE := $(SHARED_V8)
export RUSTY_V8_SRC_BINDING_PATH := $(SHARED_V8)/src_binding_release_x86_64-unknown-linux-gnu.rs
endif

CARGO ?= cargo
RNODE := target/release/rnode

.PHONY: build run test unit-test bench fmt lint clean node-compat node-compat-all node-tests

build:
	$(CARGO) build --release --bin rnode

run: build
	$(RNODE) examples/hello.js

test: build
	$(CARGO) test --release --workspace

# node v20's own test/parallel, cached outside the repo (tests/node_compat/).
node-tests:
	bash tests/node_compat/fetch-node-tests.sh

node-compat: build node-tests
	python3 tests/node_compat/run.py --list tests/node_compat/passing.txt

node-compat-all: build node-tests
	python3 tests/node_compat/run.py --all

bench: build
	python3 benches/run.py --rnode $(RNODE)

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --release --workspace --all-targets -- -D warnings

clean:
	$(CARGO) clean
