//! `potdraw draw`: at the event (SPEC §5, §6, §7.3).

pub mod lists;

use crate::config::DrawConfig;
use crate::{render, Exit};
use anyhow::Result;
use potdraw_core::unicode::visible;
use potdraw_core::wire::TranscriptDoc;

pub fn run(cfg: DrawConfig) -> Result<Exit> {
    // SPEC §17: a commitment with several lists is drawn list by list.
    if crate::ops::documents::has_lists(&cfg.commitment)? {
        return lists::draw(cfg);
    }
    match crate::ops::drawing::execute(&cfg, &super::read_seed)? {
        Ok(doc) => {
            print!("{}", summary(&doc, &cfg.out));
            Ok(Exit::Success)
        }
        Err(f) => {
            let lang = crate::i18n::Lang::current();
            let said = crate::t!(lang, "draw.refused", file = visible(&cfg.commitment.display().to_string()));
            eprintln!("potdraw: {said}\n{}", render::failure_lines(lang, &f));
            Ok(Exit::Failed)
        }
    }
}

/// What `draw` says it did, in the language of this run.
pub fn summary(doc: &TranscriptDoc, out: &std::path::Path) -> String {
    let lang = crate::i18n::Lang::current();
    // SPEC §2.4: values as people must see them, invisible characters marked.
    let title = format!("\"{}\"", visible(&doc.commitment.title));
    let mut s = crate::t!(lang, "draw.summary.drew", title = title, file = out.display());
    s.push('\n');
    for e in &doc.entropy {
        let (label, value) = (format!("{:<20}", visible(&e.label)), visible(&e.value));
        let line = match e.round {
            Some(round) => crate::t!(lang, "draw.summary.entropy-drand", label = label, value = value, round = round),
            None => crate::t!(lang, "draw.summary.entropy", label = label, value = value),
        };
        s.push_str(&format!("  {line}\n"));
    }
    if let Some(draw_seed) = &doc.draw_seed {
        s.push_str(&format!("  {}\n", crate::t!(lang, "draw.summary.draw-seed", seed = draw_seed)));
    }
    if let Some(key) = &doc.key {
        s.push_str(&format!("  {}\n", crate::t!(lang, "draw.summary.key", key = key)));
    }
    let word = |role: &str| match role {
        "recipient" => crate::t!(lang, "verify.role.recipient"),
        "reserve" => crate::t!(lang, "verify.role.reserve"),
        other => other.to_string(),
    };
    let width = ["recipient", "reserve"].map(|r| word(r).chars().count()).into_iter().max().unwrap_or(9);
    for r in &doc.result {
        let role = word(&r.role);
        let ticket = crate::t!(lang, "verify.ticket", leaf = render::short(&r.leaf));
        s.push_str(&format!("  {role:<width$} {:>3}  {ticket}\n", r.rank));
    }
    s
}
