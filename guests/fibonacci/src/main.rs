//! Reads n, commits n and the n-th Fibonacci number (mod 7919). The embedded default guest.
#![no_main]
sp1_zkvm::entrypoint!(main);

pub fn main() {
    let n = sp1_zkvm::io::read::<u32>();
    sp1_zkvm::io::commit(&n);
    sp1_zkvm::io::commit(&sp1_wasm_guest_types::fibonacci(n));
}
