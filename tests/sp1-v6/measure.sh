#!/usr/bin/env bash
# Measures stock sp1-sdk 6.10.0's CPU prover on this machine (docs/sp1-v6.md): builds the v6
# fibonacci guest from source and the measuring binaries, then proves core (1 and 2 threads) and
# compressed through stock's client, and core through the core path alone (what a wasm build would
# carry) at stock's shard size and at small shards, one JSON line per proof.
# Usage: tests/sp1-v6/measure.sh OUT_JSONL   (make v6-measure; CARGO_TARGET_DIR set)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
target="${CARGO_TARGET_DIR:-$here/target}/sp1-v6"
mkdir -p "$target"

# sp1-prover-types compiles protobuf definitions at build time.
command -v protoc >/dev/null && [ -f /usr/include/google/protobuf/empty.proto ] || \
  { apt-get update -qq && apt-get install -y -qq protobuf-compiler libprotobuf-dev; }

CARGO_TARGET_DIR="$target/guest" "$here/build-guest.sh" "$target/fibonacci-v6.elf"
(cd "$here" && CARGO_TARGET_DIR="$target" cargo "+${STABLE_TOOLCHAIN:?set by make v6-measure}" build --locked --release)
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
for run in "8200" "83000" "83000 8388608"; do
  set -- $run
  RAYON_NUM_THREADS=2 TOKIO_WORKER_THREADS=2 \
    "$core_only" --elf "$elf" --input "$1" ${2:+--element-threshold "$2"} | tee -a "$out"
done
