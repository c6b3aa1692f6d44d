# Entry points. `make prove` and `make test` set everything up first, so each works on a new
# machine as the README's first two commands.

TOOLCHAIN := $(shell sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
CARGO_TARGET_DIR ?= $(CURDIR)/target
# Stock sp1-recursion-core's build script needs a path component named `target`.
INTEROP_TARGET_DIR ?= $(CURDIR)/tests/interop/target
export CARGO_TARGET_DIR INTEROP_TARGET_DIR

CLI := $(CARGO_TARGET_DIR)/release/sp1-wasm
PROOF ?= proof.bin
# wasm-bindgen's CLI must be the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
WASM := $(CARGO_TARGET_DIR)/wasm32-unknown-unknown/release/sp1_wasm_prover.wasm

.PHONY: setup build prove test test-native test-interop interop-build wasm clean

## Install the pinned nightly with rust-src and the wasm target (idempotent).
setup:
	@command -v rustup >/dev/null || { echo "rustup is required: https://rustup.rs" >&2; exit 1; }
	rustup toolchain install $(TOOLCHAIN) --profile minimal --component rust-src --target wasm32-unknown-unknown

	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

build: setup
	cargo build --release

## The threaded browser build (flags in .cargo/config.toml), bound for JS into web/pkg.
wasm: setup
	cargo build --release --target wasm32-unknown-unknown -p sp1-wasm-prover --lib -Z build-std=panic_abort,std
	wasm-bindgen --target web --out-dir web/pkg $(WASM)

## Prove the embedded default guest (fibonacci) and verify the proof.
prove: build
	$(CLI) prove --out $(PROOF)
	$(CLI) verify --proof $(PROOF)

## All tests: native prove/verify/tamper tests, then interop with stock sp1-sdk 5.2.4.
test: test-native test-interop

test-native: build
	cargo test --release

## Build stock sp1-sdk 5.2.4 (tests/interop, no patches) offline: sp1-prover's build script
## downloads vk_map.bin unless DOCS_RS is set, but DOCS_RS also drops the C++ libraries of
## other SP1 crates, so build everything else first, then that one script with DOCS_RS.
interop-build: setup
	cd tests/interop && CARGO_TARGET_DIR=$(INTEROP_TARGET_DIR) cargo build --release --keep-going || true
	cd tests/interop && CARGO_TARGET_DIR=$(INTEROP_TARGET_DIR) DOCS_RS=1 cargo build --release

test-interop: build interop-build
	tests/interop/run.sh $(CLI) $(INTEROP_TARGET_DIR)/release/sp1-wasm-interop

clean:
	cargo clean
	rm -rf $(INTEROP_TARGET_DIR)
