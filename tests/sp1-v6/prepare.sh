#!/usr/bin/env bash
# Builds what the v6 scripts share: the guests from source (RV64IM, <name>-v6.elf) and this workspace's
# binaries on stock sp1-sdk 6.10.0. Prints the folder they are in.
# Usage: tests/sp1-v6/prepare.sh   (CARGO_TARGET_DIR and STABLE_TOOLCHAIN set, as by make)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${CARGO_TARGET_DIR:-$here/target}/sp1-v6"
mkdir -p "$target"

# sp1-prover-types compiles protobuf definitions at build time.
command -v protoc >/dev/null && [ -f /usr/include/google/protobuf/empty.proto ] || \
  { apt-get update -qq && apt-get install -y -qq protobuf-compiler libprotobuf-dev; } >&2

CARGO_TARGET_DIR="$target/guest" "$here/build-guest.sh" "$target" >&2
(cd "$here" && CARGO_TARGET_DIR="$target" cargo "+${STABLE_TOOLCHAIN:?set by make}" build --locked --release) >&2
echo "$target"
