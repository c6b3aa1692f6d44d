//! A soundness check of the SP1 6 core verifier by proof mutation, the sibling of SP1 5's
//! `examples/mutants.rs`. A valid proof is decoded, one thing in its structure is changed (a
//! commitment, an opened value, a piece of the LogUp-GKR, zerocheck or evaluation proof, a shard
//! public value, the shard metadata, a field of the file itself), and it is encoded again: every
//! mutant is well-formed bincode, so it reaches the verifier and not just the decoder. Each must
//! be rejected with an error by this project's verifier (`sp1_wasm_v6::verify`, the code the
//! wasm module runs). A panic is a finding too: in the browser it would trap the wasm instance
//! instead of returning an error.
//!
//! `mutants --elf guest.elf --proof proof.bin --out dir` verifies every mutant natively and
//! writes them, with a `manifest.json`, for `mutants-in-browser.mjs` to feed the wasm verifier.

use std::{
    borrow::BorrowMut,
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::ExitCode,
    time::Instant,
};

use clap::Parser;
use slop_algebra::{AbstractField, Field};
use slop_sumcheck::PartialSumcheckProof;
use sp1_core_machine::riscv::RiscvAir;
use sp1_hypercube::{
    air::{MachineAir, PublicValues},
    create_dummy_recursion_proof, ChipEvaluation, ChipOpenedValues, LogupGkrRoundProof,
    SP1VerifyingKey, DIGEST_SIZE, PROOF_MAX_NUM_PVS,
};
use sp1_primitives::{io::SP1PublicValues, SP1ExtensionField, SP1Field};
use sp1_sdk::{SP1Proof, SP1ProofWithPublicValues};
use sp1_wasm_mutation::{
    public_value_bytes_mutants, spread, spread_of, verify_all, write_mutants, Edit, Mutant,
    ProofFormat, Verdict,
};
use sp1_wasm_v6::{
    core_proof,
    verify::{verify_proof, CoreShardProof, CoreVerifyingKey},
};

type Shard = CoreShardProof;
type Ext = SP1ExtensionField;
type Opened = ChipOpenedValues<SP1Field, Ext>;
type Sumcheck = PartialSumcheckProof<Ext>;
type Digest = [SP1Field; DIGEST_SIZE];
type Mutator<'a> = sp1_wasm_mutation::Mutator<'a, SP1ProofWithPublicValues, Shard>;
type ShardPublicValues = PublicValues<[SP1Field; 4], [SP1Field; 3], [SP1Field; 4], SP1Field>;

#[derive(Parser)]
#[command(about = "Mutate an SP1 6 core proof structurally; every mutant must be rejected")]
struct Cli {
    /// The program's ELF (RV64IM), for its verifying key.
    #[arg(long)]
    elf: PathBuf,
    /// A valid core proof of it (stock `SP1ProofWithPublicValues`, bincode).
    #[arg(long)]
    proof: PathBuf,
    /// Where to write the mutants (`NNN.bin`) and `manifest.json`.
    #[arg(long)]
    out: PathBuf,
}

// Stock's prover runs its blocking steps through the tokio runtime of its caller: the setup that
// makes the verifying key.
#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Whether every mutant was rejected with an error.
fn run(cli: Cli) -> Result<bool, String> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let proof: SP1ProofWithPublicValues = bincode::deserialize(&read(&cli.proof)?)
        .map_err(|e| format!("{} is not an SP1 6 proof file: {e}", cli.proof.display()))?;
    if !matches!(proof.proof, SP1Proof::Core(_)) {
        return Err(format!("{} is not a core proof", cli.proof.display()));
    }
    let vk = core_proof::setup(&read(&cli.elf)?)
        .map_err(|e| format!("no verifying key for {}: {e}", cli.elf.display()))?
        .vk;
    verify_proof(&encode(&proof), &vk).map_err(|e| format!("the original proof must verify: {e}"))?;

    let mutants = mutants(&proof, &vk);
    write_mutants(&cli.out, &mutants)?;
    let start = Instant::now();
    // Every error of `verify_proof` is a rejection: its codes are INVALID_PROOF,
    // UNSUPPORTED_PROOF and VERIFICATION_FAILED. (slop-basefold's verifier prints a line,
    // `failed in …`, for some of the sumcheck mutants.)
    let report = verify_all(&mutants, |bytes| match verify_proof(bytes, &vk) {
        Ok(_) => Verdict::Accepted,
        Err(_) => Verdict::Rejected,
    });
    println!("native verification of {} mutants: {:.1} s", mutants.len(), start.elapsed().as_secs_f64());
    report.print("native verifier");
    Ok(report.findings.is_empty())
}

/// A proof file as stock's `save` writes it.
fn encode(proof: &SP1ProofWithPublicValues) -> Vec<u8> {
    bincode::serialize(proof).expect("a proof serializes")
}

/// Every mutant of `base`, family by family. The shard-level families are applied to the first,
/// middle and last shard.
fn mutants(base: &SP1ProofWithPublicValues, vk: &CoreVerifyingKey) -> Vec<Mutant> {
    let format = ProofFormat {
        encode,
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
        opened_values(&mut m, s);
        logup_gkr(&mut m, s);
        zerocheck(&mut m, s);
        evaluation_proof(&mut m, s);
        shard_public_values(&mut m, s);
    }
    shard_metadata(&mut m);
    proof_file(&mut m, vk);
    m.mutants
}

/// `edit` on a vector of this version's field elements.
fn apply<F: Field>(edit: Edit, values: &mut Vec<F>) {
    edit.apply_with(values, F::zero(), |value| *value += F::one());
}

/// `edit` on a holder of field elements other than a `Vec` (a `Point`, an `MleEval`, an `Mle`),
/// whose storage is private (an `MleEval`'s is behind an unsafe accessor): on a copy of its
/// values, put back through its `From<Vec<_>>`, which gives the shape the verifier expects of
/// each (one dimension, or a column for an `Mle`).
fn edit_as_vec<F: Field, C: From<Vec<F>>>(
    holder: &mut C,
    to_vec: impl FnOnce(&C) -> Vec<F>,
    edit: Edit,
) {
    let mut values = to_vec(holder);
    apply(edit, &mut values);
    *holder = values.into();
}

/// A digest's first and last element plus one, and the digest zeroed.
fn mutate_digest(m: &mut Mutator, s: usize, field: &str, get: impl Fn(&mut Shard) -> &mut Digest) {
    for i in [0, DIGEST_SIZE - 1] {
        m.shard(s, format!("{field}[{i}] + 1"), |p| get(p)[i] += SP1Field::one());
    }
    m.shard(s, format!("{field} = 0"), |p| *get(p) = [SP1Field::zero(); DIGEST_SIZE]);
}

/// A sumcheck proof: its round polynomials, the sum it claims, and the point and value it
/// reduces to. The zerocheck and each LogUp-GKR round are one; the jagged PCS has two.
fn sumcheck(
    m: &mut Mutator,
    s: usize,
    field: &str,
    proof: &Sumcheck,
    get: impl Fn(&mut Shard) -> &mut Sumcheck,
) {
    for k in spread(proof.univariate_polys.len()) {
        m.shard(s, format!("{field}.univariate_polys[{k}].coefficients[0] + 1"), |p| {
            get(p).univariate_polys[k].coefficients[0] += Ext::one()
        });
    }
    m.resize(s, &format!("{field}.univariate_polys[0].coefficients"), |p| {
        &mut get(p).univariate_polys[0].coefficients
    });
    m.resize(s, &format!("{field}.univariate_polys"), |p| &mut get(p).univariate_polys);
    m.shard(s, format!("{field}.claimed_sum + 1"), |p| get(p).claimed_sum += Ext::one());
    for edit in Edit::spread(proof.point_and_eval.0.dimension()) {
        m.shard(s, format!("{field}.point_and_eval.0{}", edit.label()), |p| {
            edit_as_vec(&mut get(p).point_and_eval.0, |point| point.to_vec(), edit)
        });
    }
    m.shard(s, format!("{field}.point_and_eval.1 + 1"), |p| get(p).point_and_eval.1 += Ext::one());
}

fn chip<'p>(shard: &'p mut Shard, name: &str) -> &'p mut Opened {
    shard.opened_values.chips.get_mut(name).expect("a chip of the shard")
}

fn chip_evaluation<'p>(shard: &'p mut Shard, name: &str) -> &'p mut ChipEvaluation<Ext> {
    let openings = &mut shard.logup_gkr_proof.logup_evaluations.chip_openings;
    openings.get_mut(name).expect("a chip of the shard")
}

/// The chips of a spread: the first, middle and last by name, and the first with a preprocessed
/// trace (whose openings have a part the others lack).
fn chip_spread<'c, V>(
    chips: &'c BTreeMap<String, V>,
    preprocessed: impl Fn(&V) -> bool,
) -> Vec<&'c str> {
    let names: Vec<&str> = chips.keys().map(String::as_str).collect();
    let mut indices = spread(names.len());
    indices.extend(chips.values().position(preprocessed));
    indices.sort_unstable();
    indices.dedup();
    indices.into_iter().map(|i| names[i]).collect()
}

/// The main trace's commitment, and the jagged PCS's commitments to the preprocessed and main
/// rounds before the tables' shapes are hashed in (the verifier hashes them in and compares with
/// the verifying key's preprocessed commitment and the main one).
fn commitments(m: &mut Mutator, s: usize) {
    m.family = "commitments";
    mutate_digest(m, s, "main_commitment", |p| &mut p.main_commitment);
    let rounds = m.shards()[s].evaluation_proof.merkle_tree_commitments.rounds.len();
    for r in 0..rounds {
        mutate_digest(m, s, &format!("merkle_tree_commitments[{r}]"), |p| {
            &mut p.evaluation_proof.merkle_tree_commitments.rounds[r]
        });
    }
    m.resize(s, "merkle_tree_commitments", |p| {
        &mut p.evaluation_proof.merkle_tree_commitments.rounds
    });
}

/// One main value of every chip, then every opened value of a spread of chips.
fn opened_values(m: &mut Mutator, s: usize) {
    m.family = "opened values";
    let chips = &m.shards()[s].opened_values.chips;
    for (name, opened) in chips {
        let i = opened.main.local.len() / 2;
        m.shard(s, format!("{name} main.local[{i}] + 1"), |p| {
            chip(p, name).main.local[i] += Ext::one()
        });
    }
    for name in chip_spread(chips, |opened| !opened.preprocessed.local.is_empty()) {
        chip_opened_values(m, s, name, &chips[name]);
    }
}

/// Every opened value of one chip: its preprocessed and main traces at the shard's random point,
/// and its height (bits, most significant first).
fn chip_opened_values(m: &mut Mutator, s: usize, name: &str, opened: &Opened) {
    let traces: [(&str, usize, fn(&mut Opened) -> &mut Vec<Ext>); 2] = [
        ("preprocessed", opened.preprocessed.local.len(), |o| &mut o.preprocessed.local),
        ("main", opened.main.local.len(), |o| &mut o.main.local),
    ];
    for (trace, width, get) in traces {
        for edit in Edit::spread(width) {
            m.shard(s, format!("{name} {trace}.local{}", edit.label()), |p| {
                apply(edit, get(chip(p, name)))
            });
        }
    }

    let degree = &opened.degree;
    for edit in Edit::spread(degree.dimension()) {
        m.shard(s, format!("{name} degree{}", edit.label()), |p| {
            edit_as_vec(&mut chip(p, name).degree, |bits| bits.to_vec(), edit)
        });
    }
    // The bump above makes a set bit two, which is no height; this makes it another height.
    let last = degree.dimension() - 1;
    if *degree[last] == SP1Field::one() {
        m.shard(s, format!("{name} degree[{last}] = 0"), |p| {
            *chip(p, name).degree[last] = SP1Field::zero()
        });
    }
}

/// The LogUp-GKR proof: the circuit's output (the fractions the shard's interactions sum to), its
/// rounds (four values and a sumcheck each), the evaluations of a spread of chips' traces at its
/// last point, and its proof-of-work witness.
fn logup_gkr(m: &mut Mutator, s: usize) {
    m.family = "logup gkr";
    let proof = &m.shards()[s].logup_gkr_proof;
    let gkr: fn(&mut Shard) -> &mut _ = |p| &mut p.logup_gkr_proof;

    let output = &proof.circuit_output;
    let outputs: [(&str, usize, fn(&mut Shard) -> &mut _); 2] = [
        ("numerator", output.numerator.guts().total_len(), |p| {
            &mut p.logup_gkr_proof.circuit_output.numerator
        }),
        ("denominator", output.denominator.guts().total_len(), |p| {
            &mut p.logup_gkr_proof.circuit_output.denominator
        }),
    ];
    for (name, len, get) in outputs {
        for edit in Edit::spread(len) {
            m.shard(s, format!("circuit_output.{name}{}", edit.label()), |p| {
                edit_as_vec(get(p), |mle| mle.guts().as_slice().to_vec(), edit)
            });
        }
    }

    let values: [(&str, fn(&mut LogupGkrRoundProof<Ext>) -> &mut Ext); 4] = [
        ("numerator_0", |round| &mut round.numerator_0),
        ("numerator_1", |round| &mut round.numerator_1),
        ("denominator_0", |round| &mut round.denominator_0),
        ("denominator_1", |round| &mut round.denominator_1),
    ];
    for (r, round) in spread_of(&proof.round_proofs) {
        for (name, get) in values {
            m.shard(s, format!("round_proofs[{r}].{name} + 1"), |p| {
                *get(&mut gkr(p).round_proofs[r]) += Ext::one()
            });
        }
        let field = format!("round_proofs[{r}].sumcheck_proof");
        sumcheck(m, s, &field, &round.sumcheck_proof, |p| {
            &mut gkr(p).round_proofs[r].sumcheck_proof
        });
    }
    m.resize(s, "round_proofs", |p| &mut gkr(p).round_proofs);

    for edit in Edit::spread(proof.logup_evaluations.point.dimension()) {
        m.shard(s, format!("logup_evaluations.point{}", edit.label()), |p| {
            edit_as_vec(&mut gkr(p).logup_evaluations.point, |point| point.to_vec(), edit)
        });
    }
    let openings = &proof.logup_evaluations.chip_openings;
    for name in chip_spread(openings, |e| e.preprocessed_trace_evaluations.is_some()) {
        chip_evaluations(m, s, name, &openings[name]);
    }

    m.shard(s, "witness + 1", |p| gkr(p).witness += SP1Field::one());
    m.shard(s, "witness = 0", |p| gkr(p).witness = SP1Field::zero());
}

/// One chip's evaluations at the LogUp-GKR's last point: its main trace's, and its preprocessed
/// trace's (none for a chip without one).
fn chip_evaluations(m: &mut Mutator, s: usize, name: &str, evaluation: &ChipEvaluation<Ext>) {
    let field = format!("logup_evaluations {name} main_trace_evaluations");
    for edit in Edit::spread(evaluation.main_trace_evaluations.len()) {
        m.shard(s, format!("{field}{}", edit.label()), |p| {
            let main = &mut chip_evaluation(p, name).main_trace_evaluations;
            edit_as_vec(main, |e| e.to_vec(), edit)
        });
    }
    let field = format!("logup_evaluations {name} preprocessed_trace_evaluations");
    match &evaluation.preprocessed_trace_evaluations {
        Some(preprocessed) => {
            for edit in Edit::spread(preprocessed.len()) {
                m.shard(s, format!("{field}{}", edit.label()), |p| {
                    let evaluations = &mut chip_evaluation(p, name).preprocessed_trace_evaluations;
                    let evaluations = evaluations.as_mut().expect("a preprocessed chip");
                    edit_as_vec(evaluations, |e| e.to_vec(), edit)
                });
            }
            m.shard(s, format!("{field} = None"), |p| {
                chip_evaluation(p, name).preprocessed_trace_evaluations = None
            });
        }
        None => m.shard(s, format!("{field} = Some([])"), |p| {
            let empty = Vec::<Ext>::new().into();
            chip_evaluation(p, name).preprocessed_trace_evaluations = Some(empty)
        }),
    }
}

/// The zerocheck: the sumcheck that every chip's constraints vanish on its rows, down to the
/// opened values.
fn zerocheck(m: &mut Mutator, s: usize) {
    m.family = "zerocheck";
    let proof = &m.shards()[s].zerocheck_proof;
    sumcheck(m, s, "zerocheck_proof", proof, |p| &mut p.zerocheck_proof);
}

/// The jagged PCS proof (its two sumchecks, the evaluation it claims, the tables' shapes) and the
/// stacked BaseFold proof under it (batch evaluations, sumcheck messages, FRI commitments, the
/// query openings with their Merkle paths, final polynomial, proof-of-work witnesses).
fn evaluation_proof(m: &mut Mutator, s: usize) {
    m.family = "evaluation proof";
    let proof = &m.shards()[s].evaluation_proof;
    let jagged: fn(&mut Shard) -> &mut _ = |p| &mut p.evaluation_proof;

    sumcheck(m, s, "sumcheck_proof", &proof.sumcheck_proof, |p| &mut jagged(p).sumcheck_proof);
    let eval_proof = &proof.jagged_eval_proof.partial_sumcheck_proof;
    sumcheck(m, s, "jagged_eval_proof", eval_proof, |p| {
        &mut jagged(p).jagged_eval_proof.partial_sumcheck_proof
    });
    m.shard(s, "expected_eval + 1", |p| jagged(p).expected_eval += Ext::one());
    let sizes: [(&str, fn(&mut Shard) -> &mut usize); 2] = [
        ("max_log_row_count", |p| &mut p.evaluation_proof.max_log_row_count),
        ("log_m", |p| &mut p.evaluation_proof.log_m),
    ];
    for (name, get) in sizes {
        m.shard(s, format!("{name} + 1"), |p| *get(p) += 1);
        m.shard(s, format!("{name} - 1"), |p| *get(p) -= 1);
    }

    // Per round (preprocessed, main), (rows, columns) of each chip's table and then of the two
    // padding tables: hashed into the commitments the verifier compares.
    for (r, tables) in proof.row_counts_and_column_counts.rounds.iter().enumerate() {
        let field = format!("row_counts_and_column_counts[{r}]");
        for t in spread(tables.len()) {
            m.shard(s, format!("{field}[{t}].0 + 1"), |p| {
                jagged(p).row_counts_and_column_counts.rounds[r][t].0 += 1
            });
            m.shard(s, format!("{field}[{t}].1 + 1"), |p| {
                jagged(p).row_counts_and_column_counts.rounds[r][t].1 += 1
            });
        }
        m.resize(s, &field, |p| &mut jagged(p).row_counts_and_column_counts.rounds[r]);
    }
    m.resize(s, "row_counts_and_column_counts", |p| {
        &mut jagged(p).row_counts_and_column_counts.rounds
    });

    let stacked = &proof.pcs_proof;
    for (r, evaluations) in stacked.batch_evaluations.rounds.iter().enumerate() {
        for edit in Edit::spread(evaluations.len()) {
            m.shard(s, format!("batch_evaluations[{r}]{}", edit.label()), |p| {
                let evaluations = &mut jagged(p).pcs_proof.batch_evaluations.rounds[r];
                edit_as_vec(evaluations, |e| e.to_vec(), edit)
            });
        }
    }
    m.resize(s, "batch_evaluations", |p| &mut jagged(p).pcs_proof.batch_evaluations.rounds);

    let basefold_proof = &stacked.basefold_proof;
    let basefold: fn(&mut Shard) -> &mut _ = |p| &mut p.evaluation_proof.pcs_proof.basefold_proof;
    for k in spread(basefold_proof.univariate_messages.len()) {
        for j in 0..2 {
            m.shard(s, format!("univariate_messages[{k}][{j}] + 1"), |p| {
                basefold(p).univariate_messages[k][j] += Ext::one()
            });
        }
    }
    m.resize(s, "univariate_messages", |p| &mut basefold(p).univariate_messages);
    for k in spread(basefold_proof.fri_commitments.len()) {
        m.shard(s, format!("fri_commitments[{k}][0] + 1"), |p| {
            basefold(p).fri_commitments[k][0] += SP1Field::one()
        });
    }
    m.resize(s, "fri_commitments", |p| &mut basefold(p).fri_commitments);
    m.shard(s, "final_poly + 1", |p| basefold(p).final_poly += Ext::one());
    m.shard(s, "final_poly = 0", |p| basefold(p).final_poly = Ext::zero());
    let witnesses: [(&str, fn(&mut Shard) -> &mut SP1Field); 2] = [
        ("pow_witness", |p| &mut p.evaluation_proof.pcs_proof.basefold_proof.pow_witness),
        ("batch_grinding_witness", |p| {
            &mut p.evaluation_proof.pcs_proof.basefold_proof.batch_grinding_witness
        }),
    ];
    for (name, get) in witnesses {
        m.shard(s, format!("{name} + 1"), |p| *get(p) += SP1Field::one());
        m.shard(s, format!("{name} = 0"), |p| *get(p) = SP1Field::zero());
    }

    // The openings at the queried positions of the committed rounds (one per round) and of the
    // FRI layers (one per fold): values (a query per row), Merkle paths (one per query), the root
    // they lead to and the tree's shape.
    let openings: [(&str, &[_], fn(&mut Shard) -> &mut Vec<_>); 2] = [
        (
            "component_polynomials_query_openings_and_proofs",
            basefold_proof.component_polynomials_query_openings_and_proofs.as_slice(),
            |p| {
                let proof = &mut p.evaluation_proof.pcs_proof.basefold_proof;
                &mut proof.component_polynomials_query_openings_and_proofs
            },
        ),
        (
            "query_phase_openings_and_proofs",
            basefold_proof.query_phase_openings_and_proofs.as_slice(),
            |p| &mut p.evaluation_proof.pcs_proof.basefold_proof.query_phase_openings_and_proofs,
        ),
    ];
    for (name, base_openings, get) in openings {
        for (i, opening) in spread_of(base_openings) {
            let field = format!("{name}[{i}]");
            let value = opening.values.total_len() / 2;
            m.shard(s, format!("{field}.values[{value}] + 1"), |p| {
                get(p)[i].values.as_mut_slice()[value] += SP1Field::one()
            });
            let node = opening.proof.paths.total_len() / 2;
            m.shard(s, format!("{field}.proof.paths[{node}][0] + 1"), |p| {
                get(p)[i].proof.paths.as_mut_slice()[node][0] += SP1Field::one()
            });
            m.shard(s, format!("{field}.proof.merkle_root[0] + 1"), |p| {
                get(p)[i].proof.merkle_root[0] += SP1Field::one()
            });
            m.shard(s, format!("{field}.proof.width + 1"), |p| get(p)[i].proof.width += 1);
            m.shard(s, format!("{field}.proof.log_tensor_height + 1"), |p| {
                get(p)[i].proof.log_tensor_height += 1
            });
        }
        // Shorter tensors are rebuilt whole, values and shape (their `Dimensions` has no public
        // setter), so that they still decode.
        m.shard(s, format!("{name}[0].values without the last query"), |p| {
            let values = &mut get(p)[0].values;
            let (queries, width) = (values.sizes()[0], values.sizes()[1]);
            let kept = values.as_slice()[..(queries - 1) * width].to_vec();
            *values = kept.into();
            values.reshape_in_place([queries - 1, width]);
        });
        m.shard(s, format!("{name}[0].proof.paths one node shorter"), |p| {
            let paths = &mut get(p)[0].proof.paths;
            let (queries, depth) = (paths.sizes()[0], paths.sizes()[1]);
            let shorter: Vec<_> = paths
                .as_slice()
                .chunks(depth)
                .flat_map(|path| path[..depth - 1].iter().copied())
                .collect();
            *paths = shorter.into();
            paths.reshape_in_place([queries, depth - 1]);
        });
        m.resize(s, name, get);
    }
}

fn public_values(shard: &mut Shard) -> &mut ShardPublicValues {
    shard.public_values.as_mut_slice().borrow_mut()
}

/// Elements of every field of SP1 6's `PublicValues` (first, middle or last of the longer ones),
/// then the zero padding past them and the vector's length (the verifier checks both).
fn shard_public_values(m: &mut Mutator, s: usize) {
    m.family = "shard public values";
    let fields: [(&str, fn(&mut ShardPublicValues) -> &mut SP1Field); 49] = [
        ("prev_committed_value_digest[0][0]", |pv| &mut pv.prev_committed_value_digest[0][0]),
        ("committed_value_digest[0][0]", |pv| &mut pv.committed_value_digest[0][0]),
        ("committed_value_digest[3][2]", |pv| &mut pv.committed_value_digest[3][2]),
        ("committed_value_digest[7][3]", |pv| &mut pv.committed_value_digest[7][3]),
        ("prev_deferred_proofs_digest[0]", |pv| &mut pv.prev_deferred_proofs_digest[0]),
        ("deferred_proofs_digest[0]", |pv| &mut pv.deferred_proofs_digest[0]),
        ("deferred_proofs_digest[7]", |pv| &mut pv.deferred_proofs_digest[7]),
        ("pc_start[0]", |pv| &mut pv.pc_start[0]),
        ("pc_start[2]", |pv| &mut pv.pc_start[2]),
        ("next_pc[0]", |pv| &mut pv.next_pc[0]),
        ("prev_exit_code", |pv| &mut pv.prev_exit_code),
        ("exit_code", |pv| &mut pv.exit_code),
        ("is_execution_shard", |pv| &mut pv.is_execution_shard),
        ("previous_init_addr[0]", |pv| &mut pv.previous_init_addr[0]),
        ("last_init_addr[0]", |pv| &mut pv.last_init_addr[0]),
        ("last_init_addr[2]", |pv| &mut pv.last_init_addr[2]),
        ("previous_finalize_addr[0]", |pv| &mut pv.previous_finalize_addr[0]),
        ("last_finalize_addr[0]", |pv| &mut pv.last_finalize_addr[0]),
        ("previous_init_page_idx[0]", |pv| &mut pv.previous_init_page_idx[0]),
        ("last_init_page_idx[0]", |pv| &mut pv.last_init_page_idx[0]),
        ("previous_finalize_page_idx[0]", |pv| &mut pv.previous_finalize_page_idx[0]),
        ("last_finalize_page_idx[0]", |pv| &mut pv.last_finalize_page_idx[0]),
        ("initial_timestamp[0]", |pv| &mut pv.initial_timestamp[0]),
        ("initial_timestamp[3]", |pv| &mut pv.initial_timestamp[3]),
        ("last_timestamp[0]", |pv| &mut pv.last_timestamp[0]),
        ("last_timestamp[3]", |pv| &mut pv.last_timestamp[3]),
        ("is_timestamp_high_eq", |pv| &mut pv.is_timestamp_high_eq),
        ("inv_timestamp_high", |pv| &mut pv.inv_timestamp_high),
        ("is_timestamp_low_eq", |pv| &mut pv.is_timestamp_low_eq),
        ("inv_timestamp_low", |pv| &mut pv.inv_timestamp_low),
        ("global_init_count", |pv| &mut pv.global_init_count),
        ("global_finalize_count", |pv| &mut pv.global_finalize_count),
        ("global_page_prot_init_count", |pv| &mut pv.global_page_prot_init_count),
        ("global_page_prot_finalize_count", |pv| &mut pv.global_page_prot_finalize_count),
        ("global_count", |pv| &mut pv.global_count),
        ("global_cumulative_sum.x[0]", |pv| &mut pv.global_cumulative_sum.0.x.0[0]),
        ("global_cumulative_sum.y[6]", |pv| &mut pv.global_cumulative_sum.0.y.0[6]),
        ("prev_commit_syscall", |pv| &mut pv.prev_commit_syscall),
        ("commit_syscall", |pv| &mut pv.commit_syscall),
        ("prev_commit_deferred_syscall", |pv| &mut pv.prev_commit_deferred_syscall),
        ("commit_deferred_syscall", |pv| &mut pv.commit_deferred_syscall),
        ("initial_timestamp_inv", |pv| &mut pv.initial_timestamp_inv),
        ("last_timestamp_inv", |pv| &mut pv.last_timestamp_inv),
        ("is_first_execution_shard", |pv| &mut pv.is_first_execution_shard),
        ("is_untrusted_programs_enabled", |pv| &mut pv.is_untrusted_programs_enabled),
        ("proof_nonce[0]", |pv| &mut pv.proof_nonce[0]),
        ("proof_nonce[3]", |pv| &mut pv.proof_nonce[3]),
        ("empty[0]", |pv| &mut pv.empty[0]),
        ("empty[3]", |pv| &mut pv.empty[3]),
    ];
    for (name, get) in fields {
        m.shard(s, format!("{name} + 1"), |p| *get(public_values(p)) += SP1Field::one());
        m.shard(s, format!("{name} = 0"), |p| *get(public_values(p)) = SP1Field::zero());
    }
    let last = PROOF_MAX_NUM_PVS - 1;
    m.shard(s, format!("public_values[{last}] (padding) + 1"), |p| {
        p.public_values[last] += SP1Field::one()
    });
    m.resize(s, "public_values", |p| &mut p.public_values);
}

/// A map's entry under another key.
fn rename_key<V>(map: &mut BTreeMap<String, V>, from: &str, to: &str) {
    let value = map.remove(from).expect("a key of the map");
    map.insert(to.to_string(), value);
}

/// Two entries of a map with their values exchanged.
fn swap_values<V>(map: &mut BTreeMap<String, V>, a: &str, b: &str) {
    let value_a = map.remove(a).expect("a key of the map");
    let value_b = map.remove(b).expect("a key of the map");
    map.insert(a.to_string(), value_b);
    map.insert(b.to_string(), value_a);
}

/// The chip set of the first shard, and the shards themselves. A shard's chips are the keys of two
/// maps (its opened values, its LogUp-GKR evaluations), sorted by name in the encoding: the proof
/// carries no chip order to change, so the set changes, in both maps or in one.
fn shard_metadata(m: &mut Mutator) {
    m.family = "shard metadata";
    let chips = &m.shards()[0].opened_values.chips;
    let names: Vec<&str> = chips.keys().map(String::as_str).collect();
    let (first, last) = (names[0], names[names.len() - 1]);
    let machine = RiscvAir::<SP1Field>::machine();
    let absent = machine.chips().iter().map(|chip| chip.name()).find(|name| !names.contains(name));

    let remove = |p: &mut Shard, name: &str| {
        p.opened_values.chips.remove(name);
        p.logup_gkr_proof.logup_evaluations.chip_openings.remove(name);
    };
    let rename = |p: &mut Shard, from: &str, to: &str| {
        rename_key(&mut p.opened_values.chips, from, to);
        rename_key(&mut p.logup_gkr_proof.logup_evaluations.chip_openings, from, to);
    };
    for name in chip_spread(chips, |opened| !opened.preprocessed.local.is_empty()) {
        m.shard(0, format!("remove chip {name}"), |p| remove(p, name));
    }
    m.shard(0, format!("remove the opened values of {last} only"), |p| {
        p.opened_values.chips.remove(last);
    });
    m.shard(0, format!("remove the LogUp-GKR evaluations of {first} only"), |p| {
        p.logup_gkr_proof.logup_evaluations.chip_openings.remove(first);
    });
    m.shard(0, format!("rename chip {first} to NotAChip"), |p| rename(p, first, "NotAChip"));
    if let Some(absent) = absent {
        m.shard(0, format!("rename chip {last} to {absent}"), |p| rename(p, last, absent));
        m.shard(0, format!("add chip {absent}, a copy of {first}"), |p| {
            let opened = p.opened_values.chips[first].clone();
            p.opened_values.chips.insert(absent.to_string(), opened);
            let openings = &mut p.logup_gkr_proof.logup_evaluations.chip_openings;
            let evaluation = openings[first].clone();
            openings.insert(absent.to_string(), evaluation);
        });
    }
    m.shard(0, format!("swap the values of chips {first} and {last}"), |p| {
        swap_values(&mut p.opened_values.chips, first, last);
        swap_values(&mut p.logup_gkr_proof.logup_evaluations.chip_openings, first, last);
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

/// The file's own fields: the public values the program committed to, the circuit version, and
/// the kind of proof. `tee_proof` is left alone: only the network prover's TEE check reads it,
/// neither stock's core verification nor this one.
fn proof_file(m: &mut Mutator, vk: &CoreVerifyingKey) {
    m.family = "proof file";
    for (field, values) in public_value_bytes_mutants(&m.base().public_values.to_vec()) {
        m.proof(field, |p| p.public_values = SP1PublicValues::from(&values));
    }
    for version in ["v6.0.0", "v6.1.1", ""] {
        m.proof(format!("sp1_version = {version:?}"), |p| p.sp1_version = version.into());
    }

    // Kinds this verifier does not take: it verifies core proofs only.
    let compressed = create_dummy_recursion_proof(&SP1VerifyingKey { vk: vk.clone() });
    m.proof("proof = Compressed, a dummy recursion proof", |p| {
        p.proof = SP1Proof::Compressed(Box::new(compressed))
    });
    m.proof("proof = Plonk, empty", |p| p.proof = SP1Proof::Plonk(Default::default()));
    m.proof("proof = Groth16, empty", |p| p.proof = SP1Proof::Groth16(Default::default()));
}
