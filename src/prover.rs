//! The core machine and its prover, built once and shared by setup, execution, proving and
//! verification, as stock `SP1Prover` holds its `core_prover`.

use p3_baby_bear::BabyBear;
use sp1_core_machine::{riscv::RiscvAir, shape::CoreShapeConfig};
use sp1_stark::{CoreSC, CpuProver, MachineProver};

pub struct CoreProver {
    pub(crate) prover: CpuProver<CoreSC, RiscvAir<BabyBear>>,
    /// Stock's core shapes: the preprocessed shape at setup (which the verifying key depends
    /// on), and the padding of every shard in [`crate::TracePadding::Fixed`].
    pub(crate) shape_config: CoreShapeConfig<BabyBear>,
}

impl CoreProver {
    pub fn new() -> Self {
        Self {
            prover: CpuProver::new(RiscvAir::machine(CoreSC::default())),
            shape_config: CoreShapeConfig::default(),
        }
    }
}

impl Default for CoreProver {
    fn default() -> Self {
        Self::new()
    }
}
