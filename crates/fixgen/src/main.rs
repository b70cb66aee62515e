//! Regenerates the generated fixtures (SPEC §11): `cargo run -p potdraw-fixgen`.
//!
//! Everything here is deterministic: randomness comes from ChaCha20 keyed by
//! a fixed label, the creation time is fixed, the dice are fixed. CI runs this
//! and then `git diff --exit-code fixtures`, so a change that alters any
//! published byte fails CI instead of being waved through.
#![forbid(unsafe_code)]

mod amend;
mod amend_v2;
mod audit;
mod drand;
mod kernel;
mod rfc3797;
mod rfc3797_v2;
mod transcripts;
mod unicode;
mod v3;
mod v4;
mod v5;

use anyhow::{Context, Result};
use potdraw_core::vector::{Expect, Vector};
use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use std::path::{Path, PathBuf};

/// The draw inputs of the bundled example.
pub const EXAMPLE_CREATED_AT: &str = "2026-11-24T12:00:00Z";
pub const EXAMPLE_DICE: &str = "3141526535";

fn main() -> Result<()> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut args = std::env::args().skip(1);
    if let Some(what) = args.next() {
        // `cargo run -p potdraw-fixgen -- speed-folder DIR DRAWS`: scripts/audit-speed's folder.
        if what == "speed-folder" {
            let (Some(dir), Some(n)) = (args.next(), args.next()) else {
                anyhow::bail!("expected `speed-folder DIR DRAWS`");
            };
            return audit::speed_folder(&root, Path::new(&dir), n.parse()?);
        }
        // `cargo run -p potdraw-fixgen -- unicode [DIR]`: the Unicode tables (SPEC §2.4).
        anyhow::ensure!(
            what == "unicode",
            "expected no argument, `unicode [DIR]` or `speed-folder DIR DRAWS`, found {what:?}"
        );
        let dir = args.next().unwrap_or_else(|| unicode::DEFAULT_DIR.into());
        return unicode::write_tables(&root.join(".."), Path::new(&dir));
    }
    let example = example(&root.join("example"))?;
    kernel::write_all(&root.join("v1/kernel"))?;
    transcripts::write_all(&root.join("v1/transcripts"), &example)?;
    rfc3797::write_all(&root)?;
    rfc3797_v2::write_all(&root)?;
    drand::write_all(&root)?;
    v3::write_all(&root, &example)?;
    v4::write_all(&root)?;
    v5::write_all(&root)?;
    unicode::write_fixtures(&root.join("unicode"), &example)?;
    amend::write_all(&root)?;
    amend_v2::write_all(&root)?;
    audit::write_all(&root)?;
    println!("regenerated {}", root.display());
    Ok(())
}

/// A deterministic stream of "random" bytes, keyed by a label.
pub fn fixed_rng(label: &str) -> ChaCha20Rng {
    ChaCha20Rng::from_seed(potdraw_core::hash::h("potdraw/fixtures", &[label.as_bytes()]))
}

/// The example's public files, kept for the transcript vectors.
pub struct Example {
    pub commitment: potdraw_core::wire::CommitmentDoc,
    pub transcript: potdraw_core::wire::TranscriptDoc,
}

fn example(dir: &Path) -> Result<Example> {
    let csv = std::fs::read(dir.join("candidates.csv")).context("fixtures/example/candidates.csv")?;
    let candidates = potdraw_cli::candidates::parse(&csv)?;
    let args = example_args(
        dir.join("candidates.csv"),
        dir.to_path_buf(),
        vec!["dice:room:10".into()],
        "potdraw-v1",
        "Buurtpot Zuid, december 2026",
    );
    let mut cfg = potdraw_cli::config::commit(args)?;
    // The example is a v1 draw with a free text source, made before `commit`
    // stopped offering them (SPEC §9.8); it keeps verifying as published.
    let text = potdraw_core::entropy::SourceKind::Text;
    cfg.params.plan.push(potdraw_core::entropy::PlanEntry { label: "lotto-2026-12-05".into(), kind: text });
    let mut rng = fixed_rng("example");
    let committed = potdraw_core::commit::commit(&cfg.params, candidates, &mut |b| rng.fill_bytes(b))?;
    let doc = potdraw_cli::pretty::document(&committed.commitment)?;
    write(&dir.join("commitment.json"), &doc)?;
    write(&dir.join("seed"), format!("{}\n", hex::encode(committed.seed)).as_bytes())?;
    write(&dir.join("receipts.jsonl"), &potdraw_cli::cmd::commit::jsonl(&committed.receipts)?)?;

    let commitment = potdraw_core::parse::commitment(&doc)?;
    let given = vec![
        ("room".to_string(), EXAMPLE_DICE.to_string()),
        ("lotto-2026-12-05".to_string(), potdraw_cli::demo::EXAMPLE_LOTTO.to_string()),
    ];
    let transcript = potdraw_core::draw::run(&commitment, &committed.seed, &given)?;
    write(&dir.join("transcript.json"), &potdraw_cli::pretty::document(&transcript)?)?;
    Ok(Example { commitment: committed.commitment, transcript })
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    std::fs::write(path, bytes).with_context(|| path.display().to_string())
}

/// Writes a vector file `dir/name.txt`.
pub fn vector(
    dir: &Path,
    name: &str,
    kind: &str,
    expect: Expect,
    extra: &[(&str, String)],
    body: String,
) -> Result<()> {
    let mut headers = vec![("kind".to_string(), kind.to_string())];
    headers.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let v = Vector { headers, expect, body };
    write(&dir.join(format!("{name}.txt")), v.render().as_bytes())
}

/// A single change to a transcript, and the check that must catch it.
pub type Failing<'a> = (&'a str, &'a str, &'a str, fn(&mut potdraw_core::wire::TranscriptDoc));
/// A change to a transcript's JSON that makes it unusable.
pub type Unusable<'a> = (&'a str, &'a str, fn(&mut serde_json::Value));

/// Writes one `failed CHECK` vector per change, each applied to `ex` alone.
pub fn failed_vectors(dir: &Path, ex: &potdraw_core::wire::TranscriptDoc, changes: Vec<Failing>) -> Result<()> {
    for (name, check, description, edit) in changes {
        let mut t = ex.clone();
        edit(&mut t);
        vector(
            dir,
            name,
            "transcript",
            Expect::Failed(check.into()),
            &[("description", description.into())],
            body(&t),
        )?;
    }
    Ok(())
}

/// Writes one `unusable` vector per change to `ex`'s JSON, laid out as on disk.
pub fn unusable_vectors(dir: &Path, ex: &potdraw_core::wire::TranscriptDoc, changes: Vec<Unusable>) -> Result<()> {
    let value = serde_json::to_value(ex)?;
    for (name, description, edit) in changes {
        let mut v = value.clone();
        edit(&mut v);
        let text = String::from_utf8(potdraw_cli::render::document(&v))?;
        vector(dir, name, "transcript", Expect::Unusable, &[("description", description.into())], text)?;
    }
    Ok(())
}

/// Removes stale generated files so a renamed vector does not linger.
pub fn clean(dir: &Path) -> Result<()> {
    if dir.exists() {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.extension().is_some_and(|x| x == "txt") {
                std::fs::remove_file(p)?;
            }
        }
    }
    Ok(())
}

/// The bundled example's `commit` flags, with the parts that differ per method.
pub fn example_args(
    csv: PathBuf,
    out: PathBuf,
    entropy: Vec<String>,
    method: &str,
    title: &str,
) -> potdraw_cli::args::CommitArgs {
    potdraw_cli::args::CommitArgs {
        candidates: Some(csv),
        list: Vec::new(),
        list_recipients: Vec::new(),
        list_pot: Vec::new(),
        list_grant_monthly: Vec::new(),
        list_months: Vec::new(),
        list_min: Vec::new(),
        list_max: Vec::new(),
        filter: Vec::new(),
        list_sheet: Vec::new(),
        list_display: Vec::new(),
        list_filter: Vec::new(),
        list_reserves: Vec::new(),
        companions: Vec::new(),
        sheet: None,
        id_column: None,
        weight_column: None,
        delimiter: None,
        encoding: None,
        pot: Some("65000".into()),
        entropy,
        method: method.into(),
        out,
        recipients: None,
        reserves: 3,
        grant_monthly: "1000".into(),
        months: 12,
        min: 5,
        max: 9,
        title: title.into(),
        created_at: Some(EXAMPLE_CREATED_AT.into()),
        allow_past_round: false,
        now: None,
        previous: None,
        force: true,
    }
}

/// A transcript as it is laid out on disk.
pub fn body(t: &potdraw_core::wire::TranscriptDoc) -> String {
    String::from_utf8(potdraw_cli::render::document(&serde_json::to_value(t).unwrap())).unwrap()
}

/// Recomputes the digest, as a forger who edits the commitment would.
pub fn redigest(c: &mut potdraw_core::wire::CommitmentDoc) {
    c.digest = hex::encode(potdraw_core::commit::digest_of(c).unwrap());
}

/// Changes one hex digit (the last) of a hex string.
pub fn flip(hex: &mut String) {
    let last = hex.pop().unwrap();
    hex.push(if last == '0' { '1' } else { '0' });
}
