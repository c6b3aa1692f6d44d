//! The verifying key: its bytes (stock `SP1VerifyingKey`, bincode) and its hash as stock
//! `vk.bytes32()` prints it.

use num_bigint::BigUint;
use p3_baby_bear::BabyBear;
use p3_field::{AbstractField, PrimeField32, TwoAdicField};
use sp1_primitives::poseidon2_hash;
use sp1_stark::{CoreSC, StarkVerifyingKey, DIGEST_SIZE};

use crate::{error::decode_bincode, Error, Result};

/// A program's verifying key. Serialized, it is byte for byte stock's `SP1VerifyingKey`, a
/// struct whose one field is this key.
#[derive(Clone)]
pub struct VerifyingKey(pub(crate) StarkVerifyingKey<CoreSC>);

impl VerifyingKey {
    pub fn to_bytes(&self) -> Vec<u8> {
        bincode::serialize(&self.0).expect("serializing a key to memory cannot fail")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let vk: StarkVerifyingKey<CoreSC> = decode_bincode(bytes)
            .map_err(|e| Error::InvalidVerifyingKey(format!("not an SP1 verifying key: {e}")))?;
        // Hashing and verifying take each domain's generator, which does not exist past
        // BabyBear's two-adicity (they would panic). Found by fuzzing (tests/fuzz).
        if vk.chip_information.iter().any(|(_, domain, _)| domain.log_n > BabyBear::TWO_ADICITY) {
            return Err(Error::InvalidVerifyingKey(
                "a preprocessed trace is larger than BabyBear's two-adic subgroup".into(),
            ));
        }
        Ok(Self(vk))
    }

    /// The key's Poseidon2 digest, as stock `HashableKey::hash_babybear` (sp1-prover
    /// `src/types.rs`) computes it.
    pub fn hash_babybear(&self) -> [BabyBear; DIGEST_SIZE] {
        let vk = &self.0;
        let mut inputs = Vec::new();
        inputs.extend(vk.commit.as_ref());
        inputs.push(vk.pc_start);
        inputs.extend(vk.initial_global_cumulative_sum.0.x.0);
        inputs.extend(vk.initial_global_cumulative_sum.0.y.0);
        for (name, domain, dimension) in vk.chip_information.iter() {
            inputs.push(BabyBear::from_canonical_usize(domain.log_n));
            inputs.push(BabyBear::from_canonical_usize(1 << domain.log_n));
            inputs.push(domain.shift);
            inputs.push(BabyBear::two_adic_generator(domain.log_n));
            inputs.push(BabyBear::from_canonical_usize(dimension.width));
            inputs.push(BabyBear::from_canonical_usize(dimension.height));
            inputs.push(BabyBear::from_canonical_usize(name.len()));
            inputs.extend(name.bytes().map(BabyBear::from_canonical_u8));
        }
        poseidon2_hash(inputs)
    }

    /// The hash as `0x` and 64 hex digits, as stock `vk.bytes32()`: the digest's eight 31-bit
    /// words packed big-endian into a BN254 scalar. 8 x 31 = 248 bits stay below the BN254
    /// modulus, so the packing never reduces.
    pub fn bytes32(&self) -> String {
        let packed = self.hash_babybear().iter().fold(BigUint::default(), |acc, word| {
            (acc << 31u32) + BigUint::from(word.as_canonical_u32())
        });
        format!("0x{:0>64}", packed.to_str_radix(16))
    }
}
