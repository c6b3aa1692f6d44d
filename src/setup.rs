//! Key generation for a program, as stock `SP1Prover::setup` does it.

use sp1_core_executor::Program;
use sp1_stark::{CoreSC, MachineProver, StarkProvingKey, StarkVerifyingKey};

use crate::{error::decode_bincode, CoreProver, Error, Result, VerifyingKey};

/// A program ready to prove: the ELF decoded under stock's preprocessed shape, and its keys.
pub struct ProgramKeys {
    pub(crate) program: Program,
    pub(crate) pk: StarkProvingKey<CoreSC>,
    pub vk: VerifyingKey,
}

impl ProgramKeys {
    /// The keys as bytes (bincode of the decoded program, proving key and verifying key), for a
    /// cache that skips setup next time. Only `from_bytes` of the same build reads them.
    pub fn to_bytes(&self) -> Vec<u8> {
        bincode::serialize(&(&self.program, &self.pk, &self.vk.0))
            .expect("serializing keys to memory cannot fail")
    }

    /// Reads what `to_bytes` wrote. A cache must check the bytes' integrity first: decoding
    /// catches truncation and garbage, not a changed field element.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let (program, pk, vk): (Program, StarkProvingKey<CoreSC>, StarkVerifyingKey<CoreSC>) =
            decode_bincode(bytes)
                .map_err(|e| Error::InvalidProvingKey(format!("not this prover's keys: {e}")))?;
        Ok(Self { program, pk, vk: VerifyingKey(vk) })
    }
}

impl CoreProver {
    /// Decodes `elf` and derives its keys. The preprocessed shape is fixed first, as stock does
    /// unless `FIX_CORE_SHAPES=false`: it shapes the preprocessed traces, so without it the
    /// verifying key would differ from the one `sp1-sdk` derives.
    pub fn setup(&self, elf: &[u8]) -> Result<ProgramKeys> {
        let mut program = self.decode_elf(elf)?;
        self.shape_config
            .fix_preprocessed_shape(&mut program)
            .map_err(|e| Error::InvalidElf(format!("the program fits no core shape: {e}")))?;
        let (pk, vk) = self.prover.setup(&program);
        Ok(ProgramKeys { program, pk, vk: VerifyingKey(vk) })
    }

    pub(crate) fn decode_elf(&self, elf: &[u8]) -> Result<Program> {
        Program::from(elf).map_err(|e| Error::InvalidElf(format!("{e:#}")))
    }
}
