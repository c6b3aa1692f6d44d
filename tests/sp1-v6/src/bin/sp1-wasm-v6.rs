//! `sp1-wasm-v6`: the CLI of SP1 6 programs, the sibling of the root package's `sp1-wasm` (SP1 5)
//! with the same commands, flags, error codes and `--json` figures where SP1 6 has them: execute,
//! key, prove and verify natively through `prover/v6`, the code the browser build runs (here on
//! stock crates). Errors print as `error[CODE]: message`, with the web package's codes.

use std::{collections::BTreeMap, io::Write, path::PathBuf, process::ExitCode, time::Instant};

use clap::{Args, Parser, Subcommand};
use sp1_v6_measure::{ms_since, stdin_of};
use sp1_wasm_v6::{
    core_proof::{self, Phase, Progress, ProveOptions},
    verify,
};

#[derive(Parser)]
#[command(version, about = "SP1 6.10.0 core proofs, natively, in stock SP1's proof format")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the program: cycles and public values.
    Execute {
        #[command(flatten)]
        program: ProgramArgs,
        #[command(flatten)]
        stdin: StdinArgs,
        /// Stop with an error after this many cycles.
        #[arg(long)]
        max_cycles: Option<u64>,
    },
    /// Print the verifying key hash (as stock `vk.bytes32()`), optionally save the key.
    Vkey {
        #[command(flatten)]
        program: ProgramArgs,
        /// Write the verifying key (stock `SP1VerifyingKey`, bincode) here.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Make a core proof and write it as stock `proof.save()` does.
    Prove {
        #[command(flatten)]
        program: ProgramArgs,
        #[command(flatten)]
        stdin: StdinArgs,
        /// Where to write the proof (`SP1ProofWithPublicValues`, bincode).
        #[arg(long, default_value = "proof.bin")]
        out: PathBuf,
        /// Trace elements per shard [default: chosen from the cycles and --memory-limit-mib].
        #[arg(long)]
        element_threshold: Option<u64>,
        /// Stop with an error after this many cycles.
        #[arg(long)]
        max_cycles: Option<u64>,
        /// Refuse up front a proof estimated to need more memory than this.
        #[arg(long)]
        memory_limit_mib: Option<u64>,
        /// Also verify, and print one JSON line of timings (setup, prove, verify, per phase).
        #[arg(long)]
        json: bool,
    },
    /// Verify a core proof against a program's ELF or a saved verifying key.
    Verify {
        /// The proof file.
        #[arg(long)]
        proof: PathBuf,
        /// The program's ELF.
        #[arg(long, required_unless_present = "vk")]
        elf: Option<PathBuf>,
        /// A verifying key file instead of the program.
        #[arg(long, conflicts_with = "elf")]
        vk: Option<PathBuf>,
    },
}

#[derive(Args)]
struct ProgramArgs {
    /// An SP1 6 program's ELF file (RV64IM).
    #[arg(long)]
    elf: PathBuf,
}

#[derive(Args)]
struct StdinArgs {
    /// The input of one of this project's v6 guests (its ELF named <guest>-v6.elf): fibonacci's n,
    /// the precompile guest's rounds, the stats guest's number of values.
    #[arg(long, conflicts_with = "stdin_hex")]
    input: Option<u32>,
    /// A raw stdin chunk in hex, one per guest `read`; repeat for several.
    #[arg(long)]
    stdin_hex: Vec<String>,
}

impl ProgramArgs {
    fn elf(&self) -> Result<Vec<u8>, Failure> {
        std::fs::read(&self.elf).map_err(|e| Failure::io(format!("cannot read ELF {}: {e}", self.elf.display())))
    }
}

impl StdinArgs {
    fn chunks(&self, program: &ProgramArgs) -> Result<Vec<Vec<u8>>, Failure> {
        match self.input {
            Some(n) => Ok(stdin_of(&program.elf, n).buffer),
            None => self
                .stdin_hex
                .iter()
                .map(|chunk| hex::decode(chunk).map_err(|e| Failure::new("INVALID_STDIN", format!("--stdin-hex {chunk}: {e}"))))
                .collect(),
        }
    }
}

/// An error with the web package's code for it (`IO` for a file this CLI could not read or write).
struct Failure {
    code: &'static str,
    message: String,
}

impl Failure {
    fn new(code: &'static str, message: impl ToString) -> Self {
        Self { code, message: message.to_string() }
    }

    fn io(message: impl ToString) -> Self {
        Self::new("IO", message)
    }
}

impl From<core_proof::CoreProofError> for Failure {
    fn from(e: core_proof::CoreProofError) -> Self {
        Self::new(e.code(), e)
    }
}

impl From<verify::VerifyProofError> for Failure {
    fn from(e: verify::VerifyProofError) -> Self {
        Self::new(e.code(), e)
    }
}

// Stock's prover runs its blocking steps through the tokio runtime of its caller.
#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { code, message }) => {
            eprintln!("error[{code}]: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Execute { program, stdin, max_cycles } => {
            let (public_values, cycles) =
                core_proof::execute_elf(&program.elf()?, stdin.chunks(&program)?, max_cycles)?;
            println!("cycles: {cycles}");
            println!("public values: 0x{}", hex::encode(public_values.as_slice()));
        }
        Command::Vkey { program, out } => {
            let key = core_proof::setup(&program.elf()?)?;
            println!("vkey hash: {}", key.vk_hash());
            if let Some(out) = out {
                write(&out, &key.vk_bytes())?;
                println!("verifying key written to {}", out.display());
            }
        }
        Command::Prove { program, stdin, out, element_threshold, max_cycles, memory_limit_mib, json } => {
            let (elf, stdin) = (program.elf()?, stdin.chunks(&program)?);
            let options = ProveOptions {
                element_threshold,
                memory_limit_bytes: memory_limit_mib.map(|mib| mib << 20),
                max_cycles,
            };
            let start = Instant::now();
            let key = core_proof::setup(&elf)?;
            let setup_ms = ms_since(start);
            println!("vkey hash: {}", key.vk_hash());
            let mut phases = PhaseTimes::default();
            let proof = core_proof::prove_with_key(&key, stdin, options, |progress| {
                phases.record(&progress);
                print_progress(&progress);
            })?;
            eprintln!();
            write(&out, &proof.proof)?;
            println!("cycles: {}", proof.cycles);
            println!("public values: 0x{}", hex::encode(&proof.public_values));
            println!("proof: {} ({} bytes, {} shards)", out.display(), proof.proof.len(), proof.shards);
            if json {
                let start = Instant::now();
                verify::verify_proof(&proof.proof, &key.vk)?;
                let report = serde_json::json!({
                    "cycles": proof.cycles,
                    "shards": proof.shards,
                    "elementThreshold": proof.element_threshold,
                    "threads": rayon::current_num_threads(),
                    "setupMs": setup_ms,
                    "proveMs": phases.total_ms(),
                    "verifyMs": ms_since(start),
                    "phasesMs": phases.by_phase,
                });
                println!("{report}");
            }
        }
        Command::Verify { proof, elf, vk } => {
            let proof = std::fs::read(&proof).map_err(|e| Failure::io(format!("cannot read proof {}: {e}", proof.display())))?;
            let vk = match (vk, elf) {
                (Some(path), _) => {
                    let bytes = std::fs::read(&path).map_err(|e| Failure::io(format!("cannot read key {}: {e}", path.display())))?;
                    verify::verifying_key_from_bytes(&bytes).map_err(|e| Failure::new("INVALID_VERIFYING_KEY", e))?
                }
                (None, Some(elf)) => core_proof::setup(&ProgramArgs { elf }.elf()?)?.vk,
                (None, None) => unreachable!("clap requires --elf without --vk"),
            };
            let verified = verify::verify_proof(&proof, &vk)?;
            println!("verified: core proof of {} shards, vkey hash {}", verified.shards, verified.vk_hash);
            println!("public values: 0x{}", hex::encode(&verified.public_values));
        }
    }
    Ok(())
}

fn write(path: &PathBuf, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|e| Failure::io(format!("cannot write {}: {e}", path.display())))
}

/// Wall time per proving phase, from the progress stream: each event closes the time since the
/// previous one, which belonged to the event's own phase (the step it reports as done).
#[derive(Default)]
struct PhaseTimes {
    /// Keyed by the phase itself: JSON writes each key as its camelCase name.
    by_phase: BTreeMap<Phase, f64>,
    last_ms: f64,
}

impl PhaseTimes {
    fn record(&mut self, progress: &Progress) {
        *self.by_phase.entry(progress.phase).or_default() += progress.elapsed_ms - self.last_ms;
        self.last_ms = progress.elapsed_ms;
    }

    fn total_ms(&self) -> f64 {
        self.last_ms
    }
}

/// One status line on stderr, rewritten in place.
fn print_progress(progress: &Progress) {
    let shards = if matches!(progress.phase, Phase::Done) { progress.shards.to_string() } else { "?".into() };
    eprint!(
        "\r[{:>8.2}s] {:<12} shard {}/{}  cycles {}   ",
        progress.elapsed_ms / 1e3,
        format!("{:?}", progress.phase),
        progress.shard,
        shards,
        progress.cycles,
    );
    let _ = std::io::stderr().flush();
}
