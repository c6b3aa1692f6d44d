#![no_main]
//! ELF loading: parsing and transpiling to SP1 instructions, as `setup` and `execute` begin.
//! Seeded with the bundled guests. Executing arbitrary programs is not covered: stock's
//! executor assumes programs built by SP1's toolchain and panics on some others (see
//! docs/fuzzing.md); in the browser that is a trap the worker recovers from. An ELF declaring
//! more memory than a program can be set up with is refused by the loader (patched in
//! third-party/sp1-core-executor) before it builds the image.

use libfuzzer_sys::fuzz_target;
use sp1_core_executor::Program;

fuzz_target!(|elf: &[u8]| {
    let _ = Program::from(elf);
});
