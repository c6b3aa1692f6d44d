#!/usr/bin/env bash
# v6 core proofs made in headless Chromium (and WebKit) through the web package's `sp1-wasm/v6` (prover/v6,
# threaded wasm with Rayon on every core or one, and the single-threaded build in a page without
# cross-origin isolation), each verified by stock sp1-sdk 6.10.0 and by this
# project's verifier; tampered copies (a public value, a shard's value, a shard removed) must be
# rejected by both. The fibonacci guest also runs the bad-input checks, and its proof the
# soundness check: every structural mutant of it (src/bin/mutants.rs) must be rejected by this
# project's verifier, natively and in the page (mutants-in-browser.mjs). The precompile guest
# makes several shards of precompile events that share one range (the lost-shard regression).
# First, prover/v6's unit tests; last, a proof of stock's prover verified in the page, and the
# CLI (cli.sh).
# The package must be built first (make web).
# Usage: tests/sp1-v6/browser.sh OUT_JSONL   (make test-v6; CARGO_TARGET_DIR and STABLE_TOOLCHAIN set)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
target="$("$here/prepare.sh")"
: > "$out"

# prover/v6's own unit tests, natively (the memory guard's estimate against the measured peaks).
(cd "$here" && CARGO_TARGET_DIR="$target" cargo "+${STABLE_TOOLCHAIN:?}" test --locked --release -p sp1-wasm-v6 --lib)

# guest, its u32 input, then the prover script's other flags.
prove_and_verify() {
  local guest="$1" input="$2"; shift 2
  local elf="$target/$guest.elf" proof="$target/$guest-browser-proof.bin"
  node "$here/prove-in-browser.mjs" --elf "$elf" --input "$input" --out "$proof" "$@" | tee -a "$out"
  # Each exits 1 unless both verifiers accept the proof, and reject every tampered copy.
  "$target/release/verify_v6" --elf "$elf" --proof "$proof" | tee -a "$out"
  "$target/release/verify_v6" --elf "$elf" --proof "$proof" --tampered | tee -a "$out"
}

prove_and_verify fibonacci-v6 "${V6_INPUT:-1000}" --bad-input
# Its mutants: the native verifier's report, then the wasm verifier's (each exits 1 on a finding;
# both run before either fails the script). A few hundred copies of the proof: removed afterwards.
mutants="$target/fibonacci-v6-mutants"
rm -rf "$mutants"
native=0 wasm=0
"$target/release/mutants" --elf "$target/fibonacci-v6.elf" --proof "$target/fibonacci-v6-browser-proof.bin" \
  --out "$mutants" || native=$?
node "$here/mutants-in-browser.mjs" --elf "$target/fibonacci-v6.elf" --mutants "$mutants" | tee -a "$out" || wasm=$?
rm -rf "$mutants"
[ "$native" -eq 0 ] && [ "$wasm" -eq 0 ] || { echo "a verifier accepted a mutant or crashed on one (see above)" >&2; exit 1; }
# Keccak, the curve operation and the memory finalization each get a shard of their own; this one
# goes through `setup`, `prove` on the key and `verify` in the page, on a pool of one thread (the
# prover's other placement: its futures block the module's thread, not the pool's only worker).
prove_and_verify precompiles-v6 "${V6_PRECOMPILE_ROUNDS:-4}" --min-shards 4 --with-key --threads 1
# A page without cross-origin isolation: the single-threaded build.
prove_and_verify fibonacci-v6 10 --single-thread
# WebKit, Safari's engine (WebKitGTK): threaded with SharedArrayBuffer on, as Safari has it in an
# isolated page, on the machine's cores (WebKit rounds navigator.hardwareConcurrency up to 4), then
# its single-threaded build.
prove_and_verify fibonacci-v6 10 --engine webkit --threads "$(nproc)"
prove_and_verify fibonacci-v6 10 --engine webkit --single-thread

# The other way: stock sp1-sdk 6.10.0's CPU prover proves fibonacci, and the package verifies that
# proof in the page (and refuses it with a byte changed).
"$target/release/sp1-v6-measure" --elf "$target/fibonacci-v6.elf" --inputs 10 \
  --out "$target/fibonacci-v6-stock-proof.bin" | tee -a "$out"
node "$here/verify-in-browser.mjs" --elf "$target/fibonacci-v6.elf" --proof "$target/fibonacci-v6-stock-proof.bin" | tee -a "$out"
# The CLI, on the same guest and stock's proof.
"$here/cli.sh" "$target" "$target/fibonacci-v6-stock-proof.bin"
