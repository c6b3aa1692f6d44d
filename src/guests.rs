//! The guest programs of `guests/`: their input and output types, and (with the `native`
//! feature) their ELFs, compiled by `build.rs` and embedded.

use std::{fmt, str::FromStr};

use serde::Serialize;
use serde_json::Value;
use sp1_wasm_guest_types::{Dataset, HashesInput, HashesOutput, KeccakInput, KeccakOutput, Summary};

use crate::{error::decode_bincode, Error, Result, SP1PublicValues, SP1Stdin};

/// A guest program whose input and output types this crate knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guest {
    /// Reads `n: u32`, commits `n` and the n-th Fibonacci number mod 7919. The default.
    Fibonacci,
    /// Reads [`KeccakInput`], commits [`KeccakOutput`]: keccak-256 by SP1's precompile.
    Keccak,
    /// Reads a [`Dataset`], commits its [`Summary`]: structured serde input and output.
    Stats,
    /// Reads [`HashesInput`], commits [`HashesOutput`]: keccak and sha256 precompiles mixed with
    /// sorting and 64-bit arithmetic, the benchmark's precompile-heavy program.
    Hashes,
}

impl Guest {
    pub const ALL: [Guest; 4] = [Guest::Fibonacci, Guest::Keccak, Guest::Stats, Guest::Hashes];

    pub fn name(self) -> &'static str {
        match self {
            Self::Fibonacci => "fibonacci",
            Self::Keccak => "keccak",
            Self::Stats => "stats",
            Self::Hashes => "hashes",
        }
    }

    /// The guest's ELF, compiled from `guests/` by `build.rs`.
    #[cfg(feature = "native")]
    pub fn elf(self) -> &'static [u8] {
        match self {
            Self::Fibonacci => include_bytes!(concat!(env!("OUT_DIR"), "/fibonacci.elf")),
            Self::Keccak => include_bytes!(concat!(env!("OUT_DIR"), "/keccak.elf")),
            Self::Stats => include_bytes!(concat!(env!("OUT_DIR"), "/stats.elf")),
            Self::Hashes => include_bytes!(concat!(env!("OUT_DIR"), "/hashes.elf")),
        }
    }

    /// Stdin from the guest's input as JSON: a number for fibonacci, `{"data": [bytes],
    /// "rounds": n}` for keccak and hashes, `{"name": "...", "values": [numbers]}` for stats.
    pub fn stdin_from_json(self, input: &str) -> Result<SP1Stdin> {
        let invalid = |e: serde_json::Error| {
            Error::InvalidStdin(format!("{} expects {}: {e}", self.name(), self.input_hint()))
        };
        let mut stdin = SP1Stdin::new();
        match self {
            Self::Fibonacci => stdin.write(&serde_json::from_str::<u32>(input).map_err(invalid)?),
            Self::Keccak => {
                stdin.write(&serde_json::from_str::<KeccakInput>(input).map_err(invalid)?)
            }
            Self::Stats => stdin.write(&serde_json::from_str::<Dataset>(input).map_err(invalid)?),
            Self::Hashes => {
                stdin.write(&serde_json::from_str::<HashesInput>(input).map_err(invalid)?)
            }
        }
        Ok(stdin)
    }

    /// An input that makes a quick proof, as JSON.
    pub fn example_input(self) -> &'static str {
        match self {
            Self::Fibonacci => "1000",
            Self::Keccak => r#"{"data":[104,101,108,108,111],"rounds":10}"#,
            Self::Stats => r#"{"name":"temperatures","values":[21,-3,17,8,30,12]}"#,
            Self::Hashes => r#"{"data":[104,101,108,108,111],"rounds":1}"#,
        }
    }

    fn input_hint(self) -> &'static str {
        match self {
            Self::Fibonacci => "an unsigned 32-bit number",
            Self::Keccak => r#"{"data": [bytes], "rounds": n >= 1}"#,
            Self::Hashes => r#"{"data": [bytes], "rounds": n}"#,
            Self::Stats => r#"{"name": "...", "values": [numbers]}"#,
        }
    }

    /// The committed public values decoded as the guest's output types, as JSON.
    pub fn decode_output(self, public_values: &SP1PublicValues) -> Result<Value> {
        let bytes = public_values.as_slice();
        Ok(match self {
            // Two commits back to back: n, then the result.
            Self::Fibonacci => {
                let (n, fibonacci): (u32, u32) = decode(bytes)?;
                serde_json::json!({ "n": n, "fibonacci": fibonacci })
            }
            Self::Keccak => to_json(&decode::<KeccakOutput>(bytes)?),
            Self::Stats => to_json(&decode::<Summary>(bytes)?),
            Self::Hashes => to_json(&decode::<HashesOutput>(bytes)?),
        })
    }
}

fn to_json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).expect("guest outputs are plain data")
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    decode_bincode(bytes)
        .map_err(|e| Error::InvalidProof(format!("public values are not the guest's output: {e}")))
}

impl fmt::Display for Guest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Guest {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|g| g.name() == name).ok_or_else(|| {
            let known: Vec<_> = Self::ALL.iter().map(|g| g.name()).collect();
            Error::InvalidOptions(format!("unknown guest {name:?}; known: {}", known.join(", ")))
        })
    }
}
