//! A soundness check of the core verifier by proof mutation. A valid proof is decoded, one thing
//! in its structure is changed (a commitment, an opened value, a piece of the FRI opening proof,
//! a shard public value, the shard metadata, a field of the file itself), and it is encoded
//! again: every mutant is well-formed bincode, so it reaches the verifier and not just the
//! decoder. Each must be rejected with an error. A panic is a finding too: in the browser it
//! would trap the wasm instance instead of returning an error.
//!
//! `mutants --guest fibonacci --proof proof.bin --out dir` verifies every mutant natively and
//! writes them, with a `manifest.json`, for `web/e2e/soundness.test.mjs` to feed the wasm
//! verifier.

use std::{
    borrow::BorrowMut,
    cell::{Cell, RefCell},
    collections::HashSet,
    fmt::Display,
    panic::{self, AssertUnwindSafe},
    path::{Path, PathBuf},
    process::ExitCode,
    sync::Once,
    time::Instant,
};

use anyhow::Context;
use clap::Parser;
use p3_baby_bear::BabyBear;
use p3_field::{AbstractField, Field};
use rayon::prelude::*;
use sp1_core_machine::riscv::RiscvAir;
use sp1_stark::{
    air::{MachineAir, PublicValues, SP1_PROOF_NUM_PV_ELTS},
    septic_digest::SepticDigest,
    AirOpenedValues, Challenge, ChipOpenedValues, Com, CoreSC, SP1Proof, ShardProof, Word,
    DIGEST_SIZE,
};
use sp1_wasm::{guests::Guest, CoreProver, ErrorCode, SP1ProofWithPublicValues, VerifyingKey};

type Shard = ShardProof<CoreSC>;
type Ext = Challenge<CoreSC>;
type Opened = ChipOpenedValues<BabyBear, Ext>;
type ShardPublicValues = PublicValues<Word<BabyBear>, BabyBear>;

#[derive(Parser)]
#[command(about = "Mutate a core proof structurally; every mutant must be rejected")]
struct Cli {
    /// The bundled guest the proof is of.
    #[arg(long, default_value = "fibonacci")]
    guest: Guest,
    /// A valid proof of it (`SP1ProofWithPublicValues`, bincode).
    #[arg(long)]
    proof: PathBuf,
    /// Where to write the mutants (`NNN.bin`) and `manifest.json`.
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether every mutant was rejected with an error.
fn run(cli: Cli) -> anyhow::Result<bool> {
    let bytes = std::fs::read(&cli.proof)
        .with_context(|| format!("cannot read {}", cli.proof.display()))?;
    let proof = SP1ProofWithPublicValues::from_bytes(&bytes)?;
    let prover = CoreProver::new();
    let keys = prover.setup(cli.guest.elf())?;
    prover.verify(&proof, &keys.vk).context("the original proof must verify")?;

    let mutants = mutants(&proof, &MachineChips::riscv());
    write_mutants(&cli.out, &mutants)?;
    let start = Instant::now();
    let outcomes = verify_all(&prover, &keys.vk, &mutants);
    let seconds = start.elapsed().as_secs_f64();

    let report = Report::new(&mutants, &outcomes);
    for (family, total, rejected) in &report.families {
        println!("{family:<20} {total:>4} mutants, {rejected:>4} rejected");
    }
    for finding in &report.findings {
        println!("{finding}");
    }
    println!("native verification of {} mutants: {seconds:.1} s", mutants.len());
    println!("native verifier: {} mutants, {} rejected", mutants.len(), report.rejected());
    Ok(report.findings.is_empty())
}

/// One change to a valid proof, encoded as a proof file.
struct Mutant {
    family: &'static str,
    field: String,
    proof: Vec<u8>,
}

fn write_mutants(dir: &Path, mutants: &[Mutant]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut manifest = Vec::new();
    for (i, mutant) in mutants.iter().enumerate() {
        let file = format!("{i:03}.bin");
        std::fs::write(dir.join(&file), &mutant.proof)?;
        manifest.push(serde_json::json!({
            "family": mutant.family,
            "field": mutant.field,
            "file": file,
        }));
    }
    std::fs::write(dir.join("manifest.json"), serde_json::to_string_pretty(&manifest)?)?;
    Ok(())
}

/// Every mutant of `base`, family by family. The shard-level families are applied to the first,
/// middle and last shard.
fn mutants(base: &SP1ProofWithPublicValues, machine: &MachineChips) -> Vec<Mutant> {
    let mut m = Mutator::new(base);
    for s in spread(m.shards().len()) {
        commitments(&mut m, s);
        opened_values(&mut m, s, machine);
        opening_proof(&mut m, s);
        shard_public_values(&mut m, s);
    }
    shard_metadata(&mut m, machine);
    proof_file(&mut m);
    m.mutants
}

/// Builds mutants of one valid proof. A change that leaves the encoding as it was (zeroing a
/// zero, say) is no mutant and is dropped.
struct Mutator<'a> {
    base: &'a SP1ProofWithPublicValues,
    base_bytes: Vec<u8>,
    family: &'static str,
    mutants: Vec<Mutant>,
}

impl<'a> Mutator<'a> {
    fn new(base: &'a SP1ProofWithPublicValues) -> Self {
        Self { base, base_bytes: base.to_bytes(), family: "", mutants: Vec::new() }
    }

    fn shards(&self) -> &'a [Shard] {
        self.base.core_shards().expect("the proof verified, so it is a core proof")
    }

    fn proof(
        &mut self,
        field: impl Into<String>,
        change: impl FnOnce(&mut SP1ProofWithPublicValues),
    ) {
        let mut proof = self.base.clone();
        change(&mut proof);
        let bytes = proof.to_bytes();
        if bytes != self.base_bytes {
            self.mutants.push(Mutant { family: self.family, field: field.into(), proof: bytes });
        }
    }

    fn all_shards(&mut self, field: impl Into<String>, change: impl FnOnce(&mut Vec<Shard>)) {
        self.proof(field, |proof| {
            let SP1Proof::Core(shards) = &mut proof.proof else { unreachable!("a core proof") };
            change(shards)
        });
    }

    fn shard(&mut self, s: usize, field: impl Display, change: impl FnOnce(&mut Shard)) {
        self.all_shards(format!("shard {s}: {field}"), |shards| change(&mut shards[s]));
    }

    /// Two mutants of a vector in shard `s`: one element shorter, and one longer (its last
    /// element repeated).
    fn resize<T: Clone>(
        &mut self,
        s: usize,
        field: &str,
        get: impl Fn(&mut Shard) -> &mut Vec<T>,
    ) {
        self.shard(s, format!("{field} pop"), |p| {
            get(p).pop();
        });
        self.shard(s, format!("{field} push"), |p| push_last(get(p)));
    }
}

/// First, middle and last index of a vector of `len`: the deterministic spread of positions
/// that get mutated, rather than every element.
fn spread(len: usize) -> Vec<usize> {
    let mut indices = vec![0, len / 2, len.saturating_sub(1)];
    indices.dedup();
    indices.retain(|&i| i < len);
    indices
}

fn push_last<T: Clone>(values: &mut Vec<T>) {
    if let Some(last) = values.last().cloned() {
        values.push(last);
    }
}

/// A change to a vector of field elements: an element plus one or set to zero, or the vector
/// one element shorter or longer.
#[derive(Clone, Copy)]
enum Edit {
    Bump(usize),
    Zero(usize),
    Pop,
    Push,
}

impl Edit {
    /// The spread every vector of `len` gets: first and last element plus one, the middle one
    /// zeroed, one element less, one more (a zero, so empty vectors grow too).
    fn spread(len: usize) -> Vec<Edit> {
        let mut edits = Vec::new();
        if len > 0 {
            edits.push(Edit::Bump(0));
        }
        if len > 1 {
            edits.push(Edit::Bump(len - 1));
        }
        if len > 0 {
            edits.extend([Edit::Zero(len / 2), Edit::Pop]);
        }
        edits.push(Edit::Push);
        edits
    }

    fn changes_shape(self) -> bool {
        matches!(self, Edit::Pop | Edit::Push)
    }

    fn label(self) -> String {
        match self {
            Edit::Bump(i) => format!("[{i}] + 1"),
            Edit::Zero(i) => format!("[{i}] = 0"),
            Edit::Pop => " pop".into(),
            Edit::Push => " push".into(),
        }
    }

    fn apply<F: Field>(self, values: &mut Vec<F>) {
        match self {
            Edit::Bump(i) => values[i] += F::one(),
            Edit::Zero(i) => values[i] = F::zero(),
            Edit::Pop => {
                values.pop();
            }
            Edit::Push => values.push(F::zero()),
        }
    }
}

fn edit_digest(digest: &mut Com<CoreSC>, edit: impl FnOnce(&mut [BabyBear; DIGEST_SIZE])) {
    let mut elements: [BabyBear; DIGEST_SIZE] = (*digest).into();
    edit(&mut elements);
    *digest = elements.into();
}

/// What the mutations need to know of the RISC-V machine: its chips' names, and which chips
/// read only the local row. Those are opened at zeta alone, so the `next` rows of their
/// preprocessed and main opened values are zero padding that nothing binds (like the public
/// values past `num_pv_elts`): only their length is checked, so only their length is mutated.
struct MachineChips {
    names: Vec<String>,
    local_only: HashSet<String>,
}

impl MachineChips {
    fn riscv() -> Self {
        let chips = RiscvAir::<BabyBear>::chips();
        let local_only = chips.iter().filter(|chip| chip.local_only());
        Self {
            names: chips.iter().map(|chip| chip.name()).collect(),
            local_only: local_only.map(|chip| chip.name()).collect(),
        }
    }
}

/// A shard's chip names in the order of its opened values.
fn chip_names(shard: &Shard) -> Vec<String> {
    let mut names: Vec<(&String, &usize)> = shard.chip_ordering.iter().collect();
    names.sort_by_key(|(_, &index)| index);
    names.into_iter().map(|(name, _)| name.clone()).collect()
}

fn commitments(m: &mut Mutator, s: usize) {
    m.family = "commitments";
    let commitments: [(&str, fn(&mut Shard) -> &mut Com<CoreSC>); 3] = [
        ("main_commit", |p| &mut p.commitment.main_commit),
        ("permutation_commit", |p| &mut p.commitment.permutation_commit),
        ("quotient_commit", |p| &mut p.commitment.quotient_commit),
    ];
    for (name, get) in commitments {
        for i in [0, DIGEST_SIZE - 1] {
            m.shard(s, format!("{name}[{i}] + 1"), |p| {
                edit_digest(get(p), |digest| digest[i] += BabyBear::one())
            });
        }
        m.shard(s, format!("{name} = 0"), |p| {
            edit_digest(get(p), |digest| *digest = [BabyBear::zero(); DIGEST_SIZE])
        });
    }
}

/// One main value of every chip, then every opened value of a spread of chips: the first,
/// middle and last, the CPU, and the first with a preprocessed trace.
fn opened_values(m: &mut Mutator, s: usize, machine: &MachineChips) {
    m.family = "opened values";
    let shard = &m.shards()[s];
    let names = chip_names(shard);
    for (c, name) in names.iter().enumerate() {
        let i = shard.opened_values.chips[c].main.local.len() / 2;
        m.shard(s, format!("{name} main.local[{i}] + 1"), |p| {
            p.opened_values.chips[c].main.local[i] += Ext::one()
        });
    }

    let mut chips = spread(names.len());
    chips.extend(names.iter().position(|name| name == "Cpu"));
    chips.extend(shard.opened_values.chips.iter().position(|c| !c.preprocessed.local.is_empty()));
    chips.sort_unstable();
    chips.dedup();
    for c in chips {
        let local_only = machine.local_only.contains(&names[c]);
        chip_opened_values(m, s, c, &names[c], &shard.opened_values.chips[c], local_only);
    }
}

fn chip_opened_values(
    m: &mut Mutator,
    s: usize,
    c: usize,
    name: &str,
    chip: &Opened,
    local_only: bool,
) {
    let chip_mut: fn(&mut Shard, usize) -> &mut Opened = |p, c| &mut p.opened_values.chips[c];
    // (trace, width, whether its next row is opened, the trace's opened values)
    let traces: [(&str, usize, bool, fn(&mut Opened) -> &mut AirOpenedValues<Ext>); 3] = [
        ("preprocessed", chip.preprocessed.local.len(), !local_only, |o| &mut o.preprocessed),
        ("main", chip.main.local.len(), !local_only, |o| &mut o.main),
        ("permutation", chip.permutation.local.len(), true, |o| &mut o.permutation),
    ];
    for (trace, width, next_opened, get) in traces {
        for next in [false, true] {
            let row = if next { "next" } else { "local" };
            for edit in Edit::spread(width) {
                if next && !next_opened && !edit.changes_shape() {
                    continue;
                }
                m.shard(s, format!("{name} {trace}.{row}{}", edit.label()), |p| {
                    let values = get(chip_mut(p, c));
                    edit.apply(if next { &mut values.next } else { &mut values.local });
                });
            }
        }
    }

    for edit in Edit::spread(chip.quotient[0].len()) {
        m.shard(s, format!("{name} quotient[0]{}", edit.label()), |p| {
            edit.apply(&mut chip_mut(p, c).quotient[0])
        });
    }
    let last = chip.quotient.len() - 1;
    if last > 0 {
        m.shard(s, format!("{name} quotient[{last}][0] + 1"), |p| {
            chip_mut(p, c).quotient[last][0] += Ext::one()
        });
    }
    m.resize(s, &format!("{name} quotient"), |p| &mut chip_mut(p, c).quotient);

    m.shard(s, format!("{name} local_cumulative_sum + 1"), |p| {
        chip_mut(p, c).local_cumulative_sum += Ext::one()
    });
    m.shard(s, format!("{name} local_cumulative_sum = 0"), |p| {
        chip_mut(p, c).local_cumulative_sum = Ext::zero()
    });
    m.shard(s, format!("{name} global_cumulative_sum.x[0] + 1"), |p| {
        chip_mut(p, c).global_cumulative_sum.0.x.0[0] += BabyBear::one()
    });
    m.shard(s, format!("{name} global_cumulative_sum.y[6] + 1"), |p| {
        chip_mut(p, c).global_cumulative_sum.0.y.0[6] += BabyBear::one()
    });
    m.shard(s, format!("{name} global_cumulative_sum = zero point"), |p| {
        chip_mut(p, c).global_cumulative_sum = SepticDigest::zero()
    });

    // Past the two-adicity of BabyBear (27), as well as one up and one down.
    let degree = chip.log_degree;
    for (label, value) in [("+ 1", degree + 1), ("- 1", degree.saturating_sub(1)), ("= 28", 28)] {
        m.shard(s, format!("{name} log_degree {label}"), |p| chip_mut(p, c).log_degree = value);
    }
}

/// The FRI proof (commit-phase commitments, per-query folding steps, final polynomial, proof of
/// work) and the input openings (per query, per round: opened rows and their Merkle paths).
fn opening_proof(m: &mut Mutator, s: usize) {
    m.family = "opening proof";
    let proof = &m.shards()[s].opening_proof;
    let fri: fn(&mut Shard) -> &mut _ = |p| &mut p.opening_proof.fri_proof;

    for k in spread(proof.fri_proof.commit_phase_commits.len()) {
        m.shard(s, format!("commit_phase_commits[{k}][0] + 1"), |p| {
            edit_digest(&mut fri(p).commit_phase_commits[k], |d| d[0] += BabyBear::one())
        });
    }
    m.resize(s, "commit_phase_commits", |p| &mut fri(p).commit_phase_commits);

    let steps: fn(&mut Shard, usize) -> &mut Vec<_> =
        |p, q| &mut p.opening_proof.fri_proof.query_proofs[q].commit_phase_openings;
    for (q, query) in spread_of(&proof.fri_proof.query_proofs) {
        for (k, step) in spread_of(&query.commit_phase_openings) {
            let field = format!("query_proofs[{q}].commit_phase_openings[{k}]");
            m.shard(s, format!("{field}.sibling_value + 1"), |p| {
                steps(p, q)[k].sibling_value += Ext::one()
            });
            let i = step.opening_proof.len() / 2;
            m.shard(s, format!("{field}.opening_proof[{i}][0] + 1"), |p| {
                steps(p, q)[k].opening_proof[i][0] += BabyBear::one()
            });
        }
    }
    m.resize(s, "query_proofs[0].commit_phase_openings", |p| steps(p, 0));
    m.resize(s, "query_proofs[0].commit_phase_openings[0].opening_proof", |p| {
        &mut steps(p, 0)[0].opening_proof
    });
    m.resize(s, "query_proofs", |p| &mut fri(p).query_proofs);

    m.shard(s, "final_poly + 1", |p| fri(p).final_poly += Ext::one());
    m.shard(s, "final_poly = 0", |p| fri(p).final_poly = Ext::zero());
    m.shard(s, "pow_witness + 1", |p| fri(p).pow_witness += BabyBear::one());
    m.shard(s, "pow_witness = 0", |p| fri(p).pow_witness = BabyBear::zero());

    // One batch opening per commitment: the preprocessed, main, permutation and quotient
    // traces, in this order.
    const ROUNDS: [&str; 4] = ["preprocessed", "main", "permutation", "quotient"];
    let opening: fn(&mut Shard, usize, usize) -> &mut _ =
        |p, q, r| &mut p.opening_proof.query_openings[q][r];
    for (q, query) in spread_of(&proof.query_openings) {
        for (r, batch) in query.iter().enumerate() {
            let field = format!("query_openings[{q}] {} round", ROUNDS[r]);
            let matrix = batch.opened_values.len() / 2;
            let i = batch.opened_values[matrix].len() / 2;
            m.shard(s, format!("{field} opened_values[{matrix}][{i}] + 1"), |p| {
                opening(p, q, r).opened_values[matrix][i] += BabyBear::one()
            });
            let i = batch.opening_proof.len() / 2;
            m.shard(s, format!("{field} opening_proof[{i}][0] + 1"), |p| {
                opening(p, q, r).opening_proof[i][0] += BabyBear::one()
            });
        }
    }
    for (r, batch) in proof.query_openings[0].iter().enumerate() {
        let field = format!("query_openings[0] {} round", ROUNDS[r]);
        let matrix = batch.opened_values.len() / 2;
        m.resize(s, &format!("{field} opened_values"), |p| &mut opening(p, 0, r).opened_values);
        m.resize(s, &format!("{field} opened_values[{matrix}]"), |p| {
            &mut opening(p, 0, r).opened_values[matrix]
        });
        m.resize(s, &format!("{field} opening_proof"), |p| &mut opening(p, 0, r).opening_proof);
    }
    m.resize(s, "query_openings[0]", |p| &mut p.opening_proof.query_openings[0]);
    m.resize(s, "query_openings", |p| &mut p.opening_proof.query_openings);
}

/// [`spread`] of a vector's indices, with the elements.
fn spread_of<T>(values: &[T]) -> impl Iterator<Item = (usize, &T)> {
    spread(values.len()).into_iter().map(|i| (i, &values[i]))
}

fn public_values(shard: &mut Shard) -> &mut ShardPublicValues {
    shard.public_values.as_mut_slice().borrow_mut()
}

/// Words of every field of `PublicValues`, all within the first `num_pv_elts` words that the
/// challenger observes. The vector's tail past them is unbound in stock SP1 too, so it is left
/// alone; only cutting into the bound words is tried.
fn shard_public_values(m: &mut Mutator, s: usize) {
    m.family = "shard public values";
    let fields: [(&str, fn(&mut ShardPublicValues) -> &mut BabyBear); 22] = [
        ("committed_value_digest[0][0]", |pv| &mut pv.committed_value_digest[0].0[0]),
        ("committed_value_digest[3][2]", |pv| &mut pv.committed_value_digest[3].0[2]),
        ("committed_value_digest[7][3]", |pv| &mut pv.committed_value_digest[7].0[3]),
        ("deferred_proofs_digest[0]", |pv| &mut pv.deferred_proofs_digest[0]),
        ("deferred_proofs_digest[7]", |pv| &mut pv.deferred_proofs_digest[7]),
        ("start_pc", |pv| &mut pv.start_pc),
        ("next_pc", |pv| &mut pv.next_pc),
        ("exit_code", |pv| &mut pv.exit_code),
        ("shard", |pv| &mut pv.shard),
        ("execution_shard", |pv| &mut pv.execution_shard),
        ("previous_init_addr_bits[0]", |pv| &mut pv.previous_init_addr_bits[0]),
        ("previous_init_addr_bits[31]", |pv| &mut pv.previous_init_addr_bits[31]),
        ("last_init_addr_bits[0]", |pv| &mut pv.last_init_addr_bits[0]),
        ("last_init_addr_bits[16]", |pv| &mut pv.last_init_addr_bits[16]),
        ("last_init_addr_bits[31]", |pv| &mut pv.last_init_addr_bits[31]),
        ("previous_finalize_addr_bits[0]", |pv| &mut pv.previous_finalize_addr_bits[0]),
        ("previous_finalize_addr_bits[31]", |pv| &mut pv.previous_finalize_addr_bits[31]),
        ("last_finalize_addr_bits[0]", |pv| &mut pv.last_finalize_addr_bits[0]),
        ("last_finalize_addr_bits[16]", |pv| &mut pv.last_finalize_addr_bits[16]),
        ("last_finalize_addr_bits[31]", |pv| &mut pv.last_finalize_addr_bits[31]),
        ("empty[0]", |pv| &mut pv.empty[0]),
        ("empty[2]", |pv| &mut pv.empty[2]),
    ];
    for (name, get) in fields {
        m.shard(s, format!("{name} + 1"), |p| *get(public_values(p)) += BabyBear::one());
        m.shard(s, format!("{name} = 0"), |p| *get(public_values(p)) = BabyBear::zero());
    }
    m.shard(s, format!("public_values cut to {} words", SP1_PROOF_NUM_PV_ELTS - 1), |p| {
        p.public_values.truncate(SP1_PROOF_NUM_PV_ELTS - 1)
    });
}

/// The chip ordering (which opened values belong to which chip), whole chips, and the shards
/// themselves.
fn shard_metadata(m: &mut Mutator, machine: &MachineChips) {
    m.family = "shard metadata";
    let shard = &m.shards()[0];
    let names = chip_names(shard);
    let (first, last) = (names[0].clone(), names[names.len() - 1].clone());
    let cpu = names.iter().position(|name| name == "Cpu").expect("the first shard has a CPU");
    let beside_cpu = names[if cpu + 1 < names.len() { cpu + 1 } else { cpu - 1 }].clone();
    let absent = machine.names.iter().find(|name| !names.contains(name)).cloned();

    let swap = |p: &mut Shard, a: &str, b: &str| {
        let (i, j) = (p.chip_ordering[a], p.chip_ordering[b]);
        p.chip_ordering.insert(a.to_string(), j);
        p.chip_ordering.insert(b.to_string(), i);
    };
    m.shard(0, format!("chip_ordering swap {first} and {last}"), |p| swap(p, &first, &last));
    m.shard(0, format!("chip_ordering swap Cpu and {beside_cpu}"), |p| {
        swap(p, "Cpu", &beside_cpu)
    });
    let rename = |p: &mut Shard, from: &str, to: &str| {
        let index = p.chip_ordering.remove(from).expect("a chip of the shard");
        p.chip_ordering.insert(to.to_string(), index);
    };
    m.shard(0, format!("chip_ordering rename {first} to NotAChip"), |p| {
        rename(p, &first, "NotAChip")
    });
    if let Some(absent) = &absent {
        m.shard(0, format!("chip_ordering rename Cpu to {absent}"), |p| {
            rename(p, "Cpu", absent)
        });
        m.shard(0, format!("chip_ordering add {absent}"), |p| {
            p.chip_ordering.insert(absent.clone(), names.len());
        });
    }
    m.shard(0, "chip_ordering remove Cpu", |p| {
        p.chip_ordering.remove("Cpu");
    });
    m.shard(0, format!("chip_ordering Cpu = {}", names.len()), |p| {
        p.chip_ordering.insert("Cpu".into(), names.len());
    });

    for c in spread(names.len()) {
        m.shard(0, format!("remove chip {}", names[c]), |p| {
            p.opened_values.chips.remove(c);
            p.chip_ordering.retain(|_, index| *index != c);
            for index in p.chip_ordering.values_mut().filter(|index| **index > c) {
                *index -= 1;
            }
        });
    }
    m.shard(0, format!("remove the opened values of {last} only"), |p| {
        p.opened_values.chips.pop();
    });

    let shards = m.shards().len();
    for i in spread(shards) {
        m.all_shards(format!("drop shard {i}"), |shards| {
            shards.remove(i);
        });
        m.all_shards(format!("duplicate shard {i}"), |shards| shards.insert(i, shards[i].clone()));
    }
    if shards > 1 {
        m.all_shards("swap shards 0 and 1", |shards| shards.swap(0, 1));
    }
}

/// The file's own fields: the public values the program committed to, and the circuit version.
fn proof_file(m: &mut Mutator) {
    m.family = "proof file";
    let values = m.base.public_values.to_vec();
    let with = |change: &dyn Fn(&mut Vec<u8>)| {
        let mut values = values.clone();
        change(&mut values);
        sp1_wasm::SP1PublicValues::from(&values)
    };
    for i in spread(values.len()) {
        m.proof(format!("public_values[{i}] ^ 1"), |p| p.public_values = with(&|v| v[i] ^= 1));
    }
    m.proof("public_values append a byte", |p| p.public_values = with(&|v| v.push(0)));
    m.proof("public_values drop the last byte", |p| {
        p.public_values = with(&|v| {
            v.pop();
        })
    });
    for version in ["v4.0.0", "", "v5.0.1"] {
        m.proof(format!("sp1_version = {version:?}"), |p| p.sp1_version = version.into());
    }
}

enum Outcome {
    Rejected(ErrorCode),
    Accepted,
    /// Where it panicked, and the message.
    Panicked(String),
}

/// Verifies every mutant, each from its bytes as the wasm verifier would, on the Rayon pool.
fn verify_all(prover: &CoreProver, vk: &VerifyingKey, mutants: &[Mutant]) -> Vec<Outcome> {
    record_panics();
    mutants.par_iter().map(|mutant| verify(prover, vk, &mutant.proof)).collect()
}

thread_local! {
    /// Set while this thread verifies a mutant: its panics are recorded, not printed.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic hook that keeps the location of a caught panic (the payload has only the message).
/// Panics outside [`verify`] still go to the default hook.
fn record_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.get() {
                LAST_PANIC.set(Some(info.to_string().replace('\n', " ")));
            } else {
                default(info);
            }
        }));
    });
}

fn verify(prover: &CoreProver, vk: &VerifyingKey, bytes: &[u8]) -> Outcome {
    CATCHING.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        SP1ProofWithPublicValues::from_bytes(bytes).and_then(|proof| prover.verify(&proof, vk))
    }));
    CATCHING.set(false);
    match result {
        Ok(Ok(())) => Outcome::Accepted,
        Ok(Err(error)) => Outcome::Rejected(error.code()),
        Err(payload) => Outcome::Panicked(LAST_PANIC.take().unwrap_or_else(|| {
            let message = payload.downcast_ref::<&str>().map(|s| s.to_string());
            message.or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default()
        })),
    }
}

/// The codes a bad proof is rejected with, natively and in the browser.
const REJECTED: [ErrorCode; 3] =
    [ErrorCode::InvalidProof, ErrorCode::UnsupportedProof, ErrorCode::VerificationFailed];

/// Per family (in the order they were first built): mutants and how many were rejected as a bad
/// proof should be. Then every other mutant: accepted, panicked, or rejected with another code.
struct Report {
    families: Vec<(&'static str, usize, usize)>,
    findings: Vec<String>,
}

impl Report {
    fn new(mutants: &[Mutant], outcomes: &[Outcome]) -> Self {
        let mut report = Report { families: Vec::new(), findings: Vec::new() };
        for (mutant, outcome) in mutants.iter().zip(outcomes) {
            let counts = match report.families.iter().position(|(f, ..)| *f == mutant.family) {
                Some(i) => &mut report.families[i],
                None => {
                    report.families.push((mutant.family, 0, 0));
                    report.families.last_mut().expect("just pushed")
                }
            };
            counts.1 += 1;
            let what = format!("{} / {}", mutant.family, mutant.field);
            match outcome {
                Outcome::Rejected(code) if REJECTED.contains(code) => counts.2 += 1,
                Outcome::Rejected(code) => {
                    report.findings.push(format!("REJECTED AS {}  {what}", code.as_str()))
                }
                Outcome::Accepted => report.findings.push(format!("ACCEPTED  {what}")),
                Outcome::Panicked(at) => report.findings.push(format!("PANICKED  {what}: {at}")),
            }
        }
        report
    }

    fn rejected(&self) -> usize {
        self.families.iter().map(|(_, _, rejected)| rejected).sum()
    }
}

#[cfg(test)]
mod tests {
    use sp1_wasm::ProveOptions;

    use super::*;

    #[test]
    fn every_mutant_of_a_fibonacci_proof_is_rejected_with_an_error() {
        let prover = CoreProver::new();
        let keys = prover.setup(Guest::Fibonacci.elf()).unwrap();
        let stdin = Guest::Fibonacci.stdin_from_json("10").unwrap();
        let options = ProveOptions::default();
        let proof = prover.prove(&keys, &stdin, &options, &mut |_| {}).unwrap().proof;
        prover.verify(&proof, &keys.vk).unwrap();

        let mutants = mutants(&proof, &MachineChips::riscv());
        assert!(mutants.len() > 150, "only {} mutants", mutants.len());
        let report = Report::new(&mutants, &verify_all(&prover, &keys.vk, &mutants));
        assert!(report.findings.is_empty(), "\n{}", report.findings.join("\n"));
    }
}
