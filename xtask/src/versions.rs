//! Every tool version the project pins, in one place. `setup` installs exactly these and
//! checks that the files that must repeat them (package.json, Trunk.toml) agree.
//!
//! wasm-bindgen is not here: the CLI must equal the `wasm-bindgen` crate in Cargo.lock,
//! so it is read from there at run time (see [`wasm_bindgen_from_lock`]).

use std::path::Path;

/// `cargo install trunk --version =TRUNK --locked` (0.22 needs a newer rustc than ours).
pub const TRUNK: &str = "0.21.14";
/// npm package providing `wasm-opt`; Trunk.toml says `wasm_opt = "version_<major>"`.
pub const BINARYEN: &str = "132.0.0";
/// npm package whose `axe.min.js` the e2e accessibility journeys inject.
pub const AXE_CORE: &str = "4.14.1";

/// npm package that minifies the release build's JavaScript (the wasm-bindgen glue, the
/// chunk loader, the boot script): Trunk's minifier could not parse the glue.
pub const TERSER: &str = "5.51.4";

/// The npm packages and versions package.json must pin exactly.
pub const NPM_PINS: &[(&str, &str)] = &[
    ("binaryen", BINARYEN),
    ("axe-core", AXE_CORE),
    ("terser", TERSER),
];

/// `version_132` for binaryen 132.0.0: the form Trunk.toml and `wasm-opt --version` use.
pub fn wasm_opt_version() -> String {
    format!("version_{}", BINARYEN.split('.').next().unwrap_or(BINARYEN))
}

/// The version of the `wasm-bindgen` crate locked in Cargo.lock.
pub fn wasm_bindgen_from_lock(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|error| format!("reading Cargo.lock: {error}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|next| next.trim().strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".to_owned())
}
