//! `cargo xtask size [--budget-kb 200] [--dist DIR]`: raw / gzip / brotli size of every file
//! in dist/, the first-load total (index.html and the JS, wasm and CSS it references), and a
//! failure when that total, brotli-compressed, exceeds the budget.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::util::{self, Result, command};

pub const DEFAULT_BUDGET_KB: u64 = 200;

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

/// Whether going over the budget fails the command or is only reported.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    Enforce,
    Report,
}

pub fn size(dist: &Path, budget_kb: u64) -> Result {
    size_with(dist, budget_kb, Budget::Enforce)
}

pub fn size_with(dist: &Path, budget_kb: u64, budget_mode: Budget) -> Result {
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
    let mut wasm_files = Vec::new();
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
        if relative.ends_with(".wasm") {
            wasm_files.push(file.clone());
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

    for wasm in &wasm_files {
        wasm_breakdown(wasm);
    }

    let budget = budget_kb * 1024;
    if total.brotli > budget && budget_mode == Budget::Report {
        println!(
            "OVER BUDGET: first load {:.1} KB brotli, {:.1} KB over the {budget_kb} KB budget (`cargo xtask size` fails on this)",
            total.brotli as f64 / 1024.0,
            (total.brotli - budget) as f64 / 1024.0
        );
        Ok(())
    } else if total.brotli > budget {
        Err(format!(
            "first-load size {} bytes brotli exceeds the budget of {budget_kb} KB ({budget} bytes)",
            total.brotli
        ))
    } else {
        println!(
            "first load: {:.1} KB brotli, within the {budget_kb} KB budget",
            total.brotli as f64 / 1024.0
        );
        Ok(())
    }
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

/// The .js, .wasm and .css files index.html names in `src="…"`/`href="…"` attributes and in
/// Trunk's inline loader (`'/billing-portal-….js'`), as paths relative to dist/.
fn referenced_assets(index_html: &str) -> Vec<String> {
    let mut assets: Vec<String> = Vec::new();
    for quote in ['"', '\''] {
        for (position, _) in index_html.match_indices(quote) {
            let rest = &index_html[position + 1..];
            let Some(end) = rest.find(quote) else {
                continue;
            };
            let candidate = &rest[..end];
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
    }
    assets
}

fn wasm_breakdown(wasm: &Path) {
    if util::output_of("twiggy", &["--version"]).is_none() {
        println!(
            "note: twiggy is not installed (`cargo xtask setup` installs it for size): no wasm breakdown"
        );
        return;
    }
    println!("\nlargest items in {} (twiggy top -n 20):", wasm.display());
    let mut twiggy = command("twiggy", &["top", "-n", "20"]);
    twiggy.arg(wasm);
    if let Err(error) = util::run(twiggy) {
        println!("note: {error}");
    }
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
}
