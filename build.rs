//! Compiles `assets/keymap.toml` into the binary as static Rust values, so that
//! starting planbook neither parses TOML nor allocates text for its keys, and the guide and
//! the cross-check rules into JSON. A keymap that is
//! not a table of `[[bind]]` entries fails the build with the reason; whether its
//! names are keys, actions and conditions planbook knows is checked by `keymap::build`
//! and its tests, for both this code and the TOML.
//!
//! It also names the build (`PLANBOOK_BUILD`): a hash of the sources and assets, so
//! that a workbook kept parsed by one build (`store::cache`) is never read by another.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=assets/keymap.toml");
    build_id();
    let guide = as_json("guide");
    // The Setup screen, the first a new workbook opens on, reads only the industries.
    write_json(
        "guide-industries",
        &serde_json::to_string(&guide["industries"])
            .unwrap_or_else(|e| panic!("guide industries: {e}")),
    );
    as_json("crosschecks");
    let text = std::fs::read_to_string("assets/keymap.toml")
        .unwrap_or_else(|e| panic!("reading assets/keymap.toml: {e}"));
    let file: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("assets/keymap.toml: {e}"));
    let binds = file
        .get("bind")
        .and_then(toml::Value::as_array)
        .unwrap_or_else(|| panic!("assets/keymap.toml: no [[bind]] entries"));
    let mut out = String::from("// Made by build.rs from assets/keymap.toml.\n&[\n");
    for (i, bind) in binds.iter().enumerate() {
        let table = bind
            .as_table()
            .unwrap_or_else(|| panic!("assets/keymap.toml: binding {} is not a table", i + 1));
        let text = |key: &str| -> Option<String> {
            table.get(key).map(|v| {
                let s = v.as_str().unwrap_or_else(|| {
                    panic!("assets/keymap.toml: binding {}: `{key}` is not text", i + 1)
                });
                format!("Cow::Borrowed({s:?})")
            })
        };
        let optional =
            |v: Option<String>| v.map_or_else(|| "None".to_string(), |s| format!("Some({s})"));
        let keys: Vec<String> = table
            .get("keys")
            .and_then(toml::Value::as_array)
            .unwrap_or_else(|| panic!("assets/keymap.toml: binding {}: no `keys` list", i + 1))
            .iter()
            .map(|k| format!("Cow::Borrowed({:?})", k.as_str().unwrap_or_default()))
            .collect();
        let footer = match table.get("footer") {
            None => "FooterEntry::No".to_string(),
            Some(toml::Value::Boolean(b)) => format!("FooterEntry::Flag({b})"),
            Some(toml::Value::String(s)) => format!("FooterEntry::When(Cow::Borrowed({s:?}))"),
            Some(other) => panic!("assets/keymap.toml: binding {}: footer = {other}", i + 1),
        };
        let show = match table.get("show").map(toml::Value::as_integer) {
            None => "None".to_string(),
            Some(Some(n)) => format!("Some({n})"),
            Some(None) => panic!(
                "assets/keymap.toml: binding {}: `show` is not a number",
                i + 1
            ),
        };
        for key in table.keys() {
            assert!(
                [
                    "scope",
                    "keys",
                    "show",
                    "action",
                    "hint",
                    "footer_hint",
                    "footer",
                    "when"
                ]
                .contains(&key.as_str()),
                "assets/keymap.toml: binding {}: unknown key `{key}`",
                i + 1
            );
        }
        let _ = writeln!(
            out,
            "Entry {{ scope: {}, keys: Cow::Borrowed(&[{}]), show: {show}, action: {}, hint: {}, \
             footer_hint: {}, footer: {footer}, when: {} }},",
            text("scope").unwrap_or_else(|| panic!("binding {}: no scope", i + 1)),
            keys.join(", "),
            optional(text("action")),
            text("hint").unwrap_or_else(|| panic!("binding {}: no hint", i + 1)),
            optional(text("footer_hint")),
            optional(text("when")),
        );
    }
    out.push_str("]\n");
    let dir = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    std::fs::write(format!("{dir}/keymap.rs"), out)
        .unwrap_or_else(|e| panic!("writing the compiled keymap: {e}"));
}

/// Writes `assets/NAME.toml` as JSON to `OUT_DIR/NAME.json`: the binary reads its
/// reference content with the JSON parser it already uses for the parsed copy of a
/// workbook, so that a first frame does not wait for the TOML parser's code to be
/// loaded (about 0.3 ms for the guide on the Setup screen). The TOML stays the source;
/// a test checks that both read the same.
fn as_json(name: &str) -> toml::Table {
    let source = format!("assets/{name}.toml");
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("reading {source}: {e}"));
    let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{source}: {e}"));
    write_json(
        name,
        &serde_json::to_string(&table).unwrap_or_else(|e| panic!("{source}: {e}")),
    );
    table
}

/// Writes `json` to `OUT_DIR/NAME.json`.
fn write_json(name: &str, json: &str) {
    let dir = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    std::fs::write(format!("{dir}/{name}.json"), json)
        .unwrap_or_else(|e| panic!("writing {name}.json: {e}"));
}

/// Sets `PLANBOOK_BUILD` to an FNV-1a hash of every file under `src/` and `assets/`
/// and of `Cargo.lock`, in path order.
fn build_id() {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=assets");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut all = Vec::new();
    files(std::path::Path::new("src"), &mut all);
    files(std::path::Path::new("assets"), &mut all);
    all.push("Cargo.lock".into());
    all.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in all {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for b in path.to_string_lossy().as_bytes().iter().chain(&bytes) {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=PLANBOOK_BUILD={hash:016x}");
}
