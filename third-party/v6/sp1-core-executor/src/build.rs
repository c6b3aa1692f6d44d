/// Based on architecture & feature configurations, choose between
/// native executor and portable executor.
#[allow(clippy::print_stdout)]
pub fn detect_executor() {
    assert!(std::env::var("OUT_DIR").is_ok(), "detect_executor is not run inside build script!");

    // sp1-wasm: the cfgs below test the host this script runs on, not the target; wasm32 has
    // neither memfd nor mmap, so it gets the portable executor whatever the host.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-cfg=sp1_use_portable_executor");
        return;
    }

    #[cfg(all(target_arch = "x86_64", target_endian = "little", target_os = "linux",))]
    println!("cargo:rustc-cfg=sp1_native_executor_available");

    #[cfg(all(
        target_arch = "x86_64",
        target_endian = "little",
        target_os = "linux",
        not(feature = "profiling"),
        not(feature = "mprotect")
    ))]
    println!("cargo:rustc-cfg=sp1_use_native_executor");

    #[cfg(not(all(
        target_arch = "x86_64",
        target_endian = "little",
        target_os = "linux",
        not(feature = "profiling"),
        not(feature = "mprotect")
    )))]
    println!("cargo:rustc-cfg=sp1_use_portable_executor");
}
