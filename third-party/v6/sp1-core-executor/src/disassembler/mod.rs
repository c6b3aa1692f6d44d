//! A disassembler for RISC-V ELFs.

mod elf;
mod rrs;

pub(crate) use elf::*;
pub(crate) use rrs::*;
