//! Core proving in memory, one checkpoint at a time. Added by sp1-wasm (see PATCHES.md).
//!
//! `prove_core_stream` overlaps execution, trace generation and proving on threads it spawns
//! itself, joined by channels, and keeps checkpoints in temporary files. wasm32-unknown-unknown
//! has neither threads that `std` can spawn nor files, and blocking on channels inside a small
//! Rayon pool deadlocks it. This pipeline runs the same protocol in order: execute a checkpoint,
//! re-execute it with tracing into records, chain the public values from shard to shard, split
//! off deferred events, then prove each shard. The inner work (trace generation, DFT, Merkle
//! commitments, quotient, FRI) stays Rayon-parallel, so every thread of the pool is used.
//! Shards are proven one after another so that only one shard's traces are alive at a time.

use p3_field::PrimeField32;
use sp1_core_executor::{ExecutionRecord, ExecutionReport, Executor, Program, SP1Context};
use sp1_stark::{
    air::PublicValues, Com, MachineProver, MachineProvingKey, MachineRecord, OpeningProof,
    PcsProverData, SP1CoreOpts, ShardProof, StarkGenericConfig,
};

use crate::{
    io::SP1Stdin,
    riscv::RiscvAir,
    shape::CoreShapeConfig,
    utils::{
        pack_deferred::{pack_deferred, pack_into_last_cpu_shard},
        trace_checkpoint_state, SP1CoreProverError,
    },
};

/// Progress of [`prove_core_in_memory`], reported as it happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoreProvingEvent {
    /// Checkpoint `checkpoint` (from 0) was executed; `cycles` have run in all so far.
    CheckpointExecuted { checkpoint: usize, cycles: u64 },
    /// The checkpoint's records are ready: they become shards `first_shard..first_shard + shards`
    /// (numbered from 1, as in the proof's public values).
    ShardsPlanned { checkpoint: usize, first_shard: usize, shards: usize },
    /// Shard `shard` entered `phase`.
    Shard { shard: usize, phase: ShardPhase },
}

/// The steps of proving one shard, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShardPhase {
    /// Main traces are generated from the shard's record.
    GenerateTraces,
    /// The main traces are committed (LDE and Merkle tree).
    Commit,
    /// Permutation traces, quotient, openings and FRI.
    Open,
    /// The shard proof is complete.
    Proved,
}

/// A core proof with what the execution produced.
pub struct CoreProof<SC: StarkGenericConfig> {
    pub shard_proofs: Vec<ShardProof<SC>>,
    /// The bytes the program committed, in order.
    pub public_values_stream: Vec<u8>,
    pub cycles: u64,
}

/// Proves `program` on `stdin` as `prove_core_stream` does, without threads, channels or files.
///
/// `shape_config` set pads every shard to one of stock's core shapes; `None` pads main traces
/// only to the next power of two (the program chip follows the program's preprocessed shape) and
/// packs deferred shards (see `pack_deferred`).
#[allow(clippy::too_many_arguments)]
pub fn prove_core_in_memory<SC: StarkGenericConfig, P: MachineProver<SC, RiscvAir<SC::Val>>>(
    prover: &P,
    pk: &P::DeviceProvingKey,
    program: Program,
    stdin: &SP1Stdin,
    opts: SP1CoreOpts,
    context: SP1Context,
    shape_config: Option<&CoreShapeConfig<SC::Val>>,
    on_event: &mut dyn FnMut(CoreProvingEvent),
) -> Result<CoreProof<SC>, SP1CoreProverError>
where
    SC::Val: PrimeField32,
    SC::Challenger: Clone,
    OpeningProof<SC>: Send,
    Com<SC>: Send + Sync,
    PcsProverData<SC>: Send + Sync,
{
    let mut runtime = Box::new(Executor::with_context(program.clone(), opts, context));
    runtime.maximal_shapes = shape_config.map(|config| {
        config.maximal_core_shapes(opts.shard_size.ilog2() as usize).into_iter().collect()
    });
    runtime.write_vecs(&stdin.buffer);
    for (proof, vk) in stdin.proofs.iter().cloned() {
        runtime.write_proof(proof, vk);
    }

    let mut challenger = prover.config().challenger();
    pk.observe_into(&mut challenger);

    let mut chain = ShardChain {
        state: PublicValues::<u32, u32>::default().reset(),
        deferred: ExecutionRecord::new(program.clone().into()),
    };
    let mut report = ExecutionReport::default();
    let mut shard_proofs = Vec::new();
    for checkpoint_index in 0.. {
        let (checkpoint, _, done) =
            runtime.execute_state(false).map_err(SP1CoreProverError::ExecutionError)?;
        let cycles = runtime.state.global_clk;
        on_event(CoreProvingEvent::CheckpointExecuted { checkpoint: checkpoint_index, cycles });

        let (records, checkpoint_report) =
            trace_checkpoint_state::<SC>(program.clone(), checkpoint, opts, shape_config);
        report += checkpoint_report;
        let records = chain.add_checkpoint(prover, records, done, cycles, opts, shape_config);
        on_event(CoreProvingEvent::ShardsPlanned {
            checkpoint: checkpoint_index,
            first_shard: shard_proofs.len() + 1,
            shards: records.len(),
        });

        for record in records {
            let shard = shard_proofs.len() + 1;
            on_event(CoreProvingEvent::Shard { shard, phase: ShardPhase::GenerateTraces });
            let traces = prover.generate_traces(&record);
            on_event(CoreProvingEvent::Shard { shard, phase: ShardPhase::Commit });
            let main_data = prover.commit(&record, traces);
            drop(record);
            on_event(CoreProvingEvent::Shard { shard, phase: ShardPhase::Open });
            let proof = prover
                .open(pk, main_data, &mut challenger.clone())
                .expect("opening a committed shard cannot fail on the CPU prover");
            shard_proofs.push(proof);
            on_event(CoreProvingEvent::Shard { shard, phase: ShardPhase::Proved });
        }
        if done {
            break;
        }
    }

    Ok(CoreProof {
        shard_proofs,
        public_values_stream: std::mem::take(&mut runtime.state.public_values_stream),
        cycles: report.total_instruction_count(),
    })
}

/// The state carried from checkpoint to checkpoint: the public values of the last shard and the
/// events deferred to shards of their own.
struct ShardChain {
    state: PublicValues<u32, u32>,
    deferred: ExecutionRecord,
}

impl ShardChain {
    /// Turns a checkpoint's records into shards ready to prove, in the order and with the
    /// public values the trace-generation workers of `prove_core_stream` give them.
    fn add_checkpoint<SC: StarkGenericConfig, P: MachineProver<SC, RiscvAir<SC::Val>>>(
        &mut self,
        prover: &P,
        mut records: Vec<ExecutionRecord>,
        done: bool,
        cycles: u64,
        opts: SP1CoreOpts,
        shape_config: Option<&CoreShapeConfig<SC::Val>>,
    ) -> Vec<ExecutionRecord>
    where
        SC::Val: PrimeField32,
    {
        let state = &mut self.state;
        for record in records.iter_mut() {
            state.shard += 1;
            state.execution_shard = record.public_values.execution_shard;
            state.start_pc = record.public_values.start_pc;
            state.next_pc = record.public_values.next_pc;
            if state.committed_value_digest == [0u32; 8] {
                state.committed_value_digest = record.public_values.committed_value_digest;
            }
            if state.deferred_proofs_digest == [0u32; 8] {
                state.deferred_proofs_digest = record.public_values.deferred_proofs_digest;
            }
            record.public_values = *state;
        }
        for record in records.iter_mut() {
            self.deferred.append(&mut record.defer());
        }

        // Compact padding packs deferred shards (`pack_deferred`); stock's shapes are sized for
        // its own split, so with them the split stays stock's.
        let pack = shape_config.is_none();
        // Small programs fold the memory init/finalize events into the last shard when the
        // result still fits a shape; otherwise (and for larger ones) they get shards of their own.
        let combine_memory = done
            && cycles < 1 << 21
            && self.deferred.global_memory_initialize_events.len()
                < opts.split_opts.combine_memory_threshold
            && self.deferred.global_memory_finalize_events.len()
                < opts.split_opts.combine_memory_threshold;
        if combine_memory {
            // Without shapes the combination always fits: no copy to fall back on.
            let Some(config) = shape_config else {
                self.append_deferred(prover, &mut records, true, done, opts, pack);
                return records;
            };
            let mut combined = records.clone();
            self.append_deferred(prover, &mut combined, true, done, opts, pack);
            if combined.iter_mut().all(|record| config.fix_shape(record).is_ok()) {
                return combined;
            }
        }
        self.append_deferred(prover, &mut records, false, done, opts, pack);
        if let Some(config) = shape_config {
            for record in records.iter_mut() {
                config.fix_shape(record).unwrap();
            }
        }
        records
    }

    /// Appends the deferred shards that are ready, packed if `pack`, numbered after `records`,
    /// and generates the dependencies (byte lookups, range checks) of all of them.
    fn append_deferred<SC: StarkGenericConfig, P: MachineProver<SC, RiscvAir<SC::Val>>>(
        &mut self,
        prover: &P,
        records: &mut Vec<ExecutionRecord>,
        into_last_record: bool,
        done: bool,
        opts: SP1CoreOpts,
        pack: bool,
    ) where
        SC::Val: PrimeField32,
    {
        let last_record = if into_last_record { records.last_mut() } else { None };
        let mut deferred = self.deferred.split(done, last_record, opts.split_opts);
        if pack {
            deferred = pack_deferred(deferred, &opts);
            if done {
                pack_into_last_cpu_shard(records, &mut deferred, &opts);
            }
        }
        let state = &mut self.state;
        if !done {
            state.execution_shard += 1;
        }
        for record in deferred.iter_mut() {
            state.shard += 1;
            state.previous_init_addr_bits = record.public_values.previous_init_addr_bits;
            state.last_init_addr_bits = record.public_values.last_init_addr_bits;
            state.previous_finalize_addr_bits = record.public_values.previous_finalize_addr_bits;
            state.last_finalize_addr_bits = record.public_values.last_finalize_addr_bits;
            state.start_pc = state.next_pc;
            record.public_values = *state;
        }
        records.append(&mut deferred);
        prover.machine().generate_dependencies(records, &opts, None);
    }
}
