#!/usr/bin/env bash
# The SP1 6 CLI (`sp1-wasm-v6`, src/bin/sp1-wasm-v6.rs) as a user runs it: execute, vkey, prove
# (--json), verify against the ELF and against a saved key; its proof verified by stock sp1-sdk
# 6.10.0 (verify_v6), and a proof of stock's prover verified by it; bad input refused with the
# web package's codes. Prints what it checked; exits 1 at the first surprise.
# Usage: tests/sp1-v6/cli.sh TARGET STOCK_PROOF   (TARGET: prepare.sh's folder; STOCK_PROOF:
#   stock's core proof of fibonacci-v6.elf)
set -euo pipefail
target="$1" stock_proof="$2"
cli="$target/release/sp1-wasm-v6" elf="$target/fibonacci-v6.elf" work="$target/cli"
mkdir -p "$work"

# Prints the command's stderr; fails unless it exits 1 with `error[CODE]`.
refuses() {
  local code="$1"; shift
  if "$@" >/dev/null 2>"$work/stderr"; then echo "accepted: $*" >&2; exit 1; fi
  grep -q "^error\[$code\]: " "$work/stderr" || { echo "expected error[$code] from: $*" >&2; cat "$work/stderr" >&2; exit 1; }
  cat "$work/stderr"
}

"$cli" execute --elf "$elf" --input 10 | tee "$work/execute"
grep -q '^cycles: [1-9]' "$work/execute"
"$cli" vkey --elf "$elf" --out "$work/vk.bin" | tee "$work/vkey"
# The stock proof's vk hash, from the key saved and from the ELF: both are stock's.
"$cli" verify --proof "$stock_proof" --vk "$work/vk.bin" | tee "$work/verify-stock"
grep -qF "$(sed -n 's/^vkey hash: //p' "$work/vkey")" "$work/verify-stock"

"$cli" prove --elf "$elf" --input 10 --out "$work/proof.bin" --json | tee "$work/prove"
tail -n 1 "$work/prove" | python3 -c 'import json, sys; r = json.load(sys.stdin); assert r["shards"] >= 1 and r["proveMs"] > 0 and r["verifyMs"] > 0, r'
"$cli" verify --proof "$work/proof.bin" --elf "$elf"
"$target/release/verify_v6" --elf "$elf" --proof "$work/proof.bin"

head -c 1000 "$elf" > "$work/truncated.elf"
refuses INVALID_ELF "$cli" execute --elf "$work/truncated.elf"
refuses INVALID_STDIN "$cli" execute --elf "$elf" --stdin-hex zz
refuses EXECUTION_FAILED "$cli" execute --elf "$elf" --input 10 --max-cycles 1000
refuses INVALID_OPTIONS "$cli" prove --elf "$elf" --input 10 --element-threshold 1000 --out "$work/refused.bin"
refuses OUT_OF_MEMORY "$cli" prove --elf "$elf" --input 10 --memory-limit-mib 256 --out "$work/refused.bin"
head -c 100 "$work/proof.bin" > "$work/not-a-proof.bin"
refuses INVALID_PROOF "$cli" verify --proof "$work/not-a-proof.bin" --elf "$elf"
refuses INVALID_VERIFYING_KEY "$cli" verify --proof "$work/proof.bin" --vk "$work/not-a-proof.bin"
# The last public-value byte: the file ends with the values, the version ("v6.1.0", after its
# u64 length) and `tee_proof: None` (one byte).
python3 - "$work/proof.bin" "$work/tampered.bin" <<'PY'
import sys
proof = bytearray(open(sys.argv[1], 'rb').read())
proof[len(proof) - 1 - 6 - 8 - 1] ^= 1
open(sys.argv[2], 'wb').write(proof)
PY
refuses VERIFICATION_FAILED "$cli" verify --proof "$work/tampered.bin" --vk "$work/vk.bin"
echo "sp1-wasm-v6: execute, vkey, prove, verify (ours and stock's proofs) and every refusal checked"
