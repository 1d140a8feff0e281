//! Where the wasm's bytes go, by crate and by function, so a size regression names its
//! cause. The shipped wasm has no names (wasm-opt drops them), so the breakdown rebuilds
//! the same binary with names kept: Cargo's artifact (the one Trunk just built) through
//! wasm-bindgen and `wasm-opt -Oz -g`, and reads its code, data and `name` sections with
//! `wasmparser` (already built for the splitter, so no tool to install in CI).

use std::collections::HashMap;
use std::path::Path;

use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

use crate::util::{self, Result, command};

/// Prints the crate table and the largest functions of the release wasm.
pub fn print(cargo_wasm: &Path, crates: usize, functions: usize) -> Result {
    let work = util::root().join("target/size-breakdown");
    std::fs::create_dir_all(&work).map_err(|e| format!("creating {}: {e}", work.display()))?;
    // The split build's main module keeps the exports its chunks import.
    let mut bindgen = command(
        "wasm-bindgen",
        &["--target", "web", "--keep-lld-exports", "--out-dir"],
    );
    bindgen.arg(&work).arg(cargo_wasm);
    util::run(bindgen)?;
    let stem = cargo_wasm
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let named = work.join("named.wasm");
    let mut opt = command("wasm-opt", &["-Oz", "-g"]);
    opt.args(crate::release::WASM_FEATURES)
        .arg(work.join(format!("{stem}_bg.wasm")))
        .arg("-o")
        .arg(&named);
    util::run(opt)?;

    let bytes = std::fs::read(&named).map_err(|e| format!("reading {}: {e}", named.display()))?;
    let module = parse(&bytes)?;
    let mut by_crate: HashMap<String, u64> = HashMap::new();
    for function in &module.functions {
        *by_crate.entry(crate_of(&function.name)).or_default() += function.size;
    }
    *by_crate
        .entry("(data: strings, tables)".to_owned())
        .or_default() += module.data;
    let code: u64 = module.functions.iter().map(|f| f.size).sum();
    let total = code + module.data;

    let mut crates_sorted: Vec<_> = by_crate.into_iter().collect();
    crates_sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("\nwasm by crate (code + data, raw bytes after wasm-opt -Oz; {total} in all):");
    for (name, size) in crates_sorted.iter().take(crates) {
        println!(
            "  {:>9} {:>5.1}%  {name}",
            size,
            100.0 * *size as f64 / total as f64
        );
    }

    let mut largest: Vec<&Function> = module.functions.iter().collect();
    largest.sort_by_key(|function| std::cmp::Reverse(function.size));
    println!("\nlargest functions:");
    for function in largest.into_iter().take(functions) {
        println!("  {:>9}  {}", function.size, shorten(&function.name, 140));
    }
    Ok(())
}

struct Function {
    name: String,
    size: u64,
}

struct Module {
    functions: Vec<Function>,
    /// Bytes of the data section (string literals, tables).
    data: u64,
}

/// The crate a symbol belongs to: the first `crate::` path in it, so that
/// `<T as tachys::view::Render>::build` counts for tachys and
/// `core[c5930c85]::fmt::write` for core. Generic code lands in the crate that
/// defines it, not the one that instantiated it: the table says "tachys", the
/// largest-functions list says which view.
pub fn crate_of(symbol: &str) -> String {
    let bytes = symbol.as_bytes();
    let mut start = None;
    for (index, &byte) in bytes.iter().enumerate() {
        let is_ident = byte.is_ascii_alphanumeric() || byte == b'_';
        match start {
            None if is_ident && (byte.is_ascii_lowercase() || byte == b'_') => start = Some(index),
            Some(begin) if !is_ident => {
                let word = &symbol[begin..index];
                let rest = &symbol[index..];
                // `core[c5930c85a12de822]::` carries a disambiguating hash.
                let rest = match rest.strip_prefix('[') {
                    Some(hashed) => hashed.split_once(']').map_or(rest, |(_, after)| after),
                    None => rest,
                };
                if rest.starts_with("::") {
                    return word.to_owned();
                }
                start = None;
            }
            None | Some(_) => {
                if !is_ident {
                    start = None;
                }
            }
        }
    }
    "(other)".to_owned()
}

fn shorten(name: &str, limit: usize) -> String {
    // The `::h0123…` suffix only tells instances apart.
    let name = match name.rfind("::h") {
        Some(at) if name.len() - at == 19 => &name[..at],
        _ => name,
    };
    if name.chars().count() <= limit {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(limit).collect();
        format!("{cut}…")
    }
}

/// Function body sizes (in code-section order, their indices following the imported
/// functions'), the data section's size and the function names of a wasm module.
fn parse(bytes: &[u8]) -> Result<Module> {
    let fail = |error: wasmparser::BinaryReaderError| format!("reading the wasm: {error}");
    let mut imported_functions = 0u32;
    let mut bodies = Vec::new();
    let mut data = 0u64;
    let mut names: HashMap<u32, String> = HashMap::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(fail)? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(
                        import.map_err(fail)?.ty,
                        TypeRef::Func(_) | TypeRef::FuncExact(_)
                    ) {
                        imported_functions += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(length(body.range())),
            Payload::DataSection(section) => data = length(section.range()),
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(subsections) = section.as_known() {
                    for subsection in subsections {
                        if let Name::Function(map) = subsection.map_err(fail)? {
                            for naming in map {
                                let naming = naming.map_err(fail)?;
                                names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let functions = bodies
        .into_iter()
        .zip(imported_functions..)
        .map(|(size, index)| Function {
            name: names
                .remove(&index)
                .unwrap_or_else(|| format!("code[{index}]")),
            size,
        })
        .collect();
    Ok(Module { functions, data })
}

/// Bytes in a part of the module (a body without its size prefix, a section's content).
fn length(range: std::ops::Range<u64>) -> u64 {
    range.end - range.start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_charged_to_the_first_crate_path_in_them() {
        assert_eq!(
            crate_of(
                "tachys::reactive_graph::<impl tachys::view::Render for F>::build::h5e1e0b6063b356a4"
            ),
            "tachys"
        );
        assert_eq!(
            crate_of("<T as tachys::view::any_view::IntoAny>::into_any::rebuild::h0f24"),
            "tachys"
        );
        assert_eq!(
            crate_of("<f64 as core[c5930c85a12de822]::fmt::Display>::fmt"),
            "core"
        );
        assert_eq!(
            crate_of("billing_portal::api::error::decode::h1a3e"),
            "billing_portal"
        );
        assert_eq!(crate_of("__wbindgen_malloc"), "(other)");
    }

    #[test]
    fn a_module_with_a_named_function_and_data_is_read() {
        // type section: one `() -> ()`; import section: one function; function and
        // code sections: one 4-byte body; data: one passive 1-byte segment (4 bytes of
        // section); name section naming both functions.
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        wasm.extend([2, 7, 1, 1, b'm', 1, b'f', 0, 0]);
        wasm.extend([3, 2, 1, 0]);
        wasm.extend([10, 6, 1, 4, 0, 0x01, 0x01, 0x0b]);
        wasm.extend([11, 4, 1, 1, 1, b'x']);
        let names: &[u8] = &[
            4, b'n', b'a', b'm', b'e', // custom section "name"
            1, 11, 2, // function names: 11 bytes, 2 entries
            0, 1, b'i', // the import
            1, 5, b'a', b'b', b'c', b'd', b'e', // the defined function
        ];
        wasm.extend([0, names.len() as u8]);
        wasm.extend(names);

        let module = parse(&wasm).expect("a valid module");
        assert_eq!(module.data, 4);
        assert_eq!(module.functions.len(), 1);
        assert_eq!(module.functions[0].name, "abcde");
        assert_eq!(module.functions[0].size, 4);
    }

    #[test]
    fn a_truncated_module_is_an_error_not_a_panic() {
        assert!(parse(b"\0asm\x01\0\0\0\x0a\x10\x01").is_err());
        assert!(parse(b"not wasm").is_err());
    }
}
