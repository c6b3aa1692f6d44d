"""Prepares a copy of a published Plonky3 field crate for `cargo test` on wasm32-wasip1: drops its
dev-dependencies and benches (criterion cannot build for WASI), the test modules that use
p3-field-testing (which depends on criterion), and adds what the packed field's tests need.
Usage: strip_field_testing.py CRATE_COPY_DIR"""

import pathlib
import re
import sys

DEV_DEPENDENCIES = """
[dev-dependencies.rand]
version = "0.8.5"
features = ["min_const_gen"]

[dev-dependencies.rand_xoshiro]
version = "0.6.0"

[workspace]
"""


def drop_field_testing_modules(source: str) -> str:
    """Removes each `#[cfg(test)] mod NAME { ... }` whose body uses p3_field_testing."""
    out, position = [], 0
    for match in re.finditer(r"#\[cfg\(test\)\]\s*mod \w+ \{", source):
        if match.start() < position:
            continue
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(source[end], 0)
            end += 1
        if "p3_field_testing" in source[match.start():end]:
            out.append(source[position:match.start()])
            position = end
    out.append(source[position:])
    return "".join(out)


def main() -> None:
    crate = pathlib.Path(sys.argv[1])
    manifest = crate / "Cargo.toml"
    sections = re.split(r"(?m)^(?=\[)", manifest.read_text())
    kept = [s for s in sections if not s.startswith(("[dev-dependencies", "[[bench]]"))]
    manifest.write_text("".join(kept) + DEV_DEPENDENCIES)
    for path in (crate / "src").rglob("*.rs"):
        path.write_text(drop_field_testing_modules(path.read_text()))


if __name__ == "__main__":
    main()
