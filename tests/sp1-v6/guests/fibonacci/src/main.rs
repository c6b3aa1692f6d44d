//! The v5 fibonacci guest's computation (n, then the n-th Fibonacci number mod 7919) for SP1 6,
//! so the two versions prove the same program logic.
#![no_main]
sp1_zkvm::entrypoint!(main);

pub fn main() {
    let n = sp1_zkvm::io::read::<u32>();
    sp1_zkvm::io::commit(&n);
    let (mut a, mut b) = (0u32, 1u32);
    for _ in 0..n {
        let c = (a + b) % 7919;
        a = b;
        b = c;
    }
    sp1_zkvm::io::commit(&a);
}
