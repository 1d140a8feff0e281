//! Where the wasm's bytes go, by crate and by function, so a size regression names its
//! cause. The shipped wasm has no names (wasm-opt drops them), so the breakdown rebuilds
//! the same binary with names kept: Cargo's artifact (the one Trunk just built) through
//! wasm-bindgen and `wasm-opt -Oz -g`. Reading the binary is a small parser of the wasm
//! format (code, data and `name` sections), which spares CI a tool install.

use std::collections::HashMap;
use std::path::Path;

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

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8> {
        let byte = *self
            .bytes
            .get(self.at)
            .ok_or("wasm ends in the middle of a section")?;
        self.at += 1;
        Ok(byte)
    }

    fn leb(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("malformed LEB128 number in the wasm".to_owned())
    }

    fn slice(&mut self, len: usize) -> Result<&'a [u8]> {
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len());
        let end = end.ok_or("wasm section runs past the end of the file")?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<String> {
        let len = self.leb()? as usize;
        Ok(String::from_utf8_lossy(self.slice(len)?).into_owned())
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

const SECTION_CUSTOM: u8 = 0;
const SECTION_IMPORT: u8 = 2;
const SECTION_CODE: u8 = 10;
const SECTION_DATA: u8 = 11;
const NAME_SUBSECTION_FUNCTIONS: u8 = 1;
const IMPORT_KIND_FUNCTION: u8 = 0;

/// Function body sizes (indexed past the imported functions), the data size and the
/// function names of a wasm module.
fn parse(bytes: &[u8]) -> Result<Module> {
    if bytes.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".to_owned());
    }
    let mut reader = Reader { bytes, at: 8 };
    let mut imported_functions = 0u64;
    let mut body_sizes = Vec::new();
    let mut data = 0u64;
    let mut names: HashMap<u64, String> = HashMap::new();
    while !reader.done() {
        let id = reader.byte()?;
        let len = reader.leb()? as usize;
        let mut section = Reader {
            bytes: reader.slice(len)?,
            at: 0,
        };
        match id {
            SECTION_IMPORT => imported_functions = count_imported_functions(&mut section)?,
            SECTION_CODE => {
                for _ in 0..section.leb()? {
                    let size = section.leb()?;
                    section.slice(size as usize)?;
                    body_sizes.push(size);
                }
            }
            SECTION_DATA => data = len as u64,
            SECTION_CUSTOM if section.name()? == "name" => {
                read_function_names(&mut section, &mut names)?;
            }
            _ => {}
        }
    }
    let functions = body_sizes
        .into_iter()
        .enumerate()
        .map(|(index, size)| {
            let index = imported_functions + index as u64;
            Function {
                name: names
                    .remove(&index)
                    .unwrap_or_else(|| format!("code[{index}]")),
                size,
            }
        })
        .collect();
    Ok(Module { functions, data })
}

fn count_imported_functions(section: &mut Reader) -> Result<u64> {
    let mut functions = 0;
    for _ in 0..section.leb()? {
        section.name()?;
        section.name()?;
        match section.byte()? {
            IMPORT_KIND_FUNCTION => {
                section.leb()?;
                functions += 1;
            }
            // table: element type + limits
            1 => {
                section.byte()?;
                skip_limits(section)?;
            }
            // memory: limits
            2 => skip_limits(section)?,
            // global: value type + mutability
            3 => {
                section.byte()?;
                section.byte()?;
            }
            // tag: attribute + type index
            4 => {
                section.byte()?;
                section.leb()?;
            }
            other => return Err(format!("unknown import kind {other} in the wasm")),
        }
    }
    Ok(functions)
}

fn skip_limits(section: &mut Reader) -> Result {
    let flags = section.byte()?;
    section.leb()?;
    if flags & 1 != 0 {
        section.leb()?;
    }
    Ok(())
}

fn read_function_names(section: &mut Reader, names: &mut HashMap<u64, String>) -> Result {
    while !section.done() {
        let id = section.byte()?;
        let len = section.leb()? as usize;
        let mut sub = Reader {
            bytes: section.slice(len)?,
            at: 0,
        };
        if id == NAME_SUBSECTION_FUNCTIONS {
            for _ in 0..sub.leb()? {
                let index = sub.leb()?;
                names.insert(index, sub.name()?);
            }
        }
    }
    Ok(())
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
        // code sections: one 4-byte body; data: 3 bytes; name section naming both.
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        wasm.extend([2, 7, 1, 1, b'm', 1, b'f', 0, 0]);
        wasm.extend([3, 2, 1, 0]);
        wasm.extend([10, 6, 1, 4, 0, 0x01, 0x01, 0x0b]);
        wasm.extend([11, 3, 0, 0, 0]);
        let names: &[u8] = &[
            4, b'n', b'a', b'm', b'e', // custom section "name"
            1, 11, 2, // function names: 11 bytes, 2 entries
            0, 1, b'i', // the import
            1, 5, b'a', b'b', b'c', b'd', b'e', // the defined function
        ];
        wasm.extend([0, names.len() as u8]);
        wasm.extend(names);

        let module = parse(&wasm).expect("a valid module");
        assert_eq!(module.data, 3);
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
