#!/usr/bin/env bash
# A v6 core proof made in headless Chromium through the web package's `sp1-wasm/v6` (prover-v6,
# threaded wasm, Rayon on every core), verified by stock sp1-sdk 6.10.0; the same proof tampered
# with must be rejected. The package must be built first (make web).
# Usage: tests/sp1-v6/browser.sh OUT_JSONL   (make test-v6; CARGO_TARGET_DIR and STABLE_TOOLCHAIN set)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
target="$("$here/prepare.sh")"
elf="$target/fibonacci-v6.elf"
proof="$target/browser-proof.bin"

node "$here/prove-in-browser.mjs" --elf "$elf" --input "${V6_INPUT:-1000}" --out "$proof" | tee "$out"
# Each exits 1 unless stock accepts the proof, and rejects both of its tampered copies.
"$target/release/verify_v6" --elf "$elf" --proof "$proof" | tee -a "$out"
"$target/release/verify_v6" --elf "$elf" --proof "$proof" --tampered | tee -a "$out"
