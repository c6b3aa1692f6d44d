//! Reads a serde `Dataset` and commits its `Summary`: structured input and output.
#![no_main]
sp1_zkvm::entrypoint!(main);

use sp1_wasm_guest_types::{Dataset, Summary};

pub fn main() {
    let dataset = sp1_zkvm::io::read::<Dataset>();
    let summary = Summary::of(&dataset).expect("the dataset has no values");
    sp1_zkvm::io::commit(&summary);
}
