//! Finds the message catalogues in `locales/` so that a new language is a
//! new file there, not a code change: every `locales/<code>.txt` is compiled
//! into the binary, and `potdraw --lang <code>` can select it.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut codes: Vec<String> = fs::read_dir(&dir)
        .expect("crates/cli/locales exists")
        .filter_map(|e| {
            let path = e.expect("readable locales entry").path();
            let name = path.file_name()?.to_str()?.to_owned();
            name.strip_suffix(".txt").map(str::to_owned)
        })
        .collect();
    codes.sort();
    let mut out = String::from("/// Every catalogue in `locales/`, as (language code, file text), sorted by code.\n");
    out.push_str("pub static CATALOGUES: &[(&str, &str)] = &[\n");
    for code in &codes {
        let path = dir.join(format!("{code}.txt"));
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!("    ({code:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogues.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
