#!/usr/bin/env bash
# SP1 6 side by side on this machine (make bench-v6): stock sp1-sdk 6.10.0's CPU prover (core
# proofs, its client built once per process and reported apart), this project's v6 core path
# natively (prover/v6 on stock crates: `core_only`, setup included), both built with
# `-C target-cpu=native` (stock's packed KoalaBear is AVX2 or AVX-512 where the CPU has it), and
# `sp1-wasm/v6` in headless Chromium (a fresh page: `prove(elf)`, setup included; then warm:
# `prove(key)` in the same worker), on the same ELFs and stdin, then a table of medians and
# ratios (bench-table.mjs). Every proof is verified: stock's by stock, ours by our verifier before
# the package returns it and by stock sp1-sdk (core_only natively, verify_v6 for the browser's
# first proof).
# Usage: tests/sp1-v6/bench.sh OUT_DIR   (CARGO_TARGET_DIR and STABLE_TOOLCHAIN set, as by make)
#   BENCH_V6_RUNS (default 3), BENCH_V6_THREADS (default "1 2"),
#   BENCH_V6_WORKLOADS (default all: "fibonacci-v6:1000 fibonacci-v6:8200 fibonacci-v6:83000 precompiles-v6:4 stats-v6:1850")
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
runs="${BENCH_V6_RUNS:-3}"
threads_list="${BENCH_V6_THREADS:-1 2}"
# About 20k, 120k and 1.2M cycles of fibonacci (RV64IM), and the precompile guest (keccak,
# sha256, secp256k1 with ordinary code; 31.6k cycles, 4 shards).
workloads="${BENCH_V6_WORKLOADS:-fibonacci-v6:1000 fibonacci-v6:8200 fibonacci-v6:83000 precompiles-v6:4 stats-v6:1850}"
target="$("$here/prepare.sh")"
# The native columns are built for this CPU, in a target dir of their own.
bins="$target/native-cpu/release"
(cd "$here" && RUSTFLAGS="-C target-cpu=native" CARGO_TARGET_DIR="$target/native-cpu" \
  cargo "+$STABLE_TOOLCHAIN" build --locked --release --bin sp1-v6-measure --bin core_only) >&2
mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"

# Each line tagged with its prover, workload and thread count for the table.
tag() { node -e '
  const [prover, guest, threads] = process.argv.slice(1);
  require("readline").createInterface({ input: process.stdin }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    console.log(JSON.stringify({ ...JSON.parse(line), prover, guest, threads: Number(threads) }));
  });' "$@" | tee -a "$results"; }

for threads in $threads_list; do
  for workload in $workloads; do
    guest="${workload%%:*}" input="${workload##*:}"
    elf="$target/$guest.elf"
    echo "bench-v6: $guest $input on $threads thread(s), $runs run(s) each" >&2
    inputs="$(printf "$input,%.0s" $(seq "$runs"))"
    RAYON_NUM_THREADS=$threads TOKIO_WORKER_THREADS=$threads \
      "$bins/sp1-v6-measure" --elf "$elf" --inputs "${inputs%,}" | tag stock "$guest" "$threads"
    for _ in $(seq "$runs"); do
      RAYON_NUM_THREADS=$threads TOKIO_WORKER_THREADS=$threads \
        "$bins/core_only" --elf "$elf" --input "$input" 2>/dev/null | tag native "$guest" "$threads"
      node "$here/prove-in-browser.mjs" --elf "$elf" --input "$input" --threads "$threads" --warm \
        --out "$target/bench-browser-proof.bin" 2>/dev/null | tag browser "$guest" "$threads"
      "$target/release/verify_v6" --elf "$elf" --proof "$target/bench-browser-proof.bin" >&2
    done
  done
done
node "$here/bench-table.mjs" "$results" > "$out/results.md"
cat "$out/results.md"
