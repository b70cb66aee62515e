//! `potdraw commit`: before the event (SPEC §4, §7.2, §7.4, §7.5).

pub mod lists;
use crate::config::CommitConfig;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::problem;
use crate::progress::Progress;
use crate::render;
use crate::{t, tn, Exit};
use anyhow::{anyhow, bail, Result};
use potdraw_core::commit::{commit, commit_rfc3797, plan_pot, Candidate, Committed, CommittedRfc3797};
use potdraw_core::model::Method;
use potdraw_core::receipts::Receipts;
use potdraw_core::wire::CommitmentDoc;
use std::path::PathBuf;

/// The largest candidate list we read.
pub const MAX_CSV_BYTES: u64 = 4 << 30;

pub use crate::layout::{outputs, Outputs};

/// Runs commit and returns what was written (the demo shows it).
pub fn execute(cfg: &CommitConfig, fill: &mut dyn FnMut(&mut [u8])) -> Result<(Committed, Outputs)> {
    let out = outputs(&cfg.out);
    let mut progress = Progress::on_stderr(STEPS);
    progress.step(&t!(Lang::current(), "commit.progress.read"));
    let candidates = read_candidates(cfg, &out, &[&out.commitment, &out.seed, &out.receipts])?;
    progress.step(&t!(Lang::current(), "commit.progress.hash"));
    let committed =
        commit(&cfg.params, candidates, fill).map_err(|e| problem::commit(&cfg.candidates.display(), &e))?;
    let seed = format!("{}\n", hex::encode(committed.seed));
    write_outputs(
        cfg,
        &mut progress,
        vec![
            (&out.seed, Content::Bytes(seed.into_bytes()), Access::Secret),
            (&out.receipts, Content::Receipts(&committed.receipts), Access::Secret),
        ],
        (&out.commitment, &committed.commitment),
    )?;
    Ok((committed, out))
}

/// Refuses existing outputs (unless --force), checks the pot, then reads the list.
/// A commitment already drawn from is never replaced, not even with --force
/// ([`crate::layout::refuse_drawn`]).
fn read_candidates(cfg: &CommitConfig, out: &Outputs, paths: &[&PathBuf]) -> Result<Vec<Candidate>> {
    crate::layout::refuse_drawn(&cfg.out, &out.commitment)?;
    for p in paths.iter().copied().chain([&out.public_readme, &out.private_readme]) {
        files::ensure_writable(p, cfg.force)?;
    }
    // The pot first: an organiser with too small a pot should hear that before anything else.
    plan_pot(cfg.params.pot, cfg.params.recipients).map_err(|e| problem::pot(&e))?;
    let bytes = files::read(&cfg.candidates, MAX_CSV_BYTES)?;
    let file = cfg.candidates.display();
    let read = crate::list::read(&cfg.candidates, &bytes, &cfg.list).map_err(|e| problem::csv(&file, &e))?;
    // What was read, before anything is written (issue 16).
    print!("{}", crate::list::summary(crate::i18n::Lang::current(), &file, &read));
    Ok(read.list.candidates)
}

/// The phases `commit` shows on a terminal ([`Progress`]).
const STEPS: usize = 4;

/// The commitment as written to disk, read back and verified before anything is published.
fn checked_document(doc: &CommitmentDoc) -> Result<Vec<u8>> {
    let bytes = crate::pretty::document(doc)?;
    let parsed = potdraw_core::parse::commitment(&bytes).map_err(|e| anyhow!("internal error: {e}"))?;
    if let Err(f) = potdraw_verify::verify_commitment(parsed).outcome {
        bail!("internal error: the new commitment does not verify: {f}");
    }
    Ok(bytes)
}

/// receipts.jsonl: one receipt per line (SPEC §7.4).
pub fn jsonl(receipts: &Receipts) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_jsonl(&mut out, receipts)?;
    Ok(out)
}

/// [`jsonl`] into a writer: the receipts of a million candidates are 380 MB.
pub fn write_jsonl(out: &mut dyn std::io::Write, receipts: &Receipts) -> std::io::Result<()> {
    let mut line = Vec::with_capacity(512);
    for r in receipts.iter() {
        line.clear();
        serde_json::to_writer(&mut line, &r)?;
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}

/// What goes into one output file.
enum Content<'a> {
    Bytes(Vec<u8>),
    /// Streamed to the file as JSON lines, never held whole in memory.
    Receipts(&'a Receipts),
}

/// Stages every file, then publishes them together ([`files::publish`]):
/// all or none, in order, the public commitment last, so a published
/// commitment always has its seed and receipts beside it.
///
/// The commitment is written and verified ([`checked_document`]) on a second
/// thread while the other files are written on this one: the two are
/// independent, and at a million candidates each takes about a second
/// (issue 7).
fn write_outputs(
    cfg: &CommitConfig,
    progress: &mut Progress,
    files: Vec<(&PathBuf, Content<'_>, Access)>,
    (path, commitment): (&PathBuf, &CommitmentDoc),
) -> Result<()> {
    let layout = outputs(&cfg.out);
    crate::layout::create(&layout)?;
    progress.step(&t!(Lang::current(), "commit.progress.write"));
    let (checked, staged) = potdraw_core::par::join(
        || checked_document(commitment),
        || {
            files
                .into_iter()
                .map(|(path, content, access)| match content {
                    Content::Bytes(bytes) => files::stage(path, &bytes, access),
                    Content::Receipts(receipts) => files::stage_streamed(path, access, |w| write_jsonl(w, receipts)),
                })
                .collect::<Result<Vec<_>>>()
        },
    );
    let mut staged = staged?;
    staged.extend(crate::layout::readmes(&layout)?);
    staged.push(files::stage(path, &checked?, Access::Public)?);
    progress.step(&t!(Lang::current(), "commit.progress.publish"));
    // All of them, or none: a seed beside no commitment is worse than no file (issue 15).
    files::publish(staged, cfg.force)
}

pub fn run(cfg: CommitConfig) -> Result<Exit> {
    // SPEC §17: several lists are a v4 draw; one list stays as it was.
    if !cfg.lists.is_empty() {
        return lists::run(cfg);
    }
    let mut fill =
        |buf: &mut [u8]| getrandom::fill(buf).expect("the operating system's random number generator failed");
    if cfg.method == Method::Rfc3797 {
        let (c, out) = execute_rfc3797(&cfg, &mut fill)?;
        print!("{}", summary_rfc3797(&c, &out));
        return Ok(Exit::Success);
    }
    let (c, out) = execute(&cfg, &mut fill)?;
    print!("{}", summary(&c, &out));
    // Issue 17: where the seed is, and that losing it ends this commitment.
    println!("\n{}", crate::t!(crate::i18n::Lang::current(), "commit.keep-seed", file = out.seed.display()));
    // SPEC §9.3: a plan of dice alone can be aimed by whoever saw the seed.
    if potdraw_core::entropy::room_only(&cfg.params.plan) {
        let w = crate::t!(crate::i18n::Lang::current(), "commit.warn-room-only");
        println!("\n*** {w} ***");
        eprintln!("potdraw: {w}");
    }
    // --allow-past-round: said loudly, on both streams, after the summary so it is the last thing read.
    for w in &cfg.past_rounds {
        println!("\n*** {w} ***");
        eprintln!("potdraw: {w}");
    }
    Ok(Exit::Success)
}

/// Runs commit for the RFC 3797 method (SPEC §12.2): the commitment and the
/// receipts; there is no seed.
pub fn execute_rfc3797(cfg: &CommitConfig, fill: &mut dyn FnMut(&mut [u8])) -> Result<(CommittedRfc3797, Outputs)> {
    let out = outputs(&cfg.out);
    let candidates = read_candidates(cfg, &out, &[&out.commitment, &out.receipts])?;
    let committed =
        commit_rfc3797(&cfg.params, candidates, fill).map_err(|e| problem::commit(&cfg.candidates.display(), &e))?;
    write_outputs(
        cfg,
        &mut Progress::to(None, STEPS),
        vec![(&out.receipts, Content::Receipts(&committed.receipts), Access::Secret)],
        (&out.commitment, &committed.commitment),
    )?;
    Ok((committed, out))
}

/// What `commit` says it did, in the language of this run (issue 18: the
/// summary was English whatever `--lang` said).
pub fn summary_rfc3797(c: &CommittedRfc3797, out: &Outputs) -> String {
    let lang = Lang::current();
    let d = &c.commitment;
    let plan: Vec<String> =
        d.entropy_plan.iter().map(|p| t!(lang, "commit.plan.source", label = p.label, kind = p.kind)).collect();
    let title = format!("\"{}\"", potdraw_core::unicode::visible(&d.title));
    let candidates = tn!(lang, "count.candidate", d.candidates.count);
    let mut s = t!(lang, "commit.summary.committed-rfc3797", title = title, candidates = candidates);
    s.push('\n');
    let public = t!(lang, "commit.summary.public-rfc3797", file = out.commitment.display());
    let private = t!(lang, "commit.summary.private", file = out.receipts.display());
    for line in [public, private] {
        s.push_str(&format!("  {line}\n"));
    }
    s.push_str(&tail(lang, d, &plan));
    s
}

pub fn summary(c: &Committed, out: &Outputs) -> String {
    let lang = Lang::current();
    let d = &c.commitment;
    let plan: Vec<String> = d
        .entropy_plan
        .iter()
        .map(|p| match (p.kind.as_str(), p.dice, p.faces) {
            ("dice", Some(n), Some(f)) => tn!(lang, "commit.plan.dice", n, label = p.label, faces = f),
            ("numbers", _, _) => match p.count {
                Some(n) => tn!(lang, "commit.plan.numbers", n, label = p.label),
                None => t!(lang, "commit.plan.numbers-uncounted", label = p.label),
            },
            ("drand", _, _) => match (&p.chain, p.round) {
                (Some(c), Some(r)) => t!(
                    lang,
                    "commit.plan.drand",
                    label = p.label,
                    round = r,
                    chain = c.beacon_id,
                    hash = &c.hash[..c.hash.len().min(8)],
                    time =
                        crate::localtime::show(lang, c.genesis_time.saturating_add((r - 1).saturating_mul(c.period)))
                ),
                _ => t!(lang, "commit.plan.source", label = p.label, kind = "drand"),
            },
            _ => t!(lang, "commit.plan.source", label = p.label, kind = p.kind),
        })
        .collect();
    let title = format!("\"{}\"", potdraw_core::unicode::visible(&d.title));
    let candidates = tn!(lang, "count.candidate", d.candidates.count);
    let weight = &d.candidates.total_weight;
    let mut s = t!(lang, "commit.summary.committed", title = title, candidates = candidates, weight = weight);
    s.push('\n');
    let public = t!(lang, "commit.summary.public", file = out.commitment.display());
    let secret = t!(lang, "commit.summary.secret", file = out.seed.display());
    let private = t!(lang, "commit.summary.private", file = out.receipts.display());
    for line in [public, secret, private] {
        s.push_str(&format!("  {line}\n"));
    }
    s.push_str(&tail(lang, d, &plan));
    s
}

/// The pot, the numbers drawn, the plan and the digest: the same lines for
/// both methods.
fn tail(lang: Lang, d: &CommitmentDoc, plan: &[String]) -> String {
    let p = &d.pot;
    let pot = t!(
        lang,
        "commit.summary.pot",
        pot = lang.money(p.amount_cents),
        recipients = render::counted(lang, render::Noun::Recipients, d.recipients),
        grant = lang.money(p.grant_cents),
        monthly = lang.money(p.grant_monthly_cents),
        months = tn!(lang, "count.month", p.grant_months),
        surplus = lang.money(p.surplus_cents)
    );
    let recipients = render::counted(lang, render::Noun::Recipients, d.recipients);
    let reserves = render::counted(lang, render::Noun::Reserves, d.reserves);
    let draw = t!(lang, "commit.summary.draw", recipients = recipients, reserves = reserves);
    let plan = t!(lang, "commit.summary.plan", plan = plan.join(", "));
    let digest = t!(lang, "commit.summary.digest", digest = d.digest, fingerprint = render::fingerprint(&d.digest));
    format!("{pot}\n{draw}\n{plan}\n{digest}\n")
}
