#![no_main]
//! ELF loading: parsing and transpiling to SP1 instructions, as `setup` and `execute` begin.
//! Seeded with the bundled guests. Executing arbitrary programs is not covered: stock's
//! executor assumes programs built by SP1's toolchain and panics on some others (see
//! docs/fuzzing.md); in the browser that is a trap the worker recovers from.

use libfuzzer_sys::fuzz_target;
use sp1_core_executor::Program;

fuzz_target!(|elf: &[u8]| {
    let _ = Program::from(elf);
});
