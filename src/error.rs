//! The errors of every operation, each with a stable code that crosses the wasm boundary.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid ELF: {0}")]
    InvalidElf(String),
    #[error("invalid stdin: {0}")]
    InvalidStdin(String),
    #[error("invalid proof: {0}")]
    InvalidProof(String),
    #[error("invalid verifying key: {0}")]
    InvalidVerifyingKey(String),
    #[error("unsupported proof: {0}")]
    UnsupportedProof(String),
    #[error("verification failed: {0}")]
    VerificationFailed(String),
    #[error("execution failed: {0}")]
    ExecutionFailed(String),
    #[error("invalid options: {0}")]
    InvalidOptions(String),
    #[error("out of memory: {0}")]
    OutOfMemory(String),
    #[error("invalid proving key: {0}")]
    InvalidProvingKey(String),
    /// The prover itself failed on a program that executed: a bug, not bad input.
    #[error("proving failed: {0}")]
    ProvingFailed(String),
}

/// The stable, machine-readable kind of an [`Error`] (`INVALID_ELF`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    InvalidElf,
    InvalidStdin,
    InvalidProof,
    InvalidVerifyingKey,
    UnsupportedProof,
    VerificationFailed,
    ExecutionFailed,
    InvalidOptions,
    OutOfMemory,
    InvalidProvingKey,
    ProvingFailed,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidElf(_) => ErrorCode::InvalidElf,
            Self::InvalidStdin(_) => ErrorCode::InvalidStdin,
            Self::InvalidProof(_) => ErrorCode::InvalidProof,
            Self::InvalidVerifyingKey(_) => ErrorCode::InvalidVerifyingKey,
            Self::UnsupportedProof(_) => ErrorCode::UnsupportedProof,
            Self::VerificationFailed(_) => ErrorCode::VerificationFailed,
            Self::ExecutionFailed(_) => ErrorCode::ExecutionFailed,
            Self::InvalidOptions(_) => ErrorCode::InvalidOptions,
            Self::OutOfMemory(_) => ErrorCode::OutOfMemory,
            Self::InvalidProvingKey(_) => ErrorCode::InvalidProvingKey,
            Self::ProvingFailed(_) => ErrorCode::ProvingFailed,
        }
    }
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidElf => "INVALID_ELF",
            Self::InvalidStdin => "INVALID_STDIN",
            Self::InvalidProof => "INVALID_PROOF",
            Self::InvalidVerifyingKey => "INVALID_VERIFYING_KEY",
            Self::UnsupportedProof => "UNSUPPORTED_PROOF",
            Self::VerificationFailed => "VERIFICATION_FAILED",
            Self::ExecutionFailed => "EXECUTION_FAILED",
            Self::InvalidOptions => "INVALID_OPTIONS",
            Self::OutOfMemory => "OUT_OF_MEMORY",
            Self::InvalidProvingKey => "INVALID_PROVING_KEY",
            Self::ProvingFailed => "PROVING_FAILED",
        }
    }
}

/// Decodes bincode as stock SP1 writes it (`bincode::serialize`: fixed-width integers), refusing
/// to read past the input so a corrupt length cannot ask for gigabytes.
pub(crate) fn decode_bincode<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
) -> std::result::Result<T, bincode::Error> {
    use bincode::Options;
    bincode::options()
        .with_fixint_encoding()
        .with_limit(bytes.len() as u64)
        .reject_trailing_bytes()
        .deserialize(bytes)
}
