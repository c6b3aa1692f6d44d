#!/usr/bin/env bash
# The wasm simd128 packed fields (SP1 5's BabyBear, SP1 6's KoalaBear) against their scalar
# fields: each vendored crate's own `wasm32_simd128` tests, built for wasm32-wasip1 with the
# browser build's flags and run under wasmtime (tests/wasi-smoke/run_wasi.py).
# A published Plonky3 crate's other tests need p3-field-testing, whose criterion cannot build for
# WASI; the crate is copied without them (tests/packed-fields/strip_field_testing.py).
# Usage: tests/packed-fields/run.sh   (CARGO_TARGET_DIR and STABLE_TOOLCHAIN set, as by make)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf '#!/bin/sh\nexec python3 %s "$1" %s "$@"\n' "$root/tests/wasi-smoke/run_wasi.py" "$work" > "$work/runner"
chmod +x "$work/runner"

for crate in p3-baby-bear v6/p3-koala-bear; do
  copy="$work/$(basename "$crate")"
  cp -r "$root/third-party/$crate" "$copy"
  python3 "$here/strip_field_testing.py" "$copy"
  echo "packed fields: $crate"
  (cd "$copy" && CARGO_TARGET_DIR="${CARGO_TARGET_DIR:?set by make}/packed-fields" \
    CARGO_TARGET_WASM32_WASIP1_RUNNER="$work/runner" \
    RUSTFLAGS="-C target-feature=+simd128 -C no-vectorize-loops -C no-vectorize-slp -A warnings" \
    cargo "+${STABLE_TOOLCHAIN:?set by make}" test --quiet --release --target wasm32-wasip1 --lib wasm32_simd128)
done
