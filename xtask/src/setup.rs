//! `cargo xtask setup [--browser]`: installs what is missing, reuses what is there, and says
//! which. Idempotent and quick when everything is already in place.

use std::path::Path;

use crate::util::{self, Result, command, output_of, root};
use crate::versions;

#[derive(Clone, Copy, Default)]
pub struct Needs {
    /// Chromium and chromedriver (e2e and wasm component tests).
    pub browser: bool,
    /// Trunk, for `trunk serve` (`cargo xtask run`). The release build and CI do without.
    pub trunk: bool,
}

pub fn setup(needs: Needs) -> Result {
    println!("== setup");
    check_pins_agree()?;
    wasm_target()?;
    if needs.trunk {
        trunk()?;
    }
    let bindgen = versions::wasm_bindgen_from_lock(&root())?;
    cargo_tool("wasm-bindgen", &bindgen, || {
        // No --locked: the CLI's own lock file does not build with this toolchain.
        util::run(command(
            "cargo",
            &[
                "install",
                "wasm-bindgen-cli",
                "--version",
                &format!("={bindgen}"),
            ],
        ))
    })?;
    npm_packages()?;
    check_wasm_opt()?;
    if needs.browser {
        browser()?;
    }
    Ok(())
}

/// Trunk is only for `trunk serve`: it cannot split the wasm, so the release build is
/// `xtask/src/release.rs`. Compiling it takes minutes on two cores, which CI saves.
fn trunk() -> Result {
    cargo_tool("trunk", versions::TRUNK, || {
        util::run(command(
            "cargo",
            &[
                "install",
                "trunk",
                "--version",
                &format!("={}", versions::TRUNK),
                "--locked",
            ],
        ))
    })
}

fn reuse(what: &str, detail: &str) {
    println!("reuse   {what} ({detail})");
}

fn install(what: &str) {
    println!("install {what}");
}

/// Installs with `install_it` unless `program --version` already reports `version`
/// (as its second word: `trunk 0.21.14`, `wasm-bindgen 0.2.130`).
fn cargo_tool(program: &str, version: &str, install_it: impl FnOnce() -> Result) -> Result {
    let reported = || {
        let text = output_of(program, &["--version"])?;
        text.split_whitespace().nth(1).map(str::to_owned)
    };
    let found = reported();
    if found.as_deref() == Some(version) {
        reuse(program, version);
        return Ok(());
    }
    install(&format!(
        "{program} {version} (found: {})",
        found.as_deref().unwrap_or("none")
    ));
    install_it()?;
    match reported() {
        Some(now) if now == version => Ok(()),
        now => Err(format!(
            "{program} reports {now:?} after installing, expected {version}"
        )),
    }
}

/// rust-toolchain.toml asks rustup for the target; verify rather than trust.
fn wasm_target() -> Result {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        reuse("rust target", "wasm32-unknown-unknown");
        Ok(())
    } else {
        install("rust target wasm32-unknown-unknown");
        util::run(command(
            "rustup",
            &["target", "add", "wasm32-unknown-unknown"],
        ))
    }
}

/// `npm ci` unless node_modules already holds the pinned versions.
fn npm_packages() -> Result {
    let root = root();
    let current = versions::NPM_PINS
        .iter()
        .all(|(name, version)| installed_npm_version(&root, name).as_deref() == Some(*version));
    let lock_newer = modified(&root.join("package-lock.json"))
        > modified(&root.join("node_modules/.package-lock.json"));
    if current && !lock_newer {
        let pins: Vec<String> = versions::NPM_PINS
            .iter()
            .map(|(n, v)| format!("{n}@{v}"))
            .collect();
        reuse("npm packages", &pins.join(", "));
        return Ok(());
    }
    install("npm packages (npm ci)");
    util::run(command("npm", &["ci", "--no-audit", "--no-fund"]))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
}

fn installed_npm_version(root: &Path, package: &str) -> Option<String> {
    let manifest =
        std::fs::read_to_string(root.join("node_modules").join(package).join("package.json"))
            .ok()?;
    json_string_field(&manifest, "version")
}

/// The first `"field": "value"` in a JSON text: enough for package.json, without a JSON crate.
fn json_string_field(json: &str, field: &str) -> Option<String> {
    let key = format!("\"{field}\"");
    let after_key = &json[json.find(&key)? + key.len()..];
    let after_colon = after_key.trim_start().strip_prefix(':')?.trim_start();
    let value = after_colon.strip_prefix('"')?;
    Some(value[..value.find('"')?].to_owned())
}

/// Trunk only uses a wasm-opt from PATH when `wasm-opt --version`'s third word matches
/// Trunk.toml's `version_N`; otherwise it tries to download one, which fails here.
fn check_wasm_opt() -> Result {
    let expected = versions::wasm_opt_version();
    let found = output_of("wasm-opt", &["--version"]).unwrap_or_default();
    let reported = found.split(' ').nth(2).map(|n| format!("version_{n}"));
    if reported.as_deref() == Some(expected.as_str()) {
        reuse("wasm-opt", &found);
        Ok(())
    } else {
        Err(format!(
            "wasm-opt on PATH reports {found:?}; Trunk needs {expected}"
        ))
    }
}

/// package.json and Trunk.toml repeat some versions; fail early when they drift from versions.rs.
fn check_pins_agree() -> Result {
    let root = root();
    let package_json = std::fs::read_to_string(root.join("package.json"))
        .map_err(|error| format!("reading package.json: {error}"))?;
    for (name, version) in versions::NPM_PINS {
        let pinned = json_string_field(&package_json, name);
        if pinned.as_deref() != Some(*version) {
            return Err(format!(
                "package.json pins {name} to {pinned:?}, xtask/src/versions.rs says {version:?}: make them agree"
            ));
        }
    }
    let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml"))
        .map_err(|error| format!("reading Trunk.toml: {error}"))?;
    let bindgen = versions::wasm_bindgen_from_lock(&root)?;
    for (key, expected) in [
        ("wasm_opt", versions::wasm_opt_version()),
        ("wasm_bindgen", bindgen),
    ] {
        let line = format!("{key} = \"{expected}\"");
        if !trunk_toml.lines().any(|l| l.trim() == line) {
            return Err(format!(
                "Trunk.toml [tools] must say `{line}` (versions.rs / Cargo.lock)"
            ));
        }
    }
    Ok(())
}

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const PDFTOTEXT: &str = "/usr/bin/pdftotext";

fn browser() -> Result {
    // pdftotext (poppler-utils) reads the portal's PDF exports back in the e2e journeys.
    if Path::new(CHROMEDRIVER).exists()
        && Path::new(CHROMIUM).exists()
        && Path::new(PDFTOTEXT).exists()
    {
        let version = output_of(CHROMEDRIVER, &["--version"]).unwrap_or_default();
        reuse("chromium + chromedriver", &version);
        return Ok(());
    }
    install("chromium chromium-driver poppler-utils (apt-get)");
    let mut update = command("apt-get", &["update"]);
    update.env("DEBIAN_FRONTEND", "noninteractive");
    util::run(update)?;
    let mut install_it = command(
        "apt-get",
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
            "poppler-utils",
        ],
    );
    install_it.env("DEBIAN_FRONTEND", "noninteractive");
    util::run(install_it)
}

#[cfg(test)]
mod tests {
    use super::json_string_field;

    #[test]
    fn reads_string_fields() {
        let json = r#"{ "name": "x", "devDependencies": { "binaryen" : "132.0.0" } }"#;
        assert_eq!(
            json_string_field(json, "binaryen").as_deref(),
            Some("132.0.0")
        );
        assert_eq!(json_string_field(json, "name").as_deref(), Some("x"));
        assert_eq!(json_string_field(json, "missing"), None);
    }
}
