#!/usr/bin/env bash
# The patched prover on wasm32-wasip1, single-threaded, under wasmtime: execute, prove and verify
# the fibonacci guest inside WASI, then verify the proof it wrote with the native CLI.
# Usage: tests/wasi-smoke/run.sh <sp1-wasm-wasi-smoke.wasm> <sp1-wasm CLI>
set -euo pipefail
module="$1"
cli="$2"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$cli" elf --guest fibonacci --out "$work/fibonacci.elf" >/dev/null
# bincode(10u32): about 5k cycles, the smallest proof.
python3 "$here/run_wasi.py" "$module" "$work" /data/fibonacci.elf 0a000000 /data/wasi.proof
verified="$("$cli" verify --proof "$work/wasi.proof" --guest fibonacci)"
echo "$verified"
if grep -q 'output: {"fibonacci":55,"n":10}' <<<"$verified"; then
  echo "wasi: 1 passed, 0 failed"
else
  echo "wasi: 0 passed, 1 failed"
  exit 1
fi
