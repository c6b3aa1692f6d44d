#!/usr/bin/env bash
# Measures stock sp1-sdk 6.10.0's CPU prover on this machine (docs/sp1-v6.md): builds the v6
# fibonacci guest from source and the measuring binaries, then proves core (1 and 2 threads) and
# compressed through stock's client, and core through the core path alone (what a wasm build would
# carry) at stock's shard size and at small shards, one JSON line per proof.
# Usage: tests/sp1-v6/measure.sh OUT_JSONL   (make v6-measure; CARGO_TARGET_DIR and STABLE_TOOLCHAIN set)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
target="$("$here/prepare.sh")"
bin="$target/release/sp1-v6-measure"
core_only="$target/release/core_only"
elf="$target/fibonacci-v6.elf"

# The v5 benchmark's fibonacci workloads (web/bench/run.mjs): the same n, so the same computation
# (RV64 takes more cycles per iteration than RV32). One process per thread count: the client
# takes minutes to build, and Rayon's global pool is sized once.
: > "$out"
for threads in 1 2; do
  compressed=(); [ "$threads" = 2 ] && compressed=(--compressed 8200)
  echo "stock sp1-sdk 6.10.0 on $threads thread(s)" >&2
  RAYON_NUM_THREADS=$threads TOKIO_WORKER_THREADS=$threads \
    "$bin" --elf "$elf" --inputs 8200,83000 "${compressed[@]}" | tee -a "$out"
done

# The core path alone: one process per proof, so each peak is that proof's. 2^23 trace elements
# per shard is the size whose peak stays under 3 GiB (docs/sp1-v6.md, "Memory").
echo "stock core path alone (sp1-core-machine + sp1-hypercube) on 2 threads" >&2
stock_threshold=$(( (1 << 28) + (1 << 27) ))
for run in "8200 $stock_threshold" "83000 $stock_threshold" "83000 $(( 1 << 23 ))"; do
  set -- $run
  RAYON_NUM_THREADS=2 TOKIO_WORKER_THREADS=2 \
    "$core_only" --elf "$elf" --input "$1" --element-threshold "$2" | tee -a "$out"
done
