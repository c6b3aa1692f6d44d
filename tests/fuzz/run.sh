#!/usr/bin/env bash
# Runs every fuzz target of both versions (v5/ for SP1 5, v6/ for SP1 6) for a bounded time, as
# shipped (release, no debug assertions), seeded with a real proof, verifying key and guest ELFs
# made by each version's CLI; prints each target's executions. Fails on the first crash
# (libFuzzer writes the input under $work/artifacts/<version>/<target>/).
# Usage: tests/fuzz/run.sh CLI V6_FOLDER SECONDS WORK_DIR   (from `make fuzz`, with
#   CARGO_TARGET_DIR set; V6_FOLDER: what tests/sp1-v6/prepare.sh built, the v6 CLI and ELFs)
set -euo pipefail
cli=$1 v6=$2 seconds=$3 work=$4
cd "$(dirname "$0")"

seeds=$work/seeds
mkdir -p "$seeds"/v5/{proof,verifying_key,stdin,elf} "$seeds"/v6/{proof,verifying_key,stdin,elf}
[ -f "$seeds/v5/proof/fibonacci.proof" ] || "$cli" prove --input 10 --out "$seeds/v5/proof/fibonacci.proof" >/dev/null 2>&1
[ -f "$seeds/v5/verifying_key/fibonacci.vk" ] || "$cli" vkey --guest fibonacci --out "$seeds/v5/verifying_key/fibonacci.vk" >/dev/null
for guest in $("$cli" guests); do
  [ -f "$seeds/v5/elf/$guest.elf" ] || "$cli" elf --guest "$guest" --out "$seeds/v5/elf/$guest.elf" >/dev/null
done
v6_elf=$v6/fibonacci-v6.elf
cp "$v6_elf" "$seeds/v6/elf/fibonacci.elf"
[ -f "$seeds/v6/proof/fibonacci.proof" ] ||
  "$v6/release/sp1-wasm-v6" prove --elf "$v6_elf" --input 10 --out "$seeds/v6/proof/fibonacci.proof" >/dev/null 2>&1
[ -f "$seeds/v6/verifying_key/fibonacci.vk" ] ||
  "$v6/release/sp1-wasm-v6" vkey --elf "$v6_elf" --out "$seeds/v6/verifying_key/fibonacci.vk" >/dev/null
export SP1_WASM_FUZZ_PROOF=$seeds/v5/proof/fibonacci.proof
# The v6 executor's native runner is a separate program that sp1-core-executor-runner's build script
# compiles with a nested cargo (575 crates): the one prepare.sh built serves here as well.
export SP1_CORE_RUNNER_OVERRIDE_BINARY=$v6/sp1-native-bins/release/sp1-core-executor-runner-binary
export SP1_WASM_FUZZ_V6_ELF=$v6_elf SP1_WASM_FUZZ_V6_PROOF=$seeds/v6/proof/fibonacci.proof \
  SP1_WASM_FUZZ_V6_VK=$seeds/v6/verifying_key/fibonacci.vk

for version in v5 v6; do
  # cargo fuzz has no --locked: a stale Cargo.lock fails here instead of being rewritten.
  (cd "$version" && cargo fetch --locked --quiet)
  for target in proof verifying_key stdin elf; do
    corpus=$work/corpus/$version/$target artifacts=$work/artifacts/$version/$target log=$work/$version-$target.log
    mkdir -p "$corpus" "$artifacts"
    # SP1 5's instrumented build kept its folder from before there were two.
    target_dir=$CARGO_TARGET_DIR/fuzz$([ "$version" = v5 ] || echo "-$version")
    cargo fuzz run --fuzz-dir "$version" --release --sanitizer none --target-dir "$target_dir" \
      "$target" "$corpus" "$seeds/$version/$target" -- \
      -max_total_time="$seconds" -max_len=$((4 << 20)) -artifact_prefix="$artifacts/" -print_final_stats=1 \
      2>"$log" || { tail -40 "$log"; exit 1; }
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz $version $target: $runs executions in $seconds s, no crash"
  done
done
