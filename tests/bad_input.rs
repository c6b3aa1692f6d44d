//! Every kind of bad input gets its typed error natively, as `web/e2e/reliability.test.mjs`
//! checks in wasm: malformed programs, stdin, proofs, keys and options, guests that panic or run
//! too long, and proofs estimated not to fit the memory limit. None panics.

mod common;

use common::prover;
use sp1_wasm::{
    guests::Guest, memory::ProgramSize, stdin_from_chunks, ErrorCode, ProveOptions,
    SP1ProofWithPublicValues, SP1Stdin, VerifyingKey,
};

fn fibonacci_stdin(n: u32) -> SP1Stdin {
    Guest::Fibonacci.stdin_from_json(&n.to_string()).unwrap()
}

fn execute_error(elf: &[u8], stdin: &SP1Stdin, max_cycles: Option<u64>) -> sp1_wasm::Error {
    prover().execute(elf, stdin, max_cycles).expect_err("must fail")
}

/// The fibonacci ELF with one byte changed.
fn edited_elf(offset: usize, value: u8) -> Vec<u8> {
    let mut elf = Guest::Fibonacci.elf().to_vec();
    elf[offset] = value;
    elf
}

/// An 84-byte RISC-V ELF whose one loadable segment declares 2.75 GiB of `.bss`: stock's loader
/// would build that image word by word (found by fuzzing).
fn huge_bss_elf() -> Vec<u8> {
    const VADDR: u32 = 0x0020_0800;
    let mut elf = vec![0x7f, b'E', b'L', b'F', 1, 1, 1];
    elf.resize(16, 0);
    elf.extend(2u16.to_le_bytes()); // ET_EXEC
    elf.extend(243u16.to_le_bytes()); // EM_RISCV
    for word in [1, VADDR, 52, 0, 0] {
        elf.extend(word.to_le_bytes()); // version, entry, phoff, shoff, flags
    }
    for half in [52u16, 32, 1, 40, 0, 0] {
        elf.extend(half.to_le_bytes()); // ehsize, phentsize, phnum, shentsize, shnum, shstrndx
    }
    for word in [1, 0, VADDR, VADDR, 0, 0xb000_0000, 6, 4] {
        elf.extend(word.to_le_bytes()); // PT_LOAD, offset, vaddr, paddr, filesz, memsz, RW, align
    }
    elf
}

#[test]
fn malformed_programs_are_invalid_elfs() {
    let elf = Guest::Fibonacci.elf();
    let cases: [(&str, Vec<u8>); 5] = [
        ("garbage", vec![1, 2, 3]),
        ("2.75 GiB of .bss", huge_bss_elf()),
        ("truncated", elf[..elf.len() / 2].to_vec()),
        // e_machine = x86-64 (62) instead of RISC-V.
        ("another architecture", edited_elf(18, 62)),
        ("64-bit class", edited_elf(4, 2)),
    ];
    for (case, elf) in cases {
        let stdin = fibonacci_stdin(10);
        assert_eq!(execute_error(&elf, &stdin, None).code(), ErrorCode::InvalidElf, "{case}: execute");
        assert_eq!(prover().setup(&elf).err().map(|e| e.code()), Some(ErrorCode::InvalidElf), "{case}: setup");
    }
}

#[test]
fn stdin_the_guest_cannot_read_fails_its_execution_with_the_guest_message() {
    let elf = Guest::Fibonacci.elf();
    let empty = execute_error(elf, &SP1Stdin::new(), None);
    assert_eq!(empty.code(), ErrorCode::ExecutionFailed);

    let wrong_type = execute_error(elf, &stdin_from_chunks([vec![1]]), None);
    assert_eq!(wrong_type.code(), ErrorCode::ExecutionFailed);
    assert!(wrong_type.to_string().contains("deserialization failed"), "{wrong_type}");

    let typed = Guest::Fibonacci.stdin_from_json("\"many\"").unwrap_err();
    assert_eq!(typed.code(), ErrorCode::InvalidStdin);
}

#[test]
fn a_guest_panic_carries_its_message() {
    let stdin = Guest::Keccak.stdin_from_json(r#"{"data":[1],"rounds":0}"#).unwrap();
    let error = execute_error(Guest::Keccak.elf(), &stdin, None);
    assert_eq!(error.code(), ErrorCode::ExecutionFailed);
    assert!(error.to_string().contains("rounds must be at least 1"), "{error}");
    assert!(error.to_string().contains("exited with code 1"), "{error}");
}

#[test]
fn the_cycle_limit_stops_execution_and_proving() {
    let stdin = fibonacci_stdin(1000);
    let error = execute_error(Guest::Fibonacci.elf(), &stdin, Some(1000));
    assert_eq!(error.code(), ErrorCode::ExecutionFailed);
    assert!(error.to_string().contains("cycle limit"), "{error}");

    let keys = prover().setup(Guest::Fibonacci.elf()).unwrap();
    let options = ProveOptions { max_cycles: Some(1000), ..ProveOptions::default() };
    let error = prover().prove(&keys, &stdin, &options, &mut |_| {}).err().unwrap();
    assert_eq!(error.code(), ErrorCode::ExecutionFailed);
}

#[test]
fn malformed_proofs_and_keys_are_rejected() {
    assert_eq!(
        SP1ProofWithPublicValues::from_bytes(&[0; 64]).err().map(|e| e.code()),
        Some(ErrorCode::InvalidProof)
    );
    assert_eq!(
        SP1ProofWithPublicValues::from_bytes(&[]).err().map(|e| e.code()),
        Some(ErrorCode::InvalidProof)
    );
    let vk = prover().setup(Guest::Fibonacci.elf()).unwrap().vk.to_bytes();
    for length in [0, 10, vk.len() - 1] {
        assert_eq!(
            VerifyingKey::from_bytes(&vk[..length]).err().map(|e| e.code()),
            Some(ErrorCode::InvalidVerifyingKey),
            "vk of {length} bytes"
        );
    }
}

#[test]
fn out_of_range_options_are_invalid() {
    let keys = prover().setup(Guest::Fibonacci.elf()).unwrap();
    for log2_shard_size in [0, 15, 23, 40] {
        let options = ProveOptions { log2_shard_size: Some(log2_shard_size), ..ProveOptions::default() };
        let error = prover().prove(&keys, &fibonacci_stdin(5), &options, &mut |_| {}).err().unwrap();
        assert_eq!(error.code(), ErrorCode::InvalidOptions, "log2 shard size {log2_shard_size}");
    }
}

#[test]
fn a_proof_over_the_memory_limit_is_refused_before_proving_or_fitted() {
    // Between the estimates for fibonacci(6000) in 2^16- and 2^17-cycle shards.
    const LIMIT: u64 = 1120 << 20;
    let fibonacci = prover().execute(Guest::Fibonacci.elf(), &fibonacci_stdin(6000), None).unwrap();
    assert_eq!(fibonacci.precompile_calls, 0);
    let program = fibonacci.size();
    let limited = |log2_shard_size| ProveOptions {
        log2_shard_size,
        memory_limit_bytes: Some(LIMIT),
        ..ProveOptions::default()
    };
    let refused = limited(Some(17)).fitted_log2_shard_size(program).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::OutOfMemory);
    assert!(refused.to_string().contains("log2 shard size 16 would fit"), "{refused}");
    assert_eq!(limited(None).fitted_log2_shard_size(program).unwrap(), 16);
    assert_eq!(limited(Some(16)).fitted_log2_shard_size(program).unwrap(), 16);

    let tiny = ProveOptions { memory_limit_bytes: Some(LIMIT / 4), ..ProveOptions::default() };
    let error = tiny.fitted_log2_shard_size(program).unwrap_err();
    assert!(error.to_string().contains("no shard size fits"), "{error}");
    // Without a limit, the requested size or the default.
    let huge = ProgramSize { cycles: u64::MAX, precompile_calls: u64::MAX };
    assert_eq!(ProveOptions::default().fitted_log2_shard_size(huge).unwrap(), 19);

    // Precompile events go to shards the shard size does not bound: a program as long that calls
    // them does not fit where fibonacci does.
    let keccak_stdin = Guest::Keccak.stdin_from_json(r#"{"data":[104,105],"rounds":3}"#).unwrap();
    let keccak = prover().execute(Guest::Keccak.elf(), &keccak_stdin, None).unwrap();
    assert_eq!(keccak.precompile_calls, 3, "one keccak_permute per round");
    let as_long = ProgramSize { cycles: program.cycles, ..keccak.size() };
    let refused = limited(None).fitted_log2_shard_size(as_long).unwrap_err();
    assert!(refused.to_string().contains("(3 precompile calls)"), "{refused}");

    // Through `prove`: refused after the fast execution, before any shard work.
    let keys = prover().setup(Guest::Fibonacci.elf()).unwrap();
    let mut phases = Vec::new();
    let error = prover()
        .prove(&keys, &fibonacci_stdin(6000), &limited(Some(17)), &mut |p| phases.push(p.phase))
        .err()
        .unwrap();
    assert_eq!(error.code(), ErrorCode::OutOfMemory);
    assert_eq!(phases, [sp1_wasm::Phase::Execute]);
}

/// The file offset of the ELF32 entry point's instruction, from the program headers.
fn entry_offset(elf: &[u8]) -> usize {
    let u16_at = |at: usize| u16::from_le_bytes(elf[at..at + 2].try_into().unwrap()) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(elf[at..at + 4].try_into().unwrap()) as usize;
    let entry = u32_at(0x18);
    (0..u16_at(0x2c))
        .map(|i| u32_at(0x1c) + i * u16_at(0x2a))
        .find_map(|header| {
            let (offset, vaddr, size) = (u32_at(header + 4), u32_at(header + 8), u32_at(header + 16));
            (vaddr..vaddr + size).contains(&entry).then(|| offset + entry - vaddr)
        })
        .expect("a segment holds the entry point")
}

/// Found by fuzzing: stock's loader unwrapped the decoding of every instruction.
#[test]
fn an_elf_with_an_undecodable_instruction_is_invalid() {
    let mut elf = Guest::Fibonacci.elf().to_vec();
    let at = entry_offset(&elf);
    elf[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    let error = prover().setup(&elf).err().unwrap();
    assert_eq!(error.code(), ErrorCode::InvalidElf);
    assert!(error.to_string().contains("0xffffffff is not an RV32IM instruction"), "{error}");
}

/// Found by fuzzing: a domain past BabyBear's two-adicity made hashing the key panic.
#[test]
fn a_verifying_key_with_an_impossible_domain_is_invalid() {
    let mut vk = prover().setup(Guest::Fibonacci.elf()).unwrap().vk.to_bytes();
    // commit (8 words), pc_start, initial global cumulative sum (14 words), the chips' count,
    // then the first chip's name (length + bytes) and its domain's log_n.
    let name = 4 * (8 + 1 + 14) + 8;
    let log_n = name + 8 + u64::from_le_bytes(vk[name..name + 8].try_into().unwrap()) as usize;
    vk[log_n..log_n + 8].copy_from_slice(&40u64.to_le_bytes());
    let error = VerifyingKey::from_bytes(&vk).err().unwrap();
    assert_eq!(error.code(), ErrorCode::InvalidVerifyingKey, "{error}");
    assert!(error.to_string().contains("two-adic"), "{error}");
}
