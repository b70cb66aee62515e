//! fixtures/audit/ (SPEC §16.6): small organiser histories, one scenario a
//! folder, each with `NAME.expect` beside it saying which problems
//! `potdraw audit` must name and with which exit code.
//!
//! WHY signatures are made here and not by `potdraw sign`: the fixtures must
//! regenerate byte for byte, and the minisign crate that `sign` uses adds
//! fresh random noise to every signature (hedged Ed25519). Here the key is a
//! fixed TEST KEY (its secret half is published under `test-key/` on
//! purpose) and signatures are RFC 8032's deterministic Ed25519 over
//! minisign's BLAKE2b-512 prehash, written in minisign's format (SPEC
//! §16.1–§16.2). The trusted comments are the ones `potdraw sign` writes
//! (`potdraw_cli::cmd::sign::comment`). The tests check these files with
//! potdraw's verifier and with Debian's `minisign`.

use crate::{example_args, fixed_rng, write, EXAMPLE_DICE};
use anyhow::Result;
use base64::Engine;
use blake2::digest::{Update, VariableOutput};
use blake2::{Blake2b512, Blake2bVar, Digest};
use ed25519_dalek::{Signer, SigningKey};
use potdraw_core::Hash32;
use rand_core::RngCore;
use std::path::Path;

/// The fixtures' TEST KEY: a fixed seed and key id, never to be trusted.
struct TestKey {
    sk: SigningKey,
    keynum: [u8; 8],
}

fn test_key() -> TestKey {
    let seed = potdraw_core::hash::h("potdraw/fixtures", &[b"audit TEST KEY: published, never trust it"]);
    let id = potdraw_core::hash::h("potdraw/fixtures", &[b"audit TEST KEY id"]);
    TestKey { sk: SigningKey::from_bytes(&seed), keynum: id[..8].try_into().unwrap() }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

impl TestKey {
    fn id(&self) -> String {
        format!("{:016X}", u64::from_le_bytes(self.keynum))
    }

    /// minisign's public key file: `Ed`, key id, Ed25519 public key.
    fn public_file(&self) -> String {
        let mut bin = b"Ed".to_vec();
        bin.extend_from_slice(&self.keynum);
        bin.extend_from_slice(self.sk.verifying_key().as_bytes());
        format!(
            "untrusted comment: minisign public key {} (potdraw fixtures TEST KEY: never trust it)\n{}\n",
            self.id(),
            b64(&bin)
        )
    }

    /// minisign's unencrypted secret key file (`minisign -G -W`): `Ed`, no
    /// KDF, checksum `B2`, an unused salt and limits, key id, secret and
    /// public key, and BLAKE2b-256 of `Ed` ‖ key id ‖ keys.
    fn secret_file(&self) -> String {
        let mut keys = self.sk.to_bytes().to_vec();
        keys.extend_from_slice(self.sk.verifying_key().as_bytes());
        let mut chk = [0u8; 32];
        let mut h = Blake2bVar::new(32).unwrap();
        h.update(b"Ed");
        h.update(&self.keynum);
        h.update(&keys);
        h.finalize_variable(&mut chk).unwrap();
        let mut bin = b"Ed\0\0B2".to_vec();
        bin.extend_from_slice(&[0u8; 32 + 8 + 8]);
        bin.extend_from_slice(&self.keynum);
        bin.extend_from_slice(&keys);
        bin.extend_from_slice(&chk);
        format!(
            "untrusted comment: potdraw fixtures TEST KEY {}: published on purpose, never trust it\n{}\n",
            self.id(),
            b64(&bin)
        )
    }

    /// A prehashed minisign signature (`ED`) with `comment` as the trusted comment.
    fn sign(&self, bytes: &[u8], comment: &str) -> String {
        let prehash = Blake2b512::digest(bytes);
        let sig = self.sk.sign(&prehash).to_bytes();
        let mut line = b"ED".to_vec();
        line.extend_from_slice(&self.keynum);
        line.extend_from_slice(&sig);
        let mut global = sig.to_vec();
        global.extend_from_slice(comment.as_bytes());
        let global = self.sk.sign(&global).to_bytes();
        format!(
            "untrusted comment: signature from the potdraw fixtures TEST KEY\n{}\ntrusted comment: {comment}\n{}\n",
            b64(&line),
            b64(&global)
        )
    }
}

/// One draw of the bundled example's list: its commitment and transcript.
struct Made {
    commitment: Vec<u8>,
    digest: Hash32,
    transcript: Vec<u8>,
}

fn draw(
    root: &Path,
    label: &str,
    created_at: &str,
    previous: Option<Hash32>,
    dice: &[&str],
) -> Result<(Made, Vec<Vec<u8>>)> {
    let csv = root.join("example/candidates.csv");
    let candidates = potdraw_cli::candidates::parse(&std::fs::read(&csv)?)?;
    let title = format!("Buurtpot Zuid, {label}");
    let mut args = example_args(csv, root.join("audit"), vec!["dice:room:10".into()], "potdraw-v1", &title);
    args.created_at = Some(created_at.into());
    let mut cfg = potdraw_cli::config::commit(args)?;
    cfg.params.previous = previous;
    let mut rng = fixed_rng(&format!("audit {label}"));
    let committed = potdraw_core::commit::commit(&cfg.params, candidates, &mut |b| rng.fill_bytes(b))?;
    let doc = potdraw_cli::pretty::document(&committed.commitment)?;
    let c = potdraw_core::parse::commitment(&doc)?;
    let mut transcripts = Vec::new();
    for d in dice {
        let t = potdraw_core::draw::run(&c, &committed.seed, &[("room".to_string(), d.to_string())])?;
        transcripts.push(potdraw_cli::pretty::document(&t)?);
    }
    let first = transcripts.remove(0);
    Ok((Made { commitment: doc, digest: c.digest, transcript: first }, transcripts))
}

/// Writes a file and, when `key` is given, its signature.
fn put(dir: &Path, name: &str, bytes: &[u8], key: Option<&TestKey>) -> Result<()> {
    let path = dir.join(name);
    write(&path, bytes)?;
    if let Some(k) = key {
        let comment = match potdraw_cli::cmd::sign::comment(&path, bytes.to_vec())? {
            potdraw_cli::cmd::sign::Comment::Ready(c) => c,
            potdraw_cli::cmd::sign::Comment::Failed(check) => format!("potdraw file:{name} (check {check} fails)"),
        };
        write(&dir.join(format!("{name}.minisig")), k.sign(bytes, &comment).as_bytes())?;
    }
    Ok(())
}

fn put_draw(dir: &Path, folder: &str, m: &Made, key: Option<&TestKey>) -> Result<()> {
    put(&dir.join(folder), "commitment.json", &m.commitment, key)?;
    put(&dir.join(folder), "transcript.json", &m.transcript, key)
}

/// `NAME.expect`: what the audit of folder NAME must answer.
fn expect(root: &Path, name: &str, about: &str, key: bool, exit: u8, problems: &[&str]) -> Result<()> {
    let key = if key { "test-key/potdraw.pub" } else { "none" };
    let text = format!("# {about}\nkey: {key}\nexit: {exit}\nproblems: {}\n", problems.join(" "));
    write(&root.join(format!("{name}.expect")), text.as_bytes())
}

pub fn write_all(root: &Path) -> Result<()> {
    let dir = root.join("audit");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    let k = test_key();
    let key = Some(&k);
    write(&dir.join("test-key/potdraw.pub"), k.public_file().as_bytes())?;
    write(&dir.join("test-key/potdraw.key"), k.secret_file().as_bytes())?;
    let (jan, mut jan_again) = draw(root, "januari 2027", "2027-01-05T12:00:00Z", None, &[EXAMPLE_DICE, "2616261626"])?;
    let (apr, _) = draw(root, "april 2027", "2027-04-05T12:00:00Z", Some(jan.digest), &["1414213562"])?;
    let (jul, _) = draw(root, "juli 2027", "2027-07-05T12:00:00Z", Some(apr.digest), &["1632452615"])?;
    let (other, _) = draw(root, "april 2027 (tweede)", "2027-04-06T12:00:00Z", Some(jan.digest), &["2236566366"])?;
    let lost = potdraw_core::hash::h("potdraw/fixtures", &[b"audit: a commitment that was never published"]);
    let (after_gap, _) = draw(root, "oktober 2027", "2027-10-05T12:00:00Z", Some(lost), &["2441421342"])?;

    let s = dir.join("healthy");
    put_draw(&s, "2027-01", &jan, key)?;
    put_draw(&s, "2027-04", &apr, key)?;
    put_draw(&s, "2027-07", &jul, key)?;
    write(&s.join("potdraw.pub"), k.public_file().as_bytes())?;
    write(&s.join("README.txt"), b"The published draws of Buurtpot Zuid (potdraw fixtures).\n")?;
    let about = "three signed draws in one chain, the public key and a README";
    expect(&dir, "healthy", about, true, 0, &[])?;

    let s = dir.join("re-draw");
    put_draw(&s, "2027-01", &jan, key)?;
    let jan_second = jan_again.remove(0);
    put(&s.join("2027-01"), "transcript-2.json", &jan_second, key)?;
    let about = "one commitment drawn twice with other dice, both transcripts signed and verifying";
    expect(&dir, "re-draw", about, true, 1, &["re-draw"])?;

    let s = dir.join("forged");
    put_draw(&s, "2027-01", &jan, key)?;
    let forged = String::from_utf8(jan.transcript.clone())?.replacen("\"rank\": 1", "\"rank\": 2", 1);
    put(&s.join("2027-01"), "transcript-corrected.json", forged.as_bytes(), None)?;
    let about = "beside the real transcript, an unsigned copy with recipient 1 renumbered";
    expect(&dir, "forged", about, true, 1, &["verification-failed", "signature-missing"])?;

    let s = dir.join("unsigned");
    put_draw(&s, "2027-01", &jan, key)?;
    put(&s.join("2027-04"), "commitment.json", &apr.commitment, key)?;
    put(&s.join("2027-04"), "transcript.json", &apr.transcript, None)?;
    let about = "the second draw's transcript has no signature";
    expect(&dir, "unsigned", about, true, 1, &["signature-missing"])?;

    let s = dir.join("fork");
    put_draw(&s, "2027-01", &jan, key)?;
    put_draw(&s, "2027-04", &apr, key)?;
    put_draw(&s, "2027-04-bis", &other, key)?;
    let about = "two commitments name the January draw as previous";
    expect(&dir, "fork", about, true, 1, &["fork"])?;

    let s = dir.join("gap");
    put_draw(&s, "2027-01", &jan, key)?;
    put_draw(&s, "2027-10", &after_gap, key)?;
    let about = "the October draw names a previous commitment that is not published";
    expect(&dir, "gap", about, true, 1, &["gap"])?;

    let s = dir.join("not-drawn");
    put_draw(&s, "2027-01", &jan, key)?;
    put(&s.join("2027-04"), "commitment.json", &apr.commitment, key)?;
    let about = "the April commitment has no transcript";
    expect(&dir, "not-drawn", about, true, 1, &["not-drawn"])?;

    let s = dir.join("commitment-missing");
    put(&s.join("2027-01"), "transcript.json", &jan.transcript, key)?;
    let about = "a transcript whose commitment was not published on its own";
    expect(&dir, "commitment-missing", about, true, 1, &["commitment-missing"])?;

    // Records of substitutions (SPEC §15): one that verifies against the
    // January transcript, one whose successor is not the one the rules give,
    // and one naming a transcript that is not published.
    let s = dir.join("amendments");
    put_draw(&s, "2027-01", &jan, key)?;
    let t = potdraw_core::parse::transcript(&jan.transcript)?;
    let digest = potdraw_verify::verify_transcript(t, None).outcome.map_err(|f| anyhow::anyhow!("{f}"))?;
    let record = |taken_by, transcript: &Hash32| {
        let mut doc = potdraw_core::amend::AmendmentsDoc::new(transcript);
        let declined = potdraw_core::amend::Reason::Declined;
        doc.events.push(potdraw_core::amend::EventDoc::vacate(1, "2027-01-20", 3, declined, taken_by));
        doc.to_pretty()
    };
    let jan_digest = digest.get().transcript_digest;
    put(&s.join("2027-01"), "amendments.json", record(1, &jan_digest).as_bytes(), key)?;
    put(&s.join("2027-01"), "amendments-reserve-2.json", record(2, &jan_digest).as_bytes(), key)?;
    put(&s, "amendments-other-draw.json", record(1, &lost).as_bytes(), key)?;
    let about = "a record that verifies, one skipping reserve 1 without an event, one for a transcript not published";
    expect(&dir, "amendments", about, true, 1, &["amendments-failed", "amendments-transcript-missing"])?;

    let s = dir.join("junk");
    put_draw(&s, "2027-01", &jan, key)?;
    write(&s.join("agenda.txt"), b"Agenda van de buurtvergadering\n")?;
    write(&s.join("2027-01/commitment.json.bak"), b"{\"title\": \"not a potdraw document\"}\n")?;
    let about = "files that are not potdraw documents beside a signed draw";
    expect(&dir, "junk", about, true, 1, &["not-potdraw", "not-potdraw"])?;

    // Issue 26: the reviewer's disguise. The second transcript of a re-draw,
    // and a rewritten record of substitutions, each saved with a byte order
    // mark and JSON escapes under a README name, signed: the same documents
    // to every parser, so the audit must still find them.
    let s = dir.join("re-draw-disguised");
    put_draw(&s, "2027-01", &jan, key)?;
    put(&s.join("2027-01"), "README-evening.json", &disguise(&jan_second), key)?;
    let about = "a re-draw whose second transcript is README-evening.json, with a BOM and escapes";
    expect(&dir, "re-draw-disguised", about, true, 1, &["re-draw"])?;

    let s = dir.join("amendments-rewritten-disguised");
    put_draw(&s, "2027-01", &jan, key)?;
    put(&s.join("2027-01"), "amendments.json", record(1, &jan_digest).as_bytes(), key)?;
    let mut rewritten = potdraw_core::amend::AmendmentsDoc::new(&jan_digest);
    let other = potdraw_core::amend::EventDoc::vacate(1, "2027-01-21", 1, potdraw_core::amend::Reason::Declined, 1);
    rewritten.events.push(other);
    put(&s.join("2027-01"), "README-amendments.json", &disguise(rewritten.to_pretty().as_bytes()), key)?;
    let about = "a rewritten record of substitutions as README-amendments.json, with a BOM and escapes";
    expect(&dir, "amendments-rewritten-disguised", about, true, 1, &["amendments-rewritten"])?;
    Ok(())
}

/// Issue 26: a byte order mark, the member name `format` and every
/// `"potdraw/` written with JSON escapes. Every parser reads the same
/// values (and the same digests) as from `bytes`; only a look at the raw
/// bytes is fooled.
fn disguise(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes)
        .replace("\"format\"", "\"form\\u0061t\"")
        .replace("\"potdraw/", "\"\\u0070otdraw/");
    [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat()
}

/// `speed-folder DIR DRAWS` (scripts/audit-speed): one organiser's chain of
/// DRAWS draws of the example's 24 tickets, each a commitment and a signed
/// transcript in a folder of its own, all signed by the TEST KEY: 4 files a
/// draw, 2 of them documents. Not a fixture; nothing under fixtures/ changes.
pub fn speed_folder(root: &Path, out: &Path, draws: usize) -> Result<()> {
    anyhow::ensure!(!out.exists(), "{}: already exists; give a new folder", out.display());
    let k = test_key();
    write(&out.join("potdraw.pub"), k.public_file().as_bytes())?;
    let csv = root.join("example/candidates.csv");
    let candidates = potdraw_cli::candidates::parse(&std::fs::read(&csv)?)?;
    let args = example_args(csv, out.to_path_buf(), vec!["dice:room:10".into()], "potdraw-v1", "Buurtpot");
    let mut cfg = potdraw_cli::config::commit(args)?;
    let mut rng = fixed_rng("audit speed");
    for i in 0..draws {
        cfg.params.title = format!("Buurtpot Zuid, loting {}", i + 1);
        cfg.params.created_at += 86_400;
        let committed = potdraw_core::commit::commit(&cfg.params, candidates.clone(), &mut |b| rng.fill_bytes(b))?;
        let doc = potdraw_cli::pretty::document(&committed.commitment)?;
        let c = potdraw_core::parse::commitment(&doc)?;
        let dice: String = (0..10).map(|_| char::from(b'1' + (rng.next_u32() % 6) as u8)).collect();
        let t = potdraw_core::draw::run(&c, &committed.seed, &[("room".to_string(), dice)])?;
        let dir = out.join(format!("{:05}", i + 1));
        put(&dir, "commitment.json", &doc, Some(&k))?;
        put(&dir, "transcript.json", &potdraw_cli::pretty::document(&t)?, Some(&k))?;
        cfg.params.previous = Some(c.digest);
    }
    Ok(())
}
