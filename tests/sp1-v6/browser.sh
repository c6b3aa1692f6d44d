#!/usr/bin/env bash
# A v6 core proof made in headless Chromium by prover-v6 (threaded wasm, Rayon on every core),
# verified by stock sp1-sdk 6.10.0; the same proof tampered with must be rejected.
# Usage: tests/sp1-v6/browser.sh OUT_JSONL   (make test-v6; CARGO_TARGET_DIR, TOOLCHAIN and
# STABLE_TOOLCHAIN set; wasm-bindgen installed by make setup)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
target="$("$here/prepare.sh")"
elf="$target/fibonacci-v6.elf"
proof="$target/browser-proof.bin"

# Built as prover/ is (the flags of .cargo/config.toml: atomics, shared imported memory of 4 GiB).
wasm_target="$target/wasm"
(cd "$here/../../prover-v6" && CARGO_TARGET_DIR="$wasm_target" cargo "+${TOOLCHAIN:?set by make}" build \
  --locked --release --target wasm32-unknown-unknown --lib -Z build-std=panic_abort,std)
wasm-bindgen --target web --out-dir "$target/pkg" "$wasm_target/wasm32-unknown-unknown/release/sp1_wasm_v6.wasm"

node "$here/browser/prove.mjs" --pkg "$target/pkg" --elf "$elf" --input "${V6_INPUT:-1000}" --out "$proof" | tee "$out"
# Each exits 1 unless stock accepts the proof, and rejects both of its tampered copies.
"$target/release/verify_v6" --elf "$elf" --proof "$proof" | tee -a "$out"
"$target/release/verify_v6" --elf "$elf" --proof "$proof" --tampered | tee -a "$out"
