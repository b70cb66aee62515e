//! `potdraw commit --list NAME=FILE …`: a draw with several lists (SPEC §17).
//!
//! WHY beside `commit` rather than inside it: a single list keeps exactly
//! the commands, flags and bytes it had (v1, v2 or v3), and only a commit
//! with `--list` reaches this file. The files written are those of §7.5 —
//! one commitment, one seed, one receipts file holding every list's
//! receipts (each naming its list, SPEC §17.8) — staged and published
//! together, the public commitment last, as for a single list.

use crate::config::{CommitConfig, ListRule};
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::layout::{outputs, Outputs};
use crate::{problem, t, Exit};
use anyhow::{anyhow, bail, Result};
use potdraw_core::commit::{CommitError, PotError};
use potdraw_core::lists::{parse_commitment, ListsCommitmentDoc};
use potdraw_core::lists_draw::{commit_lists, CommittedLists, ListInput, ListsError, ListsParams, RuleInput};
use potdraw_core::unicode::visible;

pub fn run(cfg: CommitConfig) -> Result<Exit> {
    let mut fill =
        |buf: &mut [u8]| getrandom::fill(buf).expect("the operating system's random number generator failed");
    let (made, out) = execute(&cfg, &mut fill)?;
    print!("{}", summary(Lang::current(), &made.commitment, &out));
    println!("\n{}", t!(Lang::current(), "commit.keep-seed", file = out.seed.display()));
    if potdraw_core::entropy::room_only(&cfg.params.plan) {
        let w = t!(Lang::current(), "commit.warn-room-only");
        println!("\n*** {w} ***");
        eprintln!("potdraw: {w}");
    }
    for w in &cfg.past_rounds {
        println!("\n*** {w} ***");
        eprintln!("potdraw: {w}");
    }
    Ok(Exit::Success)
}

/// Reads every list, commits them, and writes the files of §7.5.
pub fn execute(cfg: &CommitConfig, fill: &mut dyn FnMut(&mut [u8])) -> Result<(CommittedLists, Outputs)> {
    let out = outputs(&cfg.out);
    crate::layout::refuse_drawn(&cfg.out, &out.commitment)?;
    for p in [&out.commitment, &out.seed, &out.receipts, &out.public_readme, &out.private_readme] {
        files::ensure_writable(p, cfg.force)?;
    }
    let mut inputs = Vec::with_capacity(cfg.lists.len());
    for spec in &cfg.lists {
        let bytes = files::read(&spec.file, super::MAX_CSV_BYTES)?;
        let file = spec.file.display();
        // Issue 28: one workbook, a tab or a filter per list.
        let mut options = cfg.list.clone();
        if spec.sheet.is_some() {
            options.sheet = spec.sheet.clone();
        }
        options.columns.filters.extend(spec.filters.iter().cloned());
        let read = crate::list::read(&spec.file, &bytes, &options).map_err(|e| crate::problem::csv(&file, &e))?;
        print!("{}", crate::list::summary(Lang::current(), &file, &read));
        let rule = match &spec.rule {
            ListRule::Fixed(k) => RuleInput::Fixed(*k),
            ListRule::Pot(None) => RuleInput::Pot(cfg.params.pot, cfg.params.recipients),
            // SPEC §17.6: a list's own pot, with the grant settings of the draw
            // where the list has none of its own.
            ListRule::Pot(Some(amount_cents)) => RuleInput::Pot(spec.grant.policy(*amount_cents, cfg.params.pot), None),
            ListRule::Companions(of) => RuleInput::Companions(of.clone()),
        };
        inputs.push(ListInput {
            name: spec.name.clone(),
            display: spec.display.clone(),
            rule,
            reserves: spec.reserves,
            candidates: read.list.candidates,
        });
    }
    let params = ListsParams {
        title: cfg.params.title.clone(),
        created_at: cfg.params.created_at,
        plan: cfg.params.plan.clone(),
        previous: None,
    };
    let made = commit_lists(&params, inputs, fill).map_err(|e| error(cfg, &e))?;
    let checked = checked_document(&made.commitment)?;
    crate::layout::create(&out)?;
    let seed = format!("{}\n", hex::encode(made.seed));
    let mut staged = vec![files::stage(&out.seed, seed.as_bytes(), Access::Secret)?];
    staged.push(files::stage_streamed(&out.receipts, Access::Secret, |w| {
        made.receipts.iter().try_for_each(|r| super::write_jsonl(w, r))
    })?);
    staged.extend(crate::layout::readmes(&out)?);
    staged.push(files::stage(&out.commitment, &checked, Access::Public)?);
    files::publish(staged, cfg.force)?;
    Ok((made, out))
}

/// The commitment as written, read back and verified before it is published.
fn checked_document(doc: &ListsCommitmentDoc) -> Result<Vec<u8>> {
    let bytes = crate::pretty::document(doc)?;
    let parsed = parse_commitment(&bytes).map_err(|e| anyhow!("internal error: {e}"))?;
    if let Err(f) = potdraw_verify::verify_lists_commitment(parsed).outcome {
        bail!("internal error: the new commitment does not verify: {f}");
    }
    Ok(bytes)
}

/// A [`ListsError`] in words, naming the list's file where there is one.
fn error(cfg: &CommitConfig, e: &ListsError) -> anyhow::Error {
    let has_own_pot = |name: &str| cfg.lists.iter().any(|l| l.name == name && matches!(l.rule, ListRule::Pot(Some(_))));
    // A file that holds several lists (one workbook for the evening) is
    // named with the list, or nobody could tell which list a problem is in.
    let file_of = |name: &str| {
        let Some(l) = cfg.lists.iter().find(|l| l.name == name) else { return String::new() };
        let file = l.file.display().to_string();
        if cfg.lists.iter().filter(|o| o.file == l.file).count() < 2 {
            return file;
        }
        let list = potdraw_core::unicode::visible(l.display.as_deref().unwrap_or(&l.name));
        t!(Lang::current(), "lists.file-of-list", file = file, list = list)
    };
    match e {
        ListsError::ListCount { count } => problem!("lists-count", found = count),
        ListsError::Name { name } => problem!("lists-name", found = format!("{name:?}")),
        ListsError::DuplicateName { name } => problem!("lists-name-twice", name = name),
        ListsError::Display { list, display, source } => crate::config_lists::display_problem(list, display, source),
        ListsError::DisplayTwice { first, first_display, list, display } => problem!(
            "lists-display-twice",
            first = first,
            first_display = format!("{:?}", visible(first_display)),
            list = list,
            display = format!("{:?}", visible(display))
        ),
        ListsError::CompanionsUnknown { list, of } => problem!("lists-companions-unknown", list = list, of = of),
        ListsError::CompanionsChain { list, of } => problem!("lists-companions-chain", list = list, of = of),
        ListsError::NoRecipients { list } => problem!("lists-no-recipients", list = list),
        ListsError::IdInTwoLists { id, first, first_line, list, line } => problem!(
            "lists-id-twice",
            id = potdraw_core::error::quote(id),
            first_file = file_of(first),
            first_line = first_line,
            file = file_of(list),
            line = line
        ),
        ListsError::PlanKind { label, kind } => problem!("lists-plan-kind", label = label, kind = kind),
        ListsError::List { list, source: CommitError::Pot(p) } if has_own_pot(list) => own_pot(list, p),
        ListsError::List { list, source } => crate::problem::commit(&file_of(list), source),
        ListsError::Plan(source) => crate::problem::commit(&"--entropy", source),
    }
}

/// The problem of a list's own pot (`--list-pot NAME=EUROS`) in euros,
/// naming the list and its per-list flags, never the draw's `--pot`.
fn own_pot(list: &str, e: &PotError) -> anyhow::Error {
    let lang = Lang::current();
    match *e {
        PotError::TooSmall { pot_cents, grant_cents, affordable, min, missing_cents } => problem!(
            "lists-pot-too-small",
            list = list,
            pot = lang.money(pot_cents),
            grant = lang.money(grant_cents),
            affordable = crate::render::counted(lang, crate::render::Noun::Grants, affordable),
            min = min,
            missing = lang.money(missing_cents),
            euros = lang.t("lists.euros", &[])
        ),
        PotError::Grant { monthly_cents, months } => {
            problem!("lists-pot-grant", list = list, monthly = lang.money(monthly_cents), months = months)
        }
        PotError::Bounds { min, max } => problem!("lists-pot-bounds", list = list, min = min, max = max),
        // A list's own pot has no fixed number (SPEC §17.6), so only the
        // cost of its minimum can be too large: said as for one list.
        _ => crate::problem::pot(e),
    }
}

/// SPEC §19.4: in a draw of version 5, the lists that have no display
/// name of their own and are shown by their name, said so that the
/// organiser sees it before the draw; nothing for v4 or when every list has one.
fn displays_said(lang: Lang, d: &ListsCommitmentDoc) -> String {
    let plain: Vec<&str> =
        d.lists.iter().filter(|l| l.display.as_deref() == Some(l.name.as_str())).map(|l| l.name.as_str()).collect();
    if plain.is_empty() {
        return String::new();
    }
    format!("{}\n", crate::tn!(lang, "commit.lists.no-display", plain.len(), lists = plain.join(", ")))
}

/// What was committed, list by list, in `lang`.
pub fn summary(lang: Lang, d: &ListsCommitmentDoc, out: &Outputs) -> String {
    let mut s = t!(lang, "commit.lists.title", title = potdraw_core::unicode::visible(&d.title), lists = d.lists.len());
    s.push('\n');
    // SPEC §19.3: a list as people call it; a v4 list by its name.
    let shown = |name: &str| -> String {
        let l = d.lists.iter().find(|l| l.name == name);
        visible(l.and_then(|l| l.display.as_deref()).unwrap_or(name))
    };
    for l in &d.lists {
        let list = shown(&l.name);
        let of_shown = l.companions_of.as_deref().map(shown);
        let line = match (&l.companions_of, &l.pot) {
            (Some(_), _) => t!(
                lang,
                "commit.lists.companions",
                list = list,
                of = of_shown.unwrap_or_default(),
                candidates = l.candidates.count,
                recipients = l.recipients,
                reserves = l.reserves
            ),
            (None, Some(p)) => t!(
                lang,
                "commit.lists.pot",
                list = list,
                candidates = l.candidates.count,
                recipients = l.recipients,
                reserves = l.reserves,
                pot = lang.money(p.amount_cents),
                grant = lang.money(p.grant_cents),
                monthly = lang.money(p.grant_monthly_cents),
                months = crate::tn!(lang, "count.month", p.grant_months),
                surplus = lang.money(p.surplus_cents)
            ),
            (None, None) => t!(
                lang,
                "commit.lists.fixed",
                list = list,
                candidates = l.candidates.count,
                recipients = l.recipients,
                reserves = l.reserves
            ),
        };
        s.push_str(&format!("  {line}\n"));
    }
    s.push_str(&displays_said(lang, d));
    s.push_str(&t!(
        lang,
        "commit.lists.files",
        commitment = out.commitment.display(),
        seed = out.seed.display(),
        receipts = out.receipts.display()
    ));
    s.push('\n');
    s.push_str(&t!(
        lang,
        "commit.lists.digest",
        digest = d.digest,
        fingerprint = crate::render::fingerprint(&d.digest)
    ));
    s.push('\n');
    s
}
