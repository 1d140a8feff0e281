//! Generates the `i18n` module from `locales/*.json` (leptos_i18n), so a missing
//! or misspelt key is a compile error rather than a blank label at run time.
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");

    // The release build splits the portal's wasm per page (xtask/src/release.rs), and
    // the splitter reads the linker's relocations: kept for that bin in that build only.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32")
        && std::env::var_os("CARGO_FEATURE_SPLIT").is_some()
    {
        println!("cargo::rustc-link-arg-bin=billing-portal=--emit-relocs");
        // The gallery shows real invoices through the reference adapter, whose
        // page-only decoders are split points too: it is split the same way.
        println!("cargo::rustc-link-arg-bin=gallery=--emit-relocs");
    }

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    // French is the source language (OVHcloud's guides are written in it);
    // Italian and English are translations of it.
    // `interpolate_display` lets `td_string!` build strings with values for
    // attributes and live regions, not only views.
    let config = Config::new("fr")?
        .add_locale("it")?
        .add_locale("en")?
        .parse_options(ParseOptions::new().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir.join("i18n"))?;
    Ok(())
}
