#!/usr/bin/env bash
# Runs every fuzz target for a bounded time, as shipped (release, no debug assertions), seeded with a real proof, verifying key and the
# bundled guests' ELFs made by the native CLI; prints each target's executions. Fails on the
# first crash (libFuzzer writes the input under $work/artifacts/<target>/).
# Usage: tests/fuzz/run.sh CLI SECONDS WORK_DIR   (from `make fuzz`, with CARGO_TARGET_DIR set)
set -euo pipefail
cli=$1 seconds=$2 work=$3
cd "$(dirname "$0")"

seeds=$work/seeds
mkdir -p "$seeds"/{proof,verifying_key,stdin,elf}
[ -f "$seeds/proof/fibonacci.proof" ] || "$cli" prove --input 10 --out "$seeds/proof/fibonacci.proof" >/dev/null 2>&1
[ -f "$seeds/verifying_key/fibonacci.vk" ] || "$cli" vkey --guest fibonacci --out "$seeds/verifying_key/fibonacci.vk" >/dev/null
for guest in $("$cli" guests); do
  [ -f "$seeds/elf/$guest.elf" ] || "$cli" elf --guest "$guest" --out "$seeds/elf/$guest.elf" >/dev/null
done
export SP1_WASM_FUZZ_PROOF=$seeds/proof/fibonacci.proof

# cargo fuzz has no --locked: a stale Cargo.lock fails here instead of being rewritten.
cargo fetch --locked --quiet

for target in proof verifying_key stdin elf; do
  mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
  cargo fuzz run --fuzz-dir . --release --sanitizer none --target-dir "$CARGO_TARGET_DIR/fuzz" "$target" \
    "$work/corpus/$target" "$seeds/$target" -- \
    -max_total_time="$seconds" -artifact_prefix="$work/artifacts/$target/" -print_final_stats=1 \
    2>"$work/$target.log" || { tail -40 "$work/$target.log"; exit 1; }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
  echo "fuzz $target: $runs executions in $seconds s, no crash"
done
