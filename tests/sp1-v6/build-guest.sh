#!/usr/bin/env bash
# Builds the v6 guests (RV64IM, guests/) from source with the project's pinned stock nightly, as
# sp1-build 6.10.0 configures it for Succinct's toolchain (`src/command/utils.rs`): the same
# rustflags, and a target spec with the fields of Succinct's rustc target of the same name;
# std is built from source (-Z build-std) with the mem functions compiler-builtins provides.
# Usage: tests/sp1-v6/build-guest.sh OUT_DIR   (writes OUT_DIR/<package>.elf per guest)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
toolchain="$(sed -n 's/^channel = "\(.*\)"/\1/p' "$here/../../rust-toolchain.toml")"
out="$(mkdir -p "$1" && cd "$1" && pwd)"

cd "$here/guests"
env -u RUSTC -u RUSTC_WRAPPER -u CARGO_ENCODED_RUSTFLAGS \
  RUSTFLAGS='-C passes=lower-atomic -C link-arg=--image-base=2013265920 -C panic=abort --cfg getrandom_backend="custom" -C llvm-args=-misched-prera-direction=bottomup -C llvm-args=-misched-postra-direction=bottomup' \
  CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/guests/target}" \
  cargo "+$toolchain" build --locked --release \
    -Zjson-target-spec -Zbuild-std=std,panic_abort -Zbuild-std-features=compiler-builtins-mem \
    --target "$here/riscv64im-succinct-zkvm-elf.json" --workspace
for guest in fibonacci-v6 precompiles-v6 stats-v6; do
  cp "${CARGO_TARGET_DIR:-$here/guests/target}/riscv64im-succinct-zkvm-elf/release/$guest" "$out/$guest.elf"
  echo "v6 guest: $out/$guest.elf"
done
