//! `cargo xtask size [--budget-kb N] [--dist DIR]`: raw / gzip / brotli size of every file
//! in dist/, the first-load total (index.html and the JS, wasm and CSS it references), where
//! the wasm's bytes go (by crate and by function), and a failure when the first load,
//! brotli-compressed, exceeds its ceiling.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::util::{self, Result};

/// The product's budget for the first load, brotli (issue 5): what a customer on a phone
/// should download before seeing their invoices.
pub const TARGET_KB: u64 = 200;

/// What the first load weighs today, brotli, plus [`SLACK_BYTES`]. CI fails above it, so
/// a change that makes every customer download more has to raise this number in the same
/// commit and say why; a change that shrinks the build should lower it. It ratchets down
/// towards [`TARGET_KB`], which the portal does not meet yet (README, performance).
///
/// Raised from 309,664 to 452,969 B (+143 KB) when the customer's actions landed together:
/// order filters, tracking, pay and withdrawal; the shared checkout dialog; invoice sorting,
/// selection and the in-browser CSV and PDF writers; payment tracking and credit notes;
/// payment-method management with IBAN checks; the URL rule; the phone layout. Every screen
/// is paid on the first visit until the per-route split (issue 14) moves them into chunks.
///
/// Raised to 461,093 B (+8,124 B) for paying from the invoices list (issue 11): the pay
/// flow of `src/invoices/pay.rs`, and the `pay_balance` / `pay_invoices` / `pay_invoice`
/// calls with their requests, which nothing reached before (so the build dropped them).
pub const CEILING_BYTES: u64 = 461_093 + SLACK_BYTES;

/// Identical sources do not give byte-identical output everywhere: the checkout path is
/// baked into the wasm (leptos_i18n's generated module lives in Cargo's OUT_DIR, named
/// in panic locations). Two checkouts came out 141 bytes apart; the slack keeps such
/// noise from failing CI.
pub const SLACK_BYTES: u64 = 2048;

struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

fn measure(bytes: &[u8]) -> Sizes {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    gzip.write_all(bytes).expect("writing to a Vec cannot fail");
    let gzip = gzip.finish().expect("writing to a Vec cannot fail").len();

    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params)
        .expect("compressing into a Vec cannot fail");
    Sizes {
        raw: bytes.len() as u64,
        gzip: gzip as u64,
        brotli: brotli.len() as u64,
    }
}

/// The limit the first load is held to: the recorded ceiling (CI), or a budget asked for
/// on the command line (`--budget-kb 200` checks the target).
#[derive(Clone, Copy)]
pub enum Limit {
    Ceiling,
    Kb(u64),
}

impl Limit {
    fn bytes(self) -> u64 {
        match self {
            Limit::Ceiling => CEILING_BYTES,
            Limit::Kb(kb) => kb * 1024,
        }
    }
}

pub fn size(dist: &Path, limit: Limit) -> Result {
    println!("== size of {}", dist.display());
    let index = std::fs::read_to_string(dist.join("index.html")).map_err(|error| {
        format!(
            "reading {}/index.html (build first): {error}",
            dist.display()
        )
    })?;
    let first_load: Vec<String> = std::iter::once("index.html".to_owned())
        .chain(referenced_assets(&index))
        .collect();

    let mut files = Vec::new();
    collect_files(dist, &mut files);
    files.sort();
    println!(
        "{:<58} {:>10} {:>10} {:>10}  first load",
        "file", "raw", "gzip", "brotli"
    );
    let mut total = Sizes {
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    for file in &files {
        let relative = file
            .strip_prefix(dist)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        let bytes =
            std::fs::read(file).map_err(|error| format!("reading {}: {error}", file.display()))?;
        let sizes = measure(&bytes);
        let in_first_load = first_load.contains(&relative);
        if in_first_load {
            total.raw += sizes.raw;
            total.gzip += sizes.gzip;
            total.brotli += sizes.brotli;
        }
        println!(
            "{:<58} {:>10} {:>10} {:>10}  {}",
            relative,
            sizes.raw,
            sizes.gzip,
            sizes.brotli,
            if in_first_load { "yes" } else { "" }
        );
    }
    for missing in first_load.iter().filter(|name| !dist.join(name).is_file()) {
        println!("warning: index.html references {missing}, which is not in dist/");
    }
    println!(
        "{:<58} {:>10} {:>10} {:>10}",
        "FIRST LOAD TOTAL", total.raw, total.gzip, total.brotli
    );

    let cargo_wasm = cargo_target_dir().join("wasm32-unknown-unknown/release/billing-portal.wasm");
    if cargo_wasm.is_file() {
        if let Err(error) = crate::wasm_breakdown::print(&cargo_wasm, 15, 20) {
            println!("note: no wasm breakdown: {error}");
        }
    } else {
        println!(
            "note: no wasm breakdown: {} is missing (run a release build first)",
            cargo_wasm.display()
        );
    }

    let kb = |bytes: u64| bytes as f64 / 1024.0;
    println!(
        "\nfirst load: {:.1} KB brotli; target {TARGET_KB} KB ({:+.1} KB); ceiling {:.1} KB",
        kb(total.brotli),
        kb(total.brotli) - TARGET_KB as f64,
        kb(CEILING_BYTES)
    );
    let allowed = limit.bytes();
    if total.brotli > allowed {
        return Err(format!(
            "the first load is {} bytes brotli, over the limit of {allowed} bytes by {}: \
             find the cause in the breakdown above, or raise CEILING_BYTES in xtask/src/size.rs \
             in the same commit and say why",
            total.brotli,
            total.brotli - allowed
        ));
    }
    if matches!(limit, Limit::Ceiling) && total.brotli + 2 * SLACK_BYTES < CEILING_BYTES {
        println!(
            "the first load shrank: lower CEILING_BYTES in xtask/src/size.rs to {} + SLACK_BYTES",
            total.brotli
        );
    }
    Ok(())
}

/// Where Cargo (and so Trunk) put the wasm it compiled.
fn cargo_target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                util::root().join(dir)
            }
        })
        .unwrap_or_else(|| util::root().join("target"))
}

fn collect_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, into);
        } else {
            into.push(path);
        }
    }
}

/// The .js, .wasm and .css files index.html names, as paths relative to dist/: in quoted
/// attributes (`href="…"`), in the unquoted ones a minified page has (`href=/x.css`), and
/// in an inline loader's string literals (`'/billing-portal-….js'`).
fn referenced_assets(index_html: &str) -> Vec<String> {
    let mut candidates: Vec<&str> = Vec::new();
    for quote in ['"', '\''] {
        let mut parts = index_html.split(quote);
        // Every other piece between two quotes is a quoted string.
        parts.next();
        while let Some(inside) = parts.next() {
            candidates.push(inside);
            parts.next();
        }
    }
    for (position, _) in index_html.match_indices('=') {
        let value = &index_html[position + 1..];
        if !value.starts_with(['"', '\'']) {
            let end = value
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(value.len());
            candidates.push(&value[..end]);
        }
    }
    let mut assets: Vec<String> = Vec::new();
    for candidate in candidates {
        let is_asset = [".js", ".wasm", ".css"]
            .iter()
            .any(|ext| candidate.ends_with(ext));
        if !is_asset || candidate.contains("://") || candidate.contains(char::is_whitespace) {
            continue;
        }
        // Strip the public URL (`/` or `/billing/`): dist/ holds the files flat.
        let name = candidate.rsplit('/').next().unwrap_or(candidate).to_owned();
        if !assets.contains(&name) {
            assets.push(name);
        }
    }
    assets
}

#[cfg(test)]
mod tests {
    use super::referenced_assets;

    #[test]
    fn finds_trunk_assets_in_attributes_and_the_inline_loader() {
        let html = r#"<link rel="stylesheet" href="/billing/base-0123456789abcdef.css" integrity="sha384-x">
<link rel="modulepreload" href="/billing/billing-portal-aa.js">
<link rel="preload" href="/billing/billing-portal-aa_bg.wasm" as="fetch">
<script type="module">import init from '/billing/billing-portal-aa.js';init({ module_or_path: '/billing/billing-portal-aa_bg.wasm' });</script>
<a href="https://example.com/x.js">x</a>"#;
        assert_eq!(
            referenced_assets(html),
            vec![
                "base-0123456789abcdef.css",
                "billing-portal-aa.js",
                "billing-portal-aa_bg.wasm"
            ]
        );
    }

    #[test]
    fn finds_unquoted_assets_in_a_minified_page() {
        let html = "<base href=/billing/><meta data-js=/billing/app-1.js data-wasm=/billing/app-1_bg.wasm name=app>\
<link href=/billing/tokens-2.css rel=stylesheet><script src=/billing/boot-3.js type=module></script>";
        assert_eq!(
            referenced_assets(html),
            vec!["app-1.js", "app-1_bg.wasm", "tokens-2.css", "boot-3.js"]
        );
    }
}
