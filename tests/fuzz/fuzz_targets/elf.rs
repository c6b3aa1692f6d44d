#![no_main]
//! ELF loading: parsing and transpiling to SP1 instructions, as `setup` and `execute` begin.
//! Seeded with the bundled guests. Executing arbitrary programs is not covered: stock's
//! executor assumes programs built by SP1's toolchain and panics on some others (see
//! docs/fuzzing.md); in the browser that is a trap the worker recovers from.

use elf::{abi::PT_LOAD, endian::LittleEndian, ElfBytes};
use libfuzzer_sys::fuzz_target;
use sp1_core_executor::Program;

/// Inputs declaring more loadable memory than this are skipped. Stock's loader builds the memory
/// image one hash-map entry per word before it checks the addresses, so a segment declaring
/// gigabytes exhausts memory (libFuzzer's 2 GiB limit) instead of panicking: resource use, which
/// the browser reports as `OUT_OF_MEMORY`, not a crash (docs/fuzzing.md).
const MAX_LOADABLE_BYTES: u64 = 64 << 20;

fn loadable_bytes(elf: &[u8]) -> u64 {
    let Some(segments) = ElfBytes::<LittleEndian>::minimal_parse(elf).ok().and_then(|f| f.segments()) else {
        return 0;
    };
    segments.iter().filter(|s| s.p_type == PT_LOAD).fold(0, |sum, s| sum.saturating_add(s.p_memsz))
}

fuzz_target!(|elf: &[u8]| {
    if loadable_bytes(elf) <= MAX_LOADABLE_BYTES {
        let _ = Program::from(elf);
    }
});
