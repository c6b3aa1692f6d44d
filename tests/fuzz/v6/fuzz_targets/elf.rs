#![no_main]
//! ELF loading: parsing and transpiling to SP1 6 instructions, as `setup` and `execute` begin.
//! Seeded with the fibonacci guest. Executing arbitrary programs is not covered, as for SP1 5
//! (docs/fuzzing.md).

use libfuzzer_sys::fuzz_target;
use sp1_core_executor::Program;

fuzz_target!(|elf: &[u8]| {
    let _ = Program::from(elf);
});
