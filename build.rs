//! Compiles the guest programs in `guests/` for SP1's zkVM with the pinned nightly, the way
//! `sp1-build` 5.2.4 does (its `src/command/{local,utils}.rs`), so the CLI can embed their ELFs.
//! Succinct's own toolchain is not needed: stock nightly has std for `target_os = "zkvm"`.
//!
//! The nested cargo is incremental, and this script reruns only when `guests/` changes.

use std::{
    env,
    path::{Path, PathBuf},
    process::Command,
};

/// The guest programs, by package name; each ELF is written to `$OUT_DIR/<name>.elf`.
const GUESTS: &[&str] = &["fibonacci", "keccak", "stats", "hashes"];
const TARGET: &str = "riscv32im-succinct-zkvm-elf";

/// `sp1-build` 5.2.4's rustflags for guests, verbatim.
const GUEST_RUSTFLAGS: &[&str] = &[
    "-C",
    "passes=lower-atomic",
    "-C",
    "link-arg=-Ttext=0x00201000",
    "-C",
    "link-arg=--image-base=0x00200800",
    "-C",
    "panic=abort",
    "--cfg",
    "getrandom_backend=\"custom\"",
    "-C",
    "llvm-args=-misched-prera-direction=bottomup",
    "-C",
    "llvm-args=-misched-postra-direction=bottomup",
];

fn main() {
    // Only the native CLI embeds guests; the wasm crate receives ELFs from JavaScript. A script
    // that names no file reruns when any file of the package changes (the whole repository, which
    // is its folder), and rebuilds the crate with it: the wasm builds watch this script alone.
    if env::var_os("CARGO_FEATURE_NATIVE").is_none() {
        println!("cargo:rerun-if-changed=build.rs");
        return;
    }
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let guests_dir = manifest_dir.join("guests");
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    // Relative to the package root, so a build cached from another checkout stays fresh.
    println!("cargo:rerun-if-changed=guests");

    // <target>/<profile>/build/<pkg>-<hash>/out -> <target>/<profile>/guests: outside `guests/`, so
    // the guest build does not retrigger this script.
    let guest_target_dir = out_dir.ancestors().nth(3).unwrap().join("guests");
    build_guests(&guests_dir, &guest_target_dir);

    let elf_dir = guest_target_dir.join(TARGET).join("release");
    for guest in GUESTS {
        let elf = elf_dir.join(guest);
        std::fs::copy(&elf, out_dir.join(format!("{guest}.elf")))
            .unwrap_or_else(|e| panic!("guest ELF {} missing after build: {e}", elf.display()));
    }
}

fn build_guests(guests_dir: &Path, target_dir: &Path) {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(guests_dir)
        .args(["build", "--release", "--locked", "--target"])
        .arg(guests_dir.join(format!("{TARGET}.json")))
        .args(["-Zbuild-std=std,panic_abort", "-Zjson-target-spec", "-Ztrim-paths"]);
    // The outer build's variables (its target dir, rustflags, features, wrappers) must not leak
    // into the guest build: keep only cargo's home and jobserver.
    for (key, _) in env::vars_os() {
        let key = key.to_string_lossy();
        let keep = key == "CARGO_HOME" || key == "CARGO_MAKEFLAGS";
        if (key.starts_with("CARGO_") && !keep) || key.starts_with("RUSTC") || key == "RUSTFLAGS" {
            command.env_remove(key.as_ref());
        }
    }
    command
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_ENCODED_RUSTFLAGS", GUEST_RUSTFLAGS.join("\x1f"))
        // As sp1-build: C code in guests sees the ILP32 ABI.
        .env("CFLAGS_riscv32im_succinct_zkvm_elf", "-D__ILP32__");
    let output = command.output().expect("failed to run cargo for the guest programs");
    if !output.status.success() {
        panic!(
            "building the guest programs failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
