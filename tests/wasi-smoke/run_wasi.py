"""Runs a WASI command module under wasmtime (PyPI `wasmtime`), with one host directory
preopened as /data. Usage: run_wasi.py MODULE.wasm HOST_DIR [ARGS...]; exits with the
module's exit code."""

import sys

import wasmtime


def main() -> int:
    module_path, host_dir, *args = sys.argv[1:]
    engine = wasmtime.Engine()
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    store = wasmtime.Store(engine)
    wasi = wasmtime.WasiConfig()
    wasi.argv = [module_path, *args]
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    wasi.preopen_dir(host_dir, "/data")
    store.set_wasi(wasi)
    instance = linker.instantiate(store, wasmtime.Module.from_file(engine, module_path))
    try:
        instance.exports(store)["_start"](store)
    except wasmtime.ExitTrap as exit_trap:
        return exit_trap.code
    return 0


if __name__ == "__main__":
    sys.exit(main())
