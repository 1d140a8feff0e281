//! The release build of the portal and the gallery, without Trunk: `dist/` (public URL
//! `/`) and its twin for `/billing/`, in one compilation.
//!
//! Trunk cannot split a wasm (trunk-rs/trunk#1022), so the release build is ours; Trunk
//! stays for `trunk serve`. The steps, as cargo-leptos does them:
//! 1. `cargo build --release --features split` of both bins: the portal's raw wasm
//!    with the relocations the splitter needs (`build.rs` passes `--emit-relocs` to that
//!    bin's link only, so the dependencies' cache is shared with every other build);
//! 2. `wasm_split_cli_support::transform`: one main module, one module per split point
//!    (`src/app/lazy.rs`), shared chunks, and the JS that loads them;
//! 3. `wasm-bindgen --target web --keep-lld-exports` on the main module (the chunks
//!    import what it exports);
//! 4. `wasm-opt -Oz` on every module;
//! 5. content-hashed names, the JavaScript minified (terser) before SRI on everything
//!    index.html names, integrity on the chunk fetches, the stylesheets in one file,
//!    `public/` copied, and index.html written once per public URL.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256, Sha384};

use crate::util::{self, Result, command, root, target_dir};

/// Where the second release build (public URL `/billing/`) goes.
pub const SUBPATH_DIST: &str = "target/dist-subpath";
pub const SUBPATH_PUBLIC_URL: &str = "/billing/";
/// Where the bench's unsplit build of the portal goes (`cargo xtask bench` only).
pub const UNSPLIT_DIST: &str = "target/dist-unsplit";

/// Stands for the public URL in a page until it is written for one site.
const PUBLIC_URL: &str = "%PUBLIC_URL%";
/// The names the splitter writes into the JS, replaced by the hashed ones afterwards.
const LOADER_PLACEHOLDER: &str = "./__wasm_split.js";
const GLUE_PLACEHOLDER: &str = "./__main_glue.js";
/// What `cargo xtask size` reads to know which chunks a page needs (written into dist/;
/// it names only public files).
pub const CHUNK_MANIFEST: &str = "chunks.json";

/// Features every module may use: what rustc's wasm32 target enables by default. Chunks
/// come out of the splitter without a target-features section, so wasm-opt is told
/// (the size report's named rebuild uses the same list).
pub const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// One public URL and the directory that serves it.
pub struct Site {
    pub dist: PathBuf,
    pub public_url: String,
}

pub fn root_site() -> Site {
    Site {
        dist: root().join("dist"),
        public_url: "/".to_owned(),
    }
}

pub fn subpath_site() -> Site {
    Site {
        dist: root().join(SUBPATH_DIST),
        public_url: SUBPATH_PUBLIC_URL.to_owned(),
    }
}

/// An app (portal or gallery), compiled once and ready to be written under any URL.
struct BuiltApp {
    /// Hashed file name → content.
    files: BTreeMap<String, Vec<u8>>,
    /// The page, with [`PUBLIC_URL`] where the public URL goes.
    html: String,
    /// Split point → the files its first use downloads, beyond the first load.
    chunks: BTreeMap<String, Vec<String>>,
}

struct AppSpec {
    html: &'static str,
    bin: &'static str,
    /// Its working directory under `target/release-build/`.
    work: &'static str,
    split: bool,
    /// Where it goes under the site: "" or "_gallery/".
    under: &'static str,
    copy_public: bool,
}

const PORTAL: AppSpec = AppSpec {
    html: "index.html",
    bin: "billing-portal",
    work: "billing-portal",
    split: true,
    under: "",
    copy_public: true,
};

const GALLERY: AppSpec = AppSpec {
    html: "gallery.html",
    bin: "gallery",
    work: "gallery",
    // Its bench reads invoices through the reference adapter, whose decoders of
    // page-only models are split points (`api::adapters::reference`).
    split: true,
    under: "_gallery/",
    copy_public: false,
};

/// The portal as it was before the split: every page in one wasm (the bench's baseline).
const UNSPLIT_PORTAL: AppSpec = AppSpec {
    work: "billing-portal-unsplit",
    split: false,
    ..PORTAL
};

/// `cargo xtask build [--subpath]`: the portal and the gallery into each site's dist.
pub fn build(sites: &[Site]) -> Result {
    compile_all()?;
    let portal = build_app(&PORTAL)?;
    let gallery = build_app(&GALLERY)?;
    for site in sites {
        empty_site(site)?;
        write_app(site, &PORTAL, &portal)?;
        write_app(site, &GALLERY, &gallery)?;
    }
    Ok(())
}

/// The same commit's portal without the `split` feature, through the same steps, into
/// [`UNSPLIT_DIST`] for `/` (no gallery): what `cargo xtask bench` compares the split
/// build with. Its own compilation of the portal (the feature changes the library), whose
/// raw wasm replaces the split one in Cargo's output: run it after [`build`].
pub fn build_unsplit() -> Result {
    cargo_release_wasm(&["--bin", PORTAL.bin])?;
    let portal = build_app(&UNSPLIT_PORTAL)?;
    let site = Site {
        dist: root().join(UNSPLIT_DIST),
        public_url: "/".to_owned(),
    };
    empty_site(&site)?;
    write_app(&site, &UNSPLIT_PORTAL, &portal)
}

fn empty_site(site: &Site) -> Result {
    println!("== writing {} for {}", site.dist.display(), site.public_url);
    if site.dist.exists() {
        std::fs::remove_dir_all(&site.dist)
            .map_err(|error| format!("emptying {}: {error}", site.dist.display()))?;
    }
    Ok(())
}

fn build_app(spec: &AppSpec) -> Result<BuiltApp> {
    println!("== release build of {}", spec.work);
    let work = target_dir().join("release-build").join(spec.work);
    if work.exists() {
        std::fs::remove_dir_all(&work).map_err(|error| format!("emptying {work:?}: {error}"))?;
    }
    std::fs::create_dir_all(&work).map_err(|error| format!("creating {work:?}: {error}"))?;

    let raw_wasm = raw_wasm(spec);
    let mut files = BTreeMap::new();
    let mut chunks = BTreeMap::new();

    // 2. Split (the portal only).
    let (bindgen_input, split_modules, loader) = if spec.split {
        let split_dir = work.join("split");
        let main_out = split_dir.join("main.wasm");
        let input = read(&raw_wasm)?;
        let split = wasm_split_cli_support::transform({
            let mut options = wasm_split_cli_support::Options::new(&input);
            options.output_dir = &split_dir;
            options.main_out_path = &main_out;
            options.link_name = LOADER_PLACEHOLDER;
            options.main_module = GLUE_PLACEHOLDER;
            options
        })
        .map_err(|error| format!("splitting {}: {error:?}", raw_wasm.display()))?;
        let loader = read_text(&split_dir.join(LOADER_PLACEHOLDER))?;
        for (point, stems) in split.prefetch_map {
            chunks.insert(point, stems);
        }
        (main_out, split.split_modules, Some(loader))
    } else {
        (raw_wasm, Vec::new(), None)
    };

    // 3. wasm-bindgen on the main module.
    let bindgen_dir = work.join("bindgen");
    let mut bindgen = command(
        "wasm-bindgen",
        &["--target", "web", "--no-typescript", "--out-name", spec.bin],
    );
    if spec.split {
        bindgen.args(["--keep-lld-exports", "--no-demangle"]);
    }
    bindgen
        .arg("--out-dir")
        .arg(&bindgen_dir)
        .arg(&bindgen_input);
    util::run(bindgen)?;
    let main_wasm = bindgen_dir.join(format!("{}_bg.wasm", spec.bin));
    let glue = read_text(&bindgen_dir.join(format!("{}.js", spec.bin)))?;

    // 4. wasm-opt on every module.
    let mut modules = vec![main_wasm];
    modules.extend(split_modules.iter().cloned());
    let mut optimized = optimize_all(&modules, &work)?.into_iter();
    let optimized_main = optimized.next().expect("the main module is first");
    let mut chunk_names = BTreeMap::new();
    for (module, optimized) in split_modules.iter().zip(optimized) {
        let stem = file_stem(module);
        let name = format!("{stem}-{}.wasm", short_hash(&optimized));
        chunk_names.insert(stem, (name.clone(), sri(&optimized)));
        files.insert(name, optimized);
    }

    // 5. Hashed names. The glue and the loader import each other, so neither can be
    // named after its own content alone: both carry one hash of everything they
    // load (main wasm, chunks, both texts before the names go in).
    let loader = loader.map(|loader| with_hashed_chunks(&loader, &chunk_names));
    let mut hasher = Sha256::new();
    hasher.update(&optimized_main);
    hasher.update(glue.as_bytes());
    if let Some(loader) = &loader {
        hasher.update(loader.as_bytes());
    }
    let app_hash = hex16(&hasher.finalize());
    let glue_name = format!("{}-{app_hash}.js", spec.bin);
    let wasm_name = format!("{}-{app_hash}_bg.wasm", spec.bin);
    let loader_name = format!("{}-split-{app_hash}.js", spec.bin);
    let mut glue = glue.replace(&format!("{}_bg.wasm", spec.bin), wasm_name.as_str());
    if let Some(loader) = loader {
        if !glue.contains(LOADER_PLACEHOLDER) {
            return Err(format!(
                "the wasm-bindgen glue does not import {LOADER_PLACEHOLDER}: the split did not take"
            ));
        }
        // Only where the glue imports the loader: the wasm's import object keeps the
        // module name the wasm itself was linked with.
        glue = glue.replace(
            &format!("from \"{LOADER_PLACEHOLDER}\""),
            &format!("from \"./{loader_name}\""),
        );
        let loader = loader.replace(GLUE_PLACEHOLDER, &format!("./{glue_name}"));
        files.insert(loader_name.clone(), minify_js(&loader, &work, "loader")?);
    } else if glue.contains("__wasm_split") {
        return Err(format!(
            "{} was not split but imports split points: it must not reach `AppRoutes`",
            spec.bin
        ));
    }
    let glue = minify_js(&glue, &work, "glue")?;
    let wasm_sri = sri(&optimized_main);
    let glue_sri = sri(&glue);
    files.insert(glue_name.clone(), glue);
    files.insert(wasm_name.clone(), optimized_main);
    for stems in chunks.values_mut() {
        *stems = stems
            .iter()
            .filter_map(|stem| chunk_names.get(stem).map(|(name, _)| name.clone()))
            .collect();
    }

    // Stylesheets (in the page's order, as one file) and the boot script.
    let source_html = read_text(&root().join(spec.html))?;
    let mut css = String::new();
    for href in trunk_links(&source_html, "css") {
        let sheet = minify_css(&read_text(&root().join(&href))?);
        // A browser closes a block left open at the end of a stylesheet, so a missing
        // `}` goes unseen in a file of its own; in one file it would swallow the next.
        if let Some(line) = unclosed_block(&sheet) {
            return Err(format!(
                "{href}: the block opened at line {line} (comments removed) is never closed"
            ));
        }
        css.push_str(&sheet);
        css.push('\n');
    }
    let css_name = format!("style-{}.css", short_hash(css.as_bytes()));
    let css_sri = sri(css.as_bytes());
    files.insert(css_name.clone(), css.into_bytes());
    let boot = minify_js(&read_text(&root().join("src/boot.js"))?, &work, "boot")?;
    let boot_name = format!("boot-{}.js", short_hash(&boot));
    let boot_sri = sri(&boot);
    files.insert(boot_name.clone(), boot);

    let mut head = vec![
        format!(
            r#"<meta name="billing-portal-app" content="" data-js="{PUBLIC_URL}{glue_name}" data-wasm="{PUBLIC_URL}{wasm_name}">"#
        ),
        format!(r#"<link rel="stylesheet" href="{PUBLIC_URL}{css_name}" integrity="{css_sri}">"#),
        format!(
            r#"<script type="module" src="{PUBLIC_URL}{boot_name}" integrity="{boot_sri}"></script>"#
        ),
        format!(
            r#"<link rel="modulepreload" href="{PUBLIC_URL}{glue_name}" integrity="{glue_sri}" crossorigin>"#
        ),
        format!(
            r#"<link rel="preload" href="{PUBLIC_URL}{wasm_name}" as="fetch" type="application/wasm" integrity="{wasm_sri}" crossorigin>"#
        ),
    ];
    if spec.split {
        // The glue imports the loader at once: preloading it (with its integrity) saves
        // a round trip and vouches for its content.
        let loader_sri = sri(&files[&loader_name]);
        head.push(format!(
            r#"<link rel="modulepreload" href="{PUBLIC_URL}{loader_name}" integrity="{loader_sri}" crossorigin>"#
        ));
    }
    let html = page_with_assets(&source_html, &head.join("\n    "))?;
    Ok(BuiltApp {
        files,
        html,
        chunks,
    })
}

/// Step 1, both apps' raw wasm in one cargo run: cargo links the two bins at once, each
/// a single-threaded LTO, so the gallery's link takes the second core instead of
/// following the portal's. Both links keep their relocations for the splitter
/// (`build.rs` asks for `--emit-relocs` on both bins when the `split` feature is on).
fn compile_all() -> Result {
    // Both apps share one build of the library, so both are split: the gallery
    // reaches the adapter's split decoders, never the pages.
    cargo_release_wasm(&[
        "--bin",
        PORTAL.bin,
        "--bin",
        GALLERY.bin,
        "--features",
        "split",
    ])
}

/// `cargo build --release` of the portal's crate for the browser, with `extra` arguments.
fn cargo_release_wasm(extra: &[&str]) -> Result {
    let mut cargo = command(
        "cargo",
        &[
            "build",
            "-p",
            "billing-portal",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
        ],
    );
    cargo.args(extra);
    util::run(cargo)
}

/// The raw wasm [`compile_all`] made for `spec.bin`.
fn raw_wasm(spec: &AppSpec) -> PathBuf {
    target_dir()
        .join("wasm32-unknown-unknown/release")
        .join(format!("{}.wasm", spec.bin))
}

/// wasm-opt on every module, as many at once as there are cores (the portal has dozens
/// of chunks); the results in the modules' order.
fn optimize_all(modules: &[PathBuf], work: &Path) -> Result<Vec<Vec<u8>>> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<Vec<u8>>>>> = modules
        .iter()
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(module) = modules.get(index) else {
                        break;
                    };
                    let outcome = optimize(module, work);
                    *results[index].lock().expect("no worker panics holding it") = Some(outcome);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .expect("no worker panics holding it")
                .unwrap_or_else(|| Err("a module was not optimized".to_owned()))
        })
        .collect()
}

fn optimize(module: &Path, work: &Path) -> Result<Vec<u8>> {
    let out = work.join("opt").join(format!("{}.wasm", file_stem(module)));
    std::fs::create_dir_all(out.parent().expect("has a parent"))
        .map_err(|error| format!("creating {out:?}: {error}"))?;
    let mut wasm_opt = command("wasm-opt", &["-Oz"]);
    wasm_opt
        .args(WASM_FEATURES)
        .arg(module)
        .arg("-o")
        .arg(&out)
        // Its only chatter is about name subsections it does not know; errors still show.
        .stderr(std::process::Stdio::null());
    util::run(wasm_opt)?;
    read(&out)
}

/// The same ES module, smaller (compressed and mangled by terser; exports keep their
/// names): the glue, the loader and the boot script are 128 KB as written, 66 KB
/// minified, and 3.5 KB less once brotli-compressed. Done before the SRI hashes.
fn minify_js(module: &str, work: &Path, name: &str) -> Result<Vec<u8>> {
    let dir = work.join("js");
    std::fs::create_dir_all(&dir).map_err(|error| format!("creating {dir:?}: {error}"))?;
    let input = dir.join(format!("{name}.js"));
    let output = dir.join(format!("{name}.min.js"));
    write(&input, module.as_bytes())?;
    let mut terser = command(
        "terser",
        &["--module", "--compress", "--mangle", "--output"],
    );
    terser.arg(&output).arg(&input);
    util::run(terser)?;
    read(&output)
}

/// The loader fetches `./split_x.wasm`; it now fetches the hashed name, with the
/// module's integrity, so a tampered chunk on the CDN is refused like the main one.
fn with_hashed_chunks(loader: &str, names: &BTreeMap<String, (String, String)>) -> String {
    let mut loader = loader.to_owned();
    for (stem, (name, integrity)) in names {
        loader = loader.replace(
            &format!("fetch(new URL(\"./{stem}.wasm\", import.meta.url))"),
            &format!(
                "fetch(new URL(\"./{name}\", import.meta.url), {{ integrity: \"{integrity}\", credentials: \"same-origin\" }})"
            ),
        );
    }
    loader
}

fn write_app(site: &Site, spec: &AppSpec, app: &BuiltApp) -> Result {
    let dir = site.dist.join(spec.under);
    std::fs::create_dir_all(&dir).map_err(|error| format!("creating {dir:?}: {error}"))?;
    if spec.copy_public {
        copy_dir(&root().join("public"), &site.dist)?;
    }
    for (name, bytes) in &app.files {
        write(&dir.join(name), bytes)?;
    }
    let public_url = format!("{}{}", site.public_url, spec.under);
    // Each app's page is the `index.html` of its directory, whatever its source is named.
    write(
        &dir.join("index.html"),
        app.html.replace(PUBLIC_URL, &public_url).as_bytes(),
    )?;
    if !app.chunks.is_empty() {
        let manifest = app
            .chunks
            .iter()
            .map(|(point, files)| {
                let files: Vec<String> = files.iter().map(|f| format!("\"{f}\"")).collect();
                format!("  \"{point}\": [{}]", files.join(", "))
            })
            .collect::<Vec<_>>()
            .join(",\n");
        write(
            &dir.join(CHUNK_MANIFEST),
            format!("{{\n{manifest}\n}}\n").as_bytes(),
        )?;
    }
    Ok(())
}

/// The `href`s of `<link data-trunk rel="{rel}" …>` in a page, in order.
fn trunk_links(html: &str, rel: &str) -> Vec<String> {
    html.lines()
        .filter(|line| line.contains("data-trunk") && line.contains(&format!("rel=\"{rel}\"")))
        .filter_map(|line| attribute(line, "href"))
        .collect()
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

/// The source page with Trunk's directives replaced: `<base>` gets the public URL, the
/// asset links become `assets`, and the copy directives go (their copy is done).
fn page_with_assets(source: &str, assets: &str) -> Result<String> {
    let mut out = Vec::new();
    let mut assets_written = false;
    for line in source.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if trimmed.starts_with("<base data-trunk-public-url") {
            out.push(format!(r#"{indent}<base href="{PUBLIC_URL}">"#));
        } else if line.contains("data-trunk") {
            if !assets_written {
                out.push(format!("{indent}{assets}"));
                assets_written = true;
            }
        } else {
            out.push(line.to_owned());
        }
    }
    if !assets_written {
        return Err("the page has no data-trunk asset link to replace".to_owned());
    }
    Ok(out.join("\n") + "\n")
}

/// Comments and indentation out; nothing that could change a rule's meaning.
fn minify_css(css: &str) -> String {
    let mut without_comments = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        without_comments.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => {
                rest = "";
            }
        }
    }
    without_comments.push_str(rest);
    without_comments
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The line (1-based) of the first `{` never closed, if any; strings count as text.
fn unclosed_block(css: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut quote = None;
    for (index, line) in css.lines().enumerate() {
        for character in line.chars() {
            match (quote, character) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(character),
                (None, '{') => open.push(index + 1),
                (None, '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.first().copied()
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|error| format!("creating {to:?}: {error}"))?;
    let entries = std::fs::read_dir(from).map_err(|error| format!("reading {from:?}: {error}"))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|error| format!("copying {path:?}: {error}"))?;
        }
    }
    Ok(())
}

fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

fn short_hash(bytes: &[u8]) -> String {
    hex16(&Sha256::digest(bytes))
}

fn hex16(digest: &[u8]) -> String {
    digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|error| format!("reading {}: {error}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|error| format!("reading {}: {error}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|error| format!("writing {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_gets_its_base_and_assets_in_place_of_the_trunk_links() {
        let source = "<head>\n  <base data-trunk-public-url />\n  <link data-trunk rel=\"rust\" />\n  <link data-trunk rel=\"css\" href=\"style/a.css\" />\n  <title>x</title>\n</head>";
        let page = page_with_assets(
            source,
            "<link rel=\"stylesheet\" href=\"%PUBLIC_URL%s.css\">",
        )
        .unwrap();
        assert_eq!(
            page,
            "<head>\n  <base href=\"%PUBLIC_URL%\">\n  <link rel=\"stylesheet\" href=\"%PUBLIC_URL%s.css\">\n  <title>x</title>\n</head>\n"
        );
        assert_eq!(trunk_links(source, "css"), vec!["style/a.css"]);
    }

    #[test]
    fn css_loses_comments_and_indentation_only() {
        assert_eq!(
            minify_css(
                "/* why */\n.a {\n  color: red; /* note */\n}\n\n.b::after { content: \"x\"; }\n"
            ),
            ".a {\ncolor: red;\n}\n.b::after { content: \"x\"; }"
        );
    }

    #[test]
    fn a_block_left_open_is_found() {
        assert_eq!(
            unclosed_block(".a {\ncolor: red;\n}\n.b::after { content: \"{\"; }"),
            None
        );
        assert_eq!(unclosed_block(".a {\ncolor: red;\n.b {\n}"), Some(1));
    }

    #[test]
    fn chunk_fetches_get_hashed_names_and_integrity() {
        let loader = "const src = fetch(new URL(\"./split_orders.wasm\", import.meta.url));";
        let names = BTreeMap::from([(
            "split_orders".to_owned(),
            ("split_orders-0011.wasm".to_owned(), "sha384-abc".to_owned()),
        )]);
        assert_eq!(
            with_hashed_chunks(loader, &names),
            "const src = fetch(new URL(\"./split_orders-0011.wasm\", import.meta.url), { integrity: \"sha384-abc\", credentials: \"same-origin\" });"
        );
    }

    #[test]
    fn sri_is_sha384_in_base64() {
        assert_eq!(
            sri(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }
}
