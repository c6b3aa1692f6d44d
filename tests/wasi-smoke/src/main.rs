//! Runs under a WASI runtime: `sp1-wasm-wasi-smoke <guest.elf> <stdin chunk hex> <proof out>`.
//! Executes, sets up, proves (compact padding) and verifies, single-threaded, printing one line
//! per step; the proof file is then checked natively by the test.

use std::process::ExitCode;

use sp1_wasm::{stdin_from_chunks, CoreProver, ProveOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, elf, stdin_hex, out] = args.as_slice() else {
        eprintln!("usage: sp1-wasm-wasi-smoke <guest.elf> <stdin chunk hex> <proof out>");
        return ExitCode::FAILURE;
    };
    match run(elf, stdin_hex, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(elf: &str, stdin_hex: &str, out: &str) -> Result<(), Box<dyn std::error::Error>> {
    let elf = std::fs::read(elf)?;
    let stdin = stdin_from_chunks([hex::decode(stdin_hex)?]);
    let prover = CoreProver::new();

    let execution = prover.execute(&elf, &stdin, None)?;
    println!("executed: {} cycles, public values 0x{}", execution.cycles, hex::encode(execution.public_values.as_slice()));
    let keys = prover.setup(&elf)?;
    println!("vkey hash: {}", keys.vk.bytes32());
    let output = prover.prove(&keys, &stdin, &ProveOptions::default(), &mut |_| {})?;
    println!("proved: {} cycles, public values 0x{}", output.cycles, hex::encode(output.proof.public_values.as_slice()));
    prover.verify(&output.proof, &keys.vk)?;
    println!("verified");
    std::fs::write(out, output.proof.to_bytes())?;
    Ok(())
}
