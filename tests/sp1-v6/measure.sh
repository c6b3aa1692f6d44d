#!/usr/bin/env bash
# Measures stock sp1-sdk 6.10.0's CPU prover on this machine (docs/sp1-v6.md): builds the v6
# fibonacci guest from source and the measuring binary, finds the inputs giving about 100k and
# 1M cycles, then proves core (1 and 2 threads) and compressed, one JSON line per run.
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
elf="$target/fibonacci-v6.elf"

cycles() { "$bin" --elf "$elf" --input "$1" --execute-only | sed -n 's/.*"cycles":\([0-9]*\).*/\1/p'; }
# The input whose execution takes about $1 cycles (cycles grow linearly with n).
input_for() {
  local per_1000=$(( $(cycles 1000) ))
  echo $(( $1 * 1000 / per_1000 ))
}
small=$(input_for 100000)
large=$(input_for 1000000)
echo "inputs: $small (~100k cycles), $large (~1M cycles)"

: > "$out"
run() {
  local threads=$1; shift
  echo "prove $* on $threads thread(s)" >&2
  RAYON_NUM_THREADS=$threads TOKIO_WORKER_THREADS=$threads "$bin" --elf "$elf" "$@" | tail -n 1 |
    python3 -c 'import json,sys; r=json.load(sys.stdin); r["threads"]=int(sys.argv[1]); print(json.dumps(r))' "$threads" | tee -a "$out"
}
for input in "$small" "$large"; do
  for threads in 1 2; do run "$threads" --input "$input" --mode core; done
done
run 2 --input "$small" --mode compressed
