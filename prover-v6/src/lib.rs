//! SP1 6 core proving for wasm32.
