#!/usr/bin/env bash
# Interoperability with stock sp1-sdk 5.2.4, both ways:
#  - the vk hash of every bundled guest is the one stock derives from the same ELF;
#  - proofs made by sp1-wasm (compact and fixed padding, packed deferred shards) verify with stock;
#  - a stock core proof verifies with sp1-wasm; a tampered one is rejected by both;
#  - stock's recursion prover compresses a proof made by sp1-wasm, and stock verifies the result.
# Usage: tests/interop/run.sh <sp1-wasm CLI> <stock interop binary>
set -uo pipefail
ours="$1"
stock="$2"
# Stock's prover loads the bundled dummy vk map (the real one is a download) and skips
# precompiling recursion programs: neither is used by core proofs.
export VERIFY_VK=false SP1_DISABLE_PROGRAM_CACHE=true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() {
  local name="$1"
  shift
  if "$@" >"$work/log" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
    sed 's/^/     /' "$work/log" | tail -n 20
  fi
}

vk_hash() { sed -n 's/.*vkey hash: \(0x[0-9a-f]*\).*/\1/p' | head -n 1; }

same_vk_hash() {
  local guest="$1" mine theirs
  mine="$("$ours" vkey --guest "$guest" | vk_hash)"
  theirs="$("$stock" vkey --elf "$work/$guest.elf" | vk_hash)"
  echo "sp1-wasm $mine, stock $theirs"
  [ -n "$mine" ] && [ "$mine" = "$theirs" ]
}

ours_to_stock() {
  local guest="$1" padding="$2"
  "$ours" prove --guest "$guest" --padding "$padding" --out "$work/$guest-$padding.proof" &&
    "$stock" verify --elf "$work/$guest.elf" --proof "$work/$guest-$padding.proof"
}

fails() { ! "$@"; }

flip_byte() { python3 -c '
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) // 2] ^= 1
open(sys.argv[2], "wb").write(data)' "$1" "$2"; }

for guest in $("$ours" guests); do
  "$ours" elf --guest "$guest" --out "$work/$guest.elf" >/dev/null
  check "vk hash of $guest equals stock's" same_vk_hash "$guest"
  check "sp1-wasm compact proof of $guest verifies with stock" ours_to_stock "$guest" compact
done
check "sp1-wasm fixed-shape proof of fibonacci verifies with stock" ours_to_stock fibonacci fixed

# Stock splits 10 rounds of hashes into a CPU shard, three precompile shards and a memory shard;
# compact padding packs the four deferred shards into one. (The bundled guests' small example
# inputs above prove in one shard: CPU, precompile and memory events together.)
packed_to_stock() {
  "$ours" prove --guest hashes --input '{"data":[1,2,3],"rounds":10}' --out "$work/packed.proof" &&
    "$ours" verify --guest hashes --proof "$work/packed.proof" | grep 'core proof of 2 shards' &&
    "$stock" verify --elf "$work/hashes.elf" --proof "$work/packed.proof"
}
check "sp1-wasm proof with a packed deferred shard verifies with stock" packed_to_stock

# The server's side of a browser proof: stock's recursion prover compresses a one-shard core
# proof of sp1-wasm, and stock verifies the compressed proof and rejects it tampered. With the
# dummy vk map (VERIFY_VK=false above: the real map is a download); docs/api.md.
compressed_by_stock() {
  "$ours" prove --guest fibonacci --out "$work/to-compress.proof" &&
    "$stock" compress --elf "$work/fibonacci.elf" --proof "$work/to-compress.proof" --out "$work/compressed.proof" &&
    "$stock" verify --elf "$work/fibonacci.elf" --proof "$work/compressed.proof"
}
check "sp1-wasm core proof compressed by stock's recursion prover verifies with stock" compressed_by_stock
flip_byte "$work/compressed.proof" "$work/compressed-tampered.proof"
check "tampered compressed proof is rejected by stock" \
  fails "$stock" verify --elf "$work/fibonacci.elf" --proof "$work/compressed-tampered.proof"

# bincode(1000u32): the fibonacci guest's n.
check "stock core proof of fibonacci" \
  "$stock" prove --elf "$work/fibonacci.elf" --stdin-hex e8030000 --out "$work/stock.proof"
check "stock proof verifies with sp1-wasm" "$ours" verify --proof "$work/stock.proof" --guest fibonacci
flip_byte "$work/stock.proof" "$work/stock-tampered.proof"
check "tampered stock proof is rejected by sp1-wasm" \
  fails "$ours" verify --proof "$work/stock-tampered.proof" --guest fibonacci
check "tampered stock proof is rejected by stock" \
  fails "$stock" verify --elf "$work/fibonacci.elf" --proof "$work/stock-tampered.proof"

echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
