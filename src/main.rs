//! `sp1-wasm`: execute, key, prove and verify SP1 programs natively, through the same library
//! code the browser build runs.

mod span_timings;

use std::{collections::BTreeMap, io::Write, path::PathBuf, process::ExitCode, time::Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};
use span_timings::{SpanTimings, SpanTotals};
use tracing_subscriber::{
    filter::LevelFilter, layer::SubscriberExt, util::SubscriberInitExt, EnvFilter, Layer,
};
use sp1_wasm::{
    guests::Guest, stdin_from_chunks, CoreProver, Phase, Progress, ProveOptions, SP1ProofWithPublicValues,
    SP1Stdin, TracePadding, VerifyingKey,
};

#[derive(Parser)]
#[command(version, about = "SP1 5.2.4 core proofs, natively, in stock SP1's proof format")]
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
        /// log2 of the cycles per shard [default: 19, or what fits --memory-limit-mib].
        #[arg(long)]
        log2_shard_size: Option<u32>,
        /// Stop with an error after this many cycles.
        #[arg(long)]
        max_cycles: Option<u64>,
        /// Refuse up front a proof estimated to need more memory than this.
        #[arg(long)]
        memory_limit_mib: Option<u64>,
        /// `compact` pads main traces to the next power of two; `fixed` to stock's core shapes.
        #[arg(long, value_enum, default_value = "compact")]
        padding: Padding,
        /// Also verify, and print one JSON line of timings (setup, prove, verify, per phase).
        #[arg(long)]
        json: bool,
    },
    /// Verify a core proof against a program (its ELF or a bundled guest) or a saved key.
    Verify {
        /// The proof file.
        #[arg(long)]
        proof: PathBuf,
        #[command(flatten)]
        program: ProgramArgs,
        /// A verifying key file instead of the program.
        #[arg(long, conflicts_with_all = ["guest", "elf"])]
        vk: Option<PathBuf>,
    },
    /// Print a bundled guest's stdin for an input as hex, a chunk per line, as --stdin-hex takes it.
    Stdin {
        #[arg(long)]
        guest: Guest,
        /// The input as JSON, as for --input. Defaults to a small example.
        #[arg(long)]
        input: Option<String>,
    },
    /// List the bundled guests, a name per line.
    Guests,
    /// Write a bundled guest's ELF to a file.
    Elf {
        #[arg(long, default_value = "fibonacci")]
        guest: Guest,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
struct ProgramArgs {
    /// A bundled guest: fibonacci (the default), keccak, stats or hashes.
    #[arg(long, conflicts_with = "elf")]
    guest: Option<Guest>,
    /// An SP1 program's ELF file instead of a bundled guest.
    #[arg(long)]
    elf: Option<PathBuf>,
}

#[derive(Args)]
struct StdinArgs {
    /// The bundled guest's input as JSON (fibonacci: a number). Defaults to a small example.
    #[arg(long, conflicts_with = "stdin_hex")]
    input: Option<String>,
    /// A raw stdin chunk in hex, one per guest `read`; repeat for several.
    #[arg(long)]
    stdin_hex: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Padding {
    Compact,
    Fixed,
}

impl From<Padding> for TracePadding {
    fn from(padding: Padding) -> Self {
        match padding {
            Padding::Compact => Self::Compact,
            Padding::Fixed => Self::Fixed,
        }
    }
}

/// The program to run: its ELF, and the bundled guest it is if known.
struct Program {
    elf: Vec<u8>,
    guest: Option<Guest>,
}

impl ProgramArgs {
    fn load(&self) -> anyhow::Result<Program> {
        Ok(match (&self.elf, self.guest) {
            (Some(path), _) => Program {
                elf: std::fs::read(path)
                    .map_err(|e| anyhow::anyhow!("cannot read ELF {}: {e}", path.display()))?,
                guest: None,
            },
            (None, guest) => {
                let guest = guest.unwrap_or(Guest::Fibonacci);
                Program { elf: guest.elf().to_vec(), guest: Some(guest) }
            }
        })
    }
}

impl StdinArgs {
    fn build(&self, program: &Program) -> anyhow::Result<SP1Stdin> {
        if !self.stdin_hex.is_empty() {
            let chunks = self.stdin_hex.iter().map(hex::decode).collect::<Result<Vec<_>, _>>()?;
            return Ok(stdin_from_chunks(chunks));
        }
        match (program.guest, &self.input) {
            (Some(guest), input) => {
                Ok(guest.stdin_from_json(input.as_deref().unwrap_or(guest.example_input()))?)
            }
            (None, Some(_)) => {
                anyhow::bail!("--input needs a bundled guest; give an ELF's stdin with --stdin-hex")
            }
            (None, None) => Ok(SP1Stdin::new()),
        }
    }
}

fn main() -> ExitCode {
    let command = Cli::parse().command;
    // `prove --json` reports the prover's spans (down to debug: the steps of opening a shard),
    // whatever RUST_LOG lets the log print.
    let span_timings = matches!(command, Command::Prove { json: true, .. })
        .then(SpanTimings::on_this_thread);
    let totals = span_timings.as_ref().map(SpanTimings::totals);
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_filter(
                EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
            ),
        )
        .with(span_timings.with_filter(LevelFilter::DEBUG))
        .init();
    match run(command, totals) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            match error.downcast_ref::<sp1_wasm::Error>() {
                Some(e) => eprintln!("error[{}]: {e}", e.code().as_str()),
                None => eprintln!("error: {error:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, span_totals: Option<SpanTotals>) -> anyhow::Result<()> {
    let prover = CoreProver::new();
    match command {
        Command::Execute { program, stdin, max_cycles } => {
            let program = program.load()?;
            let execution = prover.execute(&program.elf, &stdin.build(&program)?, max_cycles)?;
            println!("cycles: {}", execution.cycles);
            println!("precompile calls: {}", execution.precompile_calls);
            print_public_values(&program, &execution.public_values)?;
        }
        Command::Vkey { program, out } => {
            let keys = prover.setup(&program.load()?.elf)?;
            println!("vkey hash: {}", keys.vk.bytes32());
            if let Some(out) = out {
                std::fs::write(&out, keys.vk.to_bytes())?;
                println!("verifying key written to {}", out.display());
            }
        }
        Command::Prove { program, stdin, out, log2_shard_size, max_cycles, memory_limit_mib, padding, json } => {
            let program = program.load()?;
            let options = ProveOptions {
                log2_shard_size,
                trace_padding: padding.into(),
                max_cycles,
                memory_limit_bytes: memory_limit_mib.map(|mib| mib << 20),
            };
            let stdin = stdin.build(&program)?;
            let start = Instant::now();
            let keys = prover.setup(&program.elf)?;
            let setup_ms = start.elapsed().as_secs_f64() * 1e3;
            println!("vkey hash: {}", keys.vk.bytes32());
            let mut phases = PhaseTimes::default();
            // Only the proof's own spans, not key generation's.
            if let Some(totals) = &span_totals {
                totals.take();
            }
            let output = prover.prove(&keys, &stdin, &options, &mut |progress| {
                phases.record(&progress);
                print_progress(progress);
            })?;
            let proof_spans = span_totals.as_ref().map(SpanTotals::take);
            eprintln!();
            let bytes = output.proof.to_bytes();
            std::fs::write(&out, &bytes)?;
            println!("cycles: {}", output.cycles);
            print_public_values(&program, &output.proof.public_values)?;
            println!("proof: {} ({} bytes)", out.display(), bytes.len());
            if json {
                let start = Instant::now();
                prover.verify(&output.proof, &keys.vk)?;
                let report = serde_json::json!({
                    "cycles": output.cycles,
                    "threads": rayon::current_num_threads(),
                    "setupMs": setup_ms,
                    "proveMs": phases.total_ms(),
                    "verifyMs": start.elapsed().as_secs_f64() * 1e3,
                    "phasesMs": phases.by_phase,
                    "shardPhasesMs": phases.by_shard,
                    "spans": proof_spans,
                });
                println!("{report}");
            }
        }
        Command::Verify { proof, program, vk } => {
            let proof = SP1ProofWithPublicValues::from_bytes(&std::fs::read(&proof)?)?;
            let (vk, program) = match vk {
                Some(path) => (VerifyingKey::from_bytes(&std::fs::read(path)?)?, None),
                None => {
                    let program = program.load()?;
                    (prover.setup(&program.elf)?.vk, Some(program))
                }
            };
            prover.verify(&proof, &vk)?;
            println!("verified: core proof of {} shards, vkey hash {}", proof.core_shards()?.len(), vk.bytes32());
            match program {
                Some(program) => print_public_values(&program, &proof.public_values)?,
                None => println!("public values: 0x{}", hex::encode(proof.public_values.as_slice())),
            }
        }
        Command::Stdin { guest, input } => {
            let input = input.as_deref().unwrap_or(guest.example_input());
            for chunk in guest.stdin_from_json(input)?.buffer {
                println!("{}", hex::encode(chunk));
            }
        }
        Command::Guests => Guest::ALL.iter().for_each(|guest| println!("{guest}")),
        Command::Elf { guest, out } => {
            std::fs::write(&out, guest.elf())?;
            println!("{guest} ELF written to {}", out.display());
        }
    }
    Ok(())
}

fn print_public_values(program: &Program, values: &sp1_wasm::SP1PublicValues) -> anyhow::Result<()> {
    println!("public values: 0x{}", hex::encode(values.as_slice()));
    if let Some(guest) = program.guest {
        println!("output: {}", guest.decode_output(values)?);
    }
    Ok(())
}

/// Wall time per proving phase, from the progress stream: each event closes the time since the
/// previous one, which belonged to the previous event's phase. In total, and per shard.
#[derive(Default)]
struct PhaseTimes {
    by_phase: BTreeMap<Phase, f64>,
    by_shard: BTreeMap<usize, BTreeMap<Phase, f64>>,
    last: Option<Progress>,
}

impl PhaseTimes {
    fn record(&mut self, progress: &Progress) {
        if let Some(last) = self.last {
            let ms = progress.elapsed_ms - last.elapsed_ms;
            *self.by_phase.entry(last.phase).or_default() += ms;
            if last.shard > 0 {
                *self.by_shard.entry(last.shard).or_default().entry(last.phase).or_default() += ms;
            }
        }
        self.last = Some(*progress);
    }

    fn total_ms(&self) -> f64 {
        self.last.map_or(0.0, |last| last.elapsed_ms)
    }
}

/// One status line on stderr, rewritten in place.
fn print_progress(progress: Progress) {
    let shards = if progress.shards == 0 { "?".to_string() } else { progress.shards.to_string() };
    eprint!(
        "\r[{:>8.2}s] {:<15} shard {}/{}  cycles {}/{}   ",
        progress.elapsed_ms / 1e3,
        format!("{:?}", progress.phase),
        progress.shard,
        shards,
        progress.cycles,
        progress.total_cycles,
    );
    let _ = std::io::stderr().flush();
}
