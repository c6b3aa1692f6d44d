//! Stands in for `num_cpus` on wasm32, where `num_cpus::get()` is always 1. SP1's trace
//! generators split their rows into `num_cpus::get()` chunks for Rayon; in a browser the
//! parallelism available is the Rayon pool's (wasm-bindgen-rayon's Web Workers).

/// The number of threads in the current Rayon pool.
pub fn get() -> usize {
    rayon::current_num_threads()
}
