//! What the proof-mutation tools of both SP1 versions share (SP1 5's `examples/mutants.rs`, SP1
//! 6's `tests/sp1-v6/src/bin/mutants.rs`): a valid core proof is decoded, one thing in its
//! structure is changed, and it is encoded again, so that every mutant reaches the verifier and
//! not just the decoder. Each tool knows its version's proof structure; this crate builds the
//! mutants from its changes, writes them for the browser tests, verifies them with panics caught
//! (a panic would trap the wasm instance) and reports.

use std::{
    cell::{Cell, RefCell},
    fmt::Display,
    panic::{self, AssertUnwindSafe},
    path::{Path, PathBuf},
    sync::Once,
};

use rayon::prelude::*;

/// One change to a valid proof, encoded as a proof file.
pub struct Mutant {
    pub family: &'static str,
    pub field: String,
    pub proof: Vec<u8>,
}

/// How a version's proof file is encoded and where its shard proofs are.
pub struct ProofFormat<P, S> {
    pub encode: fn(&P) -> Vec<u8>,
    /// `None` for a proof that is not a core proof.
    pub shards: fn(&P) -> Option<&Vec<S>>,
    pub shards_mut: fn(&mut P) -> Option<&mut Vec<S>>,
}

/// Builds mutants of one valid proof, family by family (set [`Mutator::family`] before each).
/// A change that leaves the encoding as it was (zeroing a zero, say) is no mutant and is dropped.
pub struct Mutator<'a, P, S> {
    base: &'a P,
    base_bytes: Vec<u8>,
    format: ProofFormat<P, S>,
    pub family: &'static str,
    pub mutants: Vec<Mutant>,
}

impl<'a, P: Clone, S> Mutator<'a, P, S> {
    pub fn new(base: &'a P, format: ProofFormat<P, S>) -> Self {
        Self { base_bytes: (format.encode)(base), base, format, family: "", mutants: Vec::new() }
    }

    /// The valid proof.
    pub fn base(&self) -> &'a P {
        self.base
    }

    /// The shard proofs of the valid proof.
    pub fn shards(&self) -> &'a [S] {
        (self.format.shards)(self.base).expect("the tools take core proofs")
    }

    /// A mutant of the whole proof file.
    pub fn proof(&mut self, field: impl Into<String>, change: impl FnOnce(&mut P)) {
        let mut proof = self.base.clone();
        change(&mut proof);
        let bytes = (self.format.encode)(&proof);
        if bytes != self.base_bytes {
            self.mutants.push(Mutant { family: self.family, field: field.into(), proof: bytes });
        }
    }

    /// A mutant of the list of shard proofs.
    pub fn all_shards(&mut self, field: impl Into<String>, change: impl FnOnce(&mut Vec<S>)) {
        let shards_mut = self.format.shards_mut;
        self.proof(field, |proof| change(shards_mut(proof).expect("the tools take core proofs")));
    }

    /// A mutant of shard `s`.
    pub fn shard(&mut self, s: usize, field: impl Display, change: impl FnOnce(&mut S)) {
        self.all_shards(format!("shard {s}: {field}"), |shards| change(&mut shards[s]));
    }

    /// Two mutants of a vector in shard `s`: one element shorter, and one longer (its last
    /// element repeated).
    pub fn resize<T: Clone>(&mut self, s: usize, field: &str, get: impl Fn(&mut S) -> &mut Vec<T>) {
        self.shard(s, format!("{field} pop"), |p| {
            get(p).pop();
        });
        self.shard(s, format!("{field} push"), |p| push_last(get(p)));
    }
}

/// First, middle and last index of a vector of `len`: the deterministic spread of positions
/// that get mutated, rather than every element.
pub fn spread(len: usize) -> Vec<usize> {
    let mut indices = vec![0, len / 2, len.saturating_sub(1)];
    indices.dedup();
    indices.retain(|&i| i < len);
    indices
}

/// [`spread`] of a vector's indices, with the elements.
pub fn spread_of<T>(values: &[T]) -> impl Iterator<Item = (usize, &T)> {
    spread(values.len()).into_iter().map(|i| (i, &values[i]))
}

/// A proof file's committed public-value bytes, tampered as both versions' files are: a bit
/// flipped in [`spread`] bytes, a byte appended, the last byte dropped; each with its label.
pub fn public_value_bytes_mutants(values: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut mutants = spread(values.len())
        .into_iter()
        .map(|i| {
            let mut flipped = values.to_vec();
            flipped[i] ^= 1;
            (format!("public_values[{i}] ^ 1"), flipped)
        })
        .collect::<Vec<_>>();
    let mut appended = values.to_vec();
    appended.push(0);
    mutants.push(("public_values append a byte".into(), appended));
    let dropped = values[..values.len().saturating_sub(1)].to_vec();
    mutants.push(("public_values drop the last byte".into(), dropped));
    mutants
}

pub fn push_last<T: Clone>(values: &mut Vec<T>) {
    if let Some(last) = values.last().cloned() {
        values.push(last);
    }
}

/// A change to a vector of field elements: an element plus one or set to zero, or the vector
/// one element shorter or longer.
#[derive(Clone, Copy)]
pub enum Edit {
    Bump(usize),
    Zero(usize),
    Pop,
    Push,
}

impl Edit {
    /// The spread every vector of `len` gets: first and last element plus one, the middle one
    /// zeroed, one element less, one more (a zero, so empty vectors grow too).
    pub fn spread(len: usize) -> Vec<Edit> {
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

    pub fn changes_shape(self) -> bool {
        matches!(self, Edit::Pop | Edit::Push)
    }

    pub fn label(self) -> String {
        match self {
            Edit::Bump(i) => format!("[{i}] + 1"),
            Edit::Zero(i) => format!("[{i}] = 0"),
            Edit::Pop => " pop".into(),
            Edit::Push => " push".into(),
        }
    }

    /// The edit, with the field's zero and its "plus one" (each version's field traits are its
    /// own crate's).
    pub fn apply_with<F>(self, values: &mut Vec<F>, zero: F, plus_one: impl FnOnce(&mut F)) {
        match self {
            Edit::Bump(i) => plus_one(&mut values[i]),
            Edit::Zero(i) => values[i] = zero,
            Edit::Pop => {
                values.pop();
            }
            Edit::Push => values.push(zero),
        }
    }
}

/// Writes each mutant as `NNN.bin` and a `manifest.json` of `{ family, field, file }`, which the
/// browser tests feed to the wasm verifier.
pub fn write_mutants(dir: &Path, mutants: &[Mutant]) -> Result<(), String> {
    let write = |path: PathBuf, bytes: &[u8]| {
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut manifest = Vec::new();
    for (i, mutant) in mutants.iter().enumerate() {
        let file = format!("{i:03}.bin");
        write(dir.join(&file), &mutant.proof)?;
        manifest.push(
            serde_json::json!({ "family": mutant.family, "field": mutant.field, "file": file }),
        );
    }
    let manifest = serde_json::to_string_pretty(&manifest).expect("JSON values serialize");
    write(dir.join("manifest.json"), manifest.as_bytes())
}

/// A verifier's answer to one mutant.
pub enum Verdict {
    /// Rejected as a bad proof should be.
    Rejected,
    /// Rejected, but with an error that does not say the proof is bad (its code).
    RejectedAs(String),
    Accepted,
}

enum Outcome {
    Answered(Verdict),
    /// Where it panicked, and the message.
    Panicked(String),
}

/// Verifies every mutant from its bytes, as the wasm verifier would, on the Rayon pool, with
/// panics caught and recorded.
pub fn verify_all(mutants: &[Mutant], verify: impl Fn(&[u8]) -> Verdict + Sync) -> Report {
    record_panics();
    let outcomes: Vec<Outcome> =
        mutants.par_iter().map(|mutant| catching(|| verify(&mutant.proof))).collect();
    Report::new(mutants, &outcomes)
}

thread_local! {
    /// Set while this thread verifies a mutant: its panics are recorded, not printed.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic hook that keeps the location of a caught panic (the payload has only the message).
/// Panics outside [`catching`] still go to the default hook.
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

fn catching(verify: impl FnOnce() -> Verdict) -> Outcome {
    CATCHING.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(verify));
    CATCHING.set(false);
    match result {
        Ok(verdict) => Outcome::Answered(verdict),
        Err(payload) => Outcome::Panicked(LAST_PANIC.take().unwrap_or_else(|| {
            let message = payload.downcast_ref::<&str>().map(|s| s.to_string());
            message.or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default()
        })),
    }
}

/// Per family (in the order they were first built): mutants and how many were rejected as a bad
/// proof should be. Then every other mutant: accepted, panicked, or rejected with another code.
pub struct Report {
    pub families: Vec<(&'static str, usize, usize)>,
    pub findings: Vec<String>,
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
                Outcome::Answered(Verdict::Rejected) => counts.2 += 1,
                Outcome::Answered(Verdict::RejectedAs(code)) => {
                    report.findings.push(format!("REJECTED AS {code}  {what}"))
                }
                Outcome::Answered(Verdict::Accepted) => {
                    report.findings.push(format!("ACCEPTED  {what}"))
                }
                Outcome::Panicked(at) => report.findings.push(format!("PANICKED  {what}: {at}")),
            }
        }
        report
    }

    pub fn rejected(&self) -> usize {
        self.families.iter().map(|(_, _, rejected)| rejected).sum()
    }

    /// Per-family counts, each finding, and the total line the browser tests look for.
    pub fn print(&self, verifier: &str) {
        for (family, total, rejected) in &self.families {
            println!("{family:<20} {total:>4} mutants, {rejected:>4} rejected");
        }
        for finding in &self.findings {
            println!("{finding}");
        }
        let total: usize = self.families.iter().map(|(_, total, _)| total).sum();
        println!("{verifier}: {total} mutants, {} rejected", self.rejected());
    }
}
