# Entry points. `make prove` and `make test` set everything up first, so each works on a new
# machine as the README's first two commands.

TOOLCHAIN := $(shell sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
# A pinned stable release, for what the nightly does not suit: the WASI smoke build (no build-std,
# and the nightly's wasm32-wasip1 std cannot be downloaded here) and stock SP1 6 (tests/sp1-v6).
STABLE_TOOLCHAIN := 1.95.0
CARGO_TARGET_DIR ?= $(CURDIR)/target
# Stock sp1-recursion-core's build script needs a path component named `target`.
INTEROP_TARGET_DIR ?= $(CURDIR)/tests/interop/target
export CARGO_TARGET_DIR INTEROP_TARGET_DIR

CLI := $(CARGO_TARGET_DIR)/release/sp1-wasm
MUTANTS := $(CARGO_TARGET_DIR)/release/examples/mutants
STOCK_CLI := $(INTEROP_TARGET_DIR)/release/sp1-wasm-interop
STOCK_NATIVE_CPU_TARGET_DIR := $(INTEROP_TARGET_DIR)/native-cpu
WASM := $(CARGO_TARGET_DIR)/wasm32-unknown-unknown/release/sp1_wasm_prover.wasm
# The single-threaded build has other flags: its own target dir, so neither rebuilds the other.
WASM_ST_RUSTFLAGS := -C target-feature=-atomics,+simd128 -C no-vectorize-loops -C no-vectorize-slp
WASM_ST_TARGET_DIR := $(CARGO_TARGET_DIR)/single-thread
WASM_ST := $(WASM_ST_TARGET_DIR)/wasm32-unknown-unknown/release/sp1_wasm_prover.wasm
WASI_MODULE := $(CARGO_TARGET_DIR)/wasm32-wasip1/release/sp1-wasm-wasi-smoke.wasm
# prover/v6 (SP1 6) is its own workspace: its own target dir.
WASM_V6_TARGET_DIR := $(CARGO_TARGET_DIR)/v6-wasm
WASM_V6 := $(WASM_V6_TARGET_DIR)/wasm32-unknown-unknown/release/sp1_wasm_v6.wasm
WASM_V6_ST_TARGET_DIR := $(WASM_V6_TARGET_DIR)/single-thread
WASM_V6_ST := $(WASM_V6_ST_TARGET_DIR)/wasm32-unknown-unknown/release/sp1_wasm_v6.wasm
PROOF ?= proof.bin
# `make pack`'s tarball of the web package.
PACKAGE := $(CURDIR)/build/sp1-wasm-$(shell sed -n 's/^  "version": "\(.*\)",/\1/p' web/package.json).tgz
# wasm-bindgen's CLI must be the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
WASM_BINDGEN_FLAGS ?= --remove-name-section --remove-producers-section
WASMTIME_PY_VERSION := 50.0.1
CARGO_FUZZ_VERSION := 0.13.2
# Seconds per fuzz target (eight: four per version) in `make test`; `make fuzz FUZZ_SECONDS=3600
# FUZZ_RUSTFLAGS=` for a long run. cargo-fuzz compiles each crate as one codegen unit with full
# debug info (its fastest executable); for a smoke run, 16 units and line tables compile several
# minutes sooner on a cold machine.
FUZZ_SECONDS ?= 15
FUZZ_RUSTFLAGS ?= -C codegen-units=16 -C debuginfo=line-tables-only

.PHONY: setup setup-browser build prove prove-native wasm wasm-v6 wasi web pack demo-build demo interop-build stock-native-cpu \
	test test-native test-interop test-wasi test-packed-fields test-browser test-bundlers test-v6 v6-measure fuzz bench bench-v5 bench-quick bench-memory bench-trace bench-trace-v6 bench-v6 clean

# `cargo install` of a pinned tool with its own lock file; if the registry no longer serves a
# version that lock file names (yanked or not mirrored), resolve the tool's dependencies afresh.
cargo_install = cargo install $(1) --locked --version $(2) || \
	{ echo "$(1): its lock file names a crate the registry does not serve; installing unlocked" >&2; \
	  cargo install $(1) --version $(2); }

## Toolchains and tools (idempotent): pinned nightly, stable for WASI, wasm-bindgen, wasmtime.
setup:
	@command -v rustup >/dev/null || { echo "rustup is required: https://rustup.rs" >&2; exit 1; }
	rustup toolchain install $(TOOLCHAIN) --profile minimal --component rust-src --target wasm32-unknown-unknown
	rustup toolchain install $(STABLE_TOOLCHAIN) --profile minimal --target wasm32-wasip1
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
		$(call cargo_install,wasm-bindgen-cli,$(WASM_BINDGEN_VERSION))
	@python3 -c 'import wasmtime' 2>/dev/null || python3 -m pip install -q wasmtime==$(WASMTIME_PY_VERSION)
	@cargo fuzz --version 2>/dev/null | grep -q "$(CARGO_FUZZ_VERSION)" || \
		$(call cargo_install,cargo-fuzz,$(CARGO_FUZZ_VERSION))

## Debian's Chromium, Firefox ESR and WebKitGTK (its WebDriver, run in a virtual X display) for
## the browser tests, and the web package's npm dependencies.
BROWSER_COMMANDS := chromium firefox-esr WebKitWebDriver xvfb-run xauth
setup-browser: web/node_modules/.package-lock.json
	@(for command in $(BROWSER_COMMANDS); do command -v $$command >/dev/null || exit 1; done) || \
		{ apt-get update -qq && apt-get install -y -qq chromium firefox-esr webkit2gtk-driver xvfb xauth; }

# npm writes this file on every install: `npm ci` runs again only when the lock file changed.
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund

## The CLI, and the proof-mutation tool the soundness tests run (examples/mutants.rs); with the
## whole workspace, so its dependencies get the features `cargo test --workspace` unifies and
## `make test-native` does not compile them again.
build: setup
	cargo build --locked --release --workspace --bins --examples

## Prove the embedded default guest (fibonacci) in headless Chromium on all cores, through the
## web package, then verify the proof natively.
prove: build web
	@mkdir -p build
	$(CLI) elf --guest fibonacci --out build/fibonacci.elf
	cd web && node scripts/prove.mjs --elf ../build/fibonacci.elf --guest fibonacci --input 1000 --out $(abspath $(PROOF))
	$(CLI) verify --proof $(PROOF) --guest fibonacci

## The same proof natively, with the CLI.
prove-native: build
	$(CLI) prove --out $(PROOF)
	$(CLI) verify --proof $(PROOF) --guest fibonacci

## The threaded browser build (flags in .cargo/config.toml), bound for JS into web/pkg, and the
## single-threaded one (no atomics, any page; RUSTFLAGS replaces the config's flags) into
## web/pkg-st. The `name` section (function names, a third of the file) is left out of what the
## package ships; `make wasm WASM_BINDGEN_FLAGS=` keeps it, for profiles with names.
wasm: setup
	cargo build --locked --release --target wasm32-unknown-unknown -p sp1-wasm-prover --lib -Z build-std=panic_abort,std
	wasm-bindgen --target web $(WASM_BINDGEN_FLAGS) --out-dir web/pkg $(WASM)
	RUSTFLAGS="$(WASM_ST_RUSTFLAGS)" cargo build --locked --release --target wasm32-unknown-unknown \
		-p sp1-wasm-prover --lib --target-dir $(WASM_ST_TARGET_DIR)
	wasm-bindgen --target web $(WASM_BINDGEN_FLAGS) --out-dir web/pkg-st $(WASM_ST)

## prover/v6, SP1 6's builds for the package's `sp1-wasm/v6` entry point, as SP1 5's above: the
## threaded one into web/pkg-v6, the single-threaded one into web/pkg-v6-st.
wasm-v6: setup
	cd prover/v6 && CARGO_TARGET_DIR=$(WASM_V6_TARGET_DIR) cargo build --locked --release --target wasm32-unknown-unknown \
		--lib -Z build-std=panic_abort,std
	wasm-bindgen --target web $(WASM_BINDGEN_FLAGS) --out-dir web/pkg-v6 $(WASM_V6)
	cd prover/v6 && RUSTFLAGS="$(WASM_ST_RUSTFLAGS)" CARGO_TARGET_DIR=$(WASM_V6_ST_TARGET_DIR) cargo build --locked --release \
		--target wasm32-unknown-unknown --lib
	wasm-bindgen --target web $(WASM_BINDGEN_FLAGS) --out-dir web/pkg-v6-st $(WASM_V6_ST)

## The single-threaded WASI build of the smoke test.
wasi: setup
	cargo +$(STABLE_TOOLCHAIN) build --locked --release --target wasm32-wasip1 -p sp1-wasm-wasi-smoke

## The web package (TypeScript) over the wasm builds.
web: wasm wasm-v6 setup-browser
	cd web && npm run build

## The web package packed as npm publishes it (build/sp1-wasm-<version>.tgz), which the demo
## and the bundler apps install.
pack: web
	@mkdir -p build
	cd web && npm pack --pack-destination ../build

## The Next.js demo, with the packed package installed as users install it; the guests' ELFs (SP1 5
## from the CLI, SP1 6 built from source) are the demo's own files, served from public/.
demo-build: build pack
	cd web/demo && npm ci --no-audit --no-fund && npm install --no-save --no-audit --no-fund $(PACKAGE)
	@mkdir -p web/demo/public/guests
	for guest in $$($(CLI) guests); do $(CLI) elf --guest $$guest --out web/demo/public/guests/$$guest.elf; done
	CARGO_TARGET_DIR=$(CARGO_TARGET_DIR)/sp1-v6/guest tests/sp1-v6/build-guest.sh web/demo/public/guests
	cd web/demo && npx next build

## Build and serve the demo at http://localhost:3000 (cross-origin isolated).
demo: demo-build
	cd web/demo && npx next start -p 3000

## Build stock sp1-sdk 5.2.4 (tests/interop, no patches) offline: sp1-prover's build script
## downloads vk_map.bin unless DOCS_RS is set, but DOCS_RS also drops the C++ libraries of
## other SP1 crates, so build everything else first, then that one script with DOCS_RS.
interop-build: setup
	$(call build_stock,$(INTEROP_TARGET_DIR),)

## The same, built with -C target-cpu=native for the benchmark's stock column.
stock-native-cpu: setup
	$(call build_stock,$(STOCK_NATIVE_CPU_TARGET_DIR),RUSTFLAGS="-C target-cpu=native")

# $(1): the target dir; $(2): environment for cargo, e.g. RUSTFLAGS.
define build_stock
	cd tests/interop && $(2) CARGO_TARGET_DIR=$(1) cargo build --locked --release --keep-going || true
	cd tests/interop && $(2) CARGO_TARGET_DIR=$(1) DOCS_RS=1 cargo build --locked --release
endef

## Every test: native, interop with stock sp1-sdk, WASI, the packed fields under wasmtime,
## headless Chromium, the bundler apps, SP1 6, a bounded fuzzing run, and the benchmark harness
## on its smallest workload. Each suite's time is printed as it ends (the builds a suite is the
## first to need count in its time), so a slow one shows in CI's log.
TEST_SUITES := test-native test-interop test-wasi test-packed-fields test-browser test-bundlers test-v6 fuzz bench-quick
test:
	@for suite in $(TEST_SUITES); do \
		start=$$(date +%s); \
		$(MAKE) --no-print-directory $$suite || { echo "make test: $$suite FAILED after $$(( $$(date +%s) - start )) s" >&2; exit 1; }; \
		echo "make test: $$suite took $$(( $$(date +%s) - start )) s"; \
	done

test-native: build
	cargo test --locked --release --workspace

test-interop: build interop-build
	tests/interop/run.sh $(CLI) $(STOCK_CLI)

test-wasi: build wasi
	tests/wasi-smoke/run.sh $(WASI_MODULE) $(CLI)

## The wasm simd128 packed fields (SP1 5's BabyBear, SP1 6's KoalaBear) against their scalar
## fields and Poseidon2 permutations, under wasmtime.
test-packed-fields: setup
	STABLE_TOOLCHAIN=$(STABLE_TOOLCHAIN) tests/packed-fields/run.sh

## Unit tests of the web package, then end-to-end tests in headless Chromium: the worker API
## and the demo's UI, with proofs checked by the native CLI and stock sp1-sdk.
test-browser: build web demo-build interop-build
	cd web && npm run test:unit
	cd web && SP1_WASM_CLI=$(CLI) SP1_STOCK_CLI=$(STOCK_CLI) SP1_WASM_MUTANTS=$(MUTANTS) npm run test:e2e

## The packed package in fresh Vite, Next.js (Turbopack and webpack) and no-bundler apps, each
## proving threaded and, without cross-origin isolation, single-threaded in headless Chromium.
test-bundlers: build pack
	cd web && SP1_WASM_PACKAGE=$(PACKAGE) SP1_WASM_CLI=$(CLI) npm run test:bundlers

## SP1 6: stock sp1-sdk 6.10.0's CPU prover on the fibonacci guest built from source for RV64IM,
## at about 100k and 1M cycles, 1 and 2 threads, core and compressed (docs/sp1-v6.md). Long, and
## not part of `make test`: v6 is measured here, not yet a product.
v6-measure: setup
	@mkdir -p build
	STABLE_TOOLCHAIN=$(STABLE_TOOLCHAIN) tests/sp1-v6/measure.sh build/sp1-v6.jsonl

## SP1 6 in the browser: the web package's `sp1-wasm/v6` proves the v6 fibonacci guest in headless
## Chromium, stock sp1-sdk 6.10.0 verifies the proof and rejects it tampered (tests/sp1-v6/browser.sh).
test-v6: web
	@mkdir -p build
	STABLE_TOOLCHAIN=$(STABLE_TOOLCHAIN) tests/sp1-v6/browser.sh build/sp1-v6-browser.jsonl

## SP1 6 side by side: stock sp1-sdk 6.10.0 and this project's v6 core path natively (both
## `-C target-cpu=native`) and `sp1-wasm/v6` in headless Chromium (fresh page and warm), same ELFs
## and stdin, BENCH_V6_RUNS runs (median) on 1 and 2 threads; table and raw lines in
## $(BENCH_V6_OUT) (tests/sp1-v6/bench.sh). E.g.
## BENCH_V6_WORKLOADS="fibonacci-v6:1000 precompiles-v6:4" BENCH_V6_THREADS=2 BENCH_V6_RUNS=1.
BENCH_V6_OUT ?= docs/benchmarks/v6
bench-v6: web
	STABLE_TOOLCHAIN=$(STABLE_TOOLCHAIN) tests/sp1-v6/bench.sh $(BENCH_V6_OUT)

## Each cargo-fuzz target of both versions (tests/fuzz/v5, tests/fuzz/v6) for FUZZ_SECONDS, seeded
## by each version's CLI; see docs/fuzzing.md.
fuzz: build
	RUSTFLAGS="$(FUZZ_RUSTFLAGS)" tests/fuzz/run.sh $(CLI) "$$(STABLE_TOOLCHAIN=$(STABLE_TOOLCHAIN) tests/sp1-v6/prepare.sh)" $(FUZZ_SECONDS) $(CARGO_TARGET_DIR)/fuzz-work

## Benchmarks of both versions against stock: SP1 5's (bench-v5), then SP1 6's (bench-v6).
bench: bench-v5 bench-v6

## SP1 5: stock sp1-sdk 5.2.4 and this project natively (baseline and -C target-cpu=native)
## vs headless Chromium (and, on fibonacci-100k, WebKitGTK), 1 vs all threads, 3 runs each;
## tables, plot and JSON in docs/benchmarks/. BENCH_ARGS goes to the harness, e.g.
## "--only fibonacci-4M --baseline-runs 0 --threads 2 --out ../docs/benchmarks/fibonacci-4M".
bench-v5: build web stock-native-cpu
	RUSTFLAGS="-C target-cpu=native" cargo build --locked --release --target-dir $(CARGO_TARGET_DIR)/native-cpu
	cd web && node bench/run.mjs --cli $(CLI) --cli-native-cpu $(CARGO_TARGET_DIR)/native-cpu/release/sp1-wasm \
		--cli-stock $(STOCK_NATIVE_CPU_TARGET_DIR)/release/sp1-wasm-interop --runs 3 --webkit fibonacci-100k $(BENCH_ARGS)

## The smallest workload once, so the harness is exercised in CI (docs/benchmarks/quick.*).
bench-quick: build web
	cd web && node bench/run.mjs --cli $(CLI) --quick

## The memory guard's calibration: peak wasm memory per shard size (docs/benchmarks/memory.md).
bench-memory: build web
	cd web && node bench/memory.mjs --cli $(CLI)

## A Chrome performance trace of one browser proof (build/trace.json), with CPU profiles by wasm
## function: the module is bound with its name section for the run, then bound again as shipped.
bench-trace: build web
	@mkdir -p build
	$(CLI) elf --guest fibonacci --out build/fibonacci.elf
	wasm-bindgen --target web --out-dir web/pkg $(WASM)
	cd web && node bench/trace.mjs --elf ../build/fibonacci.elf --input 8200 --out ../build/trace.json; \
		status=$$?; wasm-bindgen --target web $(WASM_BINDGEN_FLAGS) --out-dir pkg $(WASM); exit $$status

## The same for SP1 6: one `sp1-wasm/v6` proof of the v6 fibonacci guest (build/trace-v6.json).
bench-trace-v6: web
	@mkdir -p build
	CARGO_TARGET_DIR=$(CARGO_TARGET_DIR)/sp1-v6/guest tests/sp1-v6/build-guest.sh $(CURDIR)/build
	wasm-bindgen --target web --out-dir web/pkg-v6 $(WASM_V6)
	cd web && node bench/trace.mjs --v6 --elf ../build/fibonacci-v6.elf --input $(or $(V6_INPUT),1000) --out ../build/trace-v6.json; \
		status=$$?; wasm-bindgen --target web $(WASM_BINDGEN_FLAGS) --out-dir pkg-v6 $(WASM_V6); exit $$status

clean:
	cargo clean
	rm -rf $(INTEROP_TARGET_DIR) build web/pkg web/pkg-st web/pkg-v6 web/pkg-v6-st web/dist web/node_modules web/demo/.next
