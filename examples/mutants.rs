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

use std::{borrow::BorrowMut, collections::HashSet, path::PathBuf, process::ExitCode, time::Instant};

use anyhow::Context;
use clap::Parser;
use p3_baby_bear::BabyBear;
use p3_field::{AbstractField, Field};
use sp1_core_machine::riscv::RiscvAir;
use sp1_stark::{
    air::{MachineAir, PublicValues, SP1_PROOF_NUM_PV_ELTS},
    septic_digest::SepticDigest,
    AirOpenedValues, Challenge, ChipOpenedValues, Com, CoreSC, SP1Proof, ShardProof, Word,
    DIGEST_SIZE,
};
use sp1_wasm_mutation::{
    public_value_bytes_mutants, spread, spread_of, verify_all, write_mutants, Edit, Mutant,
    ProofFormat, Verdict,
};
use sp1_wasm::{guests::Guest, CoreProver, ErrorCode, SP1ProofWithPublicValues, VerifyingKey};

type Shard = ShardProof<CoreSC>;
type Ext = Challenge<CoreSC>;
type Opened = ChipOpenedValues<BabyBear, Ext>;
type ShardPublicValues = PublicValues<Word<BabyBear>, BabyBear>;
type Mutator<'a> = sp1_wasm_mutation::Mutator<'a, SP1ProofWithPublicValues, Shard>;

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
    write_mutants(&cli.out, &mutants).map_err(anyhow::Error::msg)?;
    let start = Instant::now();
    let report = verify_all(&mutants, |bytes| verify(&prover, &keys.vk, bytes));
    println!("native verification of {} mutants: {:.1} s", mutants.len(), start.elapsed().as_secs_f64());
    report.print("native verifier");
    Ok(report.findings.is_empty())
}

/// Every mutant of `base`, family by family. The shard-level families are applied to the first,
/// middle and last shard.
fn mutants(base: &SP1ProofWithPublicValues, machine: &MachineChips) -> Vec<Mutant> {
    let format = ProofFormat {
        encode: SP1ProofWithPublicValues::to_bytes,
        shards: |proof: &SP1ProofWithPublicValues| match &proof.proof {
            SP1Proof::Core(shards) => Some(shards),
            _ => None,
        },
        shards_mut: |proof: &mut SP1ProofWithPublicValues| match &mut proof.proof {
            SP1Proof::Core(shards) => Some(shards),
            _ => None,
        },
    };
    let mut m = Mutator::new(base, format);
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

/// `edit` on a vector of this version's field elements.
fn apply<F: Field>(edit: Edit, values: &mut Vec<F>) {
    edit.apply_with(values, F::zero(), |value| *value += F::one());
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
                    apply(edit, if next { &mut values.next } else { &mut values.local });
                });
            }
        }
    }

    for edit in Edit::spread(chip.quotient[0].len()) {
        m.shard(s, format!("{name} quotient[0]{}", edit.label()), |p| {
            apply(edit, &mut chip_mut(p, c).quotient[0])
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
    for (field, values) in public_value_bytes_mutants(&m.base().public_values.to_vec()) {
        m.proof(field, |p| p.public_values = sp1_wasm::SP1PublicValues::from(&values));
    }
    for version in ["v4.0.0", "", "v5.0.1"] {
        m.proof(format!("sp1_version = {version:?}"), |p| p.sp1_version = version.into());
    }
}

/// The codes a bad proof is rejected with, natively and in the browser.
const REJECTED: [ErrorCode; 3] =
    [ErrorCode::InvalidProof, ErrorCode::UnsupportedProof, ErrorCode::VerificationFailed];

fn verify(prover: &CoreProver, vk: &VerifyingKey, bytes: &[u8]) -> Verdict {
    match SP1ProofWithPublicValues::from_bytes(bytes).and_then(|proof| prover.verify(&proof, vk)) {
        Ok(()) => Verdict::Accepted,
        Err(error) if REJECTED.contains(&error.code()) => Verdict::Rejected,
        Err(error) => Verdict::RejectedAs(error.code().as_str().to_string()),
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
        let report = verify_all(&mutants, |bytes| verify(&prover, &keys.vk, bytes));
        assert!(report.findings.is_empty(), "\n{}", report.findings.join("\n"));
    }
}
